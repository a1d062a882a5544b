#pragma once
// Image pixel description (PS3.3 C.7.6.3) and frame decoding for every
// transfer syntax Lightbox reads: native little/big endian, deflate, RLE,
// JPEG baseline/extended/lossless, JPEG-LS, JPEG 2000.

#include "lightbox/core/DicomFile.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::core {

enum class Photometric {
    Monochrome1, Monochrome2, Rgb, YbrFull, YbrFull422, YbrPartial420, YbrIct, YbrRct, Palette, Unknown
};
Photometric parsePhotometric(const std::string& text);
std::string photometricName(Photometric p);
inline bool isMonochrome(Photometric p) {
    return p == Photometric::Monochrome1 || p == Photometric::Monochrome2;
}

struct PixelDescription {
    int rows = 0;
    int columns = 0;
    int samplesPerPixel = 1;
    int bitsAllocated = 0;
    int bitsStored = 0;
    int highBit = 0;
    bool isSigned = false;
    Photometric photometric = Photometric::Monochrome2;
    int planarConfiguration = 0;
    int numberOfFrames = 1;

    std::size_t pixelsPerFrame() const { return std::size_t(rows) * std::size_t(columns); }
    std::size_t samplesPerFrame() const { return pixelsPerFrame() * std::size_t(samplesPerPixel); }
    // Range of stored values after masking to BitsStored.
    std::int64_t minStoredValue() const { return isSigned ? -(std::int64_t(1) << (bitsStored - 1)) : 0; }
    std::int64_t maxStoredValue() const {
        return isSigned ? (std::int64_t(1) << (bitsStored - 1)) - 1 : (std::int64_t(1) << bitsStored) - 1;
    }

    // Reads and validates the Image Pixel module; throws Error naming the
    // attribute that is missing or impossible.
    static PixelDescription from(const Dataset& ds, const std::string& nameForErrors);
    // The same from attribute values found by other means (the archive's
    // header scan): `integer` and `text` answer as Dataset::integer(tag) and
    // Dataset::string(tag) would.
    static PixelDescription from(const std::function<std::optional<long long>(Tag)>& integer,
                                 const std::function<std::optional<std::string>(Tag)>& text,
                                 const std::string& nameForErrors);
};

// One decoded frame: stored values (masked to BitsStored and sign-extended),
// samples interleaved (R,G,B,R,G,B... for colour), rows top to bottom.
struct Frame {
    int rows = 0;
    int columns = 0;
    int samplesPerPixel = 1;
    // Colour model of `values`: the codec may have converted YBR to RGB, and
    // YBR_FULL_422 is upsampled to full YBR here.
    Photometric photometric = Photometric::Monochrome2;
    std::vector<std::int32_t> values;
};

// The limit on one decoded frame (samples x 4 bytes); guards against
// allocations driven by corrupt Rows/Columns.
inline constexpr std::size_t kMaxFrameBytes = std::size_t(1) << 30;

class PixelDecoder {
public:
    // Throws NoPixelData, UnsupportedTransferSyntax, InvalidAttribute.
    explicit PixelDecoder(DicomFile file);
    ~PixelDecoder();
    PixelDecoder(PixelDecoder&&) noexcept;
    PixelDecoder& operator=(PixelDecoder&&) noexcept;

    const PixelDescription& description() const;
    int frameCount() const;
    bool isLossyCompressed() const;

    // Decodes frame `index` (0-based). Thread-safe for concurrent calls on
    // different frames. Throws Error (DecodeFailed, Malformed, ...).
    Frame decode(int index) const;

    // Decodes frame `index` straight into 16-bit stored values (for volumes):
    // `out` must hold samplesPerFrame() values. Requires BitsStored <= 16.
    void decodeInto(int index, std::int16_t* out) const;
    void decodeInto(int index, std::uint16_t* out) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace lightbox::core
