#include "Arguments.h"
#include "Commands.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/PixelData.h"

#include <fstream>
#include <iostream>

namespace lightbox::cli {

// lightbox-cli decode FILE --out OUT.raw [--frame N]
// The decoded stored values of one frame as little-endian int32, samples
// interleaved, with a one-line description on stdout. For tests and tools
// that compare decoders value by value.
int decodeCommand(int argc, char** argv) {
    Arguments args(argc, argv, 2, {}, {"out", "frame"});
    if (args.positionals().size() != 1 || !args.value("out"))
        throw UsageError{"usage: lightbox-cli decode FILE --out OUT.raw [--frame N]"};
    const std::string path = args.positionals()[0];
    core::DicomFile file = core::DicomFile::open(path);
    core::PixelDecoder decoder(file);
    const int frameNumber = int(args.integer("frame").value_or(1));
    if (frameNumber < 1 || frameNumber > decoder.frameCount())
        throw core::Error(core::ErrorCode::InvalidArgument, path + ": frame " + std::to_string(frameNumber) +
                                                               " requested, the image has " + std::to_string(decoder.frameCount()));
    core::Frame frame = decoder.decode(frameNumber - 1);
    std::ofstream out(*args.value("out"), std::ios::binary);
    out.write(reinterpret_cast<const char*>(frame.values.data()), std::streamsize(frame.values.size() * 4));
    if (!out) throw core::Error(core::ErrorCode::Io, *args.value("out") + ": write failed");
    const auto& d = decoder.description();
    std::cout << "columns=" << frame.columns << " rows=" << frame.rows << " samples=" << frame.samplesPerPixel
              << " frames=" << decoder.frameCount() << " photometric=" << core::photometricName(frame.photometric)
              << " bits_stored=" << d.bitsStored << " signed=" << (d.isSigned ? 1 : 0) << "\n";
    return 0;
}

}  // namespace lightbox::cli
