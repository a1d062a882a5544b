#include "Raster.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace lightbox::core::raster {

namespace {

// A 5x7 font drawn for Lightbox: '#' is ink. Lower case is shown as upper
// case; characters without a glyph show as a box.
struct Glyph {
    char ch;
    const char* rows[7];
};
constexpr Glyph kFont[] = {
    {' ', {".....", ".....", ".....", ".....", ".....", ".....", "....."}},
    {'0', {".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."}},
    {'1', {"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."}},
    {'2', {".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"}},
    {'3', {"#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."}},
    {'4', {"...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."}},
    {'5', {"#####", "#....", "####.", "....#", "....#", "#...#", ".###."}},
    {'6', {"..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."}},
    {'7', {"#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."}},
    {'8', {".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."}},
    {'9', {".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."}},
    {'A', {".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"}},
    {'B', {"####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."}},
    {'C', {".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."}},
    {'D', {"###..", "#..#.", "#...#", "#...#", "#...#", "#..#.", "###.."}},
    {'E', {"#####", "#....", "#....", "####.", "#....", "#....", "#####"}},
    {'F', {"#####", "#....", "#....", "####.", "#....", "#....", "#...."}},
    {'G', {".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"}},
    {'H', {"#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"}},
    {'I', {".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."}},
    {'J', {"..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."}},
    {'K', {"#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"}},
    {'L', {"#....", "#....", "#....", "#....", "#....", "#....", "#####"}},
    {'M', {"#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"}},
    {'N', {"#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"}},
    {'O', {".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."}},
    {'P', {"####.", "#...#", "#...#", "####.", "#....", "#....", "#...."}},
    {'Q', {".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"}},
    {'R', {"####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"}},
    {'S', {".####", "#....", "#....", ".###.", "....#", "....#", "####."}},
    {'T', {"#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."}},
    {'U', {"#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."}},
    {'V', {"#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."}},
    {'W', {"#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."}},
    {'X', {"#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"}},
    {'Y', {"#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."}},
    {'Z', {"#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"}},
    {'.', {".....", ".....", ".....", ".....", ".....", ".##..", ".##.."}},
    {',', {".....", ".....", ".....", ".....", ".##..", "..#..", ".#..."}},
    {':', {".....", ".##..", ".##..", ".....", ".##..", ".##..", "....."}},
    {';', {".....", ".##..", ".##..", ".....", ".##..", "..#..", ".#..."}},
    {'-', {".....", ".....", ".....", "#####", ".....", ".....", "....."}},
    {'+', {".....", "..#..", "..#..", "#####", "..#..", "..#..", "....."}},
    {'=', {".....", ".....", "#####", ".....", "#####", ".....", "....."}},
    {'/', {".....", "....#", "...#.", "..#..", ".#...", "#....", "....."}},
    {'(', {"...#.", "..#..", ".#...", ".#...", ".#...", "..#..", "...#."}},
    {')', {".#...", "..#..", "...#.", "...#.", "...#.", "..#..", ".#..."}},
    {'%', {"##...", "##..#", "...#.", "..#..", ".#...", "#..##", "...##"}},
    {'\'', {"..#..", "..#..", ".#...", ".....", ".....", ".....", "....."}},
    {'"', {".#.#.", ".#.#.", ".....", ".....", ".....", ".....", "....."}},
    {'?', {".###.", "#...#", "....#", "...#.", "..#..", ".....", "..#.."}},
    {'!', {"..#..", "..#..", "..#..", "..#..", "..#..", ".....", "..#.."}},
    {'*', {".....", "..#..", "#.#.#", ".###.", "#.#.#", "..#..", "....."}},
    {'#', {".#.#.", ".#.#.", "#####", ".#.#.", "#####", ".#.#.", ".#.#."}},
    {'<', {"...#.", "..#..", ".#...", "#....", ".#...", "..#..", "...#."}},
    {'>', {".#...", "..#..", "...#.", "....#", "...#.", "..#..", ".#..."}},
    {'_', {".....", ".....", ".....", ".....", ".....", ".....", "#####"}},
    {'^', {"..#..", ".#.#.", "#...#", ".....", ".....", ".....", "....."}},
    {'[', {".###.", ".#...", ".#...", ".#...", ".#...", ".#...", ".###."}},
    {']', {".###.", "...#.", "...#.", "...#.", "...#.", "...#.", ".###."}},
    {'\x01', {".##..", "#..#.", "#..#.", ".##..", ".....", ".....", "....."}},  // degree sign
    {'\x02', {"#####", "#...#", "#...#", "#...#", "#...#", "#...#", "#####"}},  // no glyph
};

const Glyph& glyphFor(char c) {
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    for (const Glyph& g : kFont)
        if (g.ch == c) return g;
    for (const Glyph& g : kFont)
        if (g.ch == '\x02') return g;
    return kFont[0];
}

// UTF-8 to the font's characters: the degree sign has a glyph, other
// non-ASCII characters show as a box.
std::vector<std::string> layoutLines(const std::string& utf8) {
    std::vector<std::string> lines(1);
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(utf8[i]);
        if (c == '\n') { lines.emplace_back(); continue; }
        if (c == '\r') continue;
        if (c < 0x80) { lines.back() += char(c); continue; }
        std::size_t extra = (c >= 0xF0) ? 3 : (c >= 0xE0) ? 2 : 1;
        const bool degree = c == 0xC2 && i + 1 < utf8.size() && static_cast<unsigned char>(utf8[i + 1]) == 0xB0;
        lines.back() += degree ? '\x01' : '\x02';
        i += extra;
    }
    return lines;
}

}  // namespace

