#pragma once
// DICOM Part 10 bytes read and written directly, without a parser: little-endian
// integers, element headers in Explicit VR Little Endian, the file meta group
// (0002), and the Pixel Data checks a header-only read makes. The one place
// for these rules: DicomFile applies them after GDCM has read a header, the
// archive's header scan applies them to received bytes, and both must decide
// alike (tests/archive/tst_header_scan compares them).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace lightbox::core::part10 {

constexpr std::uint32_t kUndefinedLength = 0xFFFFFFFFu;

// Little-endian integers at `at` (the caller has checked the bytes are there).
inline std::uint16_t le16(std::string_view bytes, std::size_t at) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data()) + at;
    return std::uint16_t(p[0] | p[1] << 8);
}
inline std::uint32_t le32(std::string_view bytes, std::size_t at) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data()) + at;
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}
// The same appended to `out` (the low 16 or 32 bits of `v`).
void appendLe16(std::string& out, std::uint32_t v);
void appendLe32(std::string& out, std::uint32_t v);

// A VR's two letters as one number ('O','B' -> 0x4F42).
constexpr unsigned vrCode(char a, char b) {
    return unsigned(static_cast<unsigned char>(a)) << 8 | static_cast<unsigned char>(b);
}

// How an explicit VR's length is written (PS3.5 7.1.2): 16 bits, or two
// reserved bytes and 32 bits. Unknown: not one of the VRs of PS3.5 6.2 that
// GDCM 3.0 knows.
enum class VrForm { Unknown, ShortLength, LongLength };
VrForm vrForm(unsigned vr);

// An element header in Explicit VR Little Endian.
struct ExplicitHeader {
    std::uint16_t group = 0, element = 0;
    unsigned vr = 0;            // vrCode of its two letters
    VrForm form = VrForm::Unknown;
    bool reservedZero = true;   // a long-length form's two reserved bytes are zero
    std::uint32_t length = 0;
    std::size_t valueStart = 0;
};

// The header at `at`; nullopt when the bytes end inside it. An unknown VR is
// read with a 16-bit length.
std::optional<ExplicitHeader> explicitHeaderAt(std::string_view bytes, std::size_t at);

// The file meta group of Part 10 bytes: after the 128-byte preamble and "DICM",
// the group 0002 elements (always Explicit VR Little Endian, PS3.10 7.1).
enum class MetaWalk {
    NoPreamble,  // fewer than 132 bytes, or no "DICM" at 128
    Complete,    // every element inside the bytes; `end` is where the data set begins
    CutShort,    // an element (header or value) runs past the end; `end` is where it starts
    Stopped,     // the visitor refused an element; `end` is where it starts
};
struct MetaGroup {
    MetaWalk outcome = MetaWalk::NoPreamble;
    std::size_t end = 0;
};
// Walks the meta group, handing each element whose value lies inside the
// bytes to `visit` (which returns false to stop).
MetaGroup walkMetaGroup(std::string_view bytes, const std::function<bool(const ExplicitHeader&)>& visit = {});

// A little-endian Pixel Data (7FE0,0010) element header in the 12 bytes
// before `position` - where a header-only read that skipped the value stopped:
// explicit VR (tag, O./U. VR, 2 reserved bytes, 32-bit length) or implicit VR
// (tag, length). Its length, or nullopt when none is there.
std::optional<std::uint32_t> pixelDataLengthBefore(std::string_view bytes, std::size_t position);

// Reads the 8 bytes at `offset` of an object into `header`; false when it cannot.
using ReadItemHeader = std::function<bool(std::uint64_t offset, unsigned char (&header)[8])>;

// Whether a Pixel Data value of `length` starting at `position` in an object of
// `size` bytes runs past their end. An undefined length is encapsulated data
// (PS3.5 A.4): truncated unless items (FFFE,E000), each inside the bytes, lead
// to the sequence delimiter (FFFE,E0DD). `read` fetches the item headers, so a
// file need not be in memory.
bool pixelDataTruncated(std::uint32_t length, std::uint64_t position, std::uint64_t size, const ReadItemHeader& read);
// The same over bytes in memory.
bool pixelDataTruncated(std::uint32_t length, std::string_view bytes, std::size_t position);

}  // namespace lightbox::core::part10
