// Copyright (c) 2026 The sfmc-sms developers. Distributed under the Boost Software License 1.0.
#ifndef SFMC_SMS_IMPL_RUN_BLOCKING_IPP
#define SFMC_SMS_IMPL_RUN_BLOCKING_IPP

// detail/run_blocking.hpp's definitions: inline in header-only mode, compiled once by
// <sfmc/sms/src.hpp> with SFMC_SMS_SEPARATE_COMPILATION.

#include <sfmc/sms/detail/run_blocking.hpp>

#include <chrono>
#include <cstdint>
#include <thread>

namespace sfmc::sms {

SFMC_SMS_DECL double detail::jitter_random() noexcept
{
    thread_local std::uint64_t state =
        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
        reinterpret_cast<std::uintptr_t>(&state);
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

SFMC_SMS_DECL void detail::sleep_for(std::chrono::milliseconds delay)
{
    std::this_thread::sleep_for(delay);
}

} // namespace sfmc::sms

#endif
