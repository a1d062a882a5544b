// CT items: the chest phantom scanned twice a year apart (the prior with the
// patient lying differently, in its own frame of reference) and a head CT on
// a tilted gantry.

#include "synth/SynthItems.h"
#include "synth/VolumeSeries.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace lightbox::core::synth {
namespace {

constexpr Tag ContrastBolusAgent{0x0018, 0x0010};
constexpr Tag ScanOptions{0x0018, 0x0022};
constexpr Tag KVP{0x0018, 0x0060};
constexpr Tag DataCollectionDiameter{0x0018, 0x0090};
constexpr Tag ContrastBolusRoute{0x0018, 0x1040};
constexpr Tag ContrastBolusVolume{0x0018, 0x1041};
constexpr Tag ReconstructionDiameter{0x0018, 0x1100};
constexpr Tag DistanceSourceToDetector{0x0018, 0x1110};
constexpr Tag DistanceSourceToPatient{0x0018, 0x1111};
constexpr Tag TableHeight{0x0018, 0x1130};
constexpr Tag RotationDirection{0x0018, 0x1140};
constexpr Tag ExposureTime{0x0018, 0x1150};
constexpr Tag XRayTubeCurrent{0x0018, 0x1151};
constexpr Tag Exposure{0x0018, 0x1152};
constexpr Tag FilterType{0x0018, 0x1160};
constexpr Tag GeneratorPower{0x0018, 0x1170};
constexpr Tag FocalSpots{0x0018, 0x1190};
constexpr Tag ConvolutionKernel{0x0018, 0x1210};
constexpr Tag RevolutionTime{0x0018, 0x9305};
constexpr Tag SpiralPitchFactor{0x0018, 0x9311};
constexpr Tag CTDIvol{0x0018, 0x9345};
constexpr Tag CTDIPhantomTypeCodeSequence{0x0018, 0x9346};

constexpr double kChestFovMm = 384.0;
constexpr double kChestSliceMm = 2.5;
constexpr double kLesionRadiusCurrent = 12.0;
constexpr double kLesionRadiusPrior = 8.0;

PatientSpec chestPatient() { return {"LBX-CT-001", "PHANTOM^CHEST", "19620314", "M", 1.78, 82.0}; }

StudySpec currentChestStudy() {
    return {"ct-current", "ct-current", "20261120", "093015", "CT", "chest",
            "CT THORAX WITH CONTRAST", "LBXA2611201", "CT26-4711", "REFERRER^ROBERT"};
}

StudySpec priorChestStudy() {
    return {"ct-prior", "ct-prior", "20251118", "141200", "CT", "chest",
            "CT THORAX WITH CONTRAST", "LBXA2511182", "CT25-3920", "REFERRER^ROBERT"};
}

// The prior scan: p_prior = T p_current, T = rotation 5 degrees about z,
// then (10, -5, 20) mm - the patient lay rotated and the table stood elsewhere.
RigidTransform priorFromCurrent() { return RigidTransform::rotationZ(5.0, {10.0, -5.0, 20.0}); }

// The attributes a helical CT scanner writes (CT Image module, Contrast/Bolus).
void ctAttributes(DatasetBuilder& ds, double fovMm, bool contrast, double tiltDegrees) {
    ds.text(KVP, "DS", "120")
        .text(ScanOptions, "CS", "HELICAL MODE")
        .text(DataCollectionDiameter, "DS", "500")
        .text(ReconstructionDiameter, "DS", formatDs(fovMm))
        .text(DistanceSourceToDetector, "DS", "1085.6")
        .text(DistanceSourceToPatient, "DS", "595")
        .text(tags::GantryDetectorTilt, "DS", formatDs(tiltDegrees))
        .text(TableHeight, "DS", "160")
        .text(RotationDirection, "CS", "CW")
        .text(ExposureTime, "IS", "500")
        .text(XRayTubeCurrent, "IS", "200")
        .text(Exposure, "IS", "100")
        .text(FilterType, "SH", "BODY FILTER")
        .text(GeneratorPower, "IS", "24")
        .text(FocalSpots, "DS", "1.2")
        .text(ConvolutionKernel, "SH", "STANDARD")
        .fd(RevolutionTime, {0.5})
        .fd(SpiralPitchFactor, {0.984375})
        .fd(CTDIvol, {8.5})
        // CTDIvol means nothing without the phantom it was measured in.
        .sequence(CTDIPhantomTypeCodeSequence, {fovMm > 300 ? codeItem("113691", "DCM", "IEC Body Dosimetry Phantom")
                                                            : codeItem("113690", "DCM", "IEC Head Dosimetry Phantom")});
    if (contrast) {
        ds.text(ContrastBolusAgent, "LO", "IOMEPROL 350")
            .text(ContrastBolusRoute, "LO", "IV")
            .text(ContrastBolusVolume, "DS", "80");
    }
}

Phantom headPhantom() {
    Phantom p("head", -1000.0);
    p.add(PhantomShape::ellipsoid("scalp", {0, 0, 0}, {80, 100, 95}, 40));
    p.add(PhantomShape::ellipsoid("skull", {0, 0, 0}, {75, 95, 90}, 900));
    p.add(PhantomShape::ellipsoid("brain", {0, 0, 0}, {69, 89, 84}, 35));
    p.add(PhantomShape::ellipsoid("whiteMatter", {0, 5, 15}, {52, 68, 50}, 28));
    p.add(PhantomShape::ellipsoid("rightVentricle", {-10, -5, 15}, {6, 25, 12}, 5));
    p.add(PhantomShape::ellipsoid("leftVentricle", {10, -5, 15}, {6, 25, 12}, 5));
    p.add(PhantomShape::sphere("haemorrhage", {30, 20, 30}, 8, 70));
    return p;
}

}  // namespace

