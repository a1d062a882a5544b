// Measurement maths on calibration phantoms generated here: two rods a known
// distance apart in CT, MR, projection images (with and without the
// magnification factor) and ultrasound. The rods are located from the pixels
// (weighted centroids), then measured with the image's calibration: the
// error must stay under 0.5 mm or one pixel, whichever is larger.

#include "TestSupport.h"

#include "lightbox/core/DatasetEditor.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Tag.h"
#include "lightbox/core/Measurement.h"
#include "lightbox/core/PixelData.h"
#include "lightbox/core/SyntheticRods.h"

#include <QtTest>

#include <cmath>

using namespace lightbox;
using namespace lightbox::core;

namespace {

struct Loaded {
    DicomFile file;
    Frame frame;
    ModalityTransform modality;
};

Loaded load(const RodPhantom& p) {
    Loaded l{DicomFile::fromBytes(p.part10, "phantom"), {}, {}};
    PixelDecoder d(l.file);
    l.frame = d.decode(0);
    l.modality = ImageLuts::from(l.file, d.description().photometric).modality;
    return l;
}

// Centroids of the two rods, weighted by value above background; pixels are
// split between the rods by the perpendicular bisector of the truth (which
// decides only which rod a pixel belongs to, not where the centre is).
std::array<Point2, 2> findRods(const Loaded& l, const RodPhantom& p) {
    const Point2 mid{(p.centres[0].x + p.centres[1].x) / 2, (p.centres[0].y + p.centres[1].y) / 2};
    const Point2 axis{p.centres[1].x - p.centres[0].x, p.centres[1].y - p.centres[0].y};
    double sw[2] = {0, 0}, sx[2] = {0, 0}, sy[2] = {0, 0};
    for (int row = 0; row < l.frame.rows; ++row)
        for (int col = 0; col < l.frame.columns; ++col) {
            const double v = l.modality.apply(l.frame.values[std::size_t(row) * std::size_t(l.frame.columns) + std::size_t(col)]);
            const double w = v - p.backgroundValue;
            if (w <= 0) continue;
            const double x = col + 0.5, y = row + 0.5;
            const int k = (x - mid.x) * axis.x + (y - mid.y) * axis.y > 0 ? 1 : 0;
            sw[k] += w, sx[k] += w * x, sy[k] += w * y;
        }
    return {Point2{sx[0] / sw[0], sy[0] / sw[0]}, Point2{sx[1] / sw[1], sy[1] / sw[1]}};
}

}  // namespace

