#pragma once
// Spool files: where the PACS client keeps an object that arrives before it
// is stored (a C-STORE data set too large for memory, a C-GET sub-operation,
// a WADO-RS part). One naming rule and one way to write them.

#include "lightbox/core/FileWrite.h"

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

// Writes all `size` bytes; 0 when they all went, else the errno.
using core::writeAll;

}  // namespace lightbox::pacs::detail
