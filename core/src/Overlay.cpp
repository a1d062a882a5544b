#include "lightbox/core/Overlay.h"

namespace lightbox::core {

std::vector<OverlayPlane> readOverlays(const Dataset& ds) {
    std::vector<OverlayPlane> planes;
    for (std::uint16_t group = 0x6000; group <= 0x601E; group = std::uint16_t(group + 2)) {
        std::span<const std::byte> data = ds.bytes(Tag(group, 0x3000));
        if (data.empty()) continue;
        OverlayPlane p;
        p.group = group;
        p.rows = int(ds.integer(Tag(group, 0x0010)).value_or(0));
        p.columns = int(ds.integer(Tag(group, 0x0011)).value_or(0));
        if (p.rows <= 0 || p.columns <= 0) continue;
        std::vector<double> origin = ds.numbers(Tag(group, 0x0050));
        if (origin.size() >= 2) {
            p.originRow = int(origin[0]);
            p.originColumn = int(origin[1]);
        }
        p.frames = std::max(1, int(ds.integer(Tag(group, 0x0015)).value_or(1)));
        p.imageFrameOrigin = std::max(1, int(ds.integer(Tag(group, 0x0051)).value_or(1)));
        p.type = ds.stringOr(Tag(group, 0x0040), "G");
        p.description = ds.stringOr(Tag(group, 0x0022), "");
        const std::size_t count = std::size_t(p.rows) * std::size_t(p.columns) * std::size_t(p.frames);
        if (count > data.size() * 8) continue;  // truncated overlay data: skip, don't guess
        p.bits.resize(count);
        for (std::size_t i = 0; i < count; ++i) p.bits[i] = (std::uint8_t(data[i / 8]) >> (i % 8)) & 1u;
        planes.push_back(std::move(p));
    }
    return planes;
}

void burnOverlays(DisplayImage& image, const std::vector<OverlayPlane>& planes, int imageFrame) {
    const std::uint16_t white = std::uint16_t((1u << image.bits) - 1u);
    for (const OverlayPlane& p : planes) {
        if (!p.covers(imageFrame)) continue;
        const std::size_t frameOffset = std::size_t(imageFrame - p.imageFrameOrigin) * std::size_t(p.rows) * std::size_t(p.columns);
        for (int r = 0; r < p.rows; ++r) {
            const int y = r + p.originRow - 1;
            if (y < 0 || y >= image.height) continue;
            for (int c = 0; c < p.columns; ++c) {
                const int x = c + p.originColumn - 1;
                if (x < 0 || x >= image.width) continue;
                if (!p.bits[frameOffset + std::size_t(r) * std::size_t(p.columns) + std::size_t(c)]) continue;
                const std::size_t at = (std::size_t(y) * std::size_t(image.width) + std::size_t(x)) * std::size_t(image.channels);
                for (int ch = 0; ch < image.channels; ++ch) image.samples[at + std::size_t(ch)] = white;
            }
        }
    }
}

}  // namespace lightbox::core
