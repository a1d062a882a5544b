// Colour images to displayable RGB: RGB, YBR_FULL (incl. upsampled 422 and
// codec-converted data) and PALETTE COLOR with normal or segmented tables.

#include "lightbox/core/Error.h"
#include "lightbox/core/GrayscalePipeline.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace lightbox::core {
namespace {

std::vector<std::uint16_t> words(std::span<const std::byte> bytes) {
    std::vector<std::uint16_t> out(bytes.size() / 2);
    if (!out.empty()) std::memcpy(out.data(), bytes.data(), out.size() * 2);
    return out;
}

// PS3.3 C.7.9.2: expand segmented palette data (discrete, linear, indirect).
void expandSegments(const std::vector<std::uint16_t>& data, std::size_t begin, std::size_t end,
                    std::vector<std::int32_t>& out, std::size_t maxEntries, int depth) {
    if (depth > 2) throw Error(ErrorCode::InvalidAttribute, "segmented palette: indirect segments nest too deep");
    std::size_t i = begin;
    while (i + 1 < end && out.size() < maxEntries) {
        const std::uint16_t opcode = data[i], length = data[i + 1];
        i += 2;
        if (opcode == 0) {  // discrete
            for (std::size_t k = 0; k < length && i < end; ++k) out.push_back(data[i++]);
        } else if (opcode == 1) {  // linear ramp from the previous value to y1
            if (out.empty() || i >= end) throw Error(ErrorCode::InvalidAttribute, "segmented palette: linear segment without start");
            const double y0 = out.back(), y1 = data[i++];
            for (std::size_t k = 1; k <= length; ++k)
                out.push_back(std::int32_t(std::lround(y0 + (y1 - y0) * double(k) / double(length))));
        } else if (opcode == 2) {  // indirect: copy `length` segments from a word offset
            if (i + 1 >= end) break;
            const std::size_t offset = std::size_t(data[i]) | (std::size_t(data[i + 1]) << 16);
            i += 2;
            std::size_t j = offset;
            for (std::size_t s = 0; s < length && j + 1 < data.size(); ++s) {
                // Each copied segment is expanded by a recursive call bounded to one segment.
                std::size_t segEnd = j + 2 + (data[j] == 0 ? data[j + 1] : (data[j] == 1 ? 1 : 2));
                expandSegments(data, j, std::min(segEnd, data.size()), out, maxEntries, depth + 1);
                j = segEnd;
            }
        } else {
            throw Error(ErrorCode::InvalidAttribute, "segmented palette: unknown opcode " + std::to_string(opcode));
        }
    }
}

struct Palette {
    std::int64_t firstMapped = 0;
    int bits = 16;
    std::vector<std::int32_t> entries;
};

Palette readPalette(const Dataset& ds, Tag descriptorTag, Tag dataTag, Tag segmentedTag, const std::string& colour) {
    std::vector<double> descriptor = ds.numbers(descriptorTag);
    if (descriptor.size() < 3)
        throw Error(ErrorCode::MissingAttribute, colour + " Palette Color Lookup Table Descriptor missing");
    Palette p;
    const std::size_t count = descriptor[0] <= 0 ? 65536 : std::size_t(descriptor[0]);
    p.firstMapped = std::int64_t(descriptor[1]);
    p.bits = int(descriptor[2]) == 8 ? 8 : 16;
    if (ds.hasValue(segmentedTag)) {
        std::vector<std::uint16_t> data = words(ds.bytes(segmentedTag));
        expandSegments(data, 0, data.size(), p.entries, count, 0);
    } else {
        std::span<const std::byte> raw = ds.bytes(dataTag);
        if (raw.empty()) throw Error(ErrorCode::MissingAttribute, colour + " Palette Color Lookup Table Data missing");
        if (p.bits == 8 && raw.size() == count) {
            for (std::size_t i = 0; i < count; ++i) p.entries.push_back(std::int32_t(std::uint8_t(raw[i])));
        } else {
            for (std::uint16_t w : words(raw)) p.entries.push_back(w);
            // 8-bit entries in 16-bit words sometimes carry the value in the high byte.
            if (p.bits == 8 && std::any_of(p.entries.begin(), p.entries.end(), [](std::int32_t v) { return v > 255; }))
                for (auto& v : p.entries) v >>= 8;
        }
    }
    if (p.entries.empty()) throw Error(ErrorCode::InvalidAttribute, colour + " palette is empty");
    return p;
}

}  // namespace

