#pragma once
// Drawing into a DisplayImage for presentation state graphics: one-pixel
// lines, filled polygons, and text in a small built-in 5x7 bitmap font (core
// has no font engine; the viewer draws text with Qt instead).

#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/core/PresentationState.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace lightbox::core::raster {

// The pixel index a continuous coordinate falls in, bounded so that corrupt
// coordinates cannot overflow an int (anything that far is off the canvas).
inline int pixelIndex(double v) {
    if (!(v > -1.0e7)) return -10000000;  // also NaN
    if (v > 1.0e7) return 10000000;
    return int(std::floor(v));
}

// A sample value per channel at the image's bit depth (gray images use [0]).
using Colour = std::array<std::uint16_t, 3>;

class Canvas {
public:
    explicit Canvas(DisplayImage& image) : image_(image) {}
    int width() const { return image_.width; }
    int height() const { return image_.height; }
    void plot(int x, int y, const Colour& c);
    // Continuous coordinates: (0,0) is the top-left corner of the first pixel.
    void line(Point2 a, Point2 b, const Colour& c);
    void polyline(const std::vector<Point2>& points, bool closed, const Colour& c);
    void fillPolygon(const std::vector<Point2>& points, const Colour& c);  // pixel centres inside (even-odd)
    // Text with its top-left at (x, y); characters are 6 pixels apart, lines 9.
    void text(int x, int y, const std::string& utf8, const Colour& c);

private:
    DisplayImage& image_;
};

// Width and height in pixels that text() covers.
std::array<int, 2> textSize(const std::string& utf8);

// The outline of a circle (centre, a point on it) or an ellipse (major axis
// end points, then minor axis end points) as a closed polygon.
std::vector<Point2> circleOutline(Point2 centre, Point2 onCircle);
std::vector<Point2> ellipseOutline(Point2 major1, Point2 major2, Point2 minor1, Point2 minor2);
// A smooth curve through the points (Catmull-Rom), for INTERPOLATED graphics.
std::vector<Point2> interpolate(const std::vector<Point2>& points);

}  // namespace lightbox::core::raster
