#include "lightbox/core/FileWrite.h"

#include "lightbox/core/Error.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace lightbox::core {

int writeAll(int fd, const void* data, std::size_t size) {
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

void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes) {
    const std::filesystem::path temp = path.string() + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw Error(ErrorCode::Io, path.string() + ": cannot create (" + std::strerror(errno) + ")");
    auto fail = [&](const std::string& what, int error) {
        ::unlink(temp.c_str());
        throw Error(ErrorCode::Io, path.string() + ": " + what + " (" + std::strerror(error) + ")");
    };
    if (const int error = writeAll(fd, bytes.data(), bytes.size())) {
        ::close(fd);
        fail("write failed", error);
    }
    if (::fsync(fd) != 0) {
        const int error = errno;
        ::close(fd);
        fail("flushing to disk failed", error);
    }
    if (::close(fd) != 0) fail("close failed", errno);
    if (::rename(temp.c_str(), path.c_str()) != 0) fail("rename failed", errno);
}

}  // namespace lightbox::core
