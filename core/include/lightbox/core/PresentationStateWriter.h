#pragma once
// Saving what is on screen as a Grayscale Softcopy Presentation State: the
// viewer (or lightbox-cli gsps create) describes its current display, core
// turns it into a PresentationState and writes it as a Part 10 object that
// passes dciodvfy and DCMTK's dcmpschk.

#include "lightbox/core/Dataset.h"
#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/core/PresentationState.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::core {

// One measurement or annotation as the viewer holds it: a graphic in image
// coordinates (PIXEL units) and the text it shows (its value), with the
// text's anchor at the graphic's first point.
struct DisplayedMeasurement {
    GraphicType type = GraphicType::Polyline;
    std::vector<Point2> points;
    bool filled = false;
    std::string text;  // "12.3 mm"; empty: no text object
};

// A free text label: anchored in image coordinates.
struct DisplayedLabel {
    Point2 anchor;
    std::string text;
};

// The current display of one or more images of a series (all frames).
struct CurrentDisplay {
    std::optional<WindowLevel> window;       // else voiLut, else no VOI (identity)
    std::optional<LookupTable> voiLut;
    // Relative to the image's default look: Inverse means the user inverted
    // it (for a MONOCHROME1 image the state then says IDENTITY).
    PresentationShape presentationShape = PresentationShape::Identity;
    std::optional<LookupTable> presentationLut;
    SpatialTransform spatial;
    // The displayed area: pixel indices, 1-based inclusive (column, row).
    // Absent: the whole image. zoomPanArea() derives it from a viewport.
    std::optional<std::array<int, 4>> area;
    PresentationSizeMode sizeMode = PresentationSizeMode::ScaleToFit;
    double magnification = 1.0;  // MAGNIFY
    std::vector<DisplayedMeasurement> measurements;  // layer "MEASUREMENTS"
    std::vector<DisplayedLabel> labels;              // layer "ANNOTATIONS"
    Shutters shutters;
    std::string contentLabel = "LIGHTBOX";
    std::string contentDescription;
    std::string creatorName;
};

// The displayed area of an image of `columns` x `rows` shown in a viewport
// of `viewportWidth` x `viewportHeight` screen pixels at `zoom` screen
// pixels per image pixel with the image point `centre` (image coordinates)
// in the viewport's centre. Returns {left, top, right, bottom}, 1-based.
std::array<int, 4> zoomPanArea(int columns, int rows, int viewportWidth, int viewportHeight, double zoom, Point2 centre);

// The state for the given images (their data sets: they give the UIDs, the
// size and the Modality LUT to copy; all from one study). Throws
// Error(InvalidArgument) for an empty list, images of several studies or
// colour images.
PresentationState presentationStateFor(const CurrentDisplay& display, const std::vector<Dataset>& images);

// Part 10 bytes / a file (written atomically). Patient and study attributes
// come from `referencedImage` (any one of the referenced images). New UIDs
// are generated where the state has none.
std::string presentationStateBytes(const PresentationState& ps, const Dataset& referencedImage);
void writePresentationState(const PresentationState& ps, const Dataset& referencedImage, const std::filesystem::path& path);

}  // namespace lightbox::core
