#pragma once
// A simulated display and meter for tests and demos: a panel's characteristic
// curve (black level + gamma, optionally a crushed dark end), a calibration
// LUT in front of it, meter noise, corner fall-off for uniformity and a white
// point. Readings come out as the meter would give them (without ambient).

#include "lightbox/calibration/CalibrationLut.h"
#include "lightbox/calibration/CharacteristicCurve.h"
#include "lightbox/calibration/Readings.h"

#include <random>
#include <string>

namespace lightbox::calibration {

struct PanelModel {
    double black = 0.5;        // cd/m2 at DDL 0
    double white = 420;        // cd/m2 at the top DDL
    double gamma = 2.2;
    int maxDdl = 255;
    double crushBelow = 0;     // fraction of full scale below which the panel shows black (a crushed dark end)
    double cornerFalloff = 0;  // fractional luminance drop at the corners (uniformity)
    double u = 0.1978, v = 0.4683;  // white point u'v' (D65)
    double cornerColourShift = 0;   // du' added at the corners
    double noise = 0;          // relative standard deviation of a reading
    unsigned seed = 1;
};

class SimulatedDisplay {
public:
    explicit SimulatedDisplay(PanelModel model, std::string name = {});

    const PanelModel& model() const { return model_; }
    void setLut(const CalibrationLut* lut) { lut_ = lut; }

    // Noise-free panel luminance at a (fractional) panel DDL.
    double panelLuminance(double ddl) const;
    // The panel's characteristic curve at `points` equally spaced DDLs.
    CharacteristicCurve characteristic(int points) const;

    // One meter reading of gray level `p` (a P-value when a LUT is set, else
    // a DDL), at a position (centre, tl, tr, bl, br, 1..9).
    Reading read(int p, const std::string& position = {});

    // The 18 TG18-LN readings (levels 0 .. top in 17 equal steps, the top
    // being the LUT's largest P-value or the panel's maxDdl).
    ReadingSet luminanceResponse(int levels = 18);
    // A uniformity field at gray level `p`: 5 points (TG18) or 9 (TG270).
    ReadingSet uniformity(int p, int points);

private:
    int topLevel() const;
    double positionFactor(const std::string& position) const;

    PanelModel model_;
    std::string name_;
    const CalibrationLut* lut_ = nullptr;
    std::mt19937 random_;
};

}  // namespace lightbox::calibration
