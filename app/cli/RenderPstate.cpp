#include "RenderPstate.h"

#include "PngWriter.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/PixelData.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/core/PresentationStateRender.h"

#include <iostream>

namespace lightbox::cli {

int renderWithPresentationState(const std::string& imagePath, const std::string& pstatePath, const Arguments& args) {
    const std::string graphics = args.value("graphics").value_or("on");
    if (graphics != "on" && graphics != "off") throw UsageError{"--graphics expects on or off, got '" + graphics + "'"};
    const int frameNumber = int(args.integer("frame").value_or(1));
    const core::PresentationState ps = core::PresentationState::read(pstatePath);
    core::DicomFile file = core::DicomFile::open(imagePath);
    core::PixelDecoder decoder(file);
    if (frameNumber < 1 || frameNumber > decoder.frameCount())
        throw core::Error(core::ErrorCode::InvalidArgument, imagePath + ": frame " + std::to_string(frameNumber) +
                                                                " requested, the image has " + std::to_string(decoder.frameCount()));
    core::PresentationRenderOptions options;
    options.outputBits = args.flag("16bit") ? 16 : 8;
    options.graphics = graphics == "on";
    core::DisplayImage image;
    try {
        image = core::renderWithPresentationState(decoder.decode(frameNumber - 1), file, ps, frameNumber, options);
    } catch (const core::Error& e) {
        throw core::Error(e.code(), imagePath + " with " + pstatePath + ": " + e.what());
    }
    writePng(*args.value("out"), image);
    if (args.flag("verbose")) std::cout << imagePath << ": " << image.voiDescription << "\n";
    return 0;
}

}  // namespace lightbox::cli
