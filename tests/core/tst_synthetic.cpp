// The synthetic patients of `lightbox-cli synth`: truth.json lists what was
// written, every series passes dicom3tools' dciodvfy without errors, the
// decoded CT values match the phantom at the documented coordinates, series
// assembly sees the slice spacing and the gantry tilt, the DX calibration
// objects measure their true size, and two runs give identical bytes.

#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/GrayscalePipeline.h"
#include "lightbox/core/ImageGeometry.h"
#include "lightbox/core/PixelData.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace lightbox;
using core::operator+;
using core::operator-;
using core::operator*;

namespace {

constexpr int kSlices = 20;

core::Vec3 vec3(const QJsonValue& v) {
    const QJsonArray a = v.toArray();
    return {a.at(0).toDouble(), a.at(1).toDouble(), a.at(2).toDouble()};
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Modality values (HU for CT) of one decoded slice.
struct DecodedSlice {
    int columns = 0;
    std::vector<double> values;
    double at(int column, int row) const { return values[std::size_t(row) * std::size_t(columns) + std::size_t(column)]; }
};

DecodedSlice decodeSlice(const QString& path) {
    core::DicomFile file = core::DicomFile::open(path.toStdString());
    core::PixelDecoder decoder(file);
    const core::Frame frame = decoder.decode(0);
    const core::ImageLuts luts = core::ImageLuts::from(file, decoder.description().photometric);
    DecodedSlice s;
    s.columns = frame.columns;
    for (std::int32_t v : frame.values) s.values.push_back(luts.modality.apply(v));
    return s;
}

}  // namespace

class TestSynthetic : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QJsonObject truth_;

    QString path(const QString& relative) const { return dir_.path() + QLatin1Char('/') + relative; }

    // Every series entry of the truth, with its study's item name.
    QList<QPair<QString, QJsonObject>> allSeries() const {
        QList<QPair<QString, QJsonObject>> list;
        for (const QJsonValue& p : truth_["patients"].toArray())
            for (const QJsonValue& st : p["studies"].toArray())
                for (const QJsonValue& se : st["series"].toArray())
                    list.append({st["item"].toString(), se.toObject()});
        return list;
    }

    QJsonObject series(const QString& item, int seriesNumber = -1) const {
        for (const auto& [name, s] : allSeries())
            if (name == item && (seriesNumber < 0 || s["seriesNumber"].toInt() == seriesNumber)) return s;
        return {};
    }

    QString firstFile(const QJsonObject& series) const {
        return path(series["folder"].toString() + "/" + series["instances"].toArray().at(0)["file"].toString());
    }

    // Checks the modality value at each sphere's centre, on the slice nearest to it.
    void checkSpheres(const QJsonObject& s, const QStringList& names, double tolerance) {
        const QJsonObject g = s["geometry"].toObject();
        const QJsonArray iop = g["imageOrientationPatient"].toArray();
        const core::Vec3 rowDir{iop[0].toDouble(), iop[1].toDouble(), iop[2].toDouble()};
        const core::Vec3 colDir{iop[3].toDouble(), iop[4].toDouble(), iop[5].toDouble()};
        const core::Vec3 normal = core::normalized(core::cross(rowDir, colDir));
        const core::Vec3 first = vec3(g["firstImagePosition"]), step = vec3(g["sliceStep"]);
        const double rowSpacing = g["pixelSpacing"].toArray()[0].toDouble();
        const double colSpacing = g["pixelSpacing"].toArray()[1].toDouble();
        int checked = 0;
        for (const QJsonValue& o : s["objects"].toArray()) {
            if (!names.contains(o["name"].toString())) continue;
            const core::Vec3 centre = vec3(o["center"]);
            int best = 0;
            double bestDistance = 1e9;
            for (int k = 0; k < g["slices"].toInt(); ++k) {
                const double d = std::fabs(core::dot(centre - (first + step * double(k)), normal));
                if (d < bestDistance) { bestDistance = d; best = k; }
            }
            QVERIFY2(bestDistance < 0.5 * o["radius"].toDouble(), qPrintable(o["name"].toString() + " not scanned"));
            const core::Vec3 d = centre - (first + step * double(best));
            const int column = int(std::lround(core::dot(d, rowDir) / colSpacing));
            const int row = int(std::lround(core::dot(d, colDir) / rowSpacing));
            const QString file = path(s["folder"].toString() + "/" + s["instances"].toArray().at(best)["file"].toString());
            const double value = decodeSlice(file).at(column, row);
            QVERIFY2(std::fabs(value - o["value"].toDouble()) <= tolerance,
                     qPrintable(QStringLiteral("%1: %2 at (%3,%4) slice %5, expected %6")
                                    .arg(o["name"].toString()).arg(value).arg(column).arg(row).arg(best + 1)
                                    .arg(o["value"].toDouble())));
            ++checked;
        }
        QCOMPARE(checked, int(names.size()));
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const test::ProcessResult r =
            test::runCli({"synth", "--out", dir_.path(), "--slices", QString::number(kSlices)}, 600000);
        QVERIFY2(r.exitCode == 0 && !r.crashed, r.err.constData());
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(readAll(path("truth.json")), &error);
        QVERIFY2(!doc.isNull(), qPrintable(error.errorString()));
        truth_ = doc.object();
    }

