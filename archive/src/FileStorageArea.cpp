#include "lightbox/archive/StorageArea.h"

#include "lightbox/core/Error.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>

namespace lightbox::archive {
namespace {

namespace fs = std::filesystem;
using core::Error;
using core::ErrorCode;

std::string why(int error) {
    std::string text = std::strerror(error);
    if (error == ENOSPC) text += " - the disk is full";
    return text;
}

// A rename or a new file is durable only once its directory is flushed too.
void fsyncDirectory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw Error(ErrorCode::Io, dir.string() + ": cannot open folder to flush it (" + why(errno) + ")");
    const int rc = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (rc != 0) throw Error(ErrorCode::Io, dir.string() + ": flushing the folder failed (" + why(error) + ")");
}

void writeAll(int fd, std::string_view bytes, const fs::path& path) {
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw Error(ErrorCode::Io, path.string() + ": write failed (" + why(n < 0 ? errno : ENOSPC) + ")");
        written += std::size_t(n);
    }
}

std::string readFile(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT) throw Error(ErrorCode::FileNotFound, path.string() + ": no such file");
        throw Error(ErrorCode::Io, path.string() + ": cannot open (" + why(error) + ")");
    }
    struct stat st {};
    std::string out;
    if (::fstat(fd, &st) == 0 && st.st_size > 0) out.reserve(std::size_t(st.st_size));
    char buffer[1 << 16];
    while (true) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            throw Error(ErrorCode::Io, path.string() + ": read failed (" + why(error) + ")");
        }
        if (n == 0) break;
        out.append(buffer, std::size_t(n));
    }
    ::close(fd);
    return out;
}

std::string uniqueToken() {
    static std::atomic<std::uint64_t> counter{0};
    static const std::uint64_t salt = std::random_device{}() ^ (std::uint64_t(::getpid()) << 20);
    char name[64];
    std::snprintf(name, sizeof name, "%016llx-%llu.tmp", static_cast<unsigned long long>(salt),
                  static_cast<unsigned long long>(counter.fetch_add(1)));
    return name;
}

}  // namespace

FileStorageArea::FileStorageArea(fs::path root) : root_(std::move(root)), staging_(root_ / "incoming") {
    std::error_code ec;
    fs::create_directories(staging_, ec);
    if (ec) throw Error(ErrorCode::Io, staging_.string() + ": cannot create (" + ec.message() + ")");
}

std::string FileStorageArea::stage(std::string_view bytes) {
    const std::string token = uniqueToken();
    const fs::path path = staging_ / token;
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) throw Error(ErrorCode::Io, path.string() + ": cannot create (" + why(errno) + ")");
    try {
        writeAll(fd, bytes, path);
        // Data and size; the name is made durable by syncStaging().
        if (::fdatasync(fd) != 0)
            throw Error(ErrorCode::Io, path.string() + ": flushing to disk failed (" + why(errno) + ")");
    } catch (...) {
        ::close(fd);
        ::unlink(path.c_str());
        throw;
    }
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(path.c_str());
        throw Error(ErrorCode::Io, path.string() + ": close failed (" + why(error) + ")");
    }
    return token;
}

std::string FileStorageArea::adopt(const fs::path& file, std::string_view bytes) {
    // A file received from the network is already on disk under the root:
    // renaming it into staging saves creating and writing a second copy.
    const std::string token = uniqueToken();
    const fs::path path = staging_ / token;
    if (::rename(file.c_str(), path.c_str()) != 0) return stage(bytes);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fdatasync(fd) != 0) {
        const int error = errno;
        if (fd >= 0) ::close(fd);
        ::unlink(path.c_str());
        throw Error(ErrorCode::Io, path.string() + ": flushing to disk failed (" + why(error) + ")");
    }
    ::close(fd);
    return token;
}

void FileStorageArea::syncStaging() { fsyncDirectory(staging_); }

