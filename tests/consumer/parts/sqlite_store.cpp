// sfmc::sqlite_store: the status store on SQLite (and what ENS needs under it).
#include <sfmc/sms/ens/sqlite_store.hpp>

#include <cstdio>
#include <filesystem>

int main()
{
    auto const path = std::filesystem::temp_directory_path() / "sfmc-sms-consumer-store.db";
    std::filesystem::remove(path);
    auto opened = sfmc::sms::ens::sqlite_store::open(path.string(), /*create=*/true);
    bool const ok = std::holds_alternative<std::unique_ptr<sfmc::sms::ens::sqlite_store>>(opened);
    opened = std::string();
    for (auto suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path.string() + suffix);
    if (!ok)
        return 1;
    std::printf("sqlite_store ok\n");
    return 0;
}
