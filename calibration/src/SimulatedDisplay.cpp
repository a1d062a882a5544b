#include "lightbox/calibration/SimulatedDisplay.h"

#include <algorithm>
#include <cmath>

namespace lightbox::calibration {

SimulatedDisplay::SimulatedDisplay(PanelModel model, std::string name)
    : model_(model), name_(std::move(name)), random_(model.seed) {}

double SimulatedDisplay::panelLuminance(double ddl) const {
    double x = std::clamp(ddl / model_.maxDdl, 0.0, 1.0);
    if (model_.crushBelow > 0) x = x <= model_.crushBelow ? 0 : (x - model_.crushBelow) / (1 - model_.crushBelow);
    return model_.black + (model_.white - model_.black) * std::pow(x, model_.gamma);
}

CharacteristicCurve SimulatedDisplay::characteristic(int points) const {
    std::vector<CurvePoint> pts;
    for (int i = 0; i < points; ++i) {
        const double ddl = std::round(double(i) * model_.maxDdl / (points - 1));
        pts.push_back({ddl, panelLuminance(ddl)});
    }
    return CharacteristicCurve(std::move(pts), model_.maxDdl);
}

int SimulatedDisplay::topLevel() const { return lut_ ? int(lut_->ddl.size()) - 1 : model_.maxDdl; }

double SimulatedDisplay::positionFactor(const std::string& position) const {
    // Corners (tl, tr, bl, br and 1, 3, 7, 9 of a 3 x 3 grid) lose the full
    // fall-off, edge centres (2, 4, 6, 8) half of it.
    if (position == "tl" || position == "tr" || position == "bl" || position == "br" || position == "1" ||
        position == "3" || position == "7" || position == "9")
        return 1 - model_.cornerFalloff;
    if (position == "2" || position == "4" || position == "6" || position == "8") return 1 - model_.cornerFalloff / 2;
    return 1;
}

Reading SimulatedDisplay::read(int p, const std::string& position) {
    double panelDdl = p;
    if (lut_) {
        const int top = (1 << lut_->ddlBits) - 1;
        panelDdl = double(lut_->ddl[size_t(std::clamp(p, 0, topLevel()))]) * model_.maxDdl / top;
    }
    double l = panelLuminance(panelDdl) * positionFactor(position);
    if (model_.noise > 0) l *= 1 + std::normal_distribution<double>(0, model_.noise)(random_);
    Reading r;
    r.ddl = p;
    r.luminance = std::max(l, 0.0);
    const bool corner = positionFactor(position) < 1;
    r.u = model_.u + (corner ? model_.cornerColourShift : 0);
    r.v = model_.v;
    r.position = position;
    if (!position.empty()) r.level = p;
    r.display = name_;
    return r;
}

ReadingSet SimulatedDisplay::luminanceResponse(int levels) {
    ReadingSet set;
    const int top = topLevel();
    for (int i = 0; i < levels; ++i) set.readings.push_back(read(int(std::lround(double(i) * top / (levels - 1)))));
    return set;
}

ReadingSet SimulatedDisplay::uniformity(int p, int points) {
    ReadingSet set;
    if (points == 9) {
        for (int i = 1; i <= 9; ++i) set.readings.push_back(read(p, std::to_string(i)));
    } else {
        for (const char* pos : {"centre", "tl", "tr", "bl", "br"}) set.readings.push_back(read(p, pos));
    }
    return set;
}

}  // namespace lightbox::calibration
