// JPEG 2000 (lossless and lossy, raw codestream or JP2 file) through
// OpenJPEG directly, so decoded values equal opj_decompress's.

#include "Codecs.h"

#include <openjpeg.h>

#include <cstring>
#include <memory>

namespace lightbox::core::codecs {
namespace {

struct MemoryStream {
    const std::uint8_t* data;
    std::size_t size;
    std::size_t position;
};

OPJ_SIZE_T readBytes(void* buffer, OPJ_SIZE_T count, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    if (s->position >= s->size) return static_cast<OPJ_SIZE_T>(-1);
    OPJ_SIZE_T n = std::min<OPJ_SIZE_T>(count, s->size - s->position);
    std::memcpy(buffer, s->data + s->position, n);
    s->position += n;
    return n;
}

OPJ_OFF_T skipBytes(OPJ_OFF_T count, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    if (count < 0) {
        if (std::size_t(-count) > s->position) return -1;
        s->position -= std::size_t(-count);
        return count;
    }
    std::size_t n = std::min<std::size_t>(std::size_t(count), s->size - s->position);
    s->position += n;
    return OPJ_OFF_T(n);
}

OPJ_BOOL seekTo(OPJ_OFF_T offset, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    if (offset < 0 || std::size_t(offset) > s->size) return OPJ_FALSE;
    s->position = std::size_t(offset);
    return OPJ_TRUE;
}

void collectMessage(const char* msg, void* user) {
    auto* text = static_cast<std::string*>(user);
    if (text->empty() && msg) {
        *text = msg;
        while (!text->empty() && (text->back() == '\n' || text->back() == ' ')) text->pop_back();
    }
}
void ignoreMessage(const char*, void*) {}

}  // namespace

RawFrame decodeJpeg2000(std::span<const std::uint8_t> encoded, const PixelDescription& d) {
    static const std::uint8_t jp2Signature[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20};
    OPJ_CODEC_FORMAT format = OPJ_CODEC_J2K;
    std::size_t start = 0;
    if (encoded.size() >= 8 && std::memcmp(encoded.data(), jp2Signature, 8) == 0) {
        format = OPJ_CODEC_JP2;  // a JP2 file where a raw codestream belongs (seen from ELSCINT)
    } else {
        // Skip padding some writers put before the SOC marker.
        while (start + 1 < encoded.size() && !(encoded[start] == 0xFF && encoded[start + 1] == 0x4F)) ++start;
        if (start + 1 >= encoded.size()) fail("JPEG 2000", "no SOC marker in the frame");
    }

    MemoryStream memory{encoded.data() + start, encoded.size() - start, 0};
    std::unique_ptr<opj_stream_t, decltype(&opj_stream_destroy)> stream(opj_stream_create(1 << 20, OPJ_TRUE),
                                                                        &opj_stream_destroy);
    opj_stream_set_user_data(stream.get(), &memory, nullptr);
    opj_stream_set_user_data_length(stream.get(), memory.size);
    opj_stream_set_read_function(stream.get(), readBytes);
    opj_stream_set_skip_function(stream.get(), skipBytes);
    opj_stream_set_seek_function(stream.get(), seekTo);

    std::unique_ptr<opj_codec_t, decltype(&opj_destroy_codec)> codec(opj_create_decompress(format), &opj_destroy_codec);
    std::string error;
    opj_set_error_handler(codec.get(), collectMessage, &error);
    opj_set_warning_handler(codec.get(), ignoreMessage, nullptr);
    opj_set_info_handler(codec.get(), ignoreMessage, nullptr);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec.get(), &parameters)) fail("JPEG 2000", "decoder set-up failed");

    opj_image_t* imageRaw = nullptr;
    if (!opj_read_header(stream.get(), codec.get(), &imageRaw))
        fail("JPEG 2000", error.empty() ? "unreadable codestream header" : error);
    std::unique_ptr<opj_image_t, decltype(&opj_image_destroy)> image(imageRaw, &opj_image_destroy);
    const OPJ_UINT32 width = image->x1 - image->x0, height = image->y1 - image->y0;
    if (int(width) != d.columns || int(height) != d.rows)
        fail("JPEG 2000", "codestream is " + std::to_string(width) + " x " + std::to_string(height) +
                              ", DICOM header says " + std::to_string(d.columns) + " x " + std::to_string(d.rows));
    if (int(image->numcomps) < d.samplesPerPixel)
        fail("JPEG 2000", "codestream has " + std::to_string(image->numcomps) + " components, header says " +
                              std::to_string(d.samplesPerPixel));
    if (!opj_decode(codec.get(), stream.get(), image.get()) || !opj_end_decompress(codec.get(), stream.get()))
        fail("JPEG 2000", error.empty() ? "codestream could not be decoded" : error);

    RawFrame raw;
    raw.bytesPerSample = d.bitsAllocated <= 8 ? 1 : (d.bitsAllocated <= 16 ? 2 : 4);
    raw.precision = int(image->comps[0].prec);
    raw.codecSigned = image->comps[0].sgnd != 0;
    const std::size_t pixels = d.pixelsPerFrame();
    const int spp = d.samplesPerPixel;
    raw.data.assign(pixels * std::size_t(spp) * std::size_t(raw.bytesPerSample), 0);
    for (int c = 0; c < spp; ++c) {
        const opj_image_comp_t& comp = image->comps[c];
        if (!comp.data || comp.w != width || comp.h != height) fail("JPEG 2000", "subsampled components are not supported");
        for (std::size_t p = 0; p < pixels; ++p) {
            const std::uint32_t v = static_cast<std::uint32_t>(comp.data[p]);
            std::uint8_t* dst = raw.data.data() + (p * std::size_t(spp) + std::size_t(c)) * std::size_t(raw.bytesPerSample);
            std::memcpy(dst, &v, std::size_t(raw.bytesPerSample));  // little-endian host: low bytes first
        }
    }
    // OpenJPEG applies the inverse multi-component transform itself.
    raw.photometric = (d.photometric == Photometric::YbrIct || d.photometric == Photometric::YbrRct)
                          ? Photometric::Rgb : d.photometric;
    return raw;
}

}  // namespace lightbox::core::codecs
