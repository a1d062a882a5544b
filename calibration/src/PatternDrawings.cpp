// The drawings of the TG18 and TG270 look-alike patterns. Layouts are in
// fractions of the pattern's centred square (1024 pixels at 1k); single-pixel
// features (line pairs, checkerboards) stay single pixels at every size.
// Levels are 8-bit numbers as in the reports (see TestPattern.h for how they
// become native values).

#include "PatternDrawings.h"

#include "PatternCanvas.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>

namespace lightbox::calibration::detail {
namespace {

using Half = PatternCanvas::Half;

int suffixNumber(const std::string& name) { return std::stoi(name.substr(name.find_last_of('-') + 1)); }

// Line-pair blocks: left half vertical lines, right half horizontal lines.
void lineBlock(PatternCanvas& c, int x0, int y0, int x1, int y1) {
    const int mid = (x0 + x1) / 2;
    c.linePairs(x0, y0, mid, y1, 0, c.maxValue(), false);
    c.linePairs(mid, y0, x1, y1, 0, c.maxValue(), true);
}

// Cx targets: a block of 5 x 5-pixel "x" elements (1-pixel diagonals, full
// contrast on black) whose crispness shows the display's resolution there.
void cxBlock(PatternCanvas& c, int x0, int y0, int side) {
    c.rect(x0, y0, x0 + side, y0 + side, 0);
    for (int cy = y0; cy + 5 <= y0 + side; cy += 6)
        for (int cx = x0; cx + 5 <= x0 + side; cx += 6)
            for (int i = 0; i < 5; ++i) {
                c.rect(cx + i, cy + i, cx + i + 1, cy + i + 1, c.maxValue());
                c.rect(cx + 4 - i, cy + i, cx + 5 - i, cy + i + 1, c.maxValue());
            }
}

void cornerLineBlocks(PatternCanvas& c) {
    for (double fx : {0.02, 0.92})
        for (double fy : {0.02, 0.92}) lineBlock(c, c.x(fx), c.y(fy), c.x(fx + 0.06), c.y(fy + 0.06));
}

void ramp(PatternCanvas& c, double fx0, double fy0, double fx1, double fy1) {
    const int x0 = c.x(fx0), x1 = c.x(fx1);
    for (int xx = x0; xx < x1; ++xx) {
        const int v = int(std::lround(double(xx - x0) * c.maxValue() / double(x1 - x0 - 1)));
        c.rect(xx, c.y(fy0), xx + 1, c.y(fy1), v);
    }
}

// A patch with a uniform measurement field and targets in its corners.
// offsets: tl, tr, bl, br in native levels (0 = no target).
void patch(PatternCanvas& c, const std::string& name, double fx0, double fy0, double fx1, double fy1, int value,
           const std::array<int, 4>& offsets) {
    const int x0 = c.x(fx0), y0 = c.y(fy0), x1 = c.x(fx1), y1 = c.y(fy1);
    c.rect(x0, y0, x1, y1, value);
    const int t = c.length(0.018), inset = c.length(0.008);
    const std::array<std::pair<int, int>, 4> corners = {
        std::pair{x0 + inset, y0 + inset}, {x1 - inset - t, y0 + inset}, {x0 + inset, y1 - inset - t},
        {x1 - inset - t, y1 - inset - t}};
    static const char* where[] = {"tl", "tr", "bl", "br"};
    for (int i = 0; i < 4; ++i) {
        const int v = value + offsets[std::size_t(i)];
        if (offsets[std::size_t(i)] == 0 || v < 0 || v > c.maxValue()) continue;
        const auto [tx, ty] = corners[std::size_t(i)];
        c.region(name + "-" + where[i], tx, ty, tx + t, ty + t, v);
    }
    const int m = inset * 2 + t;
    c.mark(name, x0 + m, y0 + m, x1 - m, y1 - m, value);
}

void drawQc(PatternCanvas& c) {
    const int lw = std::max(1, int(std::lround(c.scale())));
    c.fill(c.level(128));
    // Geometry: a grid every tenth of the square and a border.
    for (int i = 0; i <= 10; ++i) {
        const int gx = std::min(c.x(i * 0.1), c.x(1.0) - lw), gy = std::min(c.y(i * 0.1), c.y(1.0) - lw);
        c.rect(gx, c.y(0), gx + lw, c.y(1.0), c.level(192));
        c.rect(c.x(0), gy, c.x(1.0), gy + lw, c.level(192));
    }
    c.outline(c.x(0) + 1, c.y(0) + 1, c.x(1.0) - 1, c.y(1.0) - 1, c.maxValue());
    // 16 luminance patches 8 .. 248, each with +4 / -4 corner targets.
    const int d = c.level(132) - c.level(128);
    for (int i = 0; i < 16; ++i) {
        const int l8 = 8 + 16 * i;
        const double fx = 0.105 + (i % 8) * 0.1, fy = i < 8 ? 0.16 : 0.74;
        patch(c, "patch-" + std::to_string(l8), fx, fy, fx + 0.09, fy + 0.1, c.level(l8), {d, -d, -d, d});
    }
    // 0 and 255 patches with 5 % and 95 % inner squares.
    c.frect(0.30, 0.36, 0.46, 0.64, 0);
    c.mark("black", c.x(0.305), c.y(0.37), c.x(0.33), c.y(0.63), 0);
    c.region("black-5%", c.x(0.35), c.y(0.47), c.x(0.41), c.y(0.53), c.level(0.05 * 255));
    c.frect(0.54, 0.36, 0.70, 0.64, c.maxValue());
    c.mark("white", c.x(0.67), c.y(0.37), c.x(0.695), c.y(0.63), c.maxValue());
    c.region("white-95%", c.x(0.59), c.y(0.47), c.x(0.65), c.y(0.53), c.level(0.95 * 255));
    // Line pairs (1-pixel, full contrast) at the centre and in the corners.
    lineBlock(c, c.x(0.47), c.y(0.45), c.x(0.53), c.y(0.55));
    cornerLineBlocks(c);
    // Cx targets at the centre and next to each corner's line pairs.
    const int cx = c.length(0.04);
    cxBlock(c, c.x(0.48), c.y(0.56), cx);
    c.mark("cx-centre", c.x(0.48), c.y(0.56), c.x(0.48) + 1, c.y(0.56) + 1, c.maxValue());
    for (double fx : {0.12, 0.84})
        for (double fy : {0.02, 0.94}) cxBlock(c, c.x(fx), c.y(fy), cx);
    // "QUALITY CONTROL" at decreasing contrast.
    const int ps = std::max(1, int(std::lround(2 * c.scale())));
    const double fxs[] = {0.1, 0.41, 0.72};
    const double contrast[] = {48, 16, 4};
    for (int i = 0; i < 3; ++i) c.text(c.x(fxs[i]), c.y(0.29), "QUALITY CONTROL", ps, c.level(128 - contrast[i]));
    // A continuous ramp 0 .. full scale.
    ramp(c, 0.1, 0.88, 0.9, 0.93);
}

void drawCt(PatternCanvas& c) {
    c.fill(0);
    for (int i = 0; i < 16; ++i) {
        const int l8 = 8 + 16 * i;
        const double fx = (i % 4) * 0.25, fy = (i / 4) * 0.25;
        const int v = c.level(l8);
        c.frect(fx, fy, fx + 0.25, fy + 0.25, v);
        c.mark("zone-" + std::to_string(l8), c.x(fx + 0.01), c.y(fy + 0.01), c.x(fx + 0.05), c.y(fy + 0.05), v);
        // Half-moon target: left half two levels brighter, right half two darker.
        const int cx = c.x(fx + 0.125), cy = c.y(fy + 0.125), r = c.length(0.06);
        const int up = c.level(l8 + 2), down = c.level(l8 - 2);
        c.disc(cx, cy, r, up, Half::Left);
        c.disc(cx, cy, r, down, Half::Right);
        const int t = c.length(0.02), off = c.length(0.035), half = c.length(0.01);
        c.mark("zone-" + std::to_string(l8) + "-left", cx - off, cy - half, cx - off + t, cy + half, up);
        c.mark("zone-" + std::to_string(l8) + "-right", cx + off - t, cy - half, cx + off, cy + half, down);
    }
}

void drawLuminanceField(PatternCanvas& c, int level8) {
    c.fill(c.level(51));  // the same 20 % surround for all 18, so the display's load stays constant
    const int side = std::max(1, int(std::lround(std::sqrt(0.1 * c.width() * c.height()))));
    const int x0 = (c.width() - side) / 2, y0 = (c.height() - side) / 2;
    c.region("measure", x0, y0, x0 + side, y0 + side, c.level(level8));
}

void drawUniform(PatternCanvas& c, double fraction, bool lines, int points) {
    const int v = int(std::lround(fraction * c.maxValue()));
    c.fill(v);
    const int half = c.length(0.04);
    const int other = int(std::lround((fraction < 0.5 ? 0.8 : 0.1) * c.maxValue()));
    for (const auto& p : measuringPoints(points, c.width(), c.height())) {
        if (lines) c.outline(p.x - half - 2, p.y - half - 2, p.x + half + 2, p.y + half + 2, other);
        c.mark("point-" + p.position, p.x - half, p.y - half, p.x + half, p.y + half, v);
    }
}

void drawAmbient(PatternCanvas& c) {
    c.fill(0);
    const int cell = std::max(1, int(std::lround(2 * c.scale())));
    for (int k = 0; k < 16; ++k) {
        const double fx = 0.125 + (k % 4) * 0.2, fy = 0.125 + (k / 4) * 0.2;
        c.checkerboard(c.x(fx), c.y(fy), c.x(fx + 0.15), c.y(fy + 0.15), 0, c.level(k + 1), cell);
    }
}

void drawMp(PatternCanvas& c, int bits) {
    c.fill(0);
    const int span = (c.maxValue() + 1) / 16;
    const int x0 = c.x(0.05), x1 = c.x(0.95);
    const int strip = c.length(0.012);
    for (int k = 0; k < 16; ++k) {
        const int y0 = c.y(0.04 + k * 0.058), y1 = y0 + c.length(0.045);
        int previous = -1;
        for (int xx = x0; xx < x1; ++xx) {
            const int v = k * span + int(std::floor(double(xx - x0) / double(x1 - x0) * span));
            c.rect(xx, y0, xx + 1, y1, v);
            if (v != previous && xx > x0) {
                if (v % c.step8() == 0) c.rect(xx, y0 - strip, xx + 1, y0 - 1, c.maxValue());  // an 8-bit step
                else if (bits >= 10 && v % (1 << (bits - 10)) == 0)
                    c.rect(xx, y0 - strip / 2, xx + 1, y0 - 1, c.level(128));  // a 10-bit step
            }
            previous = v;
        }
    }
}

void drawLinePairField(PatternCanvas& c, int level8, bool horizontal) {
    static const std::map<int, std::pair<int, int>> pairs = {{10, {26, 29}}, {50, {128, 143}}, {89, {228, 255}}};
    const auto [lo, hi] = pairs.at(level8);
    c.linePairs(0, 0, c.width(), c.height(), c.level(lo), c.level(hi), horizontal);
}

void drawResolution(PatternCanvas& c, int level8, bool horizontal) {
    static const std::map<int, std::pair<int, int>> pairs = {{10, {26, 29}}, {50, {128, 143}}, {89, {228, 255}}};
    const auto [lo, hi] = pairs.at(level8);
    c.fill(c.level(lo));
    const int g = c.length(0.04), gap = c.length(0.01);
    for (const auto& p : measuringPoints(5, c.width(), c.height())) {
        const int bx = p.x - 2 * g - 2 * gap, by = p.y - g / 2;
        for (int w = 1; w <= 4; ++w) {
            const int gx = bx + (w - 1) * (g + gap + gap / 3);
            c.linePairs(gx, by, gx + g, by + g, c.level(lo), c.level(hi), horizontal, w);
        }
    }
}

void drawCx(PatternCanvas& c) {
    c.fill(c.level(128));
    const int side = c.length(0.03);
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 5; ++j) {
            const int cx = c.x(0.1 + 0.2 * i), cy = c.y(0.1 + 0.2 * j);
            c.checkerboard(cx - side / 2, cy - side / 2, cx - side / 2 + side, cy - side / 2 + side, 0, c.maxValue(), 1);
        }
}

void drawAfc(PatternCanvas& c) {
    const int bg = c.level(128);
    c.fill(bg);
    const int unit = std::max(1, int(std::lround(c.scale())));
    const int sizes[] = {2, 3, 4, 6}, contrasts[] = {2, 3, 4, 6};
    const int halfSide = c.side() / 2;
    for (int q = 0; q < 4; ++q) {
        const int qx = c.x(0) + (q % 2) * halfSide, qy = c.y(0) + (q / 2) * halfSide;
        const int cw = halfSide / 8, ch = halfSide / 6;
        for (int cell = 0; cell < 48; ++cell) {
            const int x0 = qx + (cell % 8) * cw, y0 = qy + (cell / 8) * ch;
            c.outline(x0 + 1, y0 + 1, x0 + cw - 1, y0 + ch - 1, c.level(112));
            // The target sits in one of the cell's four quarters (a fixed, well-mixed choice).
            const std::uint32_t h = std::uint32_t(q * 48 + cell + 1) * 2654435761u;
            const int where = int((h >> 13) & 3u);
            const int size = sizes[q] * unit;
            const int tx = x0 + (where % 2 == 0 ? cw / 4 : 3 * cw / 4) - size / 2;
            const int ty = y0 + (where / 2 == 0 ? ch / 4 : 3 * ch / 4) - size / 2;
            c.region("target-" + std::to_string(q) + "-" + std::to_string(cell), tx, ty, tx + size, ty + size,
                     c.level(128 + contrasts[q]));
        }
    }
}

void drawNoise(PatternCanvas& c, int level8) {
    const std::map<int, int> levels = {{10, 26}, {50, 128}, {89, 228}};
    const int l8 = levels.at(level8);
    const int v = c.level(l8), mark = c.level(l8 < 128 ? l8 + 48 : l8 - 48);
    c.fill(v);
    const int half = c.length(0.1), arm = c.length(0.03), cx = c.width() / 2, cy = c.height() / 2;
    for (int sx : {-1, 1})
        for (int sy : {-1, 1}) {
            const int px = cx + sx * (half + 2), py = cy + sy * (half + 2);
            c.rect(std::min(px, px - sx * arm), py, std::max(px, px - sx * arm) + 1, py + 1, mark);
            c.rect(px, std::min(py, py - sy * arm), px + 1, std::max(py, py - sy * arm) + 1, mark);
        }
    c.mark("measure", cx - half, cy - half, cx + half, cy + half, v);
}

void drawGlare(PatternCanvas& c, const std::string& kind) {
    c.fill(0);
    const int cx = c.width() / 2, cy = c.height() / 2;
    const int centre = c.length(0.02);
    if (kind == "GV" || kind == "GVN") {
        if (kind == "GV") {
            c.disc(cx, cy, c.length(0.45), c.maxValue());
            c.disc(cx, cy, c.length(0.1), 0);
        }
        // Four faint targets around the centre, 1 .. 4 levels above black.
        const int t = c.length(0.008), off = c.length(0.04);
        const std::pair<int, int> at[] = {{-off, -off}, {off - t, -off}, {-off, off - t}, {off - t, off - t}};
        for (int k = 0; k < 4; ++k)
            c.region("target-" + std::to_string(k + 1), cx + at[k].first, cy + at[k].second, cx + at[k].first + t,
                     cy + at[k].second + t, c.level(k + 1));
        c.mark("centre", cx - centre / 2, cy - centre / 2, cx - centre / 2 + centre, cy - centre / 2 + centre, 0);
        return;
    }
    if (kind != "GQN") c.disc(cx, cy, c.length(0.45), c.maxValue());
    if (kind == "GQ") c.disc(cx, cy, c.length(0.05), 0);
    const int v = kind == "GQB" ? c.maxValue() : 0;
    c.mark("centre", cx - centre / 2, cy - centre / 2, cx - centre / 2 + centre, cy - centre / 2 + centre, v);
}

// TG270-sQC and pQC: 18 patches 0 .. 255 (the luminance-response levels) with
// low-contrast targets, a ramp, line pairs and the pattern's name.
void drawTg270Qc(PatternCanvas& c, bool physicist) {
    c.fill(c.level(128));
    for (int i = 0; i < 18; ++i) {
        const int l8 = 15 * i;
        const double fx = 0.0725 + (i % 9) * 0.095, fy = i < 9 ? 0.14 : 0.74;
        const int v = c.level(l8);
        // sQC: one 8-bit level up (down at white); pQC adds +-1 native level (visible only past 8 bits).
        const int one8 = c.step8();
        std::array<int, 4> offsets = {l8 < 255 ? one8 : -one8, 0, 0, 0};
        if (physicist) offsets = {one8, -one8, 1, -1};
        patch(c, "patch-" + std::to_string(l8), fx, fy, fx + 0.085, fy + 0.12, v, offsets);
    }
    ramp(c, 0.1, 0.45, 0.9, 0.55);
    cornerLineBlocks(c);
    lineBlock(c, c.x(0.47), c.y(0.60), c.x(0.53), c.y(0.66));
    const int ps = std::max(1, int(std::lround(2 * c.scale())));
    const std::string text = physicist ? "TG270-PQC" : "TG270-SQC";
    c.text((c.width() - c.textWidth(text, ps)) / 2, c.y(0.35), text, ps, c.level(200));
}

}  // namespace

