// A presentation state written by Lightbox, stored in a real Orthanc (REST
// upload, as a PACS receives it) and downloaded again comes back identical:
// the same data set bytes, and read back the same windowing, transforms and
// measurements. Orthanc also indexes it as a presentation state of the study.

#include "OrthancPeer.h"
#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Measurement.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/core/PresentationStateWriter.h"
#include "lightbox/core/SyntheticRods.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace lightbox;
using namespace lightbox::core;

class TestGspsOrthanc : public QObject {
    Q_OBJECT

private slots:
    void storedInOrthancComesBackIdentical() {
        if (!test::haveProgram("Orthanc") || !test::haveProgram("curl")) QSKIP("Orthanc or curl not installed (scripts/install-deps.sh)");
        QTemporaryDir dir;
        // Orthanc without plugins: only its REST API and storage are needed here.
        test::OrthancPeer orthanc(dir.filePath("orthanc"), {{"Name", "LIGHTBOX-GSPS-TEST"}, {"Plugins", QJsonArray()}});
        QVERIFY2(orthanc.start(), orthanc.output().constData());

        // The image and a state with every kind of content the viewer saves.
        const RodPhantom phantom = makeRodPhantom(RodPhantomKind::Ct, 40.0);
        const DicomFile image = DicomFile::fromBytes(phantom.part10, "phantom");
        const Calibration c = Calibration::of(image);
        CurrentDisplay d;
        WindowLevel w;
        w.center = 40, w.width = 400;
        d.window = w;
        d.spatial = {90, true};
        d.area = std::array{20, 30, 220, 230};
        d.measurements.push_back({GraphicType::Polyline, {phantom.centres[0], phantom.centres[1]}, false,
                                  formatLength(distance(phantom.centres[0], phantom.centres[1], c), c)});
        d.measurements.push_back({GraphicType::Ellipse, {{100, 100}, {140, 100}, {120, 90}, {120, 110}}, false, "mean 0 HU"});
        d.labels.push_back({{50.5, 60.5}, "Läsion?"});
        d.shutters.circular = true;
        d.shutters.circleCentre = {128, 128};
        d.shutters.circleRadius = 120;
        const PresentationState written = presentationStateFor(d, {image});
        const std::string bytes = presentationStateBytes(written, image);
        const QString file = dir.filePath("pr.dcm");
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes.data(), qint64(bytes.size()));
        }
        const QJsonObject uploaded = orthanc.rest("POST", "/instances", "@" + file.toUtf8()).object();
        const QString id = uploaded["ID"].toString();
        QVERIFY2(!id.isEmpty(), orthanc.output().right(2000).constData());
        QCOMPARE(uploaded["Status"].toString(), QString("Success"));

        // Orthanc sees a presentation state (modality PR, the GSPS SOP class).
        const QJsonObject tags = orthanc.rest("GET", "/instances/" + id + "/simplified-tags").object();
        QCOMPARE(tags["SOPClassUID"].toString(), QString(kGrayscaleSoftcopyPresentationStateStorage));
        QCOMPARE(tags["Modality"].toString(), QString("PR"));
        QCOMPARE(tags["SOPInstanceUID"].toString(), QString::fromStdString(written.sopInstanceUid));

        // Downloaded: the same data set, byte for byte.
        const QByteArray download = orthanc.restBytes("/instances/" + id + "/file");
        QVERIFY(!download.isEmpty());
        const std::string back(download.constData(), std::size_t(download.size()));
        QVERIFY(back.substr(part10DataSetOffset(back)) == bytes.substr(part10DataSetOffset(bytes)));

        // And it reads back as what was written.
        const PresentationState ps = PresentationState::from(DicomFile::fromBytes(back, "from Orthanc"));
        QVERIFY(ps.references(image.stringOr(tags::SOPInstanceUID, "")));
        QCOMPARE(ps.vois.at(0).window->center, 40.0);
        QCOMPARE(ps.vois.at(0).window->width, 400.0);
        QCOMPARE(ps.spatial, d.spatial);
        const DisplayedArea& a = ps.displayedAreas.at(0);
        QCOMPARE((std::array{a.topLeftColumn, a.topLeftRow, a.bottomRightColumn, a.bottomRightRow}), *d.area);
        QCOMPARE(ps.annotations.at(0).texts.at(0).text, d.measurements[0].text);
        const auto& line = ps.annotations.at(0).graphics.at(0).points;
        QVERIFY(std::fabs(distance(line[0], line[1], c) - 40.0) < 0.01);
        QCOMPARE(QString::fromStdString(ps.annotations.at(1).texts.at(0).text), QString::fromUtf8("Läsion?"));
        QVERIFY(ps.shutters.circular);
    }
};

QTEST_GUILESS_MAIN(TestGspsOrthanc)
#include "tst_gsps_orthanc.moc"
