#include <sfmc/sms/ens/deleted.hpp>

#include <doctest/doctest.h>

#include <sstream>

TEST_CASE("ens::deleted: says which id, compares by id")
{
    sfmc::sms::ens::deleted const d{"65b885ab-c2b4-46fe-85d0-d6cb8be8057d"};
    std::ostringstream out;
    out << d;
    CHECK(out.str() == "deleted 65b885ab-c2b4-46fe-85d0-d6cb8be8057d");
    CHECK(d == sfmc::sms::ens::deleted{"65b885ab-c2b4-46fe-85d0-d6cb8be8057d"});
    CHECK_FALSE(d == sfmc::sms::ens::deleted{"other"});
}
