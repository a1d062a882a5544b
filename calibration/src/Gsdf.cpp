#include "lightbox/calibration/Gsdf.h"

#include "lightbox/core/Error.h"

#include <cmath>
#include <string>

namespace lightbox::calibration::gsdf {
namespace {

// log10 L(j) as a rational function of x = ln j (PS3.14 section 7).
double log10Luminance(double jnd) {
    constexpr double a = -1.3011877, b = -2.5840191e-2, c = 8.0242636e-2, d = -1.0320229e-1,
                     e = 1.3646699e-1, f = 2.8745620e-2, g = -2.5468404e-2, h = -3.1978977e-3,
                     k = 1.2992634e-4, m = 1.3635334e-3;
    const double x = std::log(jnd);
    const double num = a + x * (c + x * (e + x * (g + x * m)));
    const double den = 1 + x * (b + x * (d + x * (f + x * (h + x * k))));
    return num / den;
}

void requirePositive(double luminance) {
    if (!(luminance > 0) || !std::isfinite(luminance))
        throw core::Error(core::ErrorCode::InvalidArgument,
                          "GSDF: luminance must be a positive number of cd/m2, got " + std::to_string(luminance));
}

}  // namespace

double luminance(double jnd) {
    if (!(jnd > 0) || !std::isfinite(jnd))
        throw core::Error(core::ErrorCode::InvalidArgument, "GSDF: JND index must be positive, got " + std::to_string(jnd));
    return std::pow(10.0, log10Luminance(jnd));
}

double jndIndexUnrefined(double luminanceValue) {
    requirePositive(luminanceValue);
    constexpr double A = 71.498068, B = 94.593053, C = 41.912053, D = 9.8247004, E = 0.28175407,
                     F = -1.1878455, G = -0.18014349, H = 0.14710899, I = -0.017046845;
    const double y = std::log10(luminanceValue);
    return A + y * (B + y * (C + y * (D + y * (E + y * (F + y * (G + y * (H + y * I)))))));
}

double jndIndex(double luminanceValue) {
    // Newton on f(j) = log10 L(j) - log10 L: the log form is nearly linear in j
    // over the whole range, so two or three steps reach rounding level. The
    // derivative is a central difference; its error only slows convergence,
    // it does not move the root.
    double j = jndIndexUnrefined(luminanceValue);
    const double target = std::log10(luminanceValue);
    for (int i = 0; i < 50; ++i) {
        if (j <= 0.01) j = 0.01;  // the polynomial may undershoot far below the GSDF range
        const double step = 1e-4 * std::max(1.0, j);
        const double slope = (log10Luminance(j + step) - log10Luminance(j - step)) / (2 * step);
        const double delta = (log10Luminance(j) - target) / slope;
        j -= delta;
        if (std::fabs(delta) <= 1e-13 * std::max(1.0, std::fabs(j))) break;
    }
    return j;
}

double contrastPerJnd(double luminanceValue) {
    const double j = jndIndex(luminanceValue);
    const double hi = luminance(j + 0.5), lo = luminance(std::max(j - 0.5, 1e-6));
    return 2 * (hi - lo) / (hi + lo);
}

}  // namespace lightbox::calibration::gsdf
