#include "ZipReader.h"

#include "lightbox/core/Error.h"

#include <zip.h>

#include <fstream>

namespace lightbox::archive {

using core::Error;
using core::ErrorCode;

namespace {
// Entries beyond this are refused rather than read into memory.
constexpr std::uint64_t kMaxEntrySize = 4ull << 30;
}  // namespace

ZipReader::ZipReader(const std::filesystem::path& path) : path_(path) {
    int error = 0;
    archive_ = zip_open(path.c_str(), ZIP_RDONLY, &error);
    if (!archive_) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, error);
        const std::string why = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        throw Error(ErrorCode::NotDicom, path.string() + ": not a readable zip archive (" + why + ")");
    }
    const zip_int64_t n = zip_get_num_entries(archive_, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(archive_, zip_uint64_t(i), 0, &st) != 0 || !st.name) continue;
        std::string name = st.name;
        if (name.empty() || name.back() == '/') continue;
        entries_.push_back({zip_uint64_t(i), name, st.size});
    }
}

ZipReader::~ZipReader() {
    if (archive_) zip_discard(archive_);  // read-only: never write anything back
}

std::string ZipReader::read(const Entry& entry) {
    const std::string name = path_.string() + "!" + entry.name;
    if (entry.size > kMaxEntrySize) throw Error(ErrorCode::TooLarge, name + ": entry larger than 4 GiB");
    zip_file_t* f = zip_fopen_index(archive_, entry.index, 0);
    if (!f) throw Error(ErrorCode::Io, name + ": cannot open entry (" + zip_strerror(archive_) + ")");
    std::string bytes(std::size_t(entry.size), '\0');
    std::uint64_t done = 0;
    while (done < entry.size) {
        const zip_int64_t n = zip_fread(f, bytes.data() + done, entry.size - done);
        if (n <= 0) {
            const std::string why = zip_file_strerror(f);
            zip_fclose(f);
            throw Error(ErrorCode::Io, name + ": cannot read entry (" + why + ")");
        }
        done += std::uint64_t(n);
    }
    zip_fclose(f);
    return bytes;
}

bool ZipReader::looksLikeZip(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    in.read(magic, 4);
    return in && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
}

}  // namespace lightbox::archive
