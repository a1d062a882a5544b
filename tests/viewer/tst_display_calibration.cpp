// What the main window says about the reading view's calibration (issue 8):
// the active LUT of the screen's display from the QC history at
// $LIGHTBOX_QC_HISTORY ("Calibrated: <display> (GSDF, LUT from <date>)"),
// "Not calibrated" without one or with an unreadable history (one line, no
// crash), and always that 8 bits per channel reach the screen.

#include "DisplayCalibration.h"
#include "MainWindow.h"
#include "ScreenIdentity.h"
#include "TestSupport.h"

#include "lightbox/calibration/QcHistory.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/Viewport.h"

#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QScreen>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

using namespace lightbox;

namespace {

calibration::CalibrationLut inverted8() {
    calibration::CalibrationLut lut;
    lut.ddl.resize(256);
    for (std::size_t p = 0; p < 256; ++p) lut.ddl[p] = std::uint16_t(255 - p);
    return lut;
}

}  // namespace

class TestDisplayCalibration : public QObject {
    Q_OBJECT

private slots:
    void looksUpTheScreensDisplay() {
        QTemporaryDir dir;
        QScreen* screen = QGuiApplication::primaryScreen();
        QVERIFY(screen);
        const calibration::DisplayIdentity id = qc::screenIdentity(screen);
        const QString path = dir.filePath("qc-history.sqlite");

        // No history file: not calibrated, and the file is not created.
        app::ScreenCalibration none = app::lookUpScreenCalibration(screen, path);
        QVERIFY(none.table.isIdentity());
        QVERIFY2(none.calibrated.startsWith("Not calibrated"), qPrintable(none.calibrated));
        QCOMPARE(none.output, QString("10-bit output: no (8 bits per channel)"));
        QVERIFY(!QFile::exists(path));

        {
            calibration::QcHistory history(path.toStdString());
            history.addDisplay(id);
            history.addLut(id.key(), inverted8(), true, "2026-11-02T08:15:00Z");
        }
        const app::ScreenCalibration found = app::lookUpScreenCalibration(screen, path);
        QCOMPARE(found.table.ddl, inverted8().ddl);
        QCOMPARE(found.calibrated,
                 QString("Calibrated: %1 (GSDF, LUT from 2026-11-02)").arg(QString::fromStdString(id.describe())));

        // Not a database: one clear line, identity, no crash.
        const QString bad = dir.filePath("damaged.sqlite");
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        const app::ScreenCalibration damaged = app::lookUpScreenCalibration(screen, bad);
        QVERIFY(damaged.table.isIdentity());
        QVERIFY2(damaged.calibrated.startsWith("Not calibrated: the QC history cannot be read"),
                 qPrintable(damaged.calibrated));
    }

    void mainWindowAppliesAndSaysIt() {
        QTemporaryDir dir;
        const QString path = dir.filePath("qc-history.sqlite");
        qputenv("LIGHTBOX_QC_HISTORY", path.toUtf8());
        {
            app::MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto* label = window.statusBar()->findChild<QLabel*>("calibrationStatus");
            QVERIFY(label);
            QVERIFY2(label->text().startsWith("Not calibrated"), qPrintable(label->text()));
            QVERIFY2(label->text().contains("10-bit output: no (8 bits per channel)"), qPrintable(label->text()));
            for (viewer::Viewport* v : window.readingArea()->viewports()) QVERIFY(v->calibration().isIdentity());

            // A calibration is saved (as the QC wizard does), then the area asks again.
            QScreen* screen = window.readingArea()->screen();
            const calibration::DisplayIdentity id = qc::screenIdentity(screen);
            {
                calibration::QcHistory history(path.toStdString());
                history.addDisplay(id);
                history.addLut(id.key(), inverted8());
            }
            window.readingArea()->reapplyCalibration();
            QVERIFY2(label->text().startsWith("Calibrated: "), qPrintable(label->text()));
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
            QVERIFY2(label->width() >= label->sizeHint().width(),
                     qPrintable(QString("the status line is cut: %1 of %2 pixels").arg(label->width()).arg(label->sizeHint().width())));
            if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_SCREENSHOTS"))
                window.grab().save(qEnvironmentVariable("LIGHTBOX_KEEP_SCREENSHOTS") + "/calibration-status.png");
            for (viewer::Viewport* v : window.readingArea()->viewports()) QCOMPARE(v->calibration().ddl, inverted8().ddl);
        }
        qunsetenv("LIGHTBOX_QC_HISTORY");
    }
};

QTEST_MAIN(TestDisplayCalibration)
#include "tst_display_calibration.moc"
