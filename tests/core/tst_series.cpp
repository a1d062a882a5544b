// Series assembly and volume loading on real scanner data (Philips CT:
// 140 x 1 mm, 28 x 5 mm, and a -18.5 degree gantry tilt) and on generated
// stacks with shuffled files, a missing slice and a duplicate.

#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/PixelData.h"
#include "lightbox/core/Series.h"
#include "lightbox/core/Volume.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <random>

using namespace lightbox;
using namespace lightbox::core;

namespace {

// A small axial CT slice at z, whose pixels encode the slice number.
void writeSlice(const QString& path, int number, double z, const std::string& seriesUid) {
    DatasetBuilder b;
    b.text(tags::SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.2")
        .text(tags::SOPInstanceUID, "UI", uidFromName(seriesUid + "/" + std::to_string(number)))
        .text(tags::Modality, "CS", "CT")
        .text(tags::SeriesInstanceUID, "UI", seriesUid)
        .text(tags::StudyInstanceUID, "UI", uidFromName("study"))
        .text(tags::InstanceNumber, "IS", std::to_string(number))
        .text(tags::ImagePositionPatient, "DS", formatDsList({-10, -10, z}))
        .text(tags::ImageOrientationPatient, "DS", "1\\0\\0\\0\\1\\0")
        .text(tags::PixelSpacing, "DS", "0.5\\0.5")
        .text(tags::RescaleIntercept, "DS", "-1024")
        .text(tags::RescaleSlope, "DS", "1")
        .us(tags::SamplesPerPixel, 1)
        .text(tags::PhotometricInterpretation, "CS", "MONOCHROME2")
        .us(tags::Rows, 8).us(tags::Columns, 8)
        .us(tags::BitsAllocated, 16).us(tags::BitsStored, 12).us(tags::HighBit, 11).us(tags::PixelRepresentation, 0);
    std::vector<std::uint8_t> px;
    for (int i = 0; i < 64; ++i) {
        const int v = 1024 + number * 10 + i;
        px.push_back(std::uint8_t(v & 0xFF));
        px.push_back(std::uint8_t(v >> 8));
    }
    b.binary(tags::PixelData, "OW", px);
    b.write(path.toStdString());
}

}  // namespace

class TestSeries : public QObject {
    Q_OBJECT
private slots:
    void realCt140SlicesAt1mm() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        ScanResult r = scanForSeries(test::sharedFile("dcm_qa_ct/In/Philips/S21570/S2020").toStdString());
        QCOMPARE(int(r.series.size()), 1);
        const SeriesInfo& s = r.series.front();
        QCOMPARE(int(s.slices.size()), 140);
        QVERIFY(s.isVolume());
        QVERIFY(std::fabs(s.sliceStep - 1.0) < 1e-3);
        QVERIFY(!s.irregularSpacing);
        QVERIFY(!s.sheared);
        for (std::size_t i = 1; i < s.slices.size(); ++i)
            QVERIFY(s.slices[i].positionAlongNormal > s.slices[i - 1].positionAlongNormal);
        test::ProcessResult cli = test::runCli({"series", test::sharedFile("dcm_qa_ct/In/Philips/S21570/S2020")});
        QCOMPARE(cli.exitCode, 0);
        QVERIFY2(cli.out.contains("140 slices at 1.0 mm"), cli.out.constData());
    }

