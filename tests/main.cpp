#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
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