Phantom chestPhantom(double lesionRadiusMm) {
    Phantom p("chest", -1000.0);
    p.add(PhantomShape::cylinderZ("body", {0, 0, 0}, 160, 110, 40));
    p.add(PhantomShape::cylinderZ("rightLung", {-80, -10, 0}, 50, 70, -850));
    p.add(PhantomShape::cylinderZ("leftLung", {80, -10, 0}, 45, 70, -850));
    p.add(PhantomShape::cylinderZ("aorta", {20, 35, 0}, 12, 12, 200));
    p.add(PhantomShape::cylinderZ("spine", {0, 75, 0}, 18, 18, 700));
    p.add(PhantomShape::sphere("fat", {0, -80, -10}, 10, -100));
    p.add(PhantomShape::sphere("lesion", {-80, -20, 10}, lesionRadiusMm, 100));
    p.add(PhantomShape::sphere("calcification", {75, 20, -5}, 5, 1000));
    return p;
}

void writeChestCt(SynthContext& context, const PatientSpec& patient, const StudySpec& study, int seriesNumber,
                  const Phantom& phantom, const RigidTransform& phantomFromFrame, const Vec3& centre,
                  const std::string& frameOfReferenceKey, int slices, int matrix) {
    VolumeSeriesSpec spec;
    spec.series = {"CT", seriesNumber, "THORAX 2.5 MM STANDARD", "CHEST", "", "HFS", "CT THORAX CONTRAST",
                   sop::CtImage, study.time};
    const double spacing = kChestFovMm / matrix;
    // Instance 1 is the most cranial slice, as a head-to-feet helical scan writes them.
    const double top = centre[2] + (slices - 1) / 2.0 * kChestSliceMm;
    spec.grid = VolumeGrid::centred(matrix, matrix, spacing, {1, 0, 0}, {0, 1, 0}, {centre[0], centre[1], top});
    spec.grid.slices = slices;
    spec.grid.sliceStep = {0, 0, -kChestSliceMm};
    spec.grid.sliceThickness = kChestSliceMm;
    spec.phantom = &phantom;
    spec.phantomFromFrame = phantomFromFrame;
    spec.frameOfReferenceUid = frameOfReferenceUid(frameOfReferenceKey);
    spec.rescaleSlope = 1.0;
    spec.rescaleIntercept = -1024.0;
    spec.rescaleType = "HU";
    spec.bitsStored = 12;
    spec.noiseSigma = 5.0;
    spec.windows = {{40, 400, "MEDIASTINUM"}, {-600, 1500, "LUNG"}};
    spec.imageType = "ORIGINAL\\PRIMARY\\AXIAL";
    spec.modalityAttributes = [](DatasetBuilder& ds, int) {
        ctAttributes(ds, kChestFovMm, true, 0.0);
        ds.text(tags::SpacingBetweenSlices, "DS", formatDs(kChestSliceMm));
    };
    writeVolumeSeries(context, patient, study, spec);
}