void Canvas::plot(int x, int y, const Colour& c) {
    if (x < 0 || y < 0 || x >= image_.width || y >= image_.height) return;
    const std::size_t at = (std::size_t(y) * std::size_t(image_.width) + std::size_t(x)) * std::size_t(image_.channels);
    for (int ch = 0; ch < image_.channels; ++ch) image_.samples[at + std::size_t(ch)] = c[std::size_t(ch)];
}

void Canvas::line(Point2 a, Point2 b, const Colour& c) {
    // Clip to the canvas (Liang-Barsky) so that far-away end points cost nothing.
    double t0 = 0, t1 = 1;
    const double ddx = b.x - a.x, ddy = b.y - a.y;
    const double p[4] = {-ddx, ddx, -ddy, ddy};
    const double q[4] = {a.x + 1, image_.width + 1 - a.x, a.y + 1, image_.height + 1 - a.y};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0) return;
            continue;
        }
        const double r = q[i] / p[i];
        if (p[i] < 0) t0 = std::max(t0, r);
        else t1 = std::min(t1, r);
        if (t0 > t1) return;
    }
    b = {a.x + t1 * ddx, a.y + t1 * ddy};
    a = {a.x + t0 * ddx, a.y + t0 * ddy};
    // Sample along the longer axis at pixel steps; each sample lights the pixel it falls in.
    const double dx = b.x - a.x, dy = b.y - a.y;
    const int steps = std::max(1, int(std::ceil(std::max(std::fabs(dx), std::fabs(dy)))));
    for (int i = 0; i <= steps; ++i) {
        const double t = double(i) / steps;
        plot(pixelIndex(a.x + t * dx), pixelIndex(a.y + t * dy), c);
    }
}

void Canvas::polyline(const std::vector<Point2>& points, bool closed, const Colour& c) {
    if (points.size() == 1) plot(pixelIndex(points[0].x), pixelIndex(points[0].y), c);
    for (std::size_t i = 0; i + 1 < points.size(); ++i) line(points[i], points[i + 1], c);
    if (closed && points.size() > 2) line(points.back(), points.front(), c);
}

