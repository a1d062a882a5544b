#include "lightbox/viewer/SeriesImageSource.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/Overlay.h"
#include "lightbox/core/PixelData.h"

#include <cmath>

namespace lightbox::viewer {

namespace {

// Input sample (0 .. 2^bits - 1) -> 8-bit DDL through `table`, for every
// input value: the index is the sample scaled to the table's P-value range
// and rounded, as the GPU path's last stage computes it.
std::vector<std::uint8_t> screenValues(const render::CalibrationTable& table, int bits) {
    const std::size_t inputs = std::size_t(1) << bits;
    const double inputTop = double(inputs - 1);
    const double pTop = double(table.ddl.size() - 1);
    const double ddlTop = double((1 << table.ddlBits) - 1);
    std::vector<std::uint8_t> out(inputs);
    for (std::size_t v = 0; v < inputs; ++v) {
        const auto index = std::size_t(std::lround(double(v) / inputTop * pTop));
        out[v] = std::uint8_t(std::lround(double(table.ddl[index]) / ddlTop * 255.0));
    }
    return out;
}

}  // namespace

DisplayedImage renderSlice(const core::SliceRef& slice, std::optional<core::WindowLevel> window,
                           const render::CalibrationTable& calibration) {
    DisplayedImage out;
    try {
        core::DicomFile file = core::DicomFile::open(slice.path);
        core::PixelDecoder decoder(file);
        core::Frame frame = decoder.decode(slice.frame);
        core::DisplayImage display;
        if (core::isMonochrome(frame.photometric)) {
            core::ImageLuts luts = core::ImageLuts::from(file, decoder.description().photometric, slice.frame);
            core::VoiSelection voi;
            voi.kind = core::VoiSelection::Kind::FrameDefault;
            if (window) voi = core::VoiSelection::explicitWindow(*window);
            // Calibrated: P-values at 16 bits, so that the table sees its full input precision.
            const int bits = calibration.isIdentity() ? 8 : 16;
            display = core::renderGrayscale(frame, luts, voi, bits, frame.photometric == core::Photometric::Monochrome1);
        } else {
            display = core::renderColour(frame, file, decoder.description(), 8);
        }
        core::burnOverlays(display, core::readOverlays(file), slice.frame + 1);
        std::vector<std::uint8_t> toScreen;
        if (!calibration.isIdentity()) toScreen = screenValues(calibration, display.bits);
        const bool gray = display.channels == 1;
        QImage image(display.width, display.height, gray ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
        for (int y = 0; y < display.height; ++y) {
            uchar* row = image.scanLine(y);
            const std::size_t base = std::size_t(y) * std::size_t(display.width) * std::size_t(display.channels);
            for (int x = 0; x < display.width * display.channels; ++x) {
                const std::uint16_t sample = display.samples[base + std::size_t(x)];
                row[x] = toScreen.empty() ? uchar(sample) : toScreen[sample];
            }
        }
        out.image = image;
        out.voiDescription = QString::fromStdString(display.voiDescription);
    } catch (const core::Error& e) {
        out.error = QString::fromStdString(e.what());
    }
    return out;
}

}  // namespace lightbox::viewer
