#pragma once
// Does the display get 10 bits? The TG18-MP check of the output path.
//
// A 10-bit TG18-MP pattern (1,024 gray levels in 16 ramps, with markers at
// every 8-bit and 10-bit step) is shown in a viewport at 1:1 through the
// same path as every image - grayscale pass, calibration, output pass - and
// the frame is read back from the framebuffer the viewport writes: 10 bits
// reach the screen only when the output path is the 10-bit one, its
// framebuffer holds 10 bits per channel, the X screen is 30 bits deep, and
// the frame holds more than 256 distinct levels. The physicist also looks at
// the pattern: with 10 bits, the ramps show the finer (half-height) steps.

#include "lightbox/viewer/LoadedSeries.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lightbox::viewer {

class Viewport;

struct OutputDepthReport {
    int outputPathBits = 8;   // the viewport's output path (8: single VTK pass; 10: output pass)
    int framebufferBits = 0;  // bits per channel of the framebuffer the frame is written into
    int screenDepth = 0;      // the screen's depth (30: 10 bits per channel to the display)
    int levelsShown = 0;      // distinct gray levels in the pattern on screen
    int levelsSeen = 0;       // distinct levels read back from the frame
    bool tenBitsReachScreen() const {
        return outputPathBits >= 10 && framebufferBits >= 10 && screenDepth >= 30 && levelsSeen > 256;
    }
    // One sentence a physicist can act on.
    QString summary() const;
};

// A single 2-D image (stored values, no rescale) as a loaded series, shown
// through `windowCenter`/`windowWidth` - for test patterns.
std::shared_ptr<LoadedSeries> imageSeries(int width, int height, const std::vector<std::uint16_t>& values,
                                          double windowCenter, double windowWidth, const std::string& description);

// Shows the 10-bit TG18-MP pattern filling `viewport` at 1:1, overlays and
// calibration off (the check is about the bits, not the curve).
void showOutputDepthPattern(Viewport& viewport);
// Reads back the frame `viewport` last painted (after showOutputDepthPattern
// and a repaint).
OutputDepthReport measureOutputDepth(Viewport& viewport);

}  // namespace lightbox::viewer