    void truthListsEveryPatientAndFile() {
        const QJsonObject& truth = truth_;
        QStringList ids;
        for (const QJsonValue& p : truth_["patients"].toArray()) ids << p["patientId"].toString();
        QCOMPARE(ids, QStringList({"LBX-CT-001", "LBX-MR-002", "LBX-CR-003", "LBX-DX-004", "LBX-MG-005", "LBX-MIX-006"}));
        QCOMPARE(truth["options"]["slices"].toInt(), kSlices);
        int studies = 0;
        for (const QJsonValue& p : truth_["patients"].toArray()) {
            if (p["patientId"] == "LBX-MIX-006") QCOMPARE(p["studies"].toArray().size(), 5);
            studies += int(p["studies"].toArray().size());
        }
        QCOMPARE(studies, 14);
        for (const auto& [item, s] : allSeries()) {
            const QJsonArray instances = s["instances"].toArray();
            QCOMPARE(instances.size(), s["images"].toInt());
            for (const QJsonValue& i : instances)
                QVERIFY2(QFile::exists(path(s["folder"].toString() + "/" + i["file"].toString())),
                         qPrintable(s["folder"].toString() + "/" + i["file"].toString()));
        }
        QCOMPARE(series("ct-current")["images"].toInt(), kSlices);
        const QJsonArray prior = truth["chestPhantom"]["priorFromCurrent"].toArray();
        QCOMPARE(prior.size(), 16);
        QCOMPARE(prior[15].toDouble(), 1.0);
        QVERIFY(truth["chestPhantom"]["lesion"]["radiusPriorMm"].toDouble() <
                truth["chestPhantom"]["lesion"]["radiusCurrentMm"].toDouble());
        // The non-ASCII name survives as UTF-8 in the file.
        core::DicomFile mr = core::DicomFile::open(firstFile(series("mr-brain")).toStdString(),
                                                   core::DicomFile::Extent::HeaderOnly);
        QCOMPARE(QString::fromStdString(mr.stringOr(core::tags::PatientName, "")), QStringLiteral("MÜLLER^ANNA"));
    }

