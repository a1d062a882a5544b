#include "TextFiles.h"

#include "lightbox/core/Error.h"

#include <fstream>
#include <sstream>

namespace lightbox::calibration::detail {

std::string readTextFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw core::Error(core::ErrorCode::FileNotFound, path.string() + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeTextFile(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw core::Error(core::ErrorCode::Io, path.string() + ": cannot write");
    out << text;
    out.flush();
    if (!out) throw core::Error(core::ErrorCode::Io, path.string() + ": write failed");
}

}  // namespace lightbox::calibration::detail
