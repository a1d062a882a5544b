#include "lightbox/viewer/SeriesImageSource.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/Overlay.h"
#include "lightbox/core/PixelData.h"

namespace lightbox::viewer {

DisplayedImage renderSlice(const core::SliceRef& slice, std::optional<core::WindowLevel> window) {
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
            display = core::renderGrayscale(frame, luts, voi, 8, frame.photometric == core::Photometric::Monochrome1);
        } else {
            display = core::renderColour(frame, file, decoder.description(), 8);
        }
        core::burnOverlays(display, core::readOverlays(file), slice.frame + 1);
        const bool gray = display.channels == 1;
        QImage image(display.width, display.height, gray ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
        for (int y = 0; y < display.height; ++y) {
            uchar* row = image.scanLine(y);
            const std::size_t base = std::size_t(y) * std::size_t(display.width) * std::size_t(display.channels);
            for (int x = 0; x < display.width * display.channels; ++x) row[x] = uchar(display.samples[base + std::size_t(x)]);
        }
        out.image = image;
        out.voiDescription = QString::fromStdString(display.voiDescription);
    } catch (const core::Error& e) {
        out.error = QString::fromStdString(e.what());
    }
    return out;
}

}  // namespace lightbox::viewer
