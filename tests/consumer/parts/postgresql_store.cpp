// sfmc::postgresql_store: the status store on PostgreSQL, through libpq.
#include <sfmc/sms/ens/postgresql_store.hpp>

#include <cstdio>

int main()
{
    // Nothing listens on port 1: libpq is linked and answers, with the password kept out.
    auto opened = sfmc::sms::ens::postgresql_store::open("postgresql://u:s3cr3t@127.0.0.1:1/db?connect_timeout=2", true);
    auto const* why = std::get_if<std::string>(&opened);
    if (!why || why->find("s3cr3t") != std::string::npos)
        return 1;
    std::printf("postgresql_store ok: %s\n", why->substr(0, why->find('\n')).c_str());
    return 0;
}