std::string patternCode(const std::string& name) {
    static const std::map<std::string, int> codes = {
        {"QC", 109801}, {"CT", 109804}, {"UN10", 109841}, {"UN80", 109842}, {"UNL10", 109843}, {"UNL80", 109844},
        {"AD", 109845}, {"MP", 109846}, {"RH10", 109847}, {"RH50", 109848}, {"RH89", 109849}, {"RV10", 109850},
        {"RV50", 109851}, {"RV89", 109852}, {"CX", 109854}, {"LPH10", 109855}, {"LPH50", 109856},
        {"LPH89", 109857}, {"LPV10", 109858}, {"LPV50", 109859}, {"LPV89", 109860}, {"AFC", 109861},
        {"NS10", 109862}, {"NS50", 109863}, {"NS89", 109864}, {"GV", 109865}, {"GVN", 109866}, {"GQ", 109867},
        {"GQN", 109868}, {"GQB", 109869}};
    if (name.rfind("TG18-", 0) != 0) return {};
    const std::string bare = name.substr(5);
    if (bare.rfind("LN8-", 0) == 0) return std::to_string(109804 + suffixNumber(bare));
    if (bare.rfind("LN12-", 0) == 0) return std::to_string(109822 + suffixNumber(bare));
    const auto it = codes.find(bare);
    return it == codes.end() ? std::string() : std::to_string(it->second);
}