void writeHeadCt(SynthContext& context, const PatientSpec& patient, const StudySpec& study, int seriesNumber,
                 int slices, int matrix, double tiltDegrees) {
    static const Phantom phantom = headPhantom();
    constexpr double fov = 250.0, tableStep = 5.0;
    const double a = tiltDegrees * std::numbers::pi / 180.0;
    VolumeSeriesSpec spec;
    spec.series = {"CT", seriesNumber, tiltDegrees != 0.0 ? "HEAD 5 MM TILTED" : "HEAD 5 MM", "HEAD", "", "HFS",
                   "CT HEAD ROUTINE", sop::CtImage, study.time};
    // Column direction (0, cos, -sin): the image planes lean with the gantry,
    // but the table still moves along z, so positions step along z only.
    const Vec3 rowDirection{1, 0, 0}, columnDirection{0, std::cos(a), -std::sin(a)};
    const double bottom = -(slices - 1) / 2.0 * tableStep;
    spec.grid = VolumeGrid::centred(matrix, matrix, fov / matrix, rowDirection, columnDirection, {0, 0, bottom});
    spec.grid.slices = slices;
    spec.grid.sliceStep = {0, 0, tableStep};
    spec.grid.sliceThickness = tableStep;
    spec.phantom = &phantom;
    spec.frameOfReferenceUid = frameOfReferenceUid(study.key + "/head");
    spec.rescaleIntercept = -1024.0;
    spec.rescaleType = "HU";
    spec.bitsStored = 12;
    spec.noiseSigma = 4.0;
    spec.windows = {{40, 80, "BRAIN"}, {600, 2800, "BONE"}};
    spec.imageType = "ORIGINAL\\PRIMARY\\AXIAL";
    spec.modalityAttributes = [fov, tiltDegrees](DatasetBuilder& ds, int) { ctAttributes(ds, fov, false, tiltDegrees); };
    nlohmann::json& truth = writeVolumeSeries(context, patient, study, spec);
    truth["geometry"]["gantryTilt"] = tiltDegrees;
    truth["geometry"]["tableStep"] = tableStep;
}

void writeCtCurrent(SynthContext& context) {
    const Phantom phantom = chestPhantom(kLesionRadiusCurrent);
    writeChestCt(context, chestPatient(), currentChestStudy(), 2, phantom, RigidTransform(), {0, 0, 0},
                 "ct-current", context.options().slices, context.options().matrix);
}

void writeCtPrior(SynthContext& context) {
    const Phantom phantom = chestPhantom(kLesionRadiusPrior);
    const RigidTransform t = priorFromCurrent();
    // Centred where the body now lies, as the technologist would have set the field of view.
    writeChestCt(context, chestPatient(), priorChestStudy(), 2, phantom, t.inverse(), t.apply({0, 0, 0}),
                 "ct-prior", context.options().slices, context.options().matrix);
}

void writeCtHeadTilt(SynthContext& context) {
    const StudySpec study{"ct-head-tilt", "ct-head-tilt", "20260704", "221045", "CT", "head",
                          "CT HEAD WITHOUT CONTRAST", "LBXA2607043", "CT26-2210", "EMERGENCY^DESK"};
    writeHeadCt(context, chestPatient(), study, 3, std::clamp(context.options().slices, 1, 36),
                std::min(context.options().matrix, 512), 15.0);
}

// The truth shared by both chest studies (written with either).
nlohmann::json chestPhantomTruth() {
    const Phantom current = chestPhantom(kLesionRadiusCurrent);
    const RigidTransform t = priorFromCurrent();
    const auto m = t.matrix4x4();
    const PhantomShape& lesion = current.shape("lesion");
    nlohmann::json j;
    j["objects"] = current.toJson(RigidTransform());
    j["background"] = current.background();
    j["priorFromCurrent"] = std::vector<double>(m.begin(), m.end());
    j["currentFrameOfReferenceUid"] = frameOfReferenceUid("ct-current");
    j["priorFrameOfReferenceUid"] = frameOfReferenceUid("ct-prior");
    j["lesion"] = {{"name", "lesion"},
                   {"radiusCurrentMm", kLesionRadiusCurrent},
                   {"radiusPriorMm", kLesionRadiusPrior},
                   {"centerCurrent", toJson(lesion.center)},
                   {"centerPrior", toJson(t.apply(lesion.center))},
                   {"hu", lesion.value}};
    return j;
}

}  // namespace lightbox::core::synth
