// render geometry without a display: plane axes, the synthetic phantom's
// spheres and rods at their known patient coordinates in every plane (also
// through a gantry-tilted stack), thick slabs against the covered slices
// decoded independently, and the real tilted CT's inserts straight from top
// to bottom.

#include "RenderTestSupport.h"
#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/PixelData.h"
#include "lightbox/render/SlicePlane.h"
#include "lightbox/render/SliceView.h"

#include <QProcess>
#include <QtTest>

#include <cmath>

using namespace lightbox;
using core::Vec3;
using core::operator+;
using core::operator-;
using core::operator*;

namespace {

double maxVoxelSize(const core::Volume& v) {
    // The distance between slice planes (along the normal) and the pixel spacing.
    const double along = std::abs(core::dot(v.axisZ, core::normalized(core::cross(v.axisX, v.axisY)))) * v.spacing[2];
    return std::max({v.spacing[0], v.spacing[1], along});
}

// The point where a z-parallel rod's axis crosses the plane.
Vec3 rodCrossing(const Vec3& axisPoint, const render::SlicePlane& plane) {
    const double nz = plane.normal[2];
    if (std::abs(nz) < 1e-9) return {axisPoint[0], axisPoint[1], plane.centre[2]};  // the plane holds the axis
    const double t = core::dot(plane.centre - axisPoint, plane.normal) / nz;
    return {axisPoint[0], axisPoint[1], axisPoint[2] + t};
}

// Stored value -> modality value of one file, decoded on its own.
std::vector<double> decodeModality(const core::SliceRef& slice) {
    core::PixelDecoder decoder(core::DicomFile::open(slice.path));
    const core::Frame frame = decoder.decode(slice.frame);
    std::vector<double> out(frame.values.size());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = frame.values[i] * slice.rescaleSlope + slice.rescaleIntercept;
    return out;
}

template <typename F>
bool throwsError(F f) {
    try {
        f();
    } catch (const core::Error&) {
        return true;
    }
    return false;
}

}  // namespace

class TestRenderGeometry : public QObject {
    Q_OBJECT

private:
    test::SyntheticSet chest_, head_;
    core::SeriesInfo chestSeries_, headSeries_;
    core::Volume chestVolume_, headVolume_;

private slots:
    void initTestCase() {
        chest_ = test::writeSynthetic("ct-current", 60, 256);
        chestSeries_ = test::loadSeriesInfo(test::seriesFolder(chest_, "ct-current"));
        QVERIFY(chestSeries_.isVolume());
        chestVolume_ = core::loadVolume(chestSeries_);
        head_ = test::writeSynthetic("ct-head-tilt", 36, 256);
        headSeries_ = test::loadSeriesInfo(test::seriesFolder(head_, "ct-head-tilt"));
        QVERIFY(headSeries_.isVolume());
        QVERIFY(headSeries_.sheared);
        headVolume_ = core::loadVolume(headSeries_);
        QVERIFY(headVolume_.sheared);
    }

    void standardPlanesFollowRadiologicalConvention() {
        Vec3 right, down;
        render::axesForNormal(render::normalForPlane(render::PlaneKind::Axial), right, down);
        QCOMPARE(render::orientationLetters(right), std::string("L"));  // patient's left on screen right
        QCOMPARE(render::orientationLetters(down), std::string("P"));
        render::axesForNormal(render::normalForPlane(render::PlaneKind::Coronal), right, down);
        QCOMPARE(render::orientationLetters(right), std::string("L"));
        QCOMPARE(render::orientationLetters(down), std::string("F"));
        render::axesForNormal(render::normalForPlane(render::PlaneKind::Sagittal), right, down);
        QCOMPARE(render::orientationLetters(right), std::string("P"));
        QCOMPARE(render::orientationLetters(down), std::string("F"));
    }

