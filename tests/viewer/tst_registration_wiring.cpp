// The workstation registers a prior in another frame of reference for real
// (Xvfb): the demo patient's current chest CT and its prior (acquired rotated
// and shifted) imported into an archive, opened by hanging protocol; the
// reading area's sync asks app's registration wiring, which runs ITK's rigid
// registration once and keeps the result (and the reader's manual offset) in
// the archive's registration cache. Scrolling the current to the phantom's
// lesion brings the prior to its lesion; a second opening, in a new window,
// takes the registration and the offset from the cache without registering;
// `lightbox --open --screenshot --timing` says when the prior was registered.

#include "MainWindow.h"
#include "RegistrationWiring.h"
#include "TestSupport.h"
#include "ViewportGeometry.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/SyncMapping.h"
#include "lightbox/viewer/Viewport.h"
#include "lightbox/viewer/ViewportSync.h"

#include <QDir>
#include <QSurfaceFormat>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

using namespace lightbox;

namespace {

using test::distanceFromPlane;
using test::sliceStep;
using test::vec;

nlohmann::json readJson(const QString& path) {
    std::ifstream in(path.toStdString());
    return nlohmann::json::parse(in);
}

}  // namespace

class TestRegistrationWiring : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString archiveDir_;
    std::unique_ptr<archive::Archive> archive_;
    std::string currentStudy_, currentSeries_, priorSeries_;
    nlohmann::json phantom_;
    double sliceThickness_ = 0;
    double offsetMm_ = 0;  // the manual offset the first reading left

    QString cacheDir() const { return QDir(archiveDir_).filePath("cache/registration"); }
    QStringList cacheFiles() const {
        return QDir(cacheDir()).entryList({"registration-*.json"}, QDir::Files);
    }

    // Opens the current study by protocol in `window` and waits for both viewports.
    bool openByProtocol(app::MainWindow& window) {
        bool done = false;
        QString error = "not called";
        window.openStudy(QString::fromStdString(currentStudy_), {}, [&](const QString& e) {
            done = true;
            error = e;
        });
        if (!QTest::qWaitFor([&] { return done; }, 180000)) return false;
        if (!error.isEmpty()) qWarning() << error;
        return error.isEmpty();
    }

    // Waits until the sync has the pair's registration (or failed).
    static void waitForRegistration(viewer::ViewportSync* sync, viewer::Viewport* current, viewer::Viewport* prior) {
        QTRY_VERIFY_WITH_TIMEOUT(!sync->registering(current, prior), 300000);
        const auto m = sync->mapping(prior, current);
        QVERIFY(m);
        QCOMPARE(QString(viewer::sync::relationName(m->relation)),
                 QString(viewer::sync::relationName(viewer::sync::Relation::Registered)));
    }

    // The current at the lesion: the prior shows its lesion, within one slice.
    void priorFollowsToTheLesion(viewer::Viewport* current, viewer::Viewport* prior) {
        const core::Vec3 lesionCurrent = vec(phantom_["lesion"]["centerCurrent"]);
        const core::Vec3 lesionPrior = vec(phantom_["lesion"]["centerPrior"]);
        current->moveTo(core::Vec3{0, 0, -200});  // away first, so that the prior has to move
        QVERIFY(std::abs(distanceFromPlane(*prior, lesionPrior)) > 5 * sliceThickness_);
        current->moveTo(lesionCurrent);
        QVERIFY(std::abs(distanceFromPlane(*current, lesionCurrent)) <= sliceStep(*current) / 2 + 1e-6);
        const double after = std::abs(distanceFromPlane(*prior, lesionPrior));
        QVERIFY2(after <= sliceThickness_, qPrintable(QString("prior plane %1 mm from the lesion").arg(after)));
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        qputenv("LIGHTBOX_HANGING_PROTOCOLS", dir_.filePath("no-user-protocols").toUtf8());
        qputenv("XDG_CONFIG_HOME", dir_.filePath("config").toUtf8());  // no remote nodes configured
        qputenv("XDG_CACHE_HOME", dir_.filePath("user-cache").toUtf8());
        core::SynthOptions options;
        options.slices = 60;
        options.matrix = 128;
        const QString synth = dir_.filePath("synth");
        for (const char* item : {"ct-current", "ct-prior"}) {
            options.only = item;
            const auto truth = nlohmann::json::parse(core::writeSyntheticPatients(synth.toStdString() + "/" + item, options));
            const auto& study = truth["patients"][0]["studies"][0];
            const std::string series = study["series"][0]["seriesInstanceUid"];
            if (study["item"] == "ct-current") {
                currentStudy_ = study["studyInstanceUid"];
                currentSeries_ = series;
                sliceThickness_ = study["series"][0]["geometry"]["sliceThickness"].get<double>();
            } else {
                priorSeries_ = series;
            }
            phantom_ = truth["chestPhantom"];
        }
        QVERIFY(sliceThickness_ > 0);
        archiveDir_ = dir_.filePath("archive");
        archive_ = archive::Archive::open(archiveDir_.toStdString());
        const auto summary = archive_->importPaths({synth.toStdString()});
        QVERIFY(summary.error.empty());
        QCOMPARE(summary.imported, std::size_t(60 + 60));
    }

    void registersThePriorOnceAndFollowsTheLesion() {
        app::MainWindow window;
        window.setArchive(archive_.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* wiring = window.readingArea()->findChild<app::RegistrationWiring*>();
        QVERIFY(wiring);
        QCOMPARE(QString::fromStdString(wiring->cacheFolder().string()), cacheDir());
        QVERIFY(cacheFiles().isEmpty());

        QVERIFY(openByProtocol(window));
        viewer::ReadingArea* area = window.readingArea();
        QCOMPARE(area->currentHang()->protocol, std::string("CT chest"));
        QCOMPARE(area->viewports().size(), std::size_t(2));
        viewer::Viewport* current = area->viewports()[0];
        viewer::Viewport* prior = area->viewports()[1];
        QCOMPARE(current->series()->series.seriesInstanceUid, currentSeries_);
        QCOMPARE(prior->series()->series.seriesInstanceUid, priorSeries_);
        QVERIFY(current->series()->series.frameOfReferenceUid != prior->series()->series.frameOfReferenceUid);
        viewer::ViewportSync* sync = area->sync();
        waitForRegistration(sync, current, prior);
        if (QTest::currentTestFailed()) return;
        QCOMPARE(wiring->registrationsRun(), 1);
        QCOMPARE(wiring->cacheHits(), 0);
        QVERIFY2(sync->badgeText(prior).contains("registered"), qPrintable(sync->badgeText(prior)));

        // The pair's entry in the archive's cache: prior (moving) onto current (fixed).
        QCOMPARE(cacheFiles().size(), 1);
        const nlohmann::json entry = readJson(QDir(cacheDir()).filePath(cacheFiles().front()));
        QCOMPARE(entry["key"]["fixedSeriesUid"].get<std::string>(), currentSeries_);
        QCOMPARE(entry["key"]["movingSeriesUid"].get<std::string>(), priorSeries_);
        QCOMPARE(core::norm(vec(entry["manualOffsetMm"])), 0.0);
        // What the sync uses is what registration found: the prior's lesion
        // lands on the current's (the truth), within a millimetre or two.
        const core::RigidTransform currentFromPrior = sync->mapping(prior, current)->targetFromSource;
        const double miss = core::norm(core::operator-(currentFromPrior.apply(vec(phantom_["lesion"]["centerPrior"])),
                                                       vec(phantom_["lesion"]["centerCurrent"])));
        QVERIFY2(miss < 2.0, qPrintable(QString("registered lesion %1 mm from the truth").arg(miss)));

        priorFollowsToTheLesion(current, prior);
        if (QTest::currentTestFailed()) return;

        // Alt+Down on the prior: one slice against the current, kept in the cache.
        QApplication::setActiveWindow(&window);
        prior->setFocus();
        QTest::mouseClick(prior, Qt::LeftButton, {}, QPoint(prior->width() / 2, prior->height() - 5));
        QCOMPARE(sync->activeViewport(), prior);
        QTest::keyClick(prior, Qt::Key_Down, Qt::AltModifier);
        offsetMm_ = sync->manualOffsetMm(current, prior);
        QVERIFY2(std::abs(offsetMm_) > 0.4 * sliceThickness_ && std::abs(offsetMm_) < 1.6 * sliceThickness_,
                 qPrintable(QString::number(offsetMm_)));
        const nlohmann::json nudged = readJson(QDir(cacheDir()).filePath(cacheFiles().front()));
        QVERIFY2(std::abs(core::norm(vec(nudged["manualOffsetMm"])) - std::abs(offsetMm_)) < 1e-6,
                 nudged["manualOffsetMm"].dump().c_str());
        QCOMPARE(wiring->registrationsRun(), 1);  // nudging registers nothing
    }

    void secondOpeningTakesTheCache() {
        QVERIFY(offsetMm_ != 0);  // left by the first reading
        app::MainWindow window;  // a new window: a new sync, nothing remembered in memory
        window.setArchive(archive_.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openByProtocol(window));
        viewer::ReadingArea* area = window.readingArea();
        QCOMPARE(area->viewports().size(), std::size_t(2));
        viewer::Viewport* current = area->viewports()[0];
        viewer::Viewport* prior = area->viewports()[1];
        viewer::ViewportSync* sync = area->sync();
        waitForRegistration(sync, current, prior);
        if (QTest::currentTestFailed()) return;
        auto* wiring = area->findChild<app::RegistrationWiring*>();
        QVERIFY(wiring);
        QCOMPARE(wiring->registrationsRun(), 0);
        QCOMPARE(wiring->cacheHits(), 1);
        QCOMPARE(cacheFiles().size(), 1);
        // The reader's offset came back with it.
        QVERIFY2(std::abs(sync->manualOffsetMm(current, prior) - offsetMm_) < 1e-6,
                 qPrintable(QString("%1 vs %2").arg(sync->manualOffsetMm(current, prior)).arg(offsetMm_)));
        QVERIFY2(sync->badgeText(prior).contains("offset"), qPrintable(sync->badgeText(prior)));

        // Alt+0 clears it, in the cache too; the prior is at the lesion again.
        sync->setActiveViewport(prior);
        sync->clearOffsets(prior);
        QCOMPARE(sync->manualOffsetMm(current, prior), 0.0);
        QCOMPARE(core::norm(vec(readJson(QDir(cacheDir()).filePath(cacheFiles().front()))["manualOffsetMm"])), 0.0);
        priorFollowsToTheLesion(current, prior);
    }

    void screenshotWaitsForTheRegistration() {
        const QString shot = dir_.filePath("registered.png");
        const auto r = test::run(LIGHTBOX_GUI_EXE, {"--archive", archiveDir_, "--open", QString::fromStdString(currentStudy_),
                                                    "--screenshot", shot, "--timing"},
                                 300000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("lightbox: registration of the prior from the cache"), r.err.constData());
        QVERIFY2(r.err.contains("lightbox timing: prior registered"), r.err.constData());
        const QImage image(shot);
        QVERIFY(!image.isNull());
        if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_SCREENSHOTS"))
            image.save(QDir::temp().filePath("lightbox-registered-ct-chest.png"));
    }
};

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(viewer::Viewport::surfaceFormat());
    QApplication app(argc, argv);
    TestRegistrationWiring test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_registration_wiring.moc"
