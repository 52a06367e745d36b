#ifndef SFMC_SMS_TESTS_RUN_THREADS_HPP
#define SFMC_SMS_TESTS_RUN_THREADS_HPP

#include <boost/asio/io_context.hpp>

#include <thread>
#include <vector>

namespace test {

// Runs `io` on `threads` threads (this one among them) until it has no work left.
inline void run_on_threads(boost::asio::io_context& io, int threads)
{
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& t : pool)
        t.join();
}

} // namespace test

#endif
