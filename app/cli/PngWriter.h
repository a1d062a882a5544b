#pragma once

#include "lightbox/core/GrayscalePipeline.h"

#include <filesystem>

namespace lightbox::cli {

// Writes an 8- or 16-bit grayscale or RGB PNG atomically (temp + rename).
// Throws core::Error(Io) with the path on failure.
void writePng(const std::filesystem::path& path, const core::DisplayImage& image);

}  // namespace lightbox::cli
