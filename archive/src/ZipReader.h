#pragma once
// Reading the entries of a .zip archive (libzip), read-only: the archive
// file is never modified, not even its timestamps.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

struct zip;

namespace lightbox::archive {

class ZipReader {
public:
    explicit ZipReader(const std::filesystem::path& path);  // throws Error(NotDicom / Io)
    ~ZipReader();
    ZipReader(const ZipReader&) = delete;
    ZipReader& operator=(const ZipReader&) = delete;

    struct Entry {
        std::uint64_t index = 0;
        std::string name;
        std::uint64_t size = 0;
    };
    const std::vector<Entry>& entries() const { return entries_; }  // files only, no folders
    std::string read(const Entry& entry);

    static bool looksLikeZip(const std::filesystem::path& path);

private:
    std::filesystem::path path_;
    struct zip* archive_ = nullptr;
    std::vector<Entry> entries_;
};

}  // namespace lightbox::archive
