// CR items: a chest PA and lateral drawn as projected attenuation (torso,
// lungs, heart, spine, ribs, clavicles, a nodule), MONOCHROME1 as CR readers
// write them, with ImagerPixelSpacing only.

#include "synth/Radiograph.h"
#include "synth/SynthItems.h"

namespace lightbox::core::synth {
namespace {

constexpr Tag KVP{0x0018, 0x0060};
constexpr Tag DistanceSourceToDetector{0x0018, 0x1110};
constexpr Tag DistanceSourceToPatient{0x0018, 0x1111};
constexpr Tag ExposureTime{0x0018, 0x1150};
constexpr Tag XRayTubeCurrent{0x0018, 0x1151};
constexpr Tag Exposure{0x0018, 0x1152};
constexpr Tag FilterType{0x0018, 0x1160};
constexpr Tag FocalSpots{0x0018, 0x1190};
constexpr Tag PlateType{0x0018, 0x1260};
constexpr Tag PhosphorType{0x0018, 0x1261};
constexpr Tag AcquisitionDeviceProcessingDescription{0x0018, 0x1400};
constexpr Tag CassetteOrientation{0x0018, 0x1402};
constexpr Tag CassetteSize{0x0018, 0x1403};
constexpr Tag ExposuresOnPlate{0x0018, 0x1404};
constexpr Tag RelativeXRayExposure{0x0018, 0x1405};
constexpr Tag Sensitivity{0x0018, 0x6000};

constexpr double kSoft = 0.02;   // attenuation per mm of soft tissue (arbitrary units)
constexpr double kAir = 0.017;   // what lung air takes away per mm
constexpr double kBone = 0.35;   // a rib's or clavicle's contribution

struct Nodule {
    double x = 0, y = 0, radius = 0;  // mm on the detector
};

// PA: the patient's right on the viewer's left (Patient Orientation L\F).
Canvas drawChestPa(int columns, int rows, double spacing, double dx, double dy, const Nodule& nodule) {
    Canvas c(columns, rows, spacing);
    const double cx = columns * spacing / 2.0 + dx;
    c.addEllipsoid(cx, 250 + dy, 165, 250, 110, kSoft);            // torso
    c.addEllipsoid(cx, 30 + dy, 50, 70, 50, kSoft);                // neck
    c.addEllipsoid(cx - 116, 95 + dy, 55, 45, 50, kSoft);          // shoulders
    c.addEllipsoid(cx + 116, 95 + dy, 55, 45, 50, kSoft);
    c.addEllipsoid(cx - 64, 200 + dy, 62, 135, 65, -kAir);         // right lung
    c.addEllipsoid(cx + 66, 205 + dy, 58, 128, 62, -kAir);         // left lung
    c.addEllipsoid(cx + 24, 300 + dy, 68, 58, 55, kAir);           // heart fills the left lung's base
    c.addRectangle(cx - 18, 0, cx + 18, rows * spacing, 0.9);       // spine behind the mediastinum
    for (int i = 0; i < 10; ++i) {                                  // posterior ribs slope down laterally
        const double y = 85 + 27 * i + dy;
        c.addEllipse(cx - 74, y, 58, 5, -18, kBone);
        c.addEllipse(cx + 74, y, 58, 5, 18, kBone);
    }
    c.addEllipse(cx - 62, 78 + dy, 54, 6, 12, 0.45);                // clavicles
    c.addEllipse(cx + 62, 78 + dy, 54, 6, -12, 0.45);
    c.addEllipsoid(nodule.x, nodule.y, nodule.radius, nodule.radius, nodule.radius, 2 * kSoft);
    return c;
}

// Left lateral: anterior on the viewer's left (Patient Orientation P\F).
Canvas drawChestLateral(int columns, int rows, double spacing, double dx, double dy, const Nodule& nodule) {
    Canvas c(columns, rows, spacing);
    c.addEllipsoid(180 + dx, 250 + dy, 140, 250, 135, kSoft);     // torso, seen from the side
    c.addEllipsoid(190 + dx, 30 + dy, 50, 70, 55, kSoft);          // neck
    c.addEllipsoid(185 + dx, 200 + dy, 95, 140, 120, -kAir);       // both lungs superimposed
    c.addEllipsoid(140 + dx, 300 + dy, 70, 60, 60, kAir);          // heart, anterior and low
    c.addRectangle(262 + dx, 0, 300 + dx, rows * spacing, 0.9);     // thoracic spine
    c.addEllipse(62 + dx, 200 + dy, 8, 90, -8, 0.4);                // sternum
    c.addEllipsoid(nodule.x, nodule.y, nodule.radius, nodule.radius, nodule.radius, 2 * kSoft);
    return c;
}

void crAttributes(DatasetBuilder& ds) {
    ds.text(KVP, "DS", "125")
        .text(DistanceSourceToDetector, "DS", "1800")
        .text(DistanceSourceToPatient, "DS", "1650")
        .text(ExposureTime, "IS", "10")
        .text(XRayTubeCurrent, "IS", "320")
        .text(Exposure, "IS", "3")
        .text(FilterType, "SH", "NONE")
        .text(FocalSpots, "DS", "1.2")
        .text(PlateType, "SH", "ST-VI")
        .text(PhosphorType, "LO", "BaFBr:Eu")
        .text(AcquisitionDeviceProcessingDescription, "LO", "CHEST PA STANDARD")
        .text(CassetteOrientation, "CS", "PORTRAIT")
        .text(CassetteSize, "CS", "35CMX43CM")
        .us(ExposuresOnPlate, 1)
        .text(RelativeXRayExposure, "IS", "1800")
        .text(Sensitivity, "DS", "200");
}

PatientSpec crPatient() { return {"LBX-CR-003", "NILSSON^ERIK", "19550107", "M", 1.82, 90.0}; }

}  // namespace

void writeChestCr(SynthContext& context, const PatientSpec& patient, const StudySpec& study, bool prior,
                  bool withLateral, int scaleDivisor) {
    const int columns = 880 / scaleDivisor, rows = 1072 / scaleDivisor;
    const double spacing = 0.4 * scaleDivisor;
    // The prior: the patient stood a little differently and the nodule was smaller.
    const double dx = prior ? 6.0 : 0.0, dy = prior ? -4.0 : 0.0;
    const double radius = prior ? 5.0 : 8.0;
    const double cx = columns * spacing / 2.0 + dx;

    std::vector<std::pair<ProjectionImage, SeriesSpec>> views;
    const Nodule paNodule{cx - 80, 150 + dy, radius};
    const Nodule latNodule{150 + dx, 150 + dy, radius};
    const std::uint64_t seed = seedFromName(study.key + "/cr");
    {
        ProjectionImage pa;
        pa.instanceNumber = 1;
        pa.imageType = "ORIGINAL\\PRIMARY";
        pa.viewPosition = "PA";
        pa.patientOrientation = "L\\F";
        pa.rows = rows;
        pa.columns = columns;
        pa.samples = drawChestPa(columns, rows, spacing, dx, dy, paNodule).toStored(3700, -620, 12, seed, 12);
        pa.truth["nodule"] = {{"centerPixel", {paNodule.x / spacing, paNodule.y / spacing}}, {"radiusMm", radius}};
        views.push_back({std::move(pa), SeriesSpec{"CR", 1, "CHEST PA", "CHEST", "", "", "CHEST 2 VIEWS", sop::CrImage, study.time}});
    }
    if (withLateral) {
        ProjectionImage lat;
        lat.instanceNumber = 1;
        lat.imageType = "ORIGINAL\\PRIMARY";
        lat.viewPosition = "LL";
        lat.patientOrientation = "P\\F";
        lat.rows = rows;
        lat.columns = columns;
        lat.samples = drawChestLateral(columns, rows, spacing, dx, dy, latNodule).toStored(3700, -620, 12, seed + 1, 12);
        lat.truth["nodule"] = {{"centerPixel", {latNodule.x / spacing, latNodule.y / spacing}}, {"radiusMm", radius}};
        views.push_back({std::move(lat), SeriesSpec{"CR", 2, "CHEST LATERAL", "CHEST", "", "", "CHEST 2 VIEWS", sop::CrImage, study.time}});
    }
    for (auto& [image, series] : views) {
        ProjectionSeriesSpec spec;
        spec.series = series;
        spec.imagerPixelSpacing = spacing;
        spec.bitsStored = 12;
        spec.monochrome1 = true;
        spec.windows = {{2100, 3400, "CHEST"}};
        spec.attributes = crAttributes;
        writeProjectionSeries(context, patient, study, spec, {image});
    }
}

void writeCrCurrent(SynthContext& context) {
    const StudySpec study{"cr-current", "cr-current", "20261002", "081230", "CR", "chest",
                          "XR CHEST 2 VIEWS", "LBXA2610025", "CR26-1002", "LUNG^LINDA"};
    writeChestCr(context, crPatient(), study, false, true, 1);
}

void writeCrPrior(SynthContext& context) {
    const StudySpec study{"cr-prior", "cr-prior", "20240915", "154500", "CR", "chest",
                          "XR CHEST 2 VIEWS", "LBXA2409156", "CR24-0915", "LUNG^LINDA"};
    writeChestCr(context, crPatient(), study, true, true, 1);
}

}  // namespace lightbox::core::synth