void FileStorageArea::ensureParent(const fs::path& file) {
    const fs::path dir = file.parent_path();
    {
        std::lock_guard lock(mutex_);
        if (knownDirs_.count(dir)) return;
    }
    // Create missing folders top-down, flushing each new folder's parent so
    // the folder survives a power cut together with the file inside it.
    std::vector<fs::path> missing;
    for (fs::path p = dir; !p.empty() && p != root_ && !fs::exists(p); p = p.parent_path()) missing.push_back(p);
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (::mkdir(it->c_str(), 0755) != 0 && errno != EEXIST)
            throw Error(ErrorCode::Io, it->string() + ": cannot create folder (" + why(errno) + ")");
        fsyncDirectory(it->parent_path());
    }
    std::lock_guard lock(mutex_);
    knownDirs_.insert(dir);
}

void FileStorageArea::publish(const std::string& token, const std::string& key) {
    const fs::path target = root_ / key;
    ensureParent(target);
    const fs::path source = staging_ / token;
    if (::rename(source.c_str(), target.c_str()) != 0)
        throw Error(ErrorCode::Io, target.string() + ": cannot move the received object into place (" + why(errno) + ")");
    std::lock_guard lock(mutex_);
    dirtyDirs_.insert(target.parent_path());
}

void FileStorageArea::syncPublished() {
    std::set<fs::path> dirs;
    {
        std::lock_guard lock(mutex_);
        dirs.swap(dirtyDirs_);
    }
    for (const fs::path& d : dirs) fsyncDirectory(d);
}

void FileStorageArea::notePublished(const std::string& key) {
    std::lock_guard lock(mutex_);
    dirtyDirs_.insert((root_ / key).parent_path());
}

void FileStorageArea::discard(const std::string& token) noexcept { ::unlink((staging_ / token).c_str()); }

bool FileStorageArea::isStaged(const std::string& token) const {
    std::error_code ec;
    return fs::is_regular_file(staging_ / token, ec);
}

std::vector<std::string> FileStorageArea::stagedTokens() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(staging_, ec))
        if (e.is_regular_file(ec)) out.push_back(e.path().filename().string());
    return out;
}

std::string FileStorageArea::readStaged(const std::string& token) const { return readFile(staging_ / token); }

std::string FileStorageArea::read(const std::string& key) const { return readFile(root_ / key); }

bool FileStorageArea::exists(const std::string& key) const {
    std::error_code ec;
    return fs::is_regular_file(root_ / key, ec);
}

std::uint64_t FileStorageArea::size(const std::string& key) const {
    std::error_code ec;
    const auto n = fs::file_size(root_ / key, ec);
    return ec ? 0 : std::uint64_t(n);
}

void FileStorageArea::remove(const std::string& key) {
    const fs::path path = root_ / key;
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
        throw Error(ErrorCode::Io, path.string() + ": cannot remove (" + why(errno) + ")");
    std::lock_guard lock(mutex_);
    dirtyDirs_.insert(path.parent_path());
}

void FileStorageArea::move(const std::string& from, const std::string& to) {
    const fs::path target = root_ / to;
    ensureParent(target);
    if (::rename((root_ / from).c_str(), target.c_str()) != 0)
        throw Error(ErrorCode::Io, (root_ / from).string() + ": cannot move to " + target.string() + " (" + why(errno) + ")");
    std::lock_guard lock(mutex_);
    dirtyDirs_.insert(target.parent_path());
    dirtyDirs_.insert((root_ / from).parent_path());
}

void FileStorageArea::forEach(const std::string& prefix, const std::function<void(const std::string& key)>& visit) const {
    const fs::path base = root_ / prefix;
    std::error_code ec;
    if (!fs::is_directory(base, ec)) return;
    for (auto it = fs::recursive_directory_iterator(base, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_regular_file(ec)) visit(fs::relative(it->path(), root_).generic_string());
    }
}

fs::path FileStorageArea::filePath(const std::string& key) const { return root_ / key; }

}  // namespace lightbox::archive
