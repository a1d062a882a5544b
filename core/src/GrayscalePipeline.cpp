#include "lightbox/core/GrayscalePipeline.h"

#include "lightbox/core/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace lightbox::core {

std::int32_t LookupTable::lookup(double input) const {
    if (entries.empty()) return 0;
    double index = std::floor(input) - double(firstMapped);
    if (index <= 0) return entries.front();
    if (index >= double(entries.size() - 1)) return entries.back();
    return entries[std::size_t(index)];
}

std::optional<LookupTable> LookupTable::from(const Dataset& item, bool signedFirstMapped) {
    std::vector<double> descriptor = item.numbers(tags::LUTDescriptor);
    std::span<const std::byte> data = item.bytes(tags::LUTData);
    if (descriptor.size() < 3 || data.empty()) return std::nullopt;
    LookupTable lut;
    std::size_t count = descriptor[0] <= 0 ? 65536 : std::size_t(descriptor[0]);
    double first = descriptor[1];
    if (signedFirstMapped && first > 32767) first -= 65536;  // US-encoded negative value
    lut.firstMapped = std::int64_t(first);
    lut.bits = int(descriptor[2]);
    if (lut.bits < 1 || lut.bits > 16) lut.bits = 16;
    lut.explanation = item.stringOr(tags::LUTExplanation, "");
    const std::size_t words = data.size() / 2;
    lut.entries.reserve(count);
    if (lut.bits <= 8 && words * 2 == count) {
        // Two 8-bit entries packed per 16-bit word (older writers).
        for (std::size_t i = 0; i < count; ++i) lut.entries.push_back(std::int32_t(std::uint8_t(data[i])));
    } else {
        if (words == 0) return std::nullopt;
        for (std::size_t i = 0; i < std::min(count, words); ++i) {
            std::uint16_t w;
            std::memcpy(&w, data.data() + 2 * i, 2);
            lut.entries.push_back(std::int32_t(w));
        }
    }
    // A descriptor claiming more bits than the data use (common for 12-bit
    // tables declared as 16) is kept as declared: PS3.3 defines the range.
    return lut;
}

double ModalityTransform::apply(std::int32_t stored) const {
    if (lut) return double(lut->lookup(double(stored)));
    return slope * double(stored) + intercept;
}

VoiFunction parseVoiFunction(const std::string& text) {
    if (text == "LINEAR_EXACT") return VoiFunction::LinearExact;
    if (text == "SIGMOID") return VoiFunction::Sigmoid;
    return VoiFunction::Linear;
}

std::string voiFunctionName(VoiFunction f) {
    switch (f) {
        case VoiFunction::LinearExact: return "LINEAR_EXACT";
        case VoiFunction::Sigmoid: return "SIGMOID";
        case VoiFunction::Linear: break;
    }
    return "LINEAR";
}

double WindowLevel::apply(double x) const {
    const double c = center, w = width;
    switch (function) {
        case VoiFunction::Linear: {
            // PS3.3 C.11.2.1.2.1; a width below 1 is treated as 1.
            const double ww = std::max(w, 1.0);
            if (ww <= 1.0) return x < c - 0.5 ? 0.0 : 1.0;
            if (x <= c - 0.5 - (ww - 1) / 2) return 0.0;
            if (x > c - 0.5 + (ww - 1) / 2) return 1.0;
            return (x - (c - 0.5)) / (ww - 1) + 0.5;
        }
        case VoiFunction::LinearExact: {
            // PS3.3 C.11.2.1.3.2
            const double ww = w > 0 ? w : 1e-9;
            if (x <= c - ww / 2) return 0.0;
            if (x > c + ww / 2) return 1.0;
            return (x - c) / ww + 0.5;
        }
        case VoiFunction::Sigmoid: {
            // PS3.3 C.11.2.1.3.1
            const double ww = w != 0 ? w : 1e-9;
            return 1.0 / (1.0 + std::exp(-4.0 * (x - c) / ww));
        }
    }
    return 0.0;
}