DisplayImage renderColour(const Frame& frame, const Dataset& ds, const PixelDescription& desc, int outputBits) {
    DisplayImage out;
    out.width = frame.columns;
    out.height = frame.rows;
    out.channels = 3;
    out.bits = outputBits;
    const double outMax = double((1u << outputBits) - 1u);
    const std::size_t pixels = std::size_t(frame.rows) * std::size_t(frame.columns);
    out.samples.resize(pixels * 3);

    if (frame.photometric == Photometric::Palette) {
        Palette r = readPalette(ds, tags::RedPaletteColorLookupTableDescriptor, tags::RedPaletteColorLookupTableData,
                                tags::SegmentedRedPaletteColorLookupTableData, "Red");
        Palette g = readPalette(ds, tags::GreenPaletteColorLookupTableDescriptor, tags::GreenPaletteColorLookupTableData,
                                tags::SegmentedGreenPaletteColorLookupTableData, "Green");
        Palette b = readPalette(ds, tags::BluePaletteColorLookupTableDescriptor, tags::BluePaletteColorLookupTableData,
                                tags::SegmentedBluePaletteColorLookupTableData, "Blue");
        auto map = [&](const Palette& p, std::int32_t v) {
            std::int64_t i = std::clamp<std::int64_t>(std::int64_t(v) - p.firstMapped, 0, std::int64_t(p.entries.size()) - 1);
            const double maxIn = double((1 << p.bits) - 1);
            return std::uint16_t(std::lround(double(p.entries[std::size_t(i)]) / maxIn * outMax));
        };
        for (std::size_t i = 0; i < pixels; ++i) {
            const std::int32_t v = frame.values[i];
            out.samples[3 * i] = map(r, v);
            out.samples[3 * i + 1] = map(g, v);
            out.samples[3 * i + 2] = map(b, v);
        }
        return out;
    }
    if (frame.samplesPerPixel != 3)
        throw Error(ErrorCode::UnsupportedPixelFormat, "colour rendering needs 3 samples per pixel");

    const double inMax = double((std::int64_t(1) << desc.bitsStored) - 1);
    const double half = double(std::int64_t(1) << (desc.bitsStored - 1));
    const bool ybr = frame.photometric == Photometric::YbrFull || frame.photometric == Photometric::YbrFull422 ||
                     frame.photometric == Photometric::YbrPartial420 || frame.photometric == Photometric::YbrIct ||
                     frame.photometric == Photometric::YbrRct;
    for (std::size_t i = 0; i < pixels; ++i) {
        double r = frame.values[3 * i], g = frame.values[3 * i + 1], b = frame.values[3 * i + 2];
        if (ybr) {
            // PS3.3 C.7.6.3.1.2 (YBR_FULL, ITU-R BT.601 full range).
            const double y = r, cb = g - half, cr = b - half;
            r = y + 1.402 * cr;
            g = y - 0.344136 * cb - 0.714136 * cr;
            b = y + 1.772 * cb;
        }
        out.samples[3 * i] = std::uint16_t(std::lround(std::clamp(r / inMax, 0.0, 1.0) * outMax));
        out.samples[3 * i + 1] = std::uint16_t(std::lround(std::clamp(g / inMax, 0.0, 1.0) * outMax));
        out.samples[3 * i + 2] = std::uint16_t(std::lround(std::clamp(b / inMax, 0.0, 1.0) * outMax));
    }
    return out;
}

}  // namespace lightbox::core
