#pragma once
// Grayscale Softcopy Presentation State (PS3.3 A.33.1): how a set of images is
// to be displayed - Modality / VOI / Presentation LUT (C.11), spatial
// transformation and displayed area (C.10.4, C.10.6), graphic layers,
// graphic and text annotations (C.10.5, C.10.7), shutters (C.7.6.11 and
// friends) and overlay activation (C.11.7). The model is plain data: the
// reader fills it from a data set, the writer (PresentationStateWriter.h)
// turns it back into one, and PresentationStateRender.h applies it.
//
// Coordinates: PIXEL units are DICOM image coordinates, column then row, with
// the top-left pixel's top-left corner at (0,0) and its centre at (0.5,0.5)
// (PS3.3 C.10.5.1.2, so "pixel centre 1,1" of the command line is (0.5,0.5)
// here); DISPLAY units are fractions 0..1 of the displayed area after the
// spatial transformation.

#include "lightbox/core/Dataset.h"
#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/core/Overlay.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::core {

inline constexpr const char* kGrayscaleSoftcopyPresentationStateStorage = "1.2.840.10008.5.1.4.1.1.11.1";

struct Point2 {
    double x = 0;  // column
    double y = 0;  // row
    bool operator==(const Point2&) const = default;
};

// One referenced image, optionally restricted to some frames (1-based).
struct ImageReference {
    std::string sopClassUid;
    std::string sopInstanceUid;
    std::vector<int> frames;  // empty: every frame
    bool operator==(const ImageReference&) const = default;
};

struct SeriesReference {
    std::string seriesInstanceUid;
    std::vector<ImageReference> images;
    bool operator==(const SeriesReference&) const = default;
};

// The images a module item applies to (a Referenced Image Sequence inside a
// Softcopy VOI LUT, Displayed Area or Graphic Annotation item). Empty: every
// image the presentation state references.
struct ImageSubset {
    std::vector<ImageReference> images;
    bool appliesTo(const std::string& sopInstanceUid, int frame) const;
    bool operator==(const ImageSubset&) const = default;
};

struct SoftcopyVoi {
    ImageSubset subset;
    std::optional<WindowLevel> window;  // window centre / width (first pair)
    std::optional<LookupTable> lut;     // VOI LUT sequence (first item); takes precedence
};

enum class PresentationSizeMode { ScaleToFit, TrueSize, Magnify };
std::string presentationSizeModeName(PresentationSizeMode mode);

struct DisplayedArea {
    ImageSubset subset;
    // The area in image pixel indices, 1-based and inclusive (may lie partly
    // outside the image). The stored corners name the image pixels shown at
    // the top left / bottom right AFTER rotation and flip (PS3.3 C.10.4):
    // the reader and writer convert, this box is always left/top..right/bottom.
    int topLeftColumn = 1, topLeftRow = 1;
    int bottomRightColumn = 1, bottomRightRow = 1;
    PresentationSizeMode sizeMode = PresentationSizeMode::ScaleToFit;
    std::optional<std::array<double, 2>> pixelSpacing;  // Presentation Pixel Spacing (row, column), TRUE SIZE
    std::array<int, 2> pixelAspectRatio{1, 1};          // row\column
    double magnification = 1.0;                          // MAGNIFY
    int width() const { return bottomRightColumn - topLeftColumn + 1; }
    int height() const { return bottomRightRow - topLeftRow + 1; }
};

struct SpatialTransform {
    int rotation = 0;       // clockwise degrees: 0, 90, 180, 270 (applied first)
    bool flip = false;      // horizontal, after the rotation
    bool operator==(const SpatialTransform&) const = default;
};

// Display colours for 16-bit grayscale P-values and CIELab (PS3.3 C.10.7.1.1).
struct RecommendedColour {
    std::optional<std::uint16_t> grayscale;            // 0..0xFFFF
    std::optional<std::array<std::uint16_t, 3>> cielab;  // L*a*b* scaled to 0..0xFFFF
};

struct GraphicLayer {
    std::string name;
    int order = 0;  // lower first (bottom)
    RecommendedColour colour;
    std::string description;
};

