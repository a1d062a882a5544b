#include "lightbox/core/Error.h"
#include "lightbox/core/PixelData.h"

#include <map>

namespace lightbox::core {

Photometric parsePhotometric(const std::string& text) {
    static const std::map<std::string, Photometric> names = {
        {"MONOCHROME1", Photometric::Monochrome1}, {"MONOCHROME2", Photometric::Monochrome2},
        {"RGB", Photometric::Rgb}, {"YBR_FULL", Photometric::YbrFull},
        {"YBR_FULL_422", Photometric::YbrFull422}, {"YBR_PARTIAL_420", Photometric::YbrPartial420},
        {"YBR_ICT", Photometric::YbrIct}, {"YBR_RCT", Photometric::YbrRct},
        {"PALETTE COLOR", Photometric::Palette}};
    auto it = names.find(text);
    return it == names.end() ? Photometric::Unknown : it->second;
}

std::string photometricName(Photometric p) {
    switch (p) {
        case Photometric::Monochrome1: return "MONOCHROME1";
        case Photometric::Monochrome2: return "MONOCHROME2";
        case Photometric::Rgb: return "RGB";
        case Photometric::YbrFull: return "YBR_FULL";
        case Photometric::YbrFull422: return "YBR_FULL_422";
        case Photometric::YbrPartial420: return "YBR_PARTIAL_420";
        case Photometric::YbrIct: return "YBR_ICT";
        case Photometric::YbrRct: return "YBR_RCT";
        case Photometric::Palette: return "PALETTE COLOR";
        case Photometric::Unknown: break;
    }
    return "UNKNOWN";
}

PixelDescription PixelDescription::from(const Dataset& ds, const std::string& name) {
    return from([&](Tag tag) { return ds.integer(tag); }, [&](Tag tag) { return ds.string(tag); }, name);
}

PixelDescription PixelDescription::from(const std::function<std::optional<long long>(Tag)>& integer,
                                        const std::function<std::optional<std::string>(Tag)>& text,
                                        const std::string& name) {
    auto required = [&](Tag tag, const char* keyword) -> long long {
        auto v = integer(tag);
        if (!v) throw Error(ErrorCode::MissingAttribute, name + ": " + keyword + " " + tag.toString() + " missing or empty");
        return *v;
    };
    auto invalid = [&](const std::string& what) {
        return Error(ErrorCode::InvalidAttribute, name + ": " + what);
    };
    PixelDescription d;
    long long rows = required(tags::Rows, "Rows");
    long long cols = required(tags::Columns, "Columns");
    if (rows < 1 || cols < 1 || rows > 65535 || cols > 65535)
        throw invalid("Rows x Columns " + std::to_string(rows) + " x " + std::to_string(cols) + " is not a valid image size");
    d.rows = int(rows);
    d.columns = int(cols);
    d.bitsAllocated = int(required(tags::BitsAllocated, "BitsAllocated"));
    if (d.bitsAllocated != 1 && d.bitsAllocated != 8 && d.bitsAllocated != 16 && d.bitsAllocated != 32)
        throw Error(ErrorCode::UnsupportedPixelFormat, name + ": Bits Allocated " + std::to_string(d.bitsAllocated) + " not supported");
    d.bitsStored = int(integer(tags::BitsStored).value_or(d.bitsAllocated));
    if (d.bitsStored < 1 || d.bitsStored > d.bitsAllocated)
        throw invalid("Bits Stored " + std::to_string(d.bitsStored) + " outside 1.." + std::to_string(d.bitsAllocated));
    d.highBit = int(integer(tags::HighBit).value_or(d.bitsStored - 1));
    if (d.highBit < d.bitsStored - 1 || d.highBit >= d.bitsAllocated) d.highBit = d.bitsStored - 1;
    d.isSigned = integer(tags::PixelRepresentation).value_or(0) == 1;
    d.samplesPerPixel = int(integer(tags::SamplesPerPixel).value_or(1));
    if (d.samplesPerPixel != 1 && d.samplesPerPixel != 3)
        throw Error(ErrorCode::UnsupportedPixelFormat, name + ": Samples per Pixel " + std::to_string(d.samplesPerPixel) + " not supported");
    std::string pi = text(tags::PhotometricInterpretation).value_or(d.samplesPerPixel == 3 ? "RGB" : "MONOCHROME2");
    d.photometric = parsePhotometric(pi);
    if (d.photometric == Photometric::Unknown)
        throw Error(ErrorCode::UnsupportedPixelFormat, name + ": Photometric Interpretation '" + pi + "' not supported");
    bool colourModel = !isMonochrome(d.photometric) && d.photometric != Photometric::Palette;
    if (colourModel && d.samplesPerPixel != 3)
        throw invalid(pi + " needs 3 samples per pixel, file has " + std::to_string(d.samplesPerPixel));
    if (!colourModel && d.samplesPerPixel != 1)
        throw invalid(pi + " needs 1 sample per pixel, file has " + std::to_string(d.samplesPerPixel));
    d.planarConfiguration = int(integer(tags::PlanarConfiguration).value_or(0)) == 1 ? 1 : 0;
    long long frames = integer(tags::NumberOfFrames).value_or(1);
    if (frames < 1) frames = 1;
    if (frames > 1'000'000) throw invalid("Number of Frames " + std::to_string(frames) + " is implausible");
    d.numberOfFrames = int(frames);
    if (d.samplesPerFrame() * 4 > kMaxFrameBytes)
        throw Error(ErrorCode::TooLarge, name + ": one frame of " + std::to_string(cols) + " x " + std::to_string(rows) +
                                           " exceeds the per-frame memory limit");
    return d;
}

}  // namespace lightbox::core
