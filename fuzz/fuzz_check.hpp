// What the fuzz targets share: an invariant check that stops the run, fuzzing or replaying.
#ifndef SFMC_SMS_FUZZ_CHECK_HPP
#define SFMC_SMS_FUZZ_CHECK_HPP

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define SFMC_FUZZ_CHECK(condition)                                                                 \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace fuzz {
inline std::string_view as_text(std::uint8_t const* data, std::size_t size)
{
    return {reinterpret_cast<char const*>(data), size};
}
} // namespace fuzz

#endif
