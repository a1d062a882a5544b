// Mammography items: a four-view screening study (RCC, LCC, RMLO, LMLO) and
// its prior, Digital Mammography X-Ray For Presentation, VOI LUT Function
// SIGMOID. A mass in the left breast grows between the two studies; a
// calcification cluster sits in the right breast.

#include "synth/DxModules.h"
#include "synth/Radiograph.h"
#include "synth/SynthItems.h"

#include <algorithm>
#include <cmath>

namespace lightbox::core::synth {
namespace {

constexpr Tag PositionerType{0x0018, 0x1508};
constexpr Tag PositionerPrimaryAngle{0x0018, 0x1510};
constexpr Tag BodyPartThickness{0x0018, 0x11A0};
constexpr Tag CompressionForce{0x0018, 0x11A2};
constexpr Tag AnodeTargetMaterial{0x0018, 0x1191};
constexpr Tag FilterMaterial{0x0018, 0x7050};
constexpr Tag BreastImplantPresent{0x0028, 0x1300};
constexpr Tag PartialView{0x0028, 0x1350};
constexpr Tag OrganExposed{0x0040, 0x0318};
constexpr Tag ViewCodeSequence{0x0054, 0x0220};
constexpr Tag ViewModifierCodeSequence{0x0054, 0x0222};

constexpr int kColumns = 800, kRows = 1040;
constexpr double kSpacing = 0.2;

struct View {
    std::string laterality;   // R, L
    std::string position;     // CC, MLO
    std::string orientation;  // Patient Orientation: chest wall side, then the column direction
};

PatientSpec mgPatient() { return {"LBX-MG-005", "GARCÍA^SOFÍA", "19680615", "F", 1.60, 64.0}; }

// Distance from the chest wall (mm) -> image x, for a breast on either side.
double imageX(const View& v, double fromChestWall) {
    return v.laterality == "R" ? kColumns * kSpacing - fromChestWall : fromChestWall;
}

Canvas drawBreast(const View& view, bool prior, std::uint64_t seed, nlohmann::json& findings) {
    Canvas c(kColumns, kRows, kSpacing);
    const double height = kRows * kSpacing;
    const bool mlo = view.position == "MLO";
    const double cy = mlo ? 0.45 * height : 0.5 * height;
    const double depth = mlo ? 125.0 : 118.0, half = mlo ? 95.0 : 85.0;
    auto radius = [&](double x, double y) {
        const double u = (view.laterality == "R" ? kColumns * kSpacing - x : x) / depth, v = (y - cy) / half;
        return std::sqrt(u * u + v * v);
    };
    // Compressed breast: full thickness inside, thinning towards the skin.
    c.add([&](double x, double y) {
        const double r = radius(x, y);
        if (r > 1.0) return 0.0;
        const double tissue = std::min(1.0, 2.5 * std::sqrt(1.0 - r * r));
        return tissue + (r > 0.985 ? 0.3 : 0.0);  // skin line
    });
    // Fibroglandular texture behind the nipple (fixed seed per view).
    NoiseSource rng(seed);
    Canvas texture(kColumns, kRows, kSpacing);
    for (int placed = 0; placed < 260;) {
        const double along = depth * rng.uniform(), across = (2.0 * rng.uniform() - 1.0) * half;
        const double x = imageX(view, along), y = cy + across;
        if (radius(x, y) > 0.8) continue;  // glandular tissue stays clear of the skin
        texture.addGaussian(x, y, 2.5 + 7.5 * rng.uniform(), 0.05 + 0.12 * rng.uniform());
        ++placed;
    }
    texture.multiply([&](double x, double y) { return std::clamp((0.95 - radius(x, y)) / 0.25, 0.0, 1.0); });
    c.add([&](double x, double y) {
        return texture.at(std::clamp(int(std::lround(x / kSpacing)), 0, kColumns - 1),
                          std::clamp(int(std::lround(y / kSpacing)), 0, kRows - 1));
    });
    if (mlo) {  // pectoral muscle: a triangle against the chest wall at the top
        c.add([&](double x, double y) {
            const double d = view.laterality == "R" ? kColumns * kSpacing - x : x;
            return (d < 45.0 * (1.0 - y / (0.42 * height)) && radius(x, y) <= 1.0) ? 0.5 : 0.0;
        });
    }
    if (view.laterality == "L") {  // the mass: smaller a year ago
        const double r = prior ? 4.0 : 7.0;
        const double x = imageX(view, mlo ? 60.0 : 55.0), y = cy + (mlo ? -25.0 : -20.0);
        c.addEllipse(x, y, r, r, 0, 0.45);
        c.addGaussian(x, y, r, 0.35);
        findings["mass"] = {{"centerPixel", {x / kSpacing, y / kSpacing}}, {"radiusMm", r}};
    } else {  // six calcifications
        nlohmann::json points = nlohmann::json::array();
        const double x0 = imageX(view, 50.0), y0 = cy + 15.0;
        for (int i = 0; i < 6; ++i) {
            const double x = x0 + 2.0 * std::cos(i * 1.1), y = y0 + 2.0 * std::sin(i * 1.7);
            c.addEllipse(x, y, 0.3, 0.3, 0, 2.0);
            points.push_back({x / kSpacing, y / kSpacing});
        }
        findings["calcifications"] = {{"centersPixel", points}, {"diameterMm", 0.6}};
    }
    return c;
}

void writeMammography(SynthContext& context, const StudySpec& study, bool prior) {
    const std::vector<View> views = {
        {"R", "CC", "P\\L"}, {"L", "CC", "A\\R"}, {"R", "MLO", "P\\F"}, {"L", "MLO", "A\\F"}};
    std::vector<ProjectionImage> images;
    for (std::size_t i = 0; i < views.size(); ++i) {
        const View& v = views[i];
        ProjectionImage image;
        image.instanceNumber = int(i) + 1;
        image.imageType = "ORIGINAL\\PRIMARY";
        image.viewPosition = v.position;
        image.imageLaterality = v.laterality;
        image.patientOrientation = v.orientation;
        image.rows = kRows;
        image.columns = kColumns;
        const std::uint64_t seed = seedFromName("mg/" + v.laterality + v.position);  // same texture in the prior
        nlohmann::json findings = nlohmann::json::object();
        const Canvas canvas = drawBreast(v, prior, seed, findings);
        image.samples = canvas.toStored(150, 1500, 8, seedFromName(study.key + "/" + v.laterality + v.position), 12);
        const bool cc = v.position == "CC";
        const double angle = cc ? 0.0 : (v.laterality == "R" ? 45.0 : -45.0);
        image.attributes = [cc, angle](DatasetBuilder& ds) {
            DatasetBuilder viewItem = cc ? codeItem("399162004", "SCT", "cranio-caudal")
                                         : codeItem("399368009", "SCT", "medio-lateral oblique");
            viewItem.sequence(ViewModifierCodeSequence, {});
            ds.sequence(ViewCodeSequence, {viewItem}).text(PositionerPrimaryAngle, "DS", formatDs(angle));
        };
        image.truth = findings;
        image.truth["viewCode"] = cc ? "399162004" : "399368009";
        images.push_back(std::move(image));
    }

    DxAcquisition acquisition;
    acquisition.imagerPixelSpacing = kSpacing;
    acquisition.columns = kColumns;
    acquisition.rows = kRows;
    acquisition.kvp = 29;
    acquisition.tubeCurrentMa = 100;
    acquisition.exposureTimeMs = 1200;
    acquisition.sourceToDetectorMm = 660;
    acquisition.sourceToPatientMm = 630;
    acquisition.detectorType = "DIRECT";
    acquisition.processing = "MAMMO STANDARD";

    ProjectionSeriesSpec spec;
    spec.series = {"MG", 1, "SCREENING MAMMOGRAPHY 4 VIEWS", "BREAST", "", "", "SCREENING MAMMOGRAPHY",
                   sop::MgForPresentation, study.time};
    spec.imagerPixelSpacing = kSpacing;
    spec.bitsStored = 12;
    spec.windows = {{2000, 2600, "SIGMOID DEFAULT"}};
    spec.voiLutFunction = "SIGMOID";
    spec.attributes = [acquisition](DatasetBuilder& ds) {
        setDxModules(ds, acquisition);
        setAnatomicRegion(ds, "76752008", "Breast");
        ds.text(PositionerType, "CS", "MAMMOGRAPHIC")
            .text(OrganExposed, "CS", "BREAST")
            .text(BreastImplantPresent, "CS", "NO")
            .text(PartialView, "CS", "NO")
            .text(BodyPartThickness, "DS", "52")
            .text(CompressionForce, "DS", "110")
            .text(AnodeTargetMaterial, "CS", "TUNGSTEN")
            .text(FilterMaterial, "CS", "RHODIUM");
    };
    writeProjectionSeries(context, mgPatient(), study, spec, images);
}

}  // namespace

void writeMgCurrent(SynthContext& context) {
    const StudySpec study{"mg-current", "mg-current", "20260510", "090000", "MG", "screening",
                          "MAMMOGRAPHY SCREENING BILATERAL", "LBXA2605108", "MG26-0510", "GYN^GRETA"};
    writeMammography(context, study, false);
}

void writeMgPrior(SynthContext& context) {
    const StudySpec study{"mg-prior", "mg-prior", "20240502", "101500", "MG", "screening",
                          "MAMMOGRAPHY SCREENING BILATERAL", "LBXA2405029", "MG24-0502", "GYN^GRETA"};
    writeMammography(context, study, true);
}

}  // namespace lightbox::core::synth
