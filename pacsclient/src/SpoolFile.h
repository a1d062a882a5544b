#pragma once
// Spool files: where the PACS client keeps an object that arrives before it
// is stored (a C-STORE data set too large for memory, a C-GET sub-operation,
// a WADO-RS part). One naming rule and one way to write them.

#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <filesystem>
#include <random>
#include <string>

namespace lightbox::pacs::detail {

// A fresh name in `dir`: PREFIX-<random 64-bit>.dcm (created with O_EXCL by the caller).
inline std::filesystem::path spoolFileName(const std::filesystem::path& dir, const char* prefix) {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    return dir / (std::string(prefix) + "-" + std::to_string(rng()) + ".dcm");
}

// Writes all `size` bytes; 0 when they all went, else the errno (ENOSPC for a
// write that stored nothing).
inline int writeAll(int fd, const void* data, std::size_t size) {
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return n < 0 ? errno : ENOSPC;
        p += n;
        size -= std::size_t(n);
    }
    return 0;
}

}  // namespace lightbox::pacs::detail