    void obliqueKeepsHeadUp() {
        const Vec3 n = core::normalized({0.3, 0.8, 0.5});
        Vec3 right, down;
        render::axesForNormal(n, right, down);
        QVERIFY(std::abs(core::dot(right, n)) < 1e-12);
        QVERIFY(std::abs(core::dot(down, n)) < 1e-12);
        QVERIFY(std::abs(core::dot(right, down)) < 1e-12);
        QVERIFY(std::abs(right[2]) < 1e-12);  // no head component: up is the head's projection
        QVERIFY(down[2] < 0);
        // No other in-plane direction points more towards the head than -down.
        for (int deg = 0; deg < 360; deg += 5) {
            const double a = deg * M_PI / 180;
            const Vec3 d = right * std::cos(a) + down * -std::sin(a);
            QVERIFY(d[2] <= -down[2] + 1e-12);
        }
        // The normal is right x down (points away from the viewer).
        const Vec3 c = core::cross(right, down);
        QVERIFY(core::norm(c - n) < 1e-12);
    }

    void planeDefaultsAreExactOneToOne() {
        render::PlaneRequest request;  // axial through the centre
        const render::SlicePlane plane = render::planeThroughVolume(chestVolume_, request);
        QCOMPARE(plane.width, chestVolume_.columns);
        QCOMPARE(plane.height, chestVolume_.rows);
        QCOMPARE(plane.spacing, chestVolume_.spacing[0]);
        // Output pixel (0, 0) is voxel (0, 0) of the plane's slice.
        const Vec3 p = plane.pixelToPatient(0, 0);
        QVERIFY(std::abs(p[0] - chestVolume_.origin[0]) < 1e-9);
        QVERIFY(std::abs(p[1] - chestVolume_.origin[1]) < 1e-9);
    }

