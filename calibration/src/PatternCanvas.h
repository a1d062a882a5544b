#pragma once
// Drawing on a TestPattern: rectangles, discs, 1-pixel line pairs, text, in
// pixels or in fractions of the pattern's square (the largest centred square,
// so that a 1k layout keeps its shape on a wide native screen).

#include "lightbox/calibration/TestPattern.h"

#include <string>

namespace lightbox::calibration {

enum class LevelScale { FullRange, Shifted };

class PatternCanvas {
public:
    PatternCanvas(TestPattern& pattern, LevelScale scale);

    int width() const { return p_.width_; }
    int height() const { return p_.height_; }
    int side() const { return side_; }          // the centred square's side
    double scale() const { return side_ / 1024.0; }
    int maxValue() const { return p_.maxValue(); }
    // A level given in 8-bit units (fractions allowed) as a native value.
    int level(double v8) const;
    // One 8-bit level step in native units (at least 1).
    int step8() const;

    // Fractions of the centred square to pixels.
    int x(double f) const;
    int y(double f) const;
    int length(double f) const;  // at least 1

    void fill(int value);
    void rect(int x0, int y0, int x1, int y1, int value);  // half-open, clipped
    void frect(double fx0, double fy0, double fx1, double fy1, int value);
    void outline(int x0, int y0, int x1, int y1, int value);  // 1-pixel frame just outside [x0,x1) x [y0,y1)
    enum class Half { Whole, Left, Right };
    void disc(int cx, int cy, int radius, int value, Half half = Half::Whole);
    // Alternating 1-pixel lines: horizontal lines (rows alternate) or vertical.
    void linePairs(int x0, int y0, int x1, int y1, int even, int odd, bool horizontal, int lineWidth = 1);
    void checkerboard(int x0, int y0, int x1, int y1, int a, int b, int cell);
    int textWidth(const std::string& text, int pixelSize) const;
    void text(int x, int y, const std::string& text, int pixelSize, int value);

    // Fills and records a measurement field or target.
    void region(const std::string& name, int x0, int y0, int x1, int y1, int value);
    // Records a region that is already drawn (checked uniform by tests).
    void mark(const std::string& name, int x0, int y0, int x1, int y1, int value);

    // The synthetic-pattern statement, small, centred at the bottom edge, in
    // a level that contrasts with what is under it.
    void drawLabel();

private:
    TestPattern& p_;
    LevelScale scale_;
    int side_ = 0, ox_ = 0, oy_ = 0;
};

}  // namespace lightbox::calibration
