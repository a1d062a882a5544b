#pragma once
// Overlay planes (PS3.3 C.9.2): bitmaps in groups 6000-601E shown over the
// image (graphics, ROI outlines burnt in by a modality).

#include "lightbox/core/Dataset.h"
#include "lightbox/core/GrayscalePipeline.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lightbox::core {

struct OverlayPlane {
    std::uint16_t group = 0x6000;
    int rows = 0;
    int columns = 0;
    int originRow = 1;     // 1-based, may be negative
    int originColumn = 1;
    int frames = 1;
    int imageFrameOrigin = 1;
    std::string type;      // "G" graphics, "R" ROI
    std::string description;
    std::vector<std::uint8_t> bits;  // one byte (0/1) per overlay pixel, all frames

    bool covers(int imageFrame) const {  // imageFrame 1-based
        return imageFrame >= imageFrameOrigin && imageFrame < imageFrameOrigin + frames;
    }
};

// Reads every overlay plane with Overlay Data; planes that are inconsistent are skipped.
std::vector<OverlayPlane> readOverlays(const Dataset& ds);

// Draws the planes that apply to `imageFrame` (1-based) into a displayed image
// with the maximum P-value (white), as PS3.3 C.9.2 'replace' display does.
void burnOverlays(DisplayImage& image, const std::vector<OverlayPlane>& planes, int imageFrame);

}  // namespace lightbox::core
