#include "lightbox/core/DicomFile.h"

#include "AbortGuard.h"
#include "GdcmShared.h"
#include "lightbox/core/CharacterSet.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/Part10Bytes.h"

#include <gdcmReader.h>
#include <gdcmTrace.h>
#include <gdcmTransferSyntax.h>

#include <fstream>
#include <map>
#include <sstream>

namespace lightbox::core {
namespace {

void silenceGdcm() {
    static const bool once = [] {
        gdcm::Trace::SetDebug(false);
        gdcm::Trace::SetWarning(false);
        gdcm::Trace::SetError(false);
        return true;
    }();
    (void)once;
}

// A short diagnosis of why GDCM refused a stream, for the one-line error.
std::string diagnose(std::istream& in, std::uintmax_t size) {
    if (size == 0) return "empty file";
    if (size < 132) return "file too short to be DICOM (" + std::to_string(size) + " bytes)";
    in.clear();
    in.seekg(128);
    char magic[4] = {};
    in.read(magic, 4);
    if (std::string(magic, 4) == "DICM")
        return "malformed or truncated DICOM data set (element lengths inconsistent with the file)";
    return "not a DICOM file (no DICM prefix and no recognisable data set)";
}


}  // namespace

// Explicit VR Big Endian: the only big-endian encoding; its Pixel Data header
// is the tag 7FE0,0010 in big-endian order, the VR, two reserved bytes and a
// big-endian length.
static void checkBigEndianPixelData(std::istream& in, std::uintmax_t size, std::size_t position,
                                    Dataset::Shared& shared) {
    if (position < 12 || position > size) return;
    in.clear();
    in.seekg(std::streamoff(position - 12));
    unsigned char h[12] = {};
    if (!in.read(reinterpret_cast<char*>(h), 12)) return;
    if (!(h[0] == 0x7F && h[1] == 0xE0 && h[2] == 0x00 && h[3] == 0x10)) return;
    const std::uint32_t length =
        std::uint32_t(h[11]) | std::uint32_t(h[10]) << 8 | std::uint32_t(h[9]) << 16 | std::uint32_t(h[8]) << 24;
    if (length != 0xFFFFFFFFu && position + length > size) shared.pixelDataTruncated = true;
}

// After a header-only read that skipped (7FE0,0010): confirm from the bytes
// before the stream position that a Pixel Data element header is there, and
// record where its value lies when it is native little-endian data.
static void locatePixelData(std::istream& in, std::uintmax_t size, std::size_t position, Dataset::Shared& shared) {
    if (position < 12 || position > size) return;
    in.clear();
    in.seekg(std::streamoff(position - 12));
    char h[12] = {};
    if (!in.read(h, 12)) return;
    const std::optional<std::uint32_t> length = part10::pixelDataLengthBefore(std::string_view(h, 12), 12);
    if (!length) return;
    const std::string& ts = shared.transferSyntax;
    const bool littleEndianNative = ts == "1.2.840.10008.1.2" || ts == "1.2.840.10008.1.2.1" || ts.empty();
    shared.pixelDataSkipped = true;
    // The fragments' item headers are read one by one: a file is not read whole for them.
    const auto readItemHeader = [&in](std::uint64_t offset, unsigned char (&header)[8]) {
        in.clear();
        in.seekg(std::streamoff(offset));
        return bool(in.read(reinterpret_cast<char*>(header), 8));
    };
    if (part10::pixelDataTruncated(*length, position, size, readItemHeader)) {
        shared.pixelDataTruncated = true;
        return;
    }
    if (*length == part10::kUndefinedLength || !littleEndianNative) return;
    shared.pixelLocation = DicomFile::ValueLocation{position, *length};
}

struct DicomFileFactory {
    static DicomFile make(std::shared_ptr<Dataset::Shared> shared) {
        const gdcm::DataSet& ds = shared->file->GetDataSet();
        Dataset probe(shared, &ds, nullptr);
        auto charset = std::make_shared<CharacterSet>(probe.strings(tags::SpecificCharacterSet));
        DicomFile f;
        static_cast<Dataset&>(f) = Dataset(shared, &ds, charset);
        return f;
    }
};

static DicomFile parseStream(std::istream& in, std::uintmax_t size, const std::filesystem::path& name,
                             DicomFile::Extent extent) {
    silenceGdcm();
    auto shared = std::make_shared<Dataset::Shared>();
    shared->path = name;
    shared->extent = extent;
    gdcm::Reader reader;
    reader.SetStream(in);
    bool ok = false;
    try {
        detail::runGuarded(name.string(), "malformed data set", [&] {
            if (extent == DicomFile::Extent::HeaderOnly) {
                // Skipping the value leaves the stream at its first byte.
                // Static: an abort inside GDCM skips destructors, so nothing here may own memory.
                static const std::set<gdcm::Tag> skip{gdcm::Tag(0x7fe0, 0x0010)};
                ok = reader.ReadUpToTag(gdcm::Tag(0x7fe0, 0x0010), skip);
            } else {
                ok = reader.Read();
            }
        });
    } catch (const std::bad_alloc&) {
        throw Error(ErrorCode::Malformed, name.string() + ": element length beyond memory limits");
    } catch (const Error&) {
        throw;
    } catch (const std::exception&) {
        ok = false;
    }
    if (!ok) {
        throw Error(ErrorCode::NotDicom, name.string() + ": " + diagnose(in, size));
    }
    shared->file = reader.GetFile();
    const gdcm::TransferSyntax& ts = shared->file->GetHeader().GetDataSetTransferSyntax();
    if (ts.GetString()) {
        shared->transferSyntax = ts.GetString();
        while (!shared->transferSyntax.empty() &&
               (shared->transferSyntax.back() == '\0' || shared->transferSyntax.back() == ' '))
            shared->transferSyntax.pop_back();
    }
    if (shared->file->GetDataSet().IsEmpty()) {
        throw Error(ErrorCode::NotDicom, name.string() + ": no DICOM data set found");
    }
    if (extent == DicomFile::Extent::HeaderOnly) {
        locatePixelData(in, size, reader.GetStreamCurrentPosition(), *shared);
        if (shared->transferSyntax == "1.2.840.10008.1.2.2")
            checkBigEndianPixelData(in, size, reader.GetStreamCurrentPosition(), *shared);
    }
    DicomFile f = DicomFileFactory::make(shared);
    return f;
}

DicomFile DicomFile::open(const std::filesystem::path& path, Extent extent) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw Error(ErrorCode::FileNotFound, path.string() + ": no such file");
    }
    if (std::filesystem::is_directory(path, ec)) {
        throw Error(ErrorCode::InvalidArgument, path.string() + ": is a directory, not a file");
    }
    std::uintmax_t size = std::filesystem::file_size(path, ec);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::Io, path.string() + ": cannot open for reading");
    return parseStream(in, size, path, extent);
}

