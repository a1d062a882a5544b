#include "lightbox/render/DisplayChain.h"

#include <algorithm>
#include <cmath>

namespace lightbox::render {

double DisplayChain::pValue(double value) const {
    const double modality = value * rescaleSlope + rescaleIntercept;
    double y;  // VOI output in [0, 1]
    if (voiLut && !voiLut->empty()) {
        y = double(voiLut->lookup(modality)) / voiLut->maxOutput();
    } else {
        y = window.apply(modality);
    }
    if (presentation == core::PresentationShape::Inverse) {
        y = 1.0 - y;
    } else if (presentation == core::PresentationShape::Table && presentationLut && !presentationLut->empty()) {
        const double index = y * double(presentationLut->entries.size() - 1);
        y = double(presentationLut->entries[std::size_t(std::lround(index))]) / presentationLut->maxOutput();
    }
    return std::clamp(y, 0.0, 1.0);
}

}  // namespace lightbox::render