    void planesOnVoxelPlanesMatchTrilinearSampling_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("voxelPlane");  // the slice, row or column the plane lies on
        QTest::addColumn<double>("slabMm");
        QTest::newRow("axial") << int(render::PlaneKind::Axial) << 17 << 0.0;
        QTest::newRow("coronal") << int(render::PlaneKind::Coronal) << 101 << 0.0;
        QTest::newRow("sagittal") << int(render::PlaneKind::Sagittal) << 140 << 0.0;
        QTest::newRow("axial-slab") << int(render::PlaneKind::Axial) << 30 << 12.0;
        QTest::newRow("first-slice") << int(render::PlaneKind::Axial) << 0 << 0.0;
    }

    void planesOnVoxelPlanesMatchTrilinearSampling() {
        // A plane on a voxel plane at a spacing other than the voxels' (every
        // sample interpolated within that voxel plane, the reslicer's fast path)
        // against trilinear interpolation computed here from the voxels.
        QFETCH(int, kind);
        QFETCH(int, voxelPlane);
        QFETCH(double, slabMm);
        const core::Volume& v = chestVolume_;
        QVERIFY(!v.isFloat);
        const render::Reslicer reslicer(v);
        render::PlaneRequest request;
        request.kind = render::PlaneKind(kind);
        request.spacingMm = render::finestSpacing(v) * 0.71;
        const Vec3 n = render::normalForPlane(request.kind);
        const Vec3 onPlane = kind == int(render::PlaneKind::Axial)     ? v.patientPoint(0, 0, voxelPlane)
                             : kind == int(render::PlaneKind::Coronal) ? v.patientPoint(0, voxelPlane, 0)
                                                                       : v.patientPoint(voxelPlane, 0, 0);
        request.positionMm = core::dot(onPlane - render::volumeCentre(v), n);
        const render::SlicePlane plane = render::planeThroughVolume(v, request);
        render::ResliceOptions options;
        options.slabMm = slabMm;
        options.slabMode = render::SlabMode::Mip;
        const render::SliceImage out = reslicer.reslice(plane, options);

        const double outside = reslicer.minimumValue();
        auto voxel = [&](int i, int j, int k) {
            return double(v.int16Voxels[std::size_t(k) * v.voxelsPerSlice() + std::size_t(j) * std::size_t(v.columns) +
                                       std::size_t(i)]);
        };
        auto trilinear = [&](const Vec3& p) {
            const Vec3 x = reslicer.voxelIndex(p);
            const int size[3] = {v.columns, v.rows, v.slices};
            int lo[3], hi[3];
            double f[3];
            for (int a = 0; a < 3; ++a) {
                const double c = x[std::size_t(a)];
                if (c < -0.5 || c > size[a] - 0.5) return outside;  // half a voxel of border, clamped
                const double clamped = std::clamp(c, 0.0, double(size[a] - 1));
                lo[a] = std::min(int(clamped), size[a] - 1);
                hi[a] = std::min(lo[a] + 1, size[a] - 1);
                f[a] = clamped - lo[a];
            }
            double sum = 0;
            for (int corner = 0; corner < 8; ++corner) {
                const int i = corner & 1 ? hi[0] : lo[0], j = corner & 2 ? hi[1] : lo[1], k = corner & 4 ? hi[2] : lo[2];
                sum += voxel(i, j, k) * (corner & 1 ? f[0] : 1 - f[0]) * (corner & 2 ? f[1] : 1 - f[1]) *
                       (corner & 4 ? f[2] : 1 - f[2]);
            }
            return sum;
        };
        const double step = reslicer.slabStep(plane.normal);
        const int half = slabMm > 0 ? int(std::floor(slabMm / 2 / step + 1e-9)) : 0;
        QCOMPARE(out.slabSamples, 2 * half + 1);
        double worst = 0;
        int interpolated = 0;
        for (int j = 0; j < plane.height; ++j)
            for (int i = 0; i < plane.width; ++i) {
                double expected = -std::numeric_limits<double>::infinity();
                for (int s = -half; s <= half; ++s)
                    expected = std::max(expected, trilinear(plane.pixelToPatient(i, j) + plane.normal * (s * step)));
                const double actual = out.values[std::size_t(j) * std::size_t(plane.width) + std::size_t(i)];
                worst = std::max(worst, std::abs(actual - expected));
                if (expected != std::floor(expected)) ++interpolated;
            }
        QVERIFY2(interpolated > 100, qPrintable(QString("%1 interpolated").arg(interpolated)));
        // Snapping to voxel centres within 1e-6 of a voxel moves a value by at most 1e-6 of a step.
        QVERIFY2(worst < 0.01, qPrintable(QString("largest difference %1").arg(worst)));
    }

    void badRequestsAreRefused() {
        render::PlaneRequest r;
        r.kind = render::PlaneKind::Oblique;
        r.obliqueNormal = {0, 0, 0};
        QVERIFY(throwsError([&] { render::planeThroughVolume(chestVolume_, r); }));
        r.obliqueNormal = {0, 0, 1};
        r.spacingMm = -1;
        QVERIFY(throwsError([&] { render::planeThroughVolume(chestVolume_, r); }));
        QVERIFY(throwsError([&] { render::parsePlaneKind("diagonal"); }));
        QVERIFY(throwsError([&] { render::parseSlabMode("max"); }));
    }

    void phantomObjectsAtTheirPlace_data() {
        QTest::addColumn<QString>("series");
        QTest::addColumn<QString>("object");
        QTest::addColumn<int>("plane");
        QTest::addColumn<double>("nx");
        QTest::addColumn<double>("ny");
        QTest::addColumn<double>("nz");
        const std::pair<const char*, render::PlaneKind> planes[] = {
            {"axial", render::PlaneKind::Axial}, {"coronal", render::PlaneKind::Coronal},
            {"sagittal", render::PlaneKind::Sagittal}, {"oblique", render::PlaneKind::Oblique}};
        for (const char* object : {"calcification", "lesion", "fat", "aorta", "spine"})
            for (auto [name, kind] : planes)
                QTest::newRow((std::string("chest ") + object + " " + name).c_str())
                    << "chest" << object << int(kind) << 0.4 << -0.5 << 0.77;
        for (auto [name, kind] : planes)
            QTest::newRow((std::string("tilted head haemorrhage ") + name).c_str())
                << "head" << "haemorrhage" << int(kind) << -0.6 << 0.3 << 0.74;
    }

    void phantomObjectsAtTheirPlace() {
        QFETCH(QString, series);
        QFETCH(QString, object);
        QFETCH(int, plane);
        QFETCH(double, nx);
        QFETCH(double, ny);
        QFETCH(double, nz);
        const bool chest = series == "chest";
        const core::Volume& volume = chest ? chestVolume_ : headVolume_;
        const nlohmann::json truth = test::seriesTruth(chest ? chest_ : head_, chest ? "ct-current" : "ct-head-tilt");
        const nlohmann::json* shape = nullptr;
        for (const auto& o : truth["objects"])
            if (o["name"] == object.toStdString()) shape = &o;
        QVERIFY2(shape, "object in truth.json");
        const Vec3 centre = test::vec3((*shape)["center"]);
        const bool rod = (*shape)["shape"] == "ellipticCylinderZ";
        const double radius = rod ? (*shape)["semiAxes"][0].get<double>() : (*shape)["radius"].get<double>();
        const double value = (*shape)["value"].get<double>();

        render::PlaneRequest request;
        request.kind = render::PlaneKind(plane);
        request.obliqueNormal = {nx, ny, nz};
        const Vec3 n = request.kind == render::PlaneKind::Oblique ? core::normalized(request.obliqueNormal)
                                                                   : render::normalForPlane(request.kind);
        // Through the object's centre (a rod: any height; the middle of the volume).
        Vec3 target = centre;
        if (rod) target[2] = render::volumeCentre(volume)[2];
        request.positionMm = core::dot(target - render::volumeCentre(volume), n);
        const render::SlicePlane p = render::planeThroughVolume(volume, request);
        const render::Reslicer reslicer(volume);
        const render::SliceImage slice = reslicer.reslice(p);
        const Vec3 expectedPoint = rod ? rodCrossing(centre, p) : centre;
        double distance = 0;
        const auto expected = p.patientToPixel(expectedPoint, &distance);
        QVERIFY(std::abs(distance) < 1e-6);

        // Halfway between the object and what surrounds it.
        const double around = chest ? (object == "lesion" ? -850.0 : object == "fat" ? 40.0 : 40.0) : 28.0;
        const double threshold = (value + around) / 2;
        const double searchPixels = (radius * (rod ? 1.2 : 1.0) + 2 * maxVoxelSize(volume)) / p.spacing;
        std::optional<std::array<double, 2>> found;
        if (value > around) {
            found = test::centroidAbove(slice, threshold, expected, searchPixels);
        } else {  // darker object (fat in soft tissue): invert
            render::SliceImage inverted = slice;
            for (float& v : inverted.values) v = -v;
            found = test::centroidAbove(inverted, -threshold, expected, searchPixels);
        }
        QVERIFY2(found, "object found near its expected place");
        const double errorMm = std::hypot((*found)[0] - expected[0], (*found)[1] - expected[1]) * p.spacing;
        const double voxel = maxVoxelSize(volume);
        if (errorMm > voxel)
            qWarning("%s: found at (%.2f, %.2f), expected (%.2f, %.2f): %.2f mm off, voxel %.2f mm",
                     qPrintable(object), (*found)[0], (*found)[1], expected[0], expected[1], errorMm, voxel);
        QVERIFY(errorMm <= voxel);
    }

    void thickSlabEqualsCoveredSlices_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("mip") << int(render::SlabMode::Mip);
        QTest::newRow("minip") << int(render::SlabMode::MinIp);
        QTest::newRow("avg") << int(render::SlabMode::Average);
    }

    void thickSlabEqualsCoveredSlices() {
        QFETCH(int, mode);
        checkSlab(chestSeries_, chestVolume_, render::SlabMode(mode), 20.0, 37);
    }

    void thickSlabOnRealCt() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        const QString dir = test::sharedFile("dcm_qa_ct/In/Philips/S21570/S2020");
        if (!QFileInfo::exists(dir)) QSKIP("S21570/S2020 not in the shared data");
        const core::SeriesInfo series = test::loadSeriesInfo(dir);
        QVERIFY(series.isVolume());
        QCOMPARE(int(series.slices.size()), 140);
        const core::Volume volume = core::loadVolume(series);
        checkSlab(series, volume, render::SlabMode::Mip, 20.0, 70);
    }

    void cliRefusesBadInputWithOneLine_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString series = test::seriesFolder(chest_, "ct-current");
        QTest::newRow("no such folder") << QStringList{"--series", "/nonexistent/series", "--out", "x.png"} << "nonexistent";
        QTest::newRow("bad plane") << QStringList{"--series", series, "--plane", "diagonal", "--out", "x.png"} << "plane";
        QTest::newRow("oblique without normal") << QStringList{"--series", series, "--plane", "oblique", "--out", "x.png"} << "normal";
        QTest::newRow("zero normal") << QStringList{"--series", series, "--normal", "0,0,0", "--out", "x.png"} << "normal";
        QTest::newRow("bad size") << QStringList{"--series", series, "--size", "0x12", "--out", "x.png"} << "size";
        QTest::newRow("bad slab mode") << QStringList{"--series", series, "--slab", "10", "--slab-mode", "max", "--out", "x.png"} << "slab";
        QTest::newRow("bad preset") << QStringList{"--series", series, "--vr", "skin", "--out", "x.png"} << "preset";
        // No display: a clear error, not VTK's abort().
        QTest::newRow("no display") << QStringList{"--series", series, "--out", "x.png"} << "X display";
    }

    void cliRefusesBadInputWithOneLine() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("DISPLAY");
        cli.setProcessEnvironment(env);
        QTemporaryDir dir;
        cli.setWorkingDirectory(dir.path());
        cli.start(LIGHTBOX_CLI, QStringList{"render"} + arguments);
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitStatus(), QProcess::NormalExit);  // no crash, no abort
        QVERIFY(cli.exitCode() != 0);
        const QString err = QString::fromUtf8(cli.readAllStandardError()).trimmed();
        QVERIFY2(!err.contains('\n'), qPrintable(err));
        QVERIFY2(err.contains(message, Qt::CaseInsensitive), qPrintable(err));
        QVERIFY(!QFileInfo::exists(dir.filePath("x.png")));
    }

    void tiltedRealCtInsertsStayStraight_data() {
        QTest::addColumn<int>("plane");
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<double>("z");
        // The square insert, located at pixel (284, 208) of image I270 (pixel ->
        // patient by the image's own geometry). (The round inserts are cones.)
        const Vec3 square{13.5, 79.5, 775.5};
        for (auto [name, kind] : {std::pair{"coronal", render::PlaneKind::Coronal}, {"sagittal", render::PlaneKind::Sagittal}})
            QTest::newRow((std::string(name) + " square insert").c_str()) << int(kind) << square[0] << square[1] << square[2];
    }

    void tiltedRealCtInsertsStayStraight();

