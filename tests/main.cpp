#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <boost/throw_exception.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>

#ifdef BOOST_NO_EXCEPTIONS
// With -fno-exceptions Boost asks the program what to do instead of throwing. No test
// reaches here: every outcome the tests provoke is a returned result.
void boost::throw_exception(std::exception const& e)
{
    std::fprintf(stderr, "unexpected throw: %s\n", e.what());
    std::abort();
}
void boost::throw_exception(std::exception const& e, boost::source_location const&)
{
    boost::throw_exception(e);
}
#endif

namespace {
int cases_run = 0;

// Counts the test cases that ran, to tell a filter that matched none.
struct run_counter : doctest::IReporter {
    explicit run_counter(doctest::ContextOptions const&) {}
    void report_query(doctest::QueryData const&) override {}
    void test_run_start() override {}
    void test_run_end(doctest::TestRunStats const&) override {}
    void test_case_start(doctest::TestCaseData const&) override { ++cases_run; }
    void test_case_reenter(doctest::TestCaseData const&) override {}
    void test_case_end(doctest::CurrentTestCaseStats const&) override {}
    void test_case_exception(doctest::TestCaseException const&) override {}
    void subcase_start(doctest::SubcaseSignature const&) override {}
    void subcase_end() override {}
    void log_assert(doctest::AssertData const&) override {}
    void log_message(doctest::MessageData const&) override {}
    void test_case_skipped(doctest::TestCaseData const&) override {}
};
REGISTER_LISTENER("run_counter", 1, run_counter);
} // namespace

int main(int argc, char** argv)
{
    doctest::Context context(argc, argv);
    int const failed = context.run();
    if (context.shouldExit())
        return failed;
    // ctest runs each case by its name; a name CMake's list splits (at a ';') matches none,
    // and doctest would call that a success.
    if (cases_run == 0) {
        std::fprintf(stderr, "no test case matched: a test that runs nothing is a failure\n");
        return 1;
    }
    return failed;
}