DicomFile DicomFile::fromBytes(std::string bytes, const std::string& nameForErrors) {
    return fromBytes(std::move(bytes), nameForErrors, Extent::Everything);
}

DicomFile DicomFile::fromBytes(std::string bytes, const std::string& nameForErrors, Extent extent) {
    std::uintmax_t size = bytes.size();
    std::istringstream in(std::move(bytes));
    return parseStream(in, size, nameForErrors, extent);
}

namespace {

// A read-only stream buffer over bytes the caller keeps (no copy). GDCM
// reads, seeks and asks for positions; nothing is ever written.
class ViewBuffer : public std::streambuf {
public:
    explicit ViewBuffer(std::string_view bytes) {
        char* begin = const_cast<char*>(bytes.data());  // get area only: never written through
        setg(begin, begin, begin + bytes.size());
    }

protected:
    pos_type seekoff(off_type offset, std::ios_base::seekdir dir, std::ios_base::openmode which) override {
        if (!(which & std::ios_base::in)) return pos_type(off_type(-1));
        const off_type base = dir == std::ios_base::beg ? 0 : dir == std::ios_base::cur ? gptr() - eback() : egptr() - eback();
        return seekpos(pos_type(base + offset), which);
    }
    pos_type seekpos(pos_type position, std::ios_base::openmode which) override {
        const off_type at = off_type(position);
        if (!(which & std::ios_base::in) || at < 0 || at > egptr() - eback()) return pos_type(off_type(-1));
        setg(eback(), eback() + at, egptr());
        return position;
    }
};

}  // namespace

DicomFile DicomFile::fromView(std::string_view bytes, const std::string& nameForErrors, Extent extent) {
    ViewBuffer buffer(bytes);
    std::istream in(&buffer);
    return parseStream(in, bytes.size(), nameForErrors, extent);
}

const std::filesystem::path& DicomFile::path() const {
    static const std::filesystem::path empty;
    return shared_ ? shared_->path : empty;
}

std::string DicomFile::transferSyntaxUid() const { return shared_ ? shared_->transferSyntax : std::string(); }

bool DicomFile::isBigEndian() const { return transferSyntaxUid() == "1.2.840.10008.1.2.2"; }

bool DicomFile::hasPixelData() const { return has(tags::PixelData); }

bool DicomFile::pixelDataPresent() const { return has(tags::PixelData) || (shared_ && shared_->pixelDataSkipped); }

bool DicomFile::pixelDataTruncated() const { return shared_ && shared_->pixelDataTruncated; }

std::size_t part10DataSetOffset(std::string_view bytes) {
    const part10::MetaGroup meta = part10::walkMetaGroup(bytes);
    if (meta.outcome == part10::MetaWalk::NoPreamble) return 0;
    if (meta.outcome == part10::MetaWalk::Complete) return meta.end;
    throw Error(ErrorCode::Malformed, "file meta information (group 0002) runs past the end of the object");
}

std::optional<DicomFile::ValueLocation> DicomFile::pixelDataLocation() const {
    return shared_ ? shared_->pixelLocation : std::nullopt;
}

DicomFile::Extent DicomFile::extent() const { return shared_ ? shared_->extent : Extent::Everything; }

Dataset DicomFile::meta() const {
    if (!shared_) return {};
    return Dataset(shared_, &shared_->file->GetHeader(), charset_);
}

std::string transferSyntaxName(const std::string& uid) {
    static const std::map<std::string, std::string> names = {
        {"1.2.840.10008.1.2", "Implicit VR Little Endian"},
        {"1.2.840.10008.1.2.1", "Explicit VR Little Endian"},
        {"1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"},
        {"1.2.840.10008.1.2.2", "Explicit VR Big Endian"},
        {"1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"},
        {"1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"},
        {"1.2.840.10008.1.2.4.57", "JPEG Lossless (Process 14)"},
        {"1.2.840.10008.1.2.4.70", "JPEG Lossless SV1 (Process 14, predictor 1)"},
        {"1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"},
        {"1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"},
        {"1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless"},
        {"1.2.840.10008.1.2.4.91", "JPEG 2000"},
        {"1.2.840.10008.1.2.5", "RLE Lossless"},
    };
    auto it = names.find(uid);
    return it == names.end() ? uid : it->second;
}

}  // namespace lightbox::core
