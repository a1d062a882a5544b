#pragma once
// The Digital X-Ray modules shared by the DX and mammography IODs (PS3.3
// A.26, A.27): DX Series, DX Anatomy Imaged, DX Image, DX Detector, X-Ray
// Generation and Acquisition Context.

#include "lightbox/core/DicomWriter.h"

#include <string>

namespace lightbox::core::synth {

struct DxAcquisition {
    double imagerPixelSpacing = 0.15;
    int columns = 0;
    int rows = 0;
    double kvp = 70;
    int tubeCurrentMa = 200;
    int exposureTimeMs = 50;
    double sourceToDetectorMm = 1150;
    double sourceToPatientMm = 1000;
    std::string detectorType = "SCINTILLATOR";
    std::string processing;  // AcquisitionDeviceProcessingDescription
    bool monochrome1 = false;
};

// Everything the DX IODs require besides what commonHeader() and the
// projection writer already write. For-presentation images only.
void setDxModules(DatasetBuilder& ds, const DxAcquisition& acquisition);

// Anatomic Region Sequence with one code (SNOMED CT).
void setAnatomicRegion(DatasetBuilder& ds, const std::string& code, const std::string& meaning);

}  // namespace lightbox::core::synth
