#include <sfmc/sms/ens/sqlite_store.hpp>

#include <doctest/doctest.h>

#include "support/store_conformance.hpp"

#include <cstdlib>
#include <memory>
#include <string>

#include <unistd.h>

namespace {

// A store in a folder of its own, removed with it.
struct sqlite_engine {
    std::string dir;
    sqlite_engine()
    {
        char t[] = "/tmp/sfmc-store-test-XXXXXX";
        if (!mkdtemp(t))
            std::abort();
        dir = t;
    }
    sqlite_engine(sqlite_engine const&) = delete;
    sqlite_engine& operator=(sqlite_engine const&) = delete;
    ~sqlite_engine() { std::system(("rm -rf " + dir).c_str()); }

    std::unique_ptr<sfmc::sms::ens::status_store> open()
    {
        auto opened = sfmc::sms::ens::sqlite_store::open(dir + "/store.db", true);
        if (auto const* why = std::get_if<std::string>(&opened))
            FAIL(*why);
        return std::move(std::get<0>(opened));
    }
    bool refuses_a_missing_store()
    {
        return std::holds_alternative<std::string>(sfmc::sms::ens::sqlite_store::open(dir + "/missing.db", false));
    }
};

} // namespace

TEST_CASE_TEMPLATE_INVOKE(store_conformance_once, sqlite_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_history, sqlite_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_list, sqlite_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_retention, sqlite_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_property, sqlite_engine);
TEST_CASE_TEMPLATE_INVOKE(store_conformance_hostile, sqlite_engine);
