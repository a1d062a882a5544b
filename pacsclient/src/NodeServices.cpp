#include "lightbox/pacsclient/NodeServices.h"

#include "SpoolFile.h"

#include "lightbox/core/Error.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace lightbox::pacs {

StoreOutcome NodeServices::storeFile(const StoreContext& context) {
    // One read into a buffer of the file's size (no stream copies).
    std::ifstream in(context.receivedFile, std::ios::binary | std::ios::ate);
    if (!in) throw core::Error(core::ErrorCode::Io, context.receivedFile.string() + ": cannot open the received object");
    std::string bytes(std::size_t(in.tellg()), '\0');
    in.seekg(0);
    if (!in.read(bytes.data(), std::streamsize(bytes.size())))
        throw core::Error(core::ErrorCode::Io, context.receivedFile.string() + ": cannot read the received object");
    return store(bytes, context);
}

StoreOutcome NodeServices::storeReceived(std::string_view part10Bytes, const StoreContext& context) {
    if (context.receivedFile.empty()) return store(std::string(part10Bytes), context);
    const std::filesystem::path& path = context.receivedFile;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) throw core::Error(core::ErrorCode::Io, path.string() + ": cannot create (" + std::strerror(errno) + ")");
    if (const int error = detail::writeAll(fd, part10Bytes.data(), part10Bytes.size())) {
        ::close(fd);
        ::unlink(path.c_str());
        throw core::Error(core::ErrorCode::Io, path.string() + ": write failed (" + std::strerror(error) + ")");
    }
    // Removed afterwards unless the receiver took it over (moved it).
    struct Remove {
        const std::filesystem::path& path;
        ~Remove() { ::unlink(path.c_str()); }
    } remove{path};
    if (::close(fd) != 0)
        throw core::Error(core::ErrorCode::Io, path.string() + ": close failed (" + std::strerror(errno) + ")");
    return storeFile(context);
}

}  // namespace lightbox::pacs