    void tiltedCtIsShearedBy18_5Degrees() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        ScanResult r = scanForSeries(test::sharedFile("dcm_qa_ct/In/Philips/S21610/S2010").toStdString());
        QCOMPARE(int(r.series.size()), 1);
        const SeriesInfo& s = r.series.front();
        QCOMPARE(int(s.slices.size()), 54);
        QVERIFY(s.sheared);
        QVERIFY2(std::fabs(s.tiltDegrees - 18.5) < 0.05, qPrintable(QString::number(s.tiltDegrees)));
        QVERIFY(std::fabs(s.sliceStep - 2.5) < 1e-3);
        QVERIFY(std::fabs(s.spacingAlongNormal - 2.5 * std::cos(18.5 * M_PI / 180)) < 0.01);
        test::ProcessResult cli = test::runCli({"series", test::sharedFile("dcm_qa_ct/In/Philips/S21610/S2010")});
        QVERIFY2(cli.out.contains("Gantry tilt: 18.50 degrees") && cli.out.contains("sheared"), cli.out.constData());
        // The loaded volume keeps the shear: its z axis is the stack direction.
        Volume v = loadVolume(s);
        QVERIFY(v.sheared);
        QVERIFY(std::fabs(dot(v.axisZ, Vec3{0, 0, 1}) - 1.0) < 1e-6);
        const Vec3 last = v.patientPoint(0, 0, v.slices - 1);
        QVERIFY(norm(last - *s.slices.back().geometry.position) < 1e-3);
    }

    void dicomdirWithNestedDirectoryFiles() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        ScanResult r = scanForSeries(test::sharedFile("dcm_qa_ct/In/Philips/DICOMDIR").toStdString());
        int slices140 = 0, slices28 = 0;
        for (const auto& s : r.series) {
            slices140 += s.slices.size() == 140;
            slices28 += s.slices.size() == 28;
        }
        QCOMPARE(slices140, 1);
        QCOMPARE(slices28, 1);
    }

    void volumeEqualsPerSliceDecode() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        ScanResult r = scanForSeries(test::sharedFile("dcm_qa_ct/In/Philips/S21570/S2010").toStdString());
        const SeriesInfo& s = r.series.front();
        Volume v = loadVolume(s);
        QVERIFY(!v.isFloat);
        QCOMPARE(v.slices, 28);
        for (int k : {0, 13, 27}) {
            DicomFile f = DicomFile::open(s.slices[std::size_t(k)].path);
            Frame frame = PixelDecoder(f).decode(0);
            const double slope = f.number(tags::RescaleSlope).value_or(1), intercept = f.number(tags::RescaleIntercept).value_or(0);
            for (int j = 0; j < v.rows; j += 37)
                for (int i = 0; i < v.columns; i += 41)
                    QCOMPARE(v.valueAt(i, j, k), slope * frame.values[std::size_t(j * v.columns + i)] + intercept);
        }
    }

    void enhancedMultiFrameGivesOneSlicePerFrame() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        ScanResult r = scanForSeries(test::sharedFile("dicomParser/testImages/encapsulated/multi-frame/CT0012.not_fragmented_bot_rle.dcm").toStdString());
        QCOMPARE(int(r.series.size()), 1);
        QCOMPARE(int(r.series.front().slices.size()), 2);
        QCOMPARE(r.series.front().slices[1].frame + r.series.front().slices[0].frame, 1);
    }

    void shuffledFilesMissingAndDuplicateSlices() {
        QTemporaryDir dir;
        const std::string uid = uidFromName("shuffled");
        std::vector<int> numbers;
        for (int n = 1; n <= 20; ++n)
            if (n != 12) numbers.push_back(n);  // slice 12 missing
        std::mt19937 rng(7);
        std::shuffle(numbers.begin(), numbers.end(), rng);
        for (int n : numbers) writeSlice(dir.filePath(QString("f%1").arg(rng() % 100000)), n, 100.0 - 2.0 * n, uid);
        writeSlice(dir.filePath("dup"), 5, 100.0 - 2.0 * 5, uid);  // a second copy at slice 5's position
        ScanResult r = scanForSeries(dir.path().toStdString());
        QCOMPARE(int(r.series.size()), 1);
        const SeriesInfo& s = r.series.front();
        QCOMPARE(int(s.slices.size()), 20);
        QVERIFY(s.irregularSpacing);
        bool gap = false, duplicate = false;
        for (const auto& issue : s.spacingIssues) {
            gap |= issue.find("step of 4.0") != std::string::npos;
            duplicate |= issue.find("duplicate") != std::string::npos;
        }
        QVERIFY(gap);
        QVERIFY(duplicate);
        // Sorted along the normal (+z): the highest instance number comes first.
        QCOMPARE(s.slices.front().instanceNumber, 20);
        QCOMPARE(s.slices.back().instanceNumber, 1);
        Volume v = loadVolume(s);
        QCOMPARE(v.valueAt(0, 0, 0), double(20 * 10));          // 1024 + 200 - 1024
        QCOMPARE(v.valueAt(7, 7, v.slices - 1), double(10 + 63));
    }

    // A DX with only Imager Pixel Spacing and an Estimated Radiographic
    // Magnification Factor: distances are based on the corrected spacing.
    void dxSpacingCorrectedForMagnification() {
        QTemporaryDir dir;
        test::ProcessResult r = test::runCli({"synth", "--out", dir.path(), "--only", "dx-calibration"}, 120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        ScanResult scan = scanForSeries(dir.path().toStdString());
        QVERIFY(!scan.series.empty());
        const ImageGeometry& g = scan.series.front().slices.front().geometry;
        QCOMPARE(int(g.spacingSource), int(SpacingSource::ImagerPixelSpacingCorrected));
        QVERIFY(std::fabs(g.rowSpacing - 0.15 / 1.15) < 1e-9);
        QVERIFY(std::fabs(g.columnSpacing - 0.15 / 1.15) < 1e-9);
    }

    void loadingCanBeCancelled() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        ScanResult r = scanForSeries(test::sharedFile("dcm_qa_ct/In/Philips/S21570/S2020").toStdString());
        std::atomic<bool> cancel{false};
        LoadOptions options;
        options.cancel = &cancel;
        options.sliceReady = [&](int) { cancel = true; };
        QVERIFY_THROWS_EXCEPTION(Error, loadVolume(r.series.front(), options));
    }
};

QTEST_GUILESS_MAIN(TestSeries)
#include "tst_series.moc"
