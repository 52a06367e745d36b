// A disk that fills up when a test says so, for the receiver's end-to-end tests (LD_PRELOAD):
// while the file named by SFMC_TEST_FULL_DISK exists, every write to a regular file fails with
// ENOSPC, as on a full disk; sockets and pipes are left alone. The tests run as root, which
// permissions do not stop, and cannot mount a small file system.
#include <cerrno>
#include <cstdlib>

#include <dlfcn.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

namespace {

bool full(int fd)
{
    char const* control = std::getenv("SFMC_TEST_FULL_DISK");
    struct stat st;
    if (!control || ::stat(control, &st) != 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    errno = ENOSPC;
    return true;
}

template <class Function>
Function next(char const* name)
{
    return reinterpret_cast<Function>(::dlsym(RTLD_NEXT, name));
}

} // namespace

extern "C" {

ssize_t write(int fd, void const* data, size_t size)
{
    static auto const real = next<ssize_t (*)(int, void const*, size_t)>("write");
    return full(fd) ? -1 : real(fd, data, size);
}

ssize_t pwrite(int fd, void const* data, size_t size, off_t at)
{
    static auto const real = next<ssize_t (*)(int, void const*, size_t, off_t)>("pwrite");
    return full(fd) ? -1 : real(fd, data, size, at);
}

ssize_t pwrite64(int fd, void const* data, size_t size, off64_t at)
{
    static auto const real = next<ssize_t (*)(int, void const*, size_t, off64_t)>("pwrite64");
    return full(fd) ? -1 : real(fd, data, size, at);
}

ssize_t writev(int fd, iovec const* parts, int count)
{
    static auto const real = next<ssize_t (*)(int, iovec const*, int)>("writev");
    return full(fd) ? -1 : real(fd, parts, count);
}

} // extern "C"