void Canvas::fillPolygon(const std::vector<Point2>& points, const Colour& c) {
    if (points.size() < 3) return;
    double minY = points[0].y, maxY = points[0].y;
    for (const Point2& p : points) minY = std::min(minY, p.y), maxY = std::max(maxY, p.y);
    const int y0 = int(std::max(0.0, std::floor(minY))), y1 = int(std::min(double(image_.height - 1), std::ceil(maxY)));
    std::vector<double> crossings;
    for (int y = y0; y <= y1; ++y) {
        const double yc = y + 0.5;
        crossings.clear();
        for (std::size_t i = 0; i < points.size(); ++i) {
            const Point2& p = points[i];
            const Point2& q = points[(i + 1) % points.size()];
            if ((p.y <= yc) != (q.y <= yc)) crossings.push_back(p.x + (yc - p.y) * (q.x - p.x) / (q.y - p.y));
        }
        std::sort(crossings.begin(), crossings.end());
        for (std::size_t i = 0; i + 1 < crossings.size(); i += 2) {
            // Pixel centres x + 0.5 inside [crossings[i], crossings[i+1]).
            const double xa = std::max(0.0, std::ceil(crossings[i] - 0.5));
            const double xb = std::min(double(image_.width - 1), std::ceil(crossings[i + 1] - 0.5) - 1);
            for (int x = int(xa); x <= int(xb); ++x) plot(x, y, c);
        }
    }
}

std::array<int, 2> textSize(const std::string& utf8) {
    std::vector<std::string> lines = layoutLines(utf8);
    std::size_t longest = 0;
    for (const std::string& l : lines) longest = std::max(longest, l.size());
    return {int(longest) * 6, int(lines.size()) * 9};
}

void Canvas::text(int x, int y, const std::string& utf8, const Colour& c) {
    std::vector<std::string> lines = layoutLines(utf8);
    for (std::size_t li = 0; li < lines.size(); ++li)
        for (std::size_t ci = 0; ci < lines[li].size(); ++ci) {
            const Glyph& g = glyphFor(lines[li][ci]);
            for (int r = 0; r < 7; ++r)
                for (int k = 0; k < 5; ++k)
                    if (g.rows[r][k] == '#') plot(x + int(ci) * 6 + k, y + int(li) * 9 + r, c);
        }
}

std::vector<Point2> circleOutline(Point2 centre, Point2 onCircle) {
    const double r = std::hypot(onCircle.x - centre.x, onCircle.y - centre.y);
    const int n = std::clamp(int(std::ceil(2 * std::numbers::pi * r)), 16, 4096);
    std::vector<Point2> out;
    for (int i = 0; i < n; ++i) {
        const double a = 2 * std::numbers::pi * i / n;
        out.push_back({centre.x + r * std::cos(a), centre.y + r * std::sin(a)});
    }
    return out;
}

std::vector<Point2> ellipseOutline(Point2 major1, Point2 major2, Point2 minor1, Point2 minor2) {
    const Point2 centre{(major1.x + major2.x) / 2, (major1.y + major2.y) / 2};
    const double a = std::hypot(major2.x - major1.x, major2.y - major1.y) / 2;
    const double b = std::hypot(minor2.x - minor1.x, minor2.y - minor1.y) / 2;
    const double angle = std::atan2(major2.y - major1.y, major2.x - major1.x);
    const int n = std::clamp(int(std::ceil(2 * std::numbers::pi * std::max(a, b))), 16, 4096);
    std::vector<Point2> out;
    for (int i = 0; i < n; ++i) {
        const double t = 2 * std::numbers::pi * i / n;
        const double u = a * std::cos(t), v = b * std::sin(t);
        out.push_back({centre.x + u * std::cos(angle) - v * std::sin(angle), centre.y + u * std::sin(angle) + v * std::cos(angle)});
    }
    return out;
}

std::vector<Point2> interpolate(const std::vector<Point2>& p) {
    if (p.size() < 3) return p;
    std::vector<Point2> out;
    for (std::size_t i = 0; i + 1 < p.size(); ++i) {
        const Point2 p0 = p[i == 0 ? 0 : i - 1], p1 = p[i], p2 = p[i + 1], p3 = p[std::min(i + 2, p.size() - 1)];
        const int steps = std::clamp(int(std::ceil(std::hypot(p2.x - p1.x, p2.y - p1.y))), 2, 4096);
        for (int s = 0; s < steps; ++s) {
            const double t = double(s) / steps, t2 = t * t, t3 = t2 * t;
            auto f = [&](double a, double b, double c, double d) {
                return 0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
            };
            out.push_back({f(p0.x, p1.x, p2.x, p3.x), f(p0.y, p1.y, p2.y, p3.y)});
        }
    }
    out.push_back(p.back());
    return out;
}

}  // namespace lightbox::core::raster