private:
    void checkSlab(const core::SeriesInfo& series, const core::Volume& volume, render::SlabMode mode, double slabMm,
                   int onSlice) {
        // The plane through slice `onSlice`, an axial slab around it.
        const Vec3 n = render::normalForPlane(render::PlaneKind::Axial);
        render::PlaneRequest request;
        const double z = core::dot(*series.slices[std::size_t(onSlice)].geometry.position, n);
        request.positionMm = z - core::dot(render::volumeCentre(volume), n);
        const render::SlicePlane plane = render::planeThroughVolume(volume, request);
        render::ResliceOptions options;
        options.slabMm = slabMm;
        options.slabMode = mode;
        const render::SliceImage slab = render::Reslicer(volume).reslice(plane, options);

        // Independently: the files whose slice centre lies within half the slab.
        std::vector<double> expected;
        int covered = 0;
        for (const core::SliceRef& s : series.slices) {
            const double dz = core::dot(*s.geometry.position, n) - z;
            if (std::abs(dz) > slabMm / 2 + 1e-6) continue;
            const std::vector<double> values = decodeModality(s);
            if (expected.empty()) {
                expected = values;
            } else {
                for (std::size_t i = 0; i < values.size(); ++i) {
                    if (mode == render::SlabMode::Mip) expected[i] = std::max(expected[i], values[i]);
                    else if (mode == render::SlabMode::MinIp) expected[i] = std::min(expected[i], values[i]);
                    else expected[i] += values[i];
                }
            }
            ++covered;
        }
        QVERIFY(covered > 1);
        QCOMPARE(slab.slabSamples, covered);
        if (mode == render::SlabMode::Average)
            for (double& v : expected) v /= covered;
        QCOMPARE(slab.values.size(), expected.size());
        double worst = 0;
        for (std::size_t i = 0; i < expected.size(); ++i) worst = std::max(worst, std::abs(slab.values[i] - expected[i]));
        QVERIFY2(worst <= (mode == render::SlabMode::Average ? 1e-3 : 0.0),
                 qPrintable(QString("largest difference %1").arg(worst)));
    }
};

