// lightbox-cli bench render: the rendering benchmark (bench/RenderBenchmark)
// in-process, against VTK's stock image path.

#include "Arguments.h"
#include "Commands.h"

#include "lightbox/core/Error.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#if LIGHTBOX_HAVE_RENDER_BENCH
#include "RenderBenchmark.h"
#endif

namespace lightbox::cli {

int benchCommand(int argc, char** argv) {
    Arguments args(argc, argv, 2, {"no-3d"}, {"real", "slices", "size", "frames", "out"});
    if (args.positionals().size() != 1 || args.positionals()[0] != "render")
        throw UsageError{"usage: lightbox-cli bench render [--real DIR] [--slices N] [--size N] [--frames N] [--no-3d] [--out FILE.json]"};
#if LIGHTBOX_HAVE_RENDER_BENCH
    bench::RenderBenchOptions options;
    options.realSeries = args.value("real").value_or("");
    options.syntheticSlices = int(args.integer("slices").value_or(1000));
    options.size = int(args.integer("size").value_or(1024));
    options.frames = int(args.integer("frames").value_or(40));
    options.volumeRendering = !args.flag("no-3d");
    if (options.syntheticSlices < 2 || options.size < 64 || options.frames < 1)
        throw UsageError{"--slices must be at least 2, --size at least 64, --frames at least 1"};
    // Progress lines to the real stderr (main.cpp silences library output there).
    std::ostringstream log;
    int rc = 0;
    if (auto out = args.value("out")) {
        std::ofstream file(*out);
        if (!file) throw core::Error(core::ErrorCode::Io, *out + ": cannot be written");
        rc = bench::runRenderBenchmark(options, file, log);
    } else {
        rc = bench::runRenderBenchmark(options, std::cout, log);
    }
    std::fputs(log.str().c_str(), messageStream());
    return rc;
#else
    throw core::Error(core::ErrorCode::Unsupported, "this build has no benchmarks (LIGHTBOX_BUILD_BENCH=OFF)");
#endif
}

}  // namespace lightbox::cli
