#pragma once
// A DICOM object read from a Part 10 file (or from a raw data set without
// preamble/meta information where its encoding can be recognised).

#include "lightbox/core/Dataset.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace lightbox::core {

class DicomFile : public Dataset {
public:
    enum class Extent {
        Everything,      // pixel data included
        HeaderOnly,      // stop before (7FE0,0010): cheap, for indexing and sorting
    };

    // Throws Error (FileNotFound, NotDicom, Malformed) naming the file.
    static DicomFile open(const std::filesystem::path& path, Extent extent = Extent::Everything);
    // Parse from memory (a received object, a test buffer).
    static DicomFile fromBytes(std::string bytes, const std::string& nameForErrors = "<memory>");
    // The same with a choice of extent: HeaderOnly skips the pixel value (an
    // archive indexing a received object needs the attributes, not the pixels).
    static DicomFile fromBytes(std::string bytes, const std::string& nameForErrors, Extent extent);
    // The same without taking a copy: parses the caller's bytes in place
    // (they need to live only for the call; nothing refers to them after).
    static DicomFile fromView(std::string_view bytes, const std::string& nameForErrors, Extent extent);

    DicomFile() = default;

    const std::filesystem::path& path() const;
    std::string transferSyntaxUid() const;
    bool isBigEndian() const;
    bool hasPixelData() const;
    Extent extent() const;

    // The file meta information group (0002) as its own data set.
    Dataset meta() const;

    // For a header-only read: where the value of a native (not encapsulated)
    // Pixel Data element lies in the file, so a volume loader can read the
    // samples straight into place. nullopt when absent or encapsulated.
    struct ValueLocation {
        std::uint64_t offset = 0;
        std::uint32_t length = 0;
    };
    std::optional<ValueLocation> pixelDataLocation() const;
    bool pixelDataPresent() const;  // true also when a header-only read skipped it
    // For a header-only read: the Pixel Data value (native, or the fragments of
    // encapsulated data) runs past the end of the bytes - a truncated transfer
    // that a full read would silently pad. An archive must refuse such objects.
    bool pixelDataTruncated() const;
};

// Where the data set begins in Part 10 bytes: after the 128-byte preamble,
// "DICM" and the file meta information group (0002). 0 when the bytes have no
// preamble (a bare data set). Throws Error(Malformed) when the meta group runs
// past the end. Two objects whose bytes agree from here on hold the same data
// set, whatever their meta headers say about who wrote them.
std::size_t part10DataSetOffset(std::string_view bytes);

// Names of well-known transfer syntaxes ("Explicit VR Little Endian"...).
std::string transferSyntaxName(const std::string& uid);

}  // namespace lightbox::core
