// JPEG baseline, extended (12-bit) and lossless (process 14, SV1) through
// GDCM's codec (its bundled IJG 8/12/16-bit libraries), one frame at a time.

#include "Codecs.h"

#include <gdcmDataElement.h>
#include <gdcmFragment.h>
#include <gdcmJPEGCodec.h>
#include <gdcmPhotometricInterpretation.h>
#include <gdcmPixelFormat.h>
#include <gdcmSequenceOfFragments.h>

#include <cstring>

namespace lightbox::core::codecs {
namespace {

// The sample precision from the first SOFn marker: GDCM picks its 8/12/16-bit
// IJG build from the pixel format, which must follow the stream, not the
// DICOM Bits Stored (a 12-bit CT is often encoded at precision 16).
int jpegPrecision(std::span<const std::uint8_t> s) {
    std::size_t i = 2;
    while (i + 4 < s.size()) {
        if (s[i] != 0xFF) { ++i; continue; }
        const std::uint8_t marker = s[i + 1];
        if (marker == 0xFF) { ++i; continue; }
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { i += 2; continue; }
        const std::size_t length = std::size_t(s[i + 2]) << 8 | s[i + 3];
        const bool isSof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (isSof && i + 4 < s.size()) return s[i + 4];
        if (marker == 0xDA) break;  // start of scan before any SOF: give up
        i += 2 + length;
    }
    return 0;
}

}  // namespace

RawFrame decodeJpeg(std::span<const std::uint8_t> encoded, const PixelDescription& d, const std::string&) {
    if (encoded.size() < 4 || encoded[0] != 0xFF || encoded[1] != 0xD8) fail("JPEG", "frame does not start with an SOI marker");
    gdcm::JPEGCodec codec;
    const int precision = jpegPrecision(encoded);
    if (precision < 2 || precision > 16) fail("JPEG", "no usable SOF marker (precision " + std::to_string(precision) + ")");
    const int allocated = precision <= 8 ? 8 : 16;
    gdcm::PixelFormat pf(static_cast<unsigned short>(d.samplesPerPixel), static_cast<unsigned short>(allocated),
                         static_cast<unsigned short>(precision), static_cast<unsigned short>(precision - 1),
                         static_cast<unsigned short>(d.isSigned ? 1 : 0));
    codec.SetPhotometricInterpretation(
        gdcm::PhotometricInterpretation::GetPIType(photometricName(d.photometric).c_str()));
    codec.SetPlanarConfiguration(static_cast<unsigned int>(d.planarConfiguration));
    const unsigned int dims[3] = {static_cast<unsigned int>(d.columns), static_cast<unsigned int>(d.rows), 1};
    codec.SetNumberOfDimensions(2);
    codec.SetDimensions(dims);
    codec.SetNeedByteSwap(false);
    // Last: SetPixelFormat creates GDCM's internal 8/12/16-bit codec and copies
    // the dimensions and photometric set above into it.
    codec.SetPixelFormat(pf);

    gdcm::SmartPointer<gdcm::SequenceOfFragments> fragments = new gdcm::SequenceOfFragments;
    gdcm::Fragment fragment;
    // GDCM wants even fragment lengths; a trailing pad byte after EOI is harmless.
    std::vector<char> bytes(encoded.begin(), encoded.end());
    if (bytes.size() % 2) bytes.push_back(0);
    fragment.SetByteValue(bytes.data(), static_cast<uint32_t>(bytes.size()));
    fragments->AddFragment(fragment);
    gdcm::DataElement in(gdcm::Tag(0x7fe0, 0x0010));
    in.SetValue(*fragments);

    gdcm::DataElement out;
    bool ok = false;
    try {
        ok = codec.Decode(in, out);
    } catch (const std::exception& e) {
        fail("JPEG", e.what());
    }
    const gdcm::ByteValue* bv = out.GetByteValue();
    if (!ok || !bv) fail("JPEG", "the codec could not decode the frame");

    RawFrame raw;
    const std::size_t samples = d.samplesPerFrame();
    raw.bytesPerSample = allocated / 8;
    raw.precision = precision;
    if (bv->GetLength() < samples * std::size_t(raw.bytesPerSample))
        fail("JPEG", "decoded " + std::to_string(bv->GetLength()) + " bytes, frame needs " +
                         std::to_string(samples * std::size_t(raw.bytesPerSample)));
    raw.data.assign(reinterpret_cast<const std::uint8_t*>(bv->GetPointer()),
                    reinterpret_cast<const std::uint8_t*>(bv->GetPointer()) + samples * std::size_t(raw.bytesPerSample));
    raw.planar = codec.GetPlanarConfiguration() == 1 && d.samplesPerPixel == 3;
    // libjpeg upsamples chroma: subsampled YBR comes back as full YBR unless
    // the codec converted it to RGB itself.
    Photometric after = parsePhotometric(codec.GetPhotometricInterpretation().GetString()
                                             ? codec.GetPhotometricInterpretation().GetString() : "");
    if (after == Photometric::Unknown) after = d.photometric;
    if (after == Photometric::YbrFull422 || after == Photometric::YbrPartial420) after = Photometric::YbrFull;
    raw.photometric = after;
    return raw;
}

}  // namespace lightbox::core::codecs
