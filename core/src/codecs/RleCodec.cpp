// RLE Lossless, PS3.5 Annex G. Hand-written because GDCM 3.0.21 fails on
// multi-sample 16-bit RLE (pydicom SC_rgb_rle_16bit_2frame) and no other codec
// library exists for it; the format is a 64-byte header and PackBits segments.

#include "Codecs.h"

#include <cstring>

namespace lightbox::core::codecs {
namespace {

std::uint32_t readLe32(const std::uint8_t* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}

// Decodes one PackBits segment into `out` (exactly `count` bytes expected).
void unpackSegment(std::span<const std::uint8_t> in, std::vector<std::uint8_t>& out, std::size_t count) {
    out.clear();
    out.reserve(count);
    std::size_t i = 0;
    while (i < in.size() && out.size() < count) {
        int n = static_cast<std::int8_t>(in[i++]);
        if (n >= 0) {
            std::size_t len = std::size_t(n) + 1;
            if (i + len > in.size()) len = in.size() - i;  // truncated literal run
            out.insert(out.end(), in.begin() + std::ptrdiff_t(i), in.begin() + std::ptrdiff_t(i + len));
            i += len;
        } else if (n != -128) {
            if (i >= in.size()) break;
            out.insert(out.end(), std::size_t(1 - n), in[i++]);
        }
    }
    if (out.size() < count) fail("RLE", "segment decodes to " + std::to_string(out.size()) + " bytes, expected " + std::to_string(count));
    out.resize(count);
}

}  // namespace

RawFrame decodeRle(std::span<const std::uint8_t> encoded, const PixelDescription& d) {
    if (encoded.size() < 64) fail("RLE", "frame shorter than its 64-byte header");
    const std::uint32_t segments = readLe32(encoded.data());
    const int bytesPerSample = d.bitsAllocated / 8;
    if (d.bitsAllocated % 8 != 0) fail("RLE", "Bits Allocated " + std::to_string(d.bitsAllocated) + " not encodable");
    const std::uint32_t expected = std::uint32_t(bytesPerSample * d.samplesPerPixel);
    if (segments != expected)
        fail("RLE", "header lists " + std::to_string(segments) + " segments, image needs " + std::to_string(expected));
    std::uint32_t offsets[16] = {};
    for (std::uint32_t s = 0; s < segments; ++s) offsets[s] = readLe32(encoded.data() + 4 + 4 * s);

    const std::size_t pixels = d.pixelsPerFrame();
    RawFrame raw;
    raw.bytesPerSample = bytesPerSample;
    raw.photometric = d.photometric;
    raw.data.assign(pixels * std::size_t(d.samplesPerPixel) * std::size_t(bytesPerSample), 0);
    std::vector<std::uint8_t> plane;
    for (std::uint32_t s = 0; s < segments; ++s) {
        std::size_t begin = offsets[s];
        std::size_t end = (s + 1 < segments) ? offsets[s + 1] : encoded.size();
        if (begin < 64 || begin > encoded.size() || end > encoded.size() || end < begin)
            fail("RLE", "segment " + std::to_string(s + 1) + " offset outside the frame");
        unpackSegment(encoded.subspan(begin, end - begin), plane, pixels);
        // Segment order: for each sample, most significant byte first.
        const int sample = int(s) / bytesPerSample;
        const int byteInSample = bytesPerSample - 1 - int(s) % bytesPerSample;  // little-endian position
        const std::size_t stride = std::size_t(d.samplesPerPixel) * std::size_t(bytesPerSample);
        std::uint8_t* dst = raw.data.data() + std::size_t(sample * bytesPerSample + byteInSample);
        for (std::size_t p = 0; p < pixels; ++p) dst[p * stride] = plane[p];
    }
    return raw;
}

[[noreturn]] void fail(const std::string& codec, const std::string& what);

}  // namespace lightbox::core::codecs
