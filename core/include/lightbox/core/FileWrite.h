#pragma once
// Writing files: every byte or a clear error, and whole-file replacement that
// a reader (or a crash) never sees half of.

#include <cstddef>
#include <filesystem>
#include <string_view>

namespace lightbox::core {

// Writes all `size` bytes to `fd` (short writes and EINTR retried). 0 when
// they all went, else the errno (ENOSPC for a write that stored nothing).
int writeAll(int fd, const void* data, std::size_t size);

// Writes `bytes` to a temporary file beside `path`, flushes it to disk and
// renames it over `path`. Throws Error(Io) naming `path`; no temporary file
// is left behind.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace lightbox::core
