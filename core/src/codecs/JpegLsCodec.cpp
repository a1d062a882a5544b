// JPEG-LS lossless and near-lossless through CharLS directly (GDCM 3.0.21
// fails on fragmented multi-frame JPEG-LS without a Basic Offset Table).

#include "Codecs.h"

#include <charls/charls.h>

namespace lightbox::core::codecs {

RawFrame decodeJpegLs(std::span<const std::uint8_t> encoded, const PixelDescription& d) {
    try {
        charls::jpegls_decoder decoder(encoded.data(), encoded.size(), true);
        const charls::frame_info& info = decoder.frame_info();
        if (int(info.width) != d.columns || int(info.height) != d.rows)
            fail("JPEG-LS", "stream is " + std::to_string(info.width) + " x " + std::to_string(info.height) +
                                ", DICOM header says " + std::to_string(d.columns) + " x " + std::to_string(d.rows));
        if (info.component_count != d.samplesPerPixel)
            fail("JPEG-LS", "stream has " + std::to_string(info.component_count) + " components, header says " +
                                std::to_string(d.samplesPerPixel));
        RawFrame raw;
        raw.bytesPerSample = info.bits_per_sample <= 8 ? 1 : 2;
        raw.precision = info.bits_per_sample;
        raw.data.resize(decoder.destination_size());
        decoder.decode(raw.data.data(), raw.data.size());
        raw.planar = info.component_count > 1 && decoder.interleave_mode() == charls::interleave_mode::none;
        raw.photometric = d.photometric;
        if (raw.bytesPerSample == 1 && d.bitsAllocated == 16) {
            // 8-bit stream in a 16-bit container: widen.
            std::vector<std::uint8_t> wide(raw.data.size() * 2, 0);
            for (std::size_t i = 0; i < raw.data.size(); ++i) wide[2 * i] = raw.data[i];
            raw.data.swap(wide);
            raw.bytesPerSample = 2;
        }
        return raw;
    } catch (const charls::jpegls_error& e) {
        fail("JPEG-LS", e.what());
    }
}

}  // namespace lightbox::core::codecs