namespace {

std::string shortNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

void readWindows(const Dataset& ds, std::vector<WindowLevel>& out) {
    std::vector<double> centers = ds.numbers(tags::WindowCenter);
    std::vector<double> widths = ds.numbers(tags::WindowWidth);
    std::vector<std::string> explanations = ds.strings(tags::WindowCenterWidthExplanation);
    VoiFunction function = parseVoiFunction(ds.stringOr(tags::VOILUTFunction, "LINEAR"));
    for (std::size_t i = 0; i < std::min(centers.size(), widths.size()); ++i) {
        if (std::isnan(centers[i]) || std::isnan(widths[i]) || widths[i] <= 0) continue;
        WindowLevel w;
        w.center = centers[i];
        w.width = widths[i];
        w.function = function;
        if (i < explanations.size()) w.explanation = explanations[i];
        out.push_back(w);
    }
}

void readModality(const Dataset& ds, ModalityTransform& m, bool signedInput) {
    if (auto seq = ds.items(tags::ModalityLUTSequence); !seq.empty()) {
        if (auto lut = LookupTable::from(seq.front(), signedInput)) {
            m.lut = lut;
            m.rescaleType = seq.front().stringOr(tags::ModalityLUTType, "");
            return;
        }
    }
    if (auto slope = ds.number(tags::RescaleSlope)) m.slope = *slope == 0 ? 1.0 : *slope;
    if (auto intercept = ds.number(tags::RescaleIntercept)) m.intercept = *intercept;
    m.rescaleType = ds.stringOr(tags::RescaleType, m.rescaleType);
}

// For Enhanced multi-frame objects: the functional group item holding `sequence`
// for this frame (per-frame first, then shared).
std::optional<Dataset> functionalGroup(const Dataset& ds, Tag sequence, int frameIndex) {
    auto perFrame = ds.items(tags::PerFrameFunctionalGroupsSequence);
    if (frameIndex >= 0 && std::size_t(frameIndex) < perFrame.size()) {
        auto items = perFrame[std::size_t(frameIndex)].items(sequence);
        if (!items.empty()) return items.front();
    }
    auto shared = ds.items(tags::SharedFunctionalGroupsSequence);
    if (!shared.empty()) {
        auto items = shared.front().items(sequence);
        if (!items.empty()) return items.front();
    }
    return std::nullopt;
}

}  // namespace

ImageLuts ImageLuts::from(const Dataset& ds, Photometric photometric, int frameIndex) {
    ImageLuts luts;
    const bool signedInput = ds.integer(tags::PixelRepresentation).value_or(0) == 1;
    readModality(ds, luts.modality, signedInput);
    if (auto group = functionalGroup(ds, tags::PixelValueTransformationSequence, frameIndex))
        readModality(*group, luts.modality, signedInput);

    readWindows(ds, luts.windows);
    if (auto group = functionalGroup(ds, tags::FrameVOILUTSequence, frameIndex)) readWindows(*group, luts.frameWindows);
    // VOI LUT entries are indexed by modality values: signed if those can be negative.
    const bool signedModality = signedInput || luts.modality.intercept < 0;
    for (const Dataset& item : ds.items(tags::VOILUTSequence))
        if (auto lut = LookupTable::from(item, signedModality)) luts.voiLuts.push_back(*lut);

    std::string shape = ds.stringOr(tags::PresentationLUTShape, "");
    if (auto seq = ds.items(tags::PresentationLUTSequence); !seq.empty()) {
        if (auto lut = LookupTable::from(seq.front(), false)) {
            luts.presentationLut = lut;
            luts.presentationShape = PresentationShape::Table;
        }
    }
    if (luts.presentationShape != PresentationShape::Table) {
        if (shape == "INVERSE") luts.presentationShape = PresentationShape::Inverse;
        else if (shape == "IDENTITY") luts.presentationShape = PresentationShape::Identity;
        else luts.presentationShape = photometric == Photometric::Monochrome1 ? PresentationShape::Inverse
                                                                               : PresentationShape::Identity;
    }
    // MONOCHROME1 means "minimum is white": an explicit IDENTITY shape in a
    // MONOCHROME1 image (as DX requires) still displays inverted (PS3.3 C.8.11.6.1.2).
    if (photometric == Photometric::Monochrome1 && shape == "IDENTITY")
        luts.presentationShape = PresentationShape::Inverse;
    return luts;
}