    void dciodvfyFindsNoErrors() {
        if (!test::haveProgram("dciodvfy")) QSKIP("dicom3tools' dciodvfy is not installed");
        QStringList failures;
        for (const auto& [item, s] : allSeries()) {
            const QString file = firstFile(s);
            const test::ProcessResult r = test::run("dciodvfy", {file});
            for (const QByteArray& line : (r.out + r.err).split('\n'))
                if (line.startsWith("Error")) failures << QDir(dir_.path()).relativeFilePath(file) + ": " + line;
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join('\n')));
    }

    void ctValuesMatchThePhantom() {
        const QJsonObject current = series("ct-current");
        checkSpheres(current, {"lesion", "fat", "calcification"}, 20.0);
        // Air in the top-left corner, outside the body.
        const DecodedSlice first = decodeSlice(firstFile(current));
        QVERIFY2(std::fabs(first.at(0, 0) + 1000.0) <= 20.0, qPrintable(QString::number(first.at(0, 0))));
        // The prior, in its own frame of reference: the lesion where truth puts it.
        const QJsonObject prior = series("ct-prior");
        QVERIFY(prior["frameOfReferenceUid"] != current["frameOfReferenceUid"]);
        checkSpheres(prior, {"lesion", "fat", "calcification"}, 20.0);
        checkSpheres(series("ct-head-tilt"), {"haemorrhage"}, 20.0);
    }

    void seriesCommandSeesSpacingAndTilt() {
        const QJsonObject ct = series("ct-current");
        test::ProcessResult r = test::runCli({"series", path(ct["folder"].toString())});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("20 slices") && r.out.contains("at 2.5 mm"), r.out.constData());
        r = test::runCli({"series", path(ct["folder"].toString()), "--json"});
        QJsonObject s = QJsonDocument::fromJson(r.out)["series"].toArray().at(0).toObject();
        QCOMPARE(s["slices"].toInt(), kSlices);
        QVERIFY(std::fabs(s["sliceStep"].toDouble() - 2.5) < 1e-3);
        QCOMPARE(s["sheared"].toBool(), false);

        const QJsonObject head = series("ct-head-tilt");
        r = test::runCli({"series", path(head["folder"].toString())});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("sheared"), r.out.constData());
        r = test::runCli({"series", path(head["folder"].toString()), "--json"});
        s = QJsonDocument::fromJson(r.out)["series"].toArray().at(0).toObject();
        QVERIFY2(std::fabs(s["tiltDegrees"].toDouble() - 15.0) < 0.1, qPrintable(QString::number(s["tiltDegrees"].toDouble())));
        QVERIFY(s["sheared"].toBool());
    }

    void dxCalibrationMeasuresTrueSize() {
        const QJsonObject dx = series("dx-calibration");
        const QJsonObject cal = dx["calibration"].toObject();
        const double magnification = dx["estimatedRadiographicMagnificationFactor"].toDouble();
        const double spacing = dx["imagerPixelSpacing"].toArray()[0].toDouble() / magnification;
        core::DicomFile file = core::DicomFile::open(firstFile(dx).toStdString(), core::DicomFile::Extent::HeaderOnly);
        QVERIFY(!file.has(core::tags::PixelSpacing));
        QCOMPARE(file.number(core::Tag{0x0018, 0x1114}).value_or(0), magnification);
        // Bead to bead, and the square's top edge, in mm at the patient plane.
        const QJsonArray beads = cal["beads"]["centersPixel"].toArray();
        const double dxPixels = beads[1].toArray()[0].toDouble() - beads[0].toArray()[0].toDouble();
        QVERIFY(std::fabs(dxPixels * spacing - cal["beads"]["distanceMm"].toDouble()) < 1e-6);
        // The pixels agree: metal at the disc centre and on the frame, not inside it.
        const DecodedSlice image = decodeSlice(firstFile(dx));
        auto at = [&](const QJsonValue& p, double dc = 0, double dr = 0) {
            return image.at(int(std::lround(p.toArray()[0].toDouble() + dc)), int(std::lround(p.toArray()[1].toDouble() + dr)));
        };
        const QJsonArray corners = cal["square"]["outerCornersPixel"].toArray();
        QVERIFY(at(cal["disc"]["centerPixel"]) > 3500);
        QVERIFY(at(corners[0], 3, 3) > 3500);
        QVERIFY(at(cal["square"]["centerPixel"]) < 3000);
        // Just outside the frame's outer edge: no metal.
        QVERIFY(at(corners[0], -3, 20) < 3000);
        const double measuredWidth = (corners[1].toArray()[0].toDouble() - corners[0].toArray()[0].toDouble()) * spacing;
        QVERIFY(std::fabs(measuredWidth - cal["square"]["outerSizeMm"].toDouble()) < 1e-6);
    }

    void mammographyViews() {
        const QJsonObject mg = series("mg-current");
        QStringList views;
        for (const QJsonValue& i : mg["instances"].toArray())
            views << i["imageLaterality"].toString() + i["viewPosition"].toString();
        QCOMPARE(views, QStringList({"RCC", "LCC", "RMLO", "LMLO"}));
        QCOMPARE(mg["voiLutFunction"].toString(), QStringLiteral("SIGMOID"));
        core::DicomFile file = core::DicomFile::open(firstFile(mg).toStdString(), core::DicomFile::Extent::HeaderOnly);
        QCOMPARE(file.stringOr(core::tags::VOILUTFunction, ""), std::string("SIGMOID"));
        QCOMPARE(file.stringOr(core::tags::ImageLaterality, ""), std::string("R"));
    }

    void twoRunsGiveIdenticalBytes() {
        QTemporaryDir again;
        const test::ProcessResult r = test::runCli(
            {"synth", "--out", again.path(), "--slices", QString::number(kSlices), "--only", "ct-current", "--threads", "3"},
            300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject ct = series("ct-current");
        for (const QJsonValue& i : ct["instances"].toArray()) {
            const QString relative = ct["folder"].toString() + "/" + i["file"].toString();
            const QByteArray a = readAll(path(relative)), b = readAll(again.path() + "/" + relative);
            QVERIFY(!a.isEmpty());
            QVERIFY2(a == b, qPrintable(relative));
        }
        const test::ProcessResult mg = test::runCli({"synth", "--out", again.path(), "--only", "mg-current"}, 300000);
        QVERIFY2(mg.exitCode == 0, mg.err.constData());
        const QString relative = series("mg-current")["folder"].toString() + "/IM0004.dcm";
        QCOMPARE(readAll(again.path() + "/" + relative), readAll(path(relative)));
    }

    // Parsing bytes in place (DicomFile::fromView, what the archive uses for
    // a received object) reads what a copy does, finds the pixel value, and
    // still sees a truncated transfer and refuses garbage.
    void parsesBytesInPlace() {
        const QByteArray bytes = readAll(firstFile(series("ct-current")));
        const std::string copy = bytes.toStdString();
        const auto header = core::DicomFile::Extent::HeaderOnly;
        const core::DicomFile viewed = core::DicomFile::fromView(copy, "ct", header);
        const core::DicomFile copied = core::DicomFile::fromBytes(copy, "ct", header);
        for (core::Tag tag : {core::tags::SOPInstanceUID, core::tags::StudyInstanceUID, core::tags::PatientName,
                              core::tags::SliceLocation})
            QCOMPARE(viewed.stringOr(tag, "?"), copied.stringOr(tag, "!"));
        QCOMPARE(viewed.transferSyntaxUid(), copied.transferSyntaxUid());
        QVERIFY(viewed.pixelDataLocation().has_value());
        QCOMPARE(viewed.pixelDataLocation()->offset, copied.pixelDataLocation()->offset);
        QCOMPARE(viewed.pixelDataLocation()->length, copied.pixelDataLocation()->length);
        QVERIFY(viewed.pixelDataLocation()->length > 0);
        QVERIFY(!viewed.pixelDataTruncated());
        const std::string_view cut = std::string_view(copy).substr(0, copy.size() - 1000);
        QVERIFY(core::DicomFile::fromView(cut, "cut", header).pixelDataTruncated());
        const core::DicomFile full = core::DicomFile::fromView(copy, "ct", core::DicomFile::Extent::Everything);
        QVERIFY(full.hasPixelData());
        const std::string garbage(4096, 'x');
        QVERIFY_THROWS_EXCEPTION(core::Error, core::DicomFile::fromView(garbage, "garbage", header));
    }

    void rejectsUnknownItem() {
        QTemporaryDir other;
        const test::ProcessResult r = test::runCli({"synth", "--out", other.path(), "--only", "nonsense"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("ct-current"));
    }
};

QTEST_GUILESS_MAIN(TestSynthetic)
#include "tst_synthetic.moc"
