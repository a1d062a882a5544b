// DX item: a right knee AP as Digital X-Ray For Presentation, with radio-opaque
// calibration objects of known size at the patient plane (a square frame, a
// disc, two beads). The image carries only ImagerPixelSpacing and the
// Estimated Radiographic Magnification Factor - no Pixel Spacing - so a
// measurement is right only if it divides by the magnification.

#include "synth/DxModules.h"
#include "synth/Radiograph.h"
#include "synth/SynthItems.h"

namespace lightbox::core::synth {
namespace {

constexpr double kMagnification = 1.15;       // source-patient 1000 mm, source-detector 1150 mm
constexpr double kImagerSpacing = 0.15;        // mm at the detector
constexpr double kSoft = 0.01, kBone = 0.04;   // attenuation per mm (arbitrary units)
constexpr double kMetal = 3.5;                 // calibration objects: far brighter than bone

// The calibration objects, in mm at the patient plane from the image's top-left pixel centre.
constexpr double kSquareCx = 201, kSquareCy = 81, kSquareOuter = 100, kSquareBar = 3;
constexpr double kDiscCx = 201, kDiscCy = 204, kDiscDiameter = 50;
constexpr double kBeadY = 276, kBeadX1 = 161, kBeadX2 = 241, kBeadDiameter = 2;

// (0018,1114) as PS3.6 lists it; (0018,5022) is Mechanical Index (ultrasound).
constexpr Tag EstimatedRadiographicMagnificationFactor{0x0018, 0x1114};
constexpr Tag ViewCodeSequence{0x0054, 0x0220};
constexpr Tag ViewModifierCodeSequence{0x0054, 0x0222};
constexpr Tag PositionerType{0x0018, 0x1508};

PatientSpec dxPatient() { return {"LBX-DX-004", "DUBOIS^CLAIRE", "19710430", "F", 1.64, 70.0}; }

}  // namespace

void writeKneeDx(SynthContext& context, const PatientSpec& patient, const StudySpec& study, int scaleDivisor) {
    const double spacing = kImagerSpacing * scaleDivisor;
    const int columns = 2000 / scaleDivisor, rows = 2400 / scaleDivisor;
    const double m = kMagnification;  // patient-plane mm -> detector mm
    Canvas c(columns, rows, spacing);
    // Knee anatomy (patient-plane mm, scaled to the detector).
    auto ellipsoid = [&](double x, double y, double a, double b, double depth, double w) {
        c.addEllipsoid(x * m, y * m, a * m, b * m, depth * m, w);
    };
    ellipsoid(85, 156, 62, 200, 55, kSoft);       // thigh and leg
    ellipsoid(85, 40, 16, 130, 16, kBone);        // femoral shaft
    ellipsoid(85, 140, 42, 22, 30, kBone);        // femoral condyles
    ellipsoid(85, 135, 22, 25, 10, kBone * 0.5);  // patella, seen through the femur
    ellipsoid(85, 178, 40, 14, 28, kBone);        // tibial plateau
    ellipsoid(88, 280, 15, 110, 15, kBone);       // tibial shaft
    ellipsoid(55, 240, 7, 70, 7, kBone);          // fibula, lateral
    // Calibration objects: flat metal, a pixel belongs to one if its centre does.
    const double h = kSquareOuter / 2, in = h - kSquareBar;
    c.addRectangle((kSquareCx - h) * m, (kSquareCy - h) * m, (kSquareCx + h) * m, (kSquareCy + h) * m, kMetal);
    c.addRectangle((kSquareCx - in) * m, (kSquareCy - in) * m, (kSquareCx + in) * m, (kSquareCy + in) * m, -kMetal);
    c.addEllipse(kDiscCx * m, kDiscCy * m, kDiscDiameter / 2 * m, kDiscDiameter / 2 * m, 0, kMetal);
    c.addEllipse(kBeadX1 * m, kBeadY * m, kBeadDiameter / 2 * m, kBeadDiameter / 2 * m, 0, kMetal);
    c.addEllipse(kBeadX2 * m, kBeadY * m, kBeadDiameter / 2 * m, kBeadDiameter / 2 * m, 0, kMetal);

    ProjectionImage image;
    image.instanceNumber = 1;
    image.imageType = "ORIGINAL\\PRIMARY";
    image.viewPosition = "AP";
    image.imageLaterality = "R";
    image.patientOrientation = "L\\F";
    image.rows = rows;
    image.columns = columns;
    image.samples = c.toStored(250, 1000, 10, seedFromName(study.key + "/dx"), 12);
    image.attributes = [](DatasetBuilder& ds) {
        setAnatomicRegion(ds, "72696002", "Knee");
        DatasetBuilder view = codeItem("399348003", "SCT", "antero-posterior");
        view.sequence(ViewModifierCodeSequence, {});
        ds.sequence(ViewCodeSequence, {view});
        ds.text(EstimatedRadiographicMagnificationFactor, "DS", formatDs(kMagnification))
            .text(PositionerType, "CS", "COLUMN");
    };

    DxAcquisition acquisition;
    acquisition.imagerPixelSpacing = spacing;
    acquisition.columns = columns;
    acquisition.rows = rows;
    acquisition.kvp = 63;
    acquisition.tubeCurrentMa = 250;
    acquisition.exposureTimeMs = 20;
    acquisition.sourceToDetectorMm = 1150;
    acquisition.sourceToPatientMm = 1000;
    acquisition.processing = "KNEE AP";

    ProjectionSeriesSpec spec;
    spec.series = {"DX", 1, "KNEE AP RIGHT WITH CALIBRATION", "KNEE", "", "", "KNEE PRE-OP TEMPLATING",
                   sop::DxForPresentation, study.time};
    spec.imagerPixelSpacing = spacing;
    spec.bitsStored = 12;
    spec.windows = {{2000, 3800, "DEFAULT"}};
    spec.attributes = [acquisition](DatasetBuilder& ds) { setDxModules(ds, acquisition); };
    nlohmann::json& truth = writeProjectionSeries(context, patient, study, spec, {image});

    // Pixel coordinates: (column, row) of a pixel centre; mm at the patient plane x px.
    const double px = m / spacing;
    auto point = [px](double x, double y) { return nlohmann::json::array({x * px, y * px}); };
    truth["estimatedRadiographicMagnificationFactor"] = kMagnification;
    nlohmann::json& cal = truth["calibration"];
    cal["pixelSpacingAtPatientPlane"] = {spacing / m, spacing / m};
    cal["square"] = {{"outerSizeMm", kSquareOuter},
                     {"barWidthMm", kSquareBar},
                     {"centerPixel", point(kSquareCx, kSquareCy)},
                     {"outerCornersPixel",
                      {point(kSquareCx - h, kSquareCy - h), point(kSquareCx + h, kSquareCy - h),
                       point(kSquareCx + h, kSquareCy + h), point(kSquareCx - h, kSquareCy + h)}}};
    cal["disc"] = {{"diameterMm", kDiscDiameter},
                   {"centerPixel", point(kDiscCx, kDiscCy)},
                   {"radiusPixels", kDiscDiameter / 2 * px}};
    cal["beads"] = {{"distanceMm", kBeadX2 - kBeadX1},
                    {"diameterMm", kBeadDiameter},
                    {"centersPixel", {point(kBeadX1, kBeadY), point(kBeadX2, kBeadY)}}};
}

void writeDxCalibration(SynthContext& context) {
    const StudySpec study{"dx-calibration", "dx-calibration", "20260218", "113000", "DX", "knee",
                          "XR KNEE RIGHT 1 VIEW", "LBXA2602187", "DX26-0218", "ORTHO^OLIVER"};
    writeKneeDx(context, dxPatient(), study, 1);
}

}  // namespace lightbox::core::synth