void TestRenderGeometry::tiltedRealCtInsertsStayStraight() {
    // S21610/S2010: a stereotaxy head phantom scanned with the gantry tilted
    // -18.5 degrees (a sheared stack). Its round and square inserts stand
    // along the table (patient z): correctly resampled, a reformat shows each
    // as a vertical band whose centre does not move from top to bottom.
    // Ignoring the shear would move it by tan(18.5 deg) = 0.33 mm per mm of
    // height anterior-posterior.
    QFETCH(int, plane);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(double, z);
    LIGHTBOX_REQUIRE_SHARED_DATA();
    const QString dir = test::sharedFile("dcm_qa_ct/In/Philips/S21610/S2010");
    if (!QFileInfo::exists(dir)) QSKIP("S21610/S2010 not in the shared data");
    static core::SeriesInfo series;
    static core::Volume volume;
    if (series.slices.empty()) {
        series = test::loadSeriesInfo(dir);
        QVERIFY(series.isVolume());
        QVERIFY(series.sheared);
        volume = core::loadVolume(series);
    }
    const render::Reslicer reslicer(volume);

    // Refine the insert's centre in a true axial reformat at that height.
    Vec3 insert{x, y, z};
    render::PlaneRequest axial;
    axial.positionMm = insert[2] - render::volumeCentre(volume)[2];
    const render::SlicePlane ap = render::planeThroughVolume(volume, axial);
    const render::SliceImage axialSlice = reslicer.reslice(ap);
    const auto guess = ap.patientToPixel(insert);
    auto valueAt = [](const render::SliceImage& s, int i, int j) {
        return double(s.values[std::size_t(j) * std::size_t(s.plane.width) + std::size_t(i)]);
    };
    const double insideValue = valueAt(axialSlice, int(std::lround(guess[0])), int(std::lround(guess[1])));
    const double outsideValue = valueAt(axialSlice, int(std::lround(guess[0] + 20 / ap.spacing)), int(std::lround(guess[1])));
    QVERIFY2(insideValue - outsideValue > 100,
             qPrintable(QString("insert %1 vs surrounding %2").arg(insideValue).arg(outsideValue)));
    const double threshold = (insideValue + outsideValue) / 2;
    const auto refined = test::centroidAbove(axialSlice, threshold, guess, 16 / ap.spacing);
    QVERIFY(refined);
    insert = ap.pixelToPatient((*refined)[0], (*refined)[1]);

    // Where the original images put the insert: in each file, along the
    // insert's column, the run of insert pixels around its row; its middle
    // through the file's own geometry. A line fitted to these, per patient z.
    const bool coronal = render::PlaneKind(plane) == render::PlaneKind::Coronal;
    const std::size_t component = coronal ? 0 : 1;  // x (left-right) or y (anterior-posterior)
    struct Measure { double z, value, width; };
    std::vector<Measure> original;
    // Only the slices next to each other around the insert's height: the
    // insert, not another object in the same column.
    std::size_t nearest = 0;
    for (std::size_t k = 0; k < series.slices.size(); ++k)
        if (std::abs(core::dot(insert - *series.slices[k].geometry.position, series.slices[k].geometry.normal())) <
            std::abs(core::dot(insert - *series.slices[nearest].geometry.position, series.slices[nearest].geometry.normal())))
            nearest = k;
    auto measureOriginal = [&](const core::SliceRef& s) -> bool {
        const core::ImageGeometry& g = s.geometry;
        const Vec3 d = insert - *g.position;
        const int column = int(std::lround(core::dot(d, g.rowDirection) / g.columnSpacing));
        const int row0 = int(std::lround(core::dot(d, g.columnDirection) / g.rowSpacing));
        const std::vector<double> values = decodeModality(s);
        const int w = s.pixel.columns, h = s.pixel.rows;
        auto at = [&](int r) { return values[std::size_t(r) * std::size_t(w) + std::size_t(column)]; };
        if (column < 0 || column >= w || row0 < 1 || row0 >= h - 1 || at(row0) <= threshold) return false;
        int top = row0, bottom = row0;
        const int limit = int(20 / g.rowSpacing);
        while (top > row0 - limit && top > 1 && at(top - 1) > threshold) --top;
        while (bottom < row0 + limit && bottom < h - 2 && at(bottom + 1) > threshold) ++bottom;
        if (top == row0 - limit || bottom == row0 + limit || (bottom - top + 1) * g.rowSpacing < 8) return false;
        auto edge = [&](int inside, int outside) {
            return inside + (outside - inside) * (at(inside) - threshold) / (at(inside) - at(outside));
        };
        // For the left-right position the column's own x is the answer only
        // when the insert is centred on it: use the refined centre's column, and
        // the row run for the anterior-posterior position.
        const Vec3 mid = g.patientPoint(column, (edge(top, top - 1) + edge(bottom, bottom + 1)) / 2);
        original.push_back({mid[2], coronal ? insert[0] : mid[1], (bottom - top + 1) * g.rowSpacing});
        if (qEnvironmentVariableIsSet("LIGHTBOX_DEBUG_INSERTS"))
            qInfo("original %s: z %.2f  value %.2f  rows %d..%d", s.path.filename().c_str(), mid[2], mid[component], top, bottom);
        return true;
    };
    for (std::size_t k = nearest; k < series.slices.size() && measureOriginal(series.slices[k]); ++k) {
    }
    for (std::size_t k = nearest; k-- > 0 && measureOriginal(series.slices[k]);) {
    }
    // The insert's ends (partial volume, a chamfer) are narrower: keep the
    // measurements of its full width.
    auto fullWidth = [](std::vector<Measure> m) {
        std::vector<double> widths;
        for (const auto& each : m) widths.push_back(each.width);
        std::nth_element(widths.begin(), widths.begin() + std::ptrdiff_t(widths.size() / 2), widths.end());
        const double median = widths.empty() ? 0 : widths[widths.size() / 2];
        std::erase_if(m, [&](const Measure& each) { return std::abs(each.width - median) > 2.0; });
        std::sort(m.begin(), m.end(), [](const Measure& a, const Measure& b) { return a.z > b.z; });
        return m;
    };
    original = fullWidth(original);
    QVERIFY2(original.size() >= 6, "the insert is found in the original images");
    double sz = 0, sv = 0, szz = 0, szv = 0;
    for (auto [zz, v, width] : original) {
        sz += zz;
        sv += v;
        szz += zz * zz;
        szv += zz * v;
    }
    const double m = double(original.size());
    const double slope = (m * szv - sz * sv) / (m * szz - sz * sz), intercept = (sv - slope * sz) / m;

    // The reformat: the insert's centre per row (its whole width seen, not the
    // base plate or a partial-volume end).
    render::PlaneRequest request;
    request.kind = render::PlaneKind(plane);
    const Vec3 n = render::normalForPlane(request.kind);
    request.positionMm = core::dot(insert - render::volumeCentre(volume), n);
    const render::SlicePlane p = render::planeThroughVolume(volume, request);
    const render::SliceImage slice = reslicer.reslice(p);
    const int across = int(std::lround(p.patientToPixel(insert)[0]));
    const int window = int(20 / p.spacing);
    std::vector<Measure> reformat;
    const int insertRow = int(std::lround(p.patientToPixel(insert)[1]));
    int firstRow = insertRow;
    auto validRow = [&](int j) {
        if (j < 0 || j >= p.height || valueAt(slice, across, j) <= threshold) return false;
        int left = across, right = across;
        while (left > across - window && valueAt(slice, left - 1, j) > threshold) --left;
        while (right < across + window && valueAt(slice, right + 1, j) > threshold) ++right;
        return !(left == across - window || right == across + window || (right - left + 1) * p.spacing < 8);
    };
    while (validRow(firstRow - 1)) --firstRow;
    for (int j = firstRow; validRow(j); ++j) {
        int left = across, right = across;
        while (left > across - window && valueAt(slice, left - 1, j) > threshold) --left;
        while (right < across + window && valueAt(slice, right + 1, j) > threshold) ++right;
        auto crossing = [&](int inside, int outside) {
            const double a = valueAt(slice, inside, j), b = valueAt(slice, outside, j);
            return inside + (outside - inside) * (a - threshold) / (a - b);
        };
        const Vec3 centre = p.pixelToPatient((crossing(left, left - 1) + crossing(right, right + 1)) / 2, j);
        int l = across, r = across;
        while (valueAt(slice, l - 1, j) > threshold) --l;
        while (valueAt(slice, r + 1, j) > threshold) ++r;
        reformat.push_back({centre[2], centre[component], (r - l + 1) * p.spacing});
    }
    reformat = fullWidth(reformat);
    QVERIFY(!reformat.empty());
    double worst = 0;
    for (const Measure& row : reformat) {
        const double expected = slope * row.z + intercept;
        worst = std::max(worst, std::abs(row.value - expected));
        if (qEnvironmentVariableIsSet("LIGHTBOX_DEBUG_INSERTS"))
            qInfo("reformat: z %.2f  value %.2f  expected %.2f", row.z, row.value, expected);
    }
    const double firstZ = reformat.front().z, lastZ = reformat.back().z;
    const double firstV = reformat.front().value, lastV = reformat.back().value;
    const double extent = std::abs(firstZ - lastZ);
    QVERIFY2(extent > 25, qPrintable(QString("insert seen over %1 mm").arg(extent)));
    qInfo("%s: insert over %.0f mm of z; its centre moves %.2f mm from top to bottom (the original images: "
          "%.2f mm); largest distance from where the original images put it %.2f mm",
          coronal ? "coronal, left-right" : "sagittal, anterior-posterior", extent, lastV - firstV,
          slope * (lastZ - firstZ), worst);
    QVERIFY(worst <= 1.0);
    // Left-right the inserts stand straight in this phantom: the reformat too.
    if (coronal) QVERIFY(std::abs(lastV - firstV) <= 1.0);
}

QTEST_GUILESS_MAIN(TestRenderGeometry)
#include "tst_render_geometry.moc"