class TestMeasurement : public QObject {
    Q_OBJECT

private slots:
    void rodDistances_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("separation");
        QTest::addColumn<double>("angle");
        QTest::addColumn<int>("basis");
        QTest::addColumn<QString>("qualifier");
        const struct {
            RodPhantomKind kind;
            CalibrationBasis basis;
            const char* qualifier;
        } kinds[] = {{RodPhantomKind::Ct, CalibrationBasis::PixelSpacing, ""},
                     {RodPhantomKind::Mr, CalibrationBasis::PixelSpacing, ""},
                     {RodPhantomKind::ProjectionMagnified, CalibrationBasis::MagnificationCorrected, "magnification corrected"},
                     {RodPhantomKind::ProjectionDetectorOnly, CalibrationBasis::Detector, "at detector"},
                     {RodPhantomKind::Ultrasound, CalibrationBasis::UltrasoundRegion, "US region"}};
        for (const auto& k : kinds)
            for (double separation : {20.0, 50.0})
                for (double angle : {0.0, 33.0, 90.0})
                    QTest::addRow("%s %.0f mm at %.0f deg", rodPhantomName(k.kind).c_str(), separation, angle)
                        << int(k.kind) << separation << angle << int(k.basis) << QString(k.qualifier);
    }

    void rodDistances() {
        QFETCH(int, kind);
        QFETCH(double, separation);
        QFETCH(double, angle);
        QFETCH(int, basis);
        QFETCH(QString, qualifier);
        const RodPhantom p = makeRodPhantom(RodPhantomKind(kind), separation, angle);
        const Loaded l = load(p);
        const auto rods = findRods(l, p);
        const Calibration c = Calibration::of(l.file, 0, rods[0]);
        QCOMPARE(int(c.basis), basis);
        QCOMPARE(QString::fromStdString(c.qualifier()), qualifier);
        QCOMPARE(QString::fromStdString(c.unit()), QString("mm"));
        const double measured = distance(rods[0], rods[1], c);
        const double tolerance = std::max(0.5, p.pixelMm);
        QVERIFY2(std::fabs(measured - p.expectedMm) < tolerance,
                 qPrintable(QString("measured %1 mm, expected %2 mm (tolerance %3)").arg(measured).arg(p.expectedMm).arg(tolerance)));
        // The label a user reads says what the number means.
        const QString text = QString::fromStdString(formatLength(measured, c));
        QVERIFY2(text.contains("mm"), qPrintable(text));
        QCOMPARE(text.contains("at detector"), RodPhantomKind(kind) == RodPhantomKind::ProjectionDetectorOnly);
    }

    // The same rods measured in patient space (what an MPR plane gives): the
    // CT's pixel centres mapped through its geometry.
    void patientSpaceDistance() {
        const RodPhantom p = makeRodPhantom(RodPhantomKind::Ct, 42.0, 61.0);
        const Loaded l = load(p);
        const auto rods = findRods(l, p);
        const ImageGeometry g = ImageGeometry::from(l.file);
        QVERIFY(g.hasPatientGeometry());
        // patientPoint takes 0-based pixel-centre indices.
        const Vec3 a = g.patientPoint(rods[0].x - 0.5, rods[0].y - 0.5), b = g.patientPoint(rods[1].x - 0.5, rods[1].y - 0.5);
        QVERIFY(std::fabs(patientDistance(a, b) - 42.0) < 0.5);
        QCOMPARE(patientDistance({1, 2, 3}, {4, 6, 3}), 5.0);
    }

    void pixelsWhenNothingIsKnown() {
        const RodPhantom p = makeRodPhantom(RodPhantomKind::Ct, 30.0);
        DicomFile f = DicomFile::fromBytes(p.part10, "phantom");
        QVERIFY(Calibration::of(f).isPhysical());
        // The same phantom with every spacing and calibration removed: pixels, said so.
        DatasetEditor editor = DatasetEditor::fromBytes(p.part10, "phantom");
        for (Tag t : {tags::PixelSpacing, tags::ImagerPixelSpacing, Tag(0x0018, 0x2010) /* Nominal Scanned Pixel Spacing */,
                      Tag(0x0018, 0x6011) /* Sequence of Ultrasound Regions */, Tag(0x0018, 0x1114) /* ERMF */})
            editor.remove(t);
        const DicomFile stripped = DicomFile::fromBytes(editor.toBytes(), "stripped phantom");
        QVERIFY(!stripped.has(tags::PixelSpacing));
        const Calibration c = Calibration::of(stripped);
        QCOMPARE(int(c.basis), int(CalibrationBasis::Pixels));
        QVERIFY(!c.isPhysical());
        QCOMPARE(QString::fromStdString(formatLength(distance({0, 0}, {3, 4}, c), c)), QString("5.0 px"));
    }

    void anglesInPhysicalSpace() {
        Calibration square;
        QCOMPARE(angleDegrees({10, 0}, {0, 0}, {0, 10}, square), 90.0);
        QVERIFY(std::fabs(angleDegrees({10, 0}, {0, 0}, {10, 10}, square) - 45.0) < 1e-9);
        // Non-square pixels: 10 columns x 0.5 mm = 5 mm and 5 rows x 1 mm = 5 mm -> 45 degrees.
        Calibration aniso;
        aniso.basis = CalibrationBasis::PixelSpacing;
        aniso.rowSpacing = 1.0;
        aniso.columnSpacing = 0.5;
        QVERIFY(std::fabs(angleDegrees({10, 0}, {0, 0}, {10, 5}, aniso) - 45.0) < 1e-9);
        // Cobb: lines at +10 and -25 degrees make 35; direction of drawing does not matter.
        auto dir = [](double deg, double len) { return Point2{len * std::cos(deg * M_PI / 180), len * std::sin(deg * M_PI / 180)}; };
        const Point2 o{50, 50};
        const Point2 a = dir(10, 30), b = dir(-25, 40);
        QVERIFY(std::fabs(cobbAngleDegrees(o, {o.x + a.x, o.y + a.y}, {80, 20}, {80 + b.x, 20 + b.y}, square) - 35.0) < 1e-9);
        QVERIFY(std::fabs(cobbAngleDegrees({o.x + a.x, o.y + a.y}, o, {80, 20}, {80 + b.x, 20 + b.y}, square) - 35.0) < 1e-9);
        QVERIFY(std::fabs(polylineLength({{0, 0}, {3, 4}, {3, 10}}, square) - 11.0) < 1e-12);
    }

    // ROI statistics in HU on the CT phantom: inside a rod every pixel is
    // 1000 HU; an ellipse's area is pi a b in mm2.
    void roiStatisticsInModalityUnits() {
        const RodPhantom p = makeRodPhantom(RodPhantomKind::Ct, 50.0, 0.0);
        const Loaded l = load(p);
        const Calibration c = Calibration::of(l.file);
        QCOMPARE(QString::fromStdString(modalityValueUnit(l.file, l.modality)), QString("HU"));
        // 2 mm radius inside a 3 mm rod: columns are 0.8 mm, rows 0.7 mm.
        const auto inner = ellipseRoi(p.centres[0], 2.0 / 0.8, 2.0 / 0.7);
        RoiStatistics s = roiStatistics(l.frame, l.modality, inner, c);
        QVERIFY(s.pixels > 10);
        QCOMPARE(s.mean, 1000.0);
        QCOMPARE(s.standardDeviation, 0.0);
        QCOMPARE(s.minimum, 1000.0);
        QCOMPARE(s.maximum, 1000.0);
        QVERIFY2(std::fabs(s.area - M_PI * 4.0) / (M_PI * 4.0) < 0.01, qPrintable(QString::number(s.area)));
        // A rectangle over background and part of a rod: compare with a direct count.
        const Point2 a{p.centres[0].x - 12.2, p.centres[0].y - 3.1}, b{p.centres[0].x + 1.7, p.centres[0].y + 9.4};
        s = roiStatistics(l.frame, l.modality, rectangleRoi(a, b), c);
        double sum = 0, sum2 = 0, mn = 1e9, mx = -1e9;
        std::size_t n = 0;
        for (int row = 0; row < l.frame.rows; ++row)
            for (int col = 0; col < l.frame.columns; ++col) {
                const double x = col + 0.5, y = row + 0.5;
                if (x < a.x || x >= b.x || y < a.y || y >= b.y) continue;
                const double v = l.modality.apply(l.frame.values[std::size_t(row) * std::size_t(l.frame.columns) + std::size_t(col)]);
                sum += v, sum2 += v * v, mn = std::min(mn, v), mx = std::max(mx, v), ++n;
            }
        QCOMPARE(s.pixels, n);
        const double mean = sum / double(n);
        QVERIFY(std::fabs(s.mean - mean) < 1e-6);
        QVERIFY(std::fabs(s.standardDeviation - std::sqrt((sum2 - double(n) * mean * mean) / double(n - 1))) < 1e-6);
        QCOMPARE(s.minimum, mn);
        QCOMPARE(s.maximum, mx);
        QVERIFY(std::fabs(s.area - (b.x - a.x) * 0.8 * (b.y - a.y) * 0.7) < 1e-9);
        // Point probe: the rod centre and the background.
        QCOMPARE(*probe(l.frame, l.modality, p.centres[0]), 1000.0);
        QCOMPARE(*probe(l.frame, l.modality, {2.5, 2.5}), 0.0);
        QVERIFY(!probe(l.frame, l.modality, {-1, 3}));
    }

    void freehandPolygon() {
        const RodPhantom p = makeRodPhantom(RodPhantomKind::Mr, 50.0, 0.0);
        const Loaded l = load(p);
        // A triangle entirely in background: mean is the background, area the triangle's.
        const std::vector<Point2> tri{{10, 10}, {40, 10}, {10, 30}};
        const RoiStatistics s = roiStatistics(l.frame, l.modality, tri, Calibration::of(l.file));
        QCOMPARE(s.mean, 100.0);
        QVERIFY(std::fabs(s.area - 0.5 * 30 * 0.9 * 20 * 1.1) < 1e-9);
        QVERIFY(s.pixels > 250 && s.pixels < 350);
    }
};

QTEST_GUILESS_MAIN(TestMeasurement)
#include "tst_measurement.moc"