DisplayImage renderGrayscale(const Frame& frame, const ImageLuts& luts, const VoiSelection& voi, int outputBits,
                             bool monochrome1) {
    (void)monochrome1;  // folded into luts.presentationShape by ImageLuts::from
    DisplayImage out;
    out.width = frame.columns;
    out.height = frame.rows;
    out.channels = 1;
    out.bits = outputBits;
    const double outMax = double((1u << outputBits) - 1u);

    if (frame.values.empty()) return out;
    auto [minIt, maxIt] = std::minmax_element(frame.values.begin(), frame.values.end());
    const std::int32_t minStored = *minIt, maxStored = *maxIt;

    // Resolve the VOI choice.
    enum class Mode { Window, Lut, MinMax } mode = Mode::MinMax;
    WindowLevel window;
    const LookupTable* voiLut = nullptr;
    switch (voi.kind) {
        case VoiSelection::Kind::Default:
            if (!luts.windows.empty()) { mode = Mode::Window; window = luts.windows.front(); }
            else if (!luts.voiLuts.empty()) { mode = Mode::Lut; voiLut = &luts.voiLuts.front(); }
            break;
        case VoiSelection::Kind::FrameDefault:
            if (!luts.frameWindows.empty()) { mode = Mode::Window; window = luts.frameWindows.front(); }
            else if (!luts.windows.empty()) { mode = Mode::Window; window = luts.windows.front(); }
            else if (!luts.voiLuts.empty()) { mode = Mode::Lut; voiLut = &luts.voiLuts.front(); }
            break;
        case VoiSelection::Kind::Window: mode = Mode::Window; window = voi.window; break;
        case VoiSelection::Kind::WindowIndex:
            if (voi.index < 0 || std::size_t(voi.index) >= luts.windows.size())
                throw Error(ErrorCode::InvalidArgument, "window " + std::to_string(voi.index + 1) + " requested, the image has " +
                                                            std::to_string(luts.windows.size()));
            mode = Mode::Window;
            window = luts.windows[std::size_t(voi.index)];
            break;
        case VoiSelection::Kind::VoiLutIndex:
            if (voi.index < 0 || std::size_t(voi.index) >= luts.voiLuts.size())
                throw Error(ErrorCode::InvalidArgument, "VOI LUT " + std::to_string(voi.index + 1) + " requested, the image has " +
                                                            std::to_string(luts.voiLuts.size()));
            mode = Mode::Lut;
            voiLut = &luts.voiLuts[std::size_t(voi.index)];
            break;
        case VoiSelection::Kind::MinMax:
        case VoiSelection::Kind::None: break;
    }
    double minModality = 0, maxModality = 0;
    if (mode == Mode::MinMax) {
        double a = luts.modality.apply(minStored), b = luts.modality.apply(maxStored);
        minModality = std::min(a, b);
        maxModality = std::max(a, b);
        if (luts.modality.lut) {  // a LUT need not be monotonic: scan
            minModality = maxModality = luts.modality.apply(minStored);
            for (std::int32_t v = minStored; v <= maxStored; ++v) {
                double m = luts.modality.apply(v);
                minModality = std::min(minModality, m);
                maxModality = std::max(maxModality, m);
            }
        }
    }

    auto toUnit = [&](std::int32_t stored) -> double {
        const double m = luts.modality.apply(stored);
        double y;
        switch (mode) {
            case Mode::Window: y = window.apply(m); break;
            case Mode::Lut: y = double(voiLut->lookup(m)) / voiLut->maxOutput(); break;
            case Mode::MinMax:
            default: y = maxModality > minModality ? (m - minModality) / (maxModality - minModality) : 0.0; break;
        }
        y = std::clamp(y, 0.0, 1.0);
        switch (luts.presentationShape) {
            case PresentationShape::Inverse: y = 1.0 - y; break;
            case PresentationShape::Table:
                if (luts.presentationLut && !luts.presentationLut->empty()) {
                    const LookupTable& p = *luts.presentationLut;
                    double index = y * double(p.entries.size() - 1);
                    y = double(p.entries[std::size_t(std::lround(index))]) / p.maxOutput();
                }
                break;
            case PresentationShape::Identity: break;
        }
        return y;
    };

    switch (mode) {
        case Mode::Window:
            out.voiDescription = "W " + shortNumber(window.width) + " / L " + shortNumber(window.center) +
                                 (window.function == VoiFunction::Linear ? std::string() : " " + voiFunctionName(window.function));
            break;
        case Mode::Lut: out.voiDescription = "VOI LUT " + (voiLut->explanation.empty() ? std::string() : voiLut->explanation); break;
        case Mode::MinMax: out.voiDescription = "min/max " + shortNumber(minModality) + " .. " + shortNumber(maxModality); break;
    }

    out.samples.resize(frame.values.size());
    const std::int64_t span = std::int64_t(maxStored) - minStored + 1;
    if (span <= (1 << 20)) {
        // Stored values are integers in a bounded range: tabulate once.
        std::vector<std::uint16_t> table(static_cast<std::size_t>(span));
        for (std::int64_t i = 0; i < span; ++i)
            table[std::size_t(i)] = std::uint16_t(std::lround(toUnit(std::int32_t(minStored + i)) * outMax));
        for (std::size_t i = 0; i < frame.values.size(); ++i)
            out.samples[i] = table[std::size_t(frame.values[i] - minStored)];
    } else {
        for (std::size_t i = 0; i < frame.values.size(); ++i)
            out.samples[i] = std::uint16_t(std::lround(toUnit(frame.values[i]) * outMax));
    }
    return out;
}

}  // namespace lightbox::core
