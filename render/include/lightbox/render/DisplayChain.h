#pragma once
// What the GPU slice pass applies, as plain data: the DICOM grayscale chain
// (PS3.3 C.11) from stored or modality values to P-values, then the display's
// calibration LUT (P-value -> DDL, PS3.14) as the last stage.

#include "lightbox/calibration/CalibrationLut.h"
#include "lightbox/core/GrayscalePipeline.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::render {

struct DisplayChain {
    // Modality LUT as rescale (identity for volumes: core stores modality values).
    double rescaleSlope = 1.0;
    double rescaleIntercept = 0.0;
    // VOI: a window (LINEAR, LINEAR_EXACT, SIGMOID) or, when set, a VOI LUT.
    core::WindowLevel window{40, 400, core::VoiFunction::Linear, {}};
    std::optional<core::LookupTable> voiLut;
    // Presentation LUT: IDENTITY / INVERSE / a table; MONOCHROME1 sets INVERSE.
    core::PresentationShape presentation = core::PresentationShape::Identity;
    std::optional<core::LookupTable> presentationLut;

    // The CPU reference of the same chain (tests compare the GPU against it).
    double pValue(double storedOrModality) const;
};

// P-value -> DDL for one viewport's display; identity until the calibration
// module supplies one. `ddl` has one entry per P-value (2^pBits entries).
struct CalibrationTable {
    std::vector<std::uint16_t> ddl;
    int ddlBits = 8;
    bool isIdentity() const { return ddl.empty(); }
    static CalibrationTable identity() { return {}; }
    // The calibration module's LUT for a display (P-values -> DDLs).
    static CalibrationTable from(const calibration::CalibrationLut& lut) { return {lut.ddl, lut.ddlBits}; }
};

}  // namespace lightbox::render
