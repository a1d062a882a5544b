#pragma once
// lightbox-cli bench render: frame times of the Lightbox render path against
// VTK's stock image path (vtkImageResliceMapper + vtkImageSlice, which
// windows on the CPU and re-uploads a texture every frame), in one process,
// multisampling off on both sides. Needs a display (Xvfb is enough).

#include <iosfwd>
#include <string>

namespace lightbox::bench {

struct RenderBenchOptions {
    std::string realSeries;      // the 140-slice real CT (skipped when empty or absent)
    int syntheticSlices = 1000;  // the synthetic CT: 512 x 512 x this, built in memory
    int size = 1024;             // window width = height
    int frames = 40;             // per case, after warm-up
    bool volumeRendering = true; // the 3-D case (minutes per run on Mesa)
};

// Writes one JSON object with every case; returns 0.
int runRenderBenchmark(const RenderBenchOptions& options, std::ostream& json, std::ostream& log);

}  // namespace lightbox::bench
