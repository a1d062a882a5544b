#pragma once
// The DICOM grayscale pipeline of PS3.3 C.11: Modality LUT (rescale or LUT
// sequence) -> VOI LUT (window with LINEAR / LINEAR_EXACT / SIGMOID, or a VOI
// LUT sequence) -> Presentation LUT (IDENTITY / INVERSE / table) -> P-values.

#include "lightbox/core/Dataset.h"
#include "lightbox/core/PixelData.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::core {

// A LUT as given by a LUT Descriptor (entries, first mapped, bits) and data.
struct LookupTable {
    std::int64_t firstMapped = 0;
    int bits = 16;
    std::vector<std::int32_t> entries;
    std::string explanation;

    bool empty() const { return entries.empty(); }
    // Input below/above the table maps to the first/last entry.
    std::int32_t lookup(double input) const;
    double maxOutput() const { return double((std::int64_t(1) << bits) - 1); }

    // Reads (0028,3002) + (0028,3006) from an item; nullopt if absent or broken.
    // `signedFirstMapped`: the descriptor's second value is signed (modality /
    // VOI LUTs applied to signed input).
    static std::optional<LookupTable> from(const Dataset& item, bool signedFirstMapped);
};

struct ModalityTransform {
    double slope = 1.0;
    double intercept = 0.0;
    std::optional<LookupTable> lut;  // takes precedence over slope/intercept
    std::string rescaleType;          // "HU", "US", ...
    double apply(std::int32_t stored) const;
    bool isIdentity() const { return !lut && slope == 1.0 && intercept == 0.0; }
};

enum class VoiFunction { Linear, LinearExact, Sigmoid };
VoiFunction parseVoiFunction(const std::string& text);
std::string voiFunctionName(VoiFunction f);

struct WindowLevel {
    double center = 0.0;
    double width = 1.0;
    VoiFunction function = VoiFunction::Linear;
    std::string explanation;
    // Maps a modality value to [0, 1] as PS3.3 C.11.2.1.2 defines.
    double apply(double x) const;
};

enum class PresentationShape { Identity, Inverse, Table };

// The LUTs an image (or one frame of a multi-frame image) carries.
struct ImageLuts {
    ModalityTransform modality;
    std::vector<WindowLevel> windows;       // top-level VOI LUT module
    std::vector<WindowLevel> frameWindows;  // Enhanced objects: Frame VOI LUT functional group
    std::vector<LookupTable> voiLuts;
    PresentationShape presentationShape = PresentationShape::Identity;
    std::optional<LookupTable> presentationLut;

    // Reads the top-level modules and, for Enhanced multi-frame objects, the
    // shared and per-frame functional groups for `frameIndex` (0-based).
    static ImageLuts from(const Dataset& ds, Photometric photometric, int frameIndex = 0);
};

// Which VOI transform to use.
struct VoiSelection {
    // Default: the first top-level window, else the first VOI LUT, else the
    // frame's min/max (the rule DCMTK and the checks follow).
    // FrameDefault: as Default but the functional-group window of an Enhanced
    // object comes first (what the reading GUI shows).
    enum class Kind { Default, FrameDefault, Window, WindowIndex, VoiLutIndex, MinMax, None };
    Kind kind = Kind::Default;
    WindowLevel window;  // Kind::Window
    int index = 0;       // WindowIndex / VoiLutIndex, 0-based

    static VoiSelection automatic() { return {}; }
    static VoiSelection explicitWindow(WindowLevel w) { VoiSelection s; s.kind = Kind::Window; s.window = w; return s; }
};

// The displayable output: P-values (grayscale) or RGB, 8 or 16 bits.
struct DisplayImage {
    int width = 0;
    int height = 0;
    int channels = 1;   // 1 = P-values, 3 = RGB
    int bits = 8;       // 8 or 16
    std::vector<std::uint16_t> samples;  // width*height*channels, row-major
    std::string voiDescription;          // what VOI was applied, for the user
};

// Runs the full pipeline on a decoded grayscale frame. Throws InvalidArgument
// if the selection names a window / LUT the image does not have.
DisplayImage renderGrayscale(const Frame& frame, const ImageLuts& luts, const VoiSelection& voi, int outputBits,
                             bool monochrome1);

// Colour frames (RGB, YBR, palette) to 8- or 16-bit RGB.
DisplayImage renderColour(const Frame& frame, const Dataset& ds, const PixelDescription& desc, int outputBits);

}  // namespace lightbox::core