void drawPattern(TestPattern& p, std::string& title) {
    const std::string& name = p.name();
    const std::string bare = name.substr(name.find('-') + 1);
    auto starts = [&](const char* prefix) { return bare.rfind(prefix, 0) == 0; };
    const bool shifted = starts("LN") || starts("AFC") || bare == "pQC" || starts("ULN");
    PatternCanvas c(p, shifted ? LevelScale::Shifted : LevelScale::FullRange);

    if (bare == "QC") {
        title = "overall quality control";
        drawQc(c);
    } else if (bare == "CT") {
        title = "luminance response, low-contrast half-moon targets";
        drawCt(c);
    } else if (starts("LN")) {
        const int k = suffixNumber(bare);
        title = "luminance response measurement, level " + std::to_string(k) + " of 18";
        drawLuminanceField(c, 15 * (k - 1));
    } else if (starts("UNL") || starts("UN")) {
        const bool lines = starts("UNL");
        const double fraction = bare.find("80") != std::string::npos ? 0.8 : 0.1;
        title = std::string("luminance uniformity at ") + (fraction > 0.5 ? "80" : "10") + " %" +
                (lines ? ", measuring points marked" : "");
        drawUniform(c, fraction, lines, 5);
    } else if (bare == "AD") {
        title = "ambient reflection, near-black low-contrast checkerboards";
        drawAmbient(c);
    } else if (bare == "MP") {
        title = "bit depth and contouring: ramps with 8- and 10-bit markers";
        drawMp(c, p.bits());
    } else if (starts("LPH") || starts("LPV")) {
        title = "1-pixel line pairs at 12 % contrast";
        drawLinePairField(c, suffixNumber("-" + bare.substr(3)), starts("LPH"));
    } else if (starts("RH") || starts("RV")) {
        title = "resolution: bar groups of 1 to 4 pixels at five places";
        drawResolution(c, suffixNumber("-" + bare.substr(2)), starts("RH"));
    } else if (bare == "CX") {
        title = "resolution uniformity: 1-pixel checkerboards over the screen";
        drawCx(c);
    } else if (bare == "AFC") {
        title = "contrast-detail: 4-alternative forced-choice targets";
        drawAfc(c);
    } else if (starts("NS")) {
        title = "noise: uniform field with a marked measuring square";
        drawNoise(c, suffixNumber("-" + bare.substr(2)));
    } else if (starts("G")) {
        title = "veiling glare";
        drawGlare(c, bare);
    } else if (bare == "sQC" || bare == "pQC") {
        title = bare == "sQC" ? "simplified QC (AAPM Report 270)" : "physicist's QC (AAPM Report 270)";
        drawTg270Qc(c, bare == "pQC");
    } else if (starts("ULN")) {
        const int k = suffixNumber(bare);
        title = "uniformity and luminance response (AAPM Report 270), level " + std::to_string(k) + " of 18";
        c.fill(c.level(15 * (k - 1)));
        const int half = c.length(0.03);
        for (const auto& pt : measuringPoints(9, c.width(), c.height()))
            c.mark("point-" + pt.position, pt.x - half, pt.y - half, pt.x + half, pt.y + half, c.level(15 * (k - 1)));
    }
    c.drawLabel();
}

}  // namespace lightbox::calibration::detail
