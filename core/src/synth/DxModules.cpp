#include "synth/DxModules.h"

#include "synth/SynthCommon.h"

namespace lightbox::core::synth {
namespace {

constexpr Tag PresentationIntentType{0x0008, 0x0068};
constexpr Tag AnatomicRegionSequence{0x0008, 0x2218};
constexpr Tag KVP{0x0018, 0x0060};
constexpr Tag DistanceSourceToDetector{0x0018, 0x1110};
constexpr Tag DistanceSourceToPatient{0x0018, 0x1111};
constexpr Tag ExposureTime{0x0018, 0x1150};
constexpr Tag XRayTubeCurrent{0x0018, 0x1151};
constexpr Tag Exposure{0x0018, 0x1152};
constexpr Tag ExposureInuAs{0x0018, 0x1153};
constexpr Tag AcquisitionDeviceProcessingDescription{0x0018, 0x1400};
constexpr Tag DetectorConditionsNominalFlag{0x0018, 0x7000};
constexpr Tag DetectorType{0x0018, 0x7004};
constexpr Tag DetectorConfiguration{0x0018, 0x7005};
constexpr Tag DetectorID{0x0018, 0x700A};
constexpr Tag DetectorElementPhysicalSize{0x0018, 0x7020};
constexpr Tag DetectorElementSpacing{0x0018, 0x7022};
constexpr Tag DetectorActiveShape{0x0018, 0x7024};
constexpr Tag DetectorActiveDimensions{0x0018, 0x7026};
constexpr Tag PixelIntensityRelationship{0x0028, 0x1040};
constexpr Tag PixelIntensityRelationshipSign{0x0028, 0x1041};
constexpr Tag BurnedInAnnotation{0x0028, 0x0301};
constexpr Tag LossyImageCompression{0x0028, 0x2110};
constexpr Tag AcquisitionContextSequence{0x0040, 0x0555};
constexpr Tag CalibrationImage{0x0050, 0x0004};

}  // namespace

void setDxModules(DatasetBuilder& ds, const DxAcquisition& a) {
    // DX Series
    ds.text(PresentationIntentType, "CS", "FOR PRESENTATION");
    // DX Image: the samples are what a reader should see, already processed;
    // higher values are brighter for MONOCHROME2, so the Presentation LUT is
    // IDENTITY (INVERSE for MONOCHROME1).
    ds.text(PixelIntensityRelationship, "CS", "LOG")
        .ss(PixelIntensityRelationshipSign, 1)
        .text(tags::RescaleIntercept, "DS", "0")
        .text(tags::RescaleSlope, "DS", "1")
        .text(tags::RescaleType, "LO", "US")
        .text(tags::PresentationLUTShape, "CS", a.monochrome1 ? "INVERSE" : "IDENTITY")
        .text(LossyImageCompression, "CS", "00")
        .text(BurnedInAnnotation, "CS", "NO")
        .text(CalibrationImage, "CS", "NO");
    if (!a.processing.empty()) ds.text(AcquisitionDeviceProcessingDescription, "LO", a.processing);
    // DX Detector: ImagerPixelSpacing is written with the image; no Pixel
    // Spacing, because nobody calibrated the image at the patient plane.
    ds.text(DetectorConditionsNominalFlag, "CS", "YES")
        .text(DetectorType, "CS", a.detectorType)
        .text(DetectorConfiguration, "CS", "AREA")
        .text(DetectorID, "SH", "SYNTH-DET-01")
        .text(DetectorElementPhysicalSize, "DS", formatDsList({a.imagerPixelSpacing, a.imagerPixelSpacing}))
        .text(DetectorElementSpacing, "DS", formatDsList({a.imagerPixelSpacing, a.imagerPixelSpacing}))
        .text(DetectorActiveShape, "CS", "RECTANGLE")
        .text(DetectorActiveDimensions, "DS",
              formatDsList({a.columns * a.imagerPixelSpacing, a.rows * a.imagerPixelSpacing}));
    // X-Ray Generation / DX Positioning distances
    ds.text(KVP, "DS", formatDs(a.kvp))
        .text(XRayTubeCurrent, "IS", std::to_string(a.tubeCurrentMa))
        .text(ExposureTime, "IS", std::to_string(a.exposureTimeMs))
        .text(Exposure, "IS", std::to_string(a.tubeCurrentMa * a.exposureTimeMs / 1000))
        .text(ExposureInuAs, "IS", std::to_string(a.tubeCurrentMa * a.exposureTimeMs))  // mA x ms = uAs
        .text(DistanceSourceToDetector, "DS", formatDs(a.sourceToDetectorMm))
        .text(DistanceSourceToPatient, "DS", formatDs(a.sourceToPatientMm));
    // Acquisition Context: required, may be empty.
    ds.sequence(AcquisitionContextSequence, {});
}

void setAnatomicRegion(DatasetBuilder& ds, const std::string& code, const std::string& meaning) {
    ds.sequence(AnatomicRegionSequence, {codeItem(code, "SCT", meaning)});
}

}  // namespace lightbox::core::synth
