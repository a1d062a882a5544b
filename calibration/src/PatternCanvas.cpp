#include "PatternCanvas.h"

#include "PatternFont.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace lightbox::calibration {

PatternCanvas::PatternCanvas(TestPattern& pattern, LevelScale scale) : p_(pattern), scale_(scale) {
    side_ = std::min(p_.width_, p_.height_);
    ox_ = (p_.width_ - side_) / 2;
    oy_ = (p_.height_ - side_) / 2;
    p_.pixels_.assign(std::size_t(p_.width_) * std::size_t(p_.height_), 0);
    const int shift = p_.bits_ - 8;
    if (scale == LevelScale::Shifted && shift > 0) {
        p_.windowWidth_ = double(255 << shift);
        p_.windowCenter_ = p_.windowWidth_ / 2;
    } else {
        p_.windowWidth_ = double(1 << p_.bits_);
        p_.windowCenter_ = double(1 << (p_.bits_ - 1));
    }
}

int PatternCanvas::level(double v8) const {
    const double v = scale_ == LevelScale::Shifted ? v8 * double(1 << (p_.bits_ - 8)) : v8 * maxValue() / 255.0;
    return std::clamp(int(std::lround(v)), 0, maxValue());
}

int PatternCanvas::step8() const { return 1 << (p_.bits_ - 8); }

int PatternCanvas::x(double f) const { return ox_ + int(std::lround(f * side_)); }
int PatternCanvas::y(double f) const { return oy_ + int(std::lround(f * side_)); }
int PatternCanvas::length(double f) const { return std::max(1, int(std::lround(f * side_))); }

void PatternCanvas::fill(int value) { std::fill(p_.pixels_.begin(), p_.pixels_.end(), std::uint16_t(value)); }

void PatternCanvas::rect(int x0, int y0, int x1, int y1, int value) {
    x0 = std::max(x0, 0);
    y0 = std::max(y0, 0);
    x1 = std::min(x1, p_.width_);
    y1 = std::min(y1, p_.height_);
    const auto v = std::uint16_t(std::clamp(value, 0, maxValue()));
    for (int yy = y0; yy < y1; ++yy)
        for (int xx = x0; xx < x1; ++xx) p_.pixels_[std::size_t(yy) * std::size_t(p_.width_) + std::size_t(xx)] = v;
}

void PatternCanvas::frect(double fx0, double fy0, double fx1, double fy1, int value) {
    rect(x(fx0), y(fy0), x(fx1), y(fy1), value);
}

void PatternCanvas::outline(int x0, int y0, int x1, int y1, int value) {
    rect(x0 - 1, y0 - 1, x1 + 1, y0, value);
    rect(x0 - 1, y1, x1 + 1, y1 + 1, value);
    rect(x0 - 1, y0, x0, y1, value);
    rect(x1, y0, x1 + 1, y1, value);
}

void PatternCanvas::disc(int cx, int cy, int radius, int value, Half half) {
    const auto v = std::uint16_t(std::clamp(value, 0, maxValue()));
    for (int yy = std::max(0, cy - radius); yy <= std::min(p_.height_ - 1, cy + radius); ++yy)
        for (int xx = std::max(0, cx - radius); xx <= std::min(p_.width_ - 1, cx + radius); ++xx) {
            const double dx = xx + 0.5 - cx, dy = yy + 0.5 - cy;
            if (dx * dx + dy * dy > double(radius) * radius) continue;
            if ((half == Half::Left && xx >= cx) || (half == Half::Right && xx < cx)) continue;
            p_.pixels_[std::size_t(yy) * std::size_t(p_.width_) + std::size_t(xx)] = v;
        }
}

void PatternCanvas::linePairs(int x0, int y0, int x1, int y1, int even, int odd, bool horizontal, int lineWidth) {
    for (int yy = std::max(0, y0); yy < std::min(y1, p_.height_); ++yy)
        for (int xx = std::max(0, x0); xx < std::min(x1, p_.width_); ++xx) {
            const int along = horizontal ? yy - y0 : xx - x0;
            p_.pixels_[std::size_t(yy) * std::size_t(p_.width_) + std::size_t(xx)] =
                std::uint16_t((along / lineWidth) % 2 == 0 ? even : odd);
        }
}

void PatternCanvas::checkerboard(int x0, int y0, int x1, int y1, int a, int b, int cell) {
    for (int yy = std::max(0, y0); yy < std::min(y1, p_.height_); ++yy)
        for (int xx = std::max(0, x0); xx < std::min(x1, p_.width_); ++xx)
            p_.pixels_[std::size_t(yy) * std::size_t(p_.width_) + std::size_t(xx)] =
                std::uint16_t(((xx - x0) / cell + (yy - y0) / cell) % 2 == 0 ? a : b);
}

int PatternCanvas::textWidth(const std::string& text, int pixelSize) const {
    return int(text.size()) * (detail::kGlyphWidth + 1) * pixelSize;
}

void PatternCanvas::text(int x0, int y0, const std::string& text, int pixelSize, int value) {
    int cx = x0;
    for (char c : text) {
        const auto rows = detail::glyph(c);
        for (int r = 0; r < detail::kGlyphHeight; ++r)
            for (int col = 0; col < detail::kGlyphWidth; ++col)
                if (rows[std::size_t(r)] & (1u << (detail::kGlyphWidth - 1 - col)))
                    rect(cx + col * pixelSize, y0 + r * pixelSize, cx + (col + 1) * pixelSize,
                         y0 + (r + 1) * pixelSize, value);
        cx += (detail::kGlyphWidth + 1) * pixelSize;
    }
}

void PatternCanvas::region(const std::string& name, int x0, int y0, int x1, int y1, int value) {
    rect(x0, y0, x1, y1, value);
    mark(name, x0, y0, x1, y1, value);
}

void PatternCanvas::mark(const std::string& name, int x0, int y0, int x1, int y1, int value) {
    p_.regions_.push_back({name, x0, y0, x1 - x0, y1 - y0, std::clamp(value, 0, maxValue())});
}

void PatternCanvas::drawLabel() {
    const int size = std::max(1, int(std::lround(scale())));
    std::string text = p_.label_;
    for (auto& c : text) c = char(std::toupper(static_cast<unsigned char>(c)));
    text += "  " + p_.name_;
    text = text.substr(0, std::size_t(p_.width_ / ((detail::kGlyphWidth + 1) * size)));
    const int x0 = std::max(0, (p_.width_ - textWidth(text, size)) / 2);
    const int y0 = p_.height_ - (detail::kGlyphHeight + 3) * size;
    const int under = p_.at(x0, y0);
    const int contrast = maxValue() / 4;
    this->text(x0, y0, text, size, under < maxValue() / 2 ? under + contrast : under - contrast);
}

}  // namespace lightbox::calibration
