#pragma once
// Whole-file text reading and writing with core::Error on failure.

#include <filesystem>
#include <string>

namespace lightbox::calibration::detail {

std::string readTextFile(const std::filesystem::path& path);
void writeTextFile(const std::filesystem::path& path, const std::string& text);

}  // namespace lightbox::calibration::detail
