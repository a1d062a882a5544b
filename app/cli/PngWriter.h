#pragma once

#include "lightbox/core/GrayscalePipeline.h"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace lightbox::cli {

// Writes an 8- or 16-bit grayscale or RGB PNG atomically (temp + rename),
// with optional tEXt chunks (keyword, Latin-1 text). Throws core::Error(Io)
// with the path on failure.
void writePng(const std::filesystem::path& path, const core::DisplayImage& image,
              const std::vector<std::pair<std::string, std::string>>& text = {});

}  // namespace lightbox::cli
