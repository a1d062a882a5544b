#pragma once
// Private to core: the codecs behind PixelDecoder. Each takes one frame's
// compressed bytes (fragments concatenated) and returns raw samples.

#include "lightbox/core/PixelData.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace lightbox::core::codecs {

struct RawFrame {
    std::vector<std::uint8_t> data;  // host-order containers of bytesPerSample
    int bytesPerSample = 2;          // 1, 2 or 4
    bool planar = false;             // colour-by-plane (RRR..GGG..BBB..)
    Photometric photometric = Photometric::Monochrome2;  // after the codec's colour handling
    int precision = 0;               // bit depth the codec reports (0 = unknown)
    bool codecSigned = false;        // the codec's own signedness (J2K)
};

RawFrame decodeRle(std::span<const std::uint8_t> encoded, const PixelDescription& d);
RawFrame decodeJpeg(std::span<const std::uint8_t> encoded, const PixelDescription& d, const std::string& tsUid);
RawFrame decodeJpegLs(std::span<const std::uint8_t> encoded, const PixelDescription& d);
RawFrame decodeJpeg2000(std::span<const std::uint8_t> encoded, const PixelDescription& d);

// Thrown message helper: "<codec>: <what>".
[[noreturn]] void fail(const std::string& codec, const std::string& what);

}  // namespace lightbox::core::codecs