enum class AnnotationUnits { Pixel, Display };

enum class GraphicType { Point, Polyline, Interpolated, Circle, Ellipse };
std::string graphicTypeName(GraphicType type);

struct GraphicObject {
    AnnotationUnits units = AnnotationUnits::Pixel;
    GraphicType type = GraphicType::Polyline;
    std::vector<Point2> points;
    bool filled = false;
    bool operator==(const GraphicObject&) const = default;
};

struct TextObject {
    std::string text;
    std::optional<AnnotationUnits> boxUnits;
    Point2 boxTopLeft, boxBottomRight;
    std::optional<AnnotationUnits> anchorUnits;
    Point2 anchor;
    bool anchorVisible = false;
    bool operator==(const TextObject&) const = default;
};

struct GraphicAnnotation {
    ImageSubset subset;
    std::string layer;
    std::vector<GraphicObject> graphics;
    std::vector<TextObject> texts;
};

// Display Shutter (C.7.6.11) and Bitmap Display Shutter (C.7.6.15): what lies
// outside every shutter shape (their intersection is visible) is shown in the
// Shutter Presentation Value.
struct Shutters {
    bool rectangular = false;
    int left = 0, right = 0, upper = 0, lower = 0;  // 1-based pixel columns / rows, inclusive
    bool circular = false;
    Point2 circleCentre;      // column, row (1-based pixel indices)
    double circleRadius = 0;  // pixels
    bool polygonal = false;
    std::vector<Point2> polygon;  // column, row (1-based pixel indices)
    std::optional<std::uint16_t> bitmapOverlayGroup;  // 60xx holding the bitmap shutter
    std::uint16_t presentationValue = 0;              // 16-bit P-value
    // Shutter Presentation Color CIELab Value (0018,1624), scaled as PS3.3
    // C.10.7.1.1 says, as other systems may send it; a colour display shows
    // it instead of the P-value. The writer leaves it out (C.11.12: a
    // grayscale state gives the P-value).
    std::optional<std::array<std::uint16_t, 3>> presentationColourCielab;
    bool any() const { return rectangular || circular || polygonal || bitmapOverlayGroup.has_value(); }
};

// An overlay group the state activates (C.11.7): drawn in `layer`. The
// bitmap comes from the presentation state when it carries one for the
// group, else from the image.
struct OverlayActivation {
    std::uint16_t group = 0x6000;
    std::string layer;
};

struct PresentationState {
    std::string sopClassUid = kGrayscaleSoftcopyPresentationStateStorage;
    std::string sopInstanceUid;
    std::string studyInstanceUid, seriesInstanceUid;
    int instanceNumber = 1;
    std::string contentLabel = "LIGHTBOX";
    std::string contentDescription;
    std::string creatorName;
    std::string creationDate, creationTime;  // DA, TM

    std::vector<SeriesReference> referencedSeries;
    std::optional<ModalityTransform> modality;  // absent: the image's own
    std::vector<SoftcopyVoi> vois;
    PresentationShape presentationShape = PresentationShape::Identity;
    std::optional<LookupTable> presentationLut;
    SpatialTransform spatial;
    std::vector<DisplayedArea> displayedAreas;
    std::vector<GraphicLayer> layers;
    std::vector<GraphicAnnotation> annotations;
    Shutters shutters;
    std::vector<OverlayPlane> overlays;  // bitmaps carried by the presentation state
    std::vector<OverlayActivation> overlayActivations;

    // Reads a GSPS. Throws Error(InvalidAttribute) when the object is not a
    // grayscale softcopy presentation state, MissingAttribute for a missing
    // Type 1 module element that matters for display.
    static PresentationState from(const Dataset& ds);
    static PresentationState read(const std::filesystem::path& path);

    bool references(const std::string& imageUid, int frame = 0) const;  // frame 0: any
    const SoftcopyVoi* voiFor(const std::string& imageUid, int frame) const;
    const DisplayedArea* displayedAreaFor(const std::string& imageUid, int frame) const;
    const GraphicLayer* layer(const std::string& name) const;
};

}  // namespace lightbox::core
