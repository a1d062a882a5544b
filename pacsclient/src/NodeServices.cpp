#include "lightbox/pacsclient/NodeServices.h"

#include "lightbox/core/Error.h"

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

}  // namespace lightbox::pacs
