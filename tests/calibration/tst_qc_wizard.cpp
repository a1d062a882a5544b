// The QC wizard under Xvfb: an acceptance test against the simulated meter end
// to end (patterns full screen at 1:1, readings on a worker thread, the
// evaluation, the PDF, the session in the history and the history view),
// cancelling a reading, and the visual daily check.

#include "HistoryView.h"
#include "PatternWindow.h"
#include "QcWizard.h"
#include "ScreenIdentity.h"

#include "lightbox/calibration/CalibrationLut.h"
#include "lightbox/calibration/SimulatedDisplay.h"

#include <QAbstractButton>
#include <QFile>
#include <QGuiApplication>
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace lightbox;
using namespace lightbox::qc;

class TestQcWizard : public QObject {
    Q_OBJECT

private slots:
    void acceptanceAgainstTheSimulatedMeter() {
        QTemporaryDir dir;
        auto history = std::make_shared<calibration::QcHistory>(dir.filePath("qc.sqlite").toStdString());
        QcWizard w(history);
        w.setSettleTime(20);
        w.setSimulatedDelay(20);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setScreen(0);
        w.setTest("acceptance");
        w.setProfile("aapm-tg18-primary");
        w.setMeterKind(QcWizard::MeterKind::Simulated);
        w.setAmbient(50, 0.004);
        QVERIFY(!w.button(QWizard::NextButton)->isEnabled());  // no person yet
        w.setPerson("A. Physicist");
        QVERIFY(w.button(QWizard::NextButton)->isEnabled());
        QVERIFY2(w.tenBitSummary().startsWith("10-bit output: "), qPrintable(w.tenBitSummary()));
        w.next();
        QCOMPARE(w.currentId(), int(QcWizard::MeasurePage));
        QCOMPARE(w.stepCount(), 18 + 10);  // TG18-LN 18 levels, UNL10 and UNL80 at 5 points
        QVERIFY(!w.button(QWizard::NextButton)->isEnabled());

        QSignalSpy taken(&w, &QcWizard::readingTaken), finished(&w, &QcWizard::measuringFinished);
        w.measureAll();
        // measureAll() returned before any reading: the meter runs on a worker, not the GUI thread.
        QCOMPARE(taken.count(), 0);
        QVERIFY(w.isMeasuring());
        // The pattern is full screen on the chosen display, one pattern pixel per device pixel.
        QTRY_VERIFY(w.patternWindow()->isVisible());
        QScreen* screen = QGuiApplication::screens().first();
        QCOMPARE(w.patternWindow()->patternSize(), screen->size() * screen->devicePixelRatio());
        QVERIFY(w.patternWindow()->patternName().startsWith("TG18-LN8-"));
        const int k = w.patternWindow()->patternName().right(2).toInt();
        const QSize size = w.patternWindow()->patternSize();
        QCOMPARE(w.patternWindow()->patternValueAt(size.width() / 2, size.height() / 2), 15 * (k - 1));

        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(taken.count(), 28);
        QCOMPARE(int(w.readings().readings.size()), 28);
        QVERIFY(!w.patternWindow()->isVisible());
        QVERIFY(w.button(QWizard::NextButton)->isEnabled());
        if (qEnvironmentVariableIsSet("LIGHTBOX_QC_WIZARD_SHOT"))  // to look at the page
            w.grab().save(qEnvironmentVariable("LIGHTBOX_QC_WIZARD_SHOT"));

        w.next();
        QCOMPARE(w.currentId(), int(QcWizard::ResultPage));
        QVERIFY(w.evaluation().has_value());
        QVERIFY(w.evaluation()->passed());
        const QString pdf = dir.filePath("report.pdf");
        QString error;
        QVERIFY2(w.exportPdf(pdf, &error), qPrintable(error));
        QVERIFY(QFile(pdf).size() > 1000);

        QSignalSpy saved(&w, &QcWizard::sessionSaved);
        w.button(QWizard::FinishButton)->click();
        QCOMPARE(saved.count(), 1);
        const auto key = w.display().key();
        const auto sessions = history->sessions(key);
        QCOMPARE(int(sessions.size()), 1);
        QCOMPARE(sessions[0].test, std::string("acceptance"));
        QCOMPARE(sessions[0].person, std::string("A. Physicist"));
        QCOMPARE(sessions[0].meter, std::string("simulated meter"));
        QCOMPARE(int(sessions[0].readings.readings.size()), 28);
        QVERIFY(sessions[0].passed);
        QVERIFY(!sessions[0].results.empty());
        QCOMPARE(*sessions[0].ambientLux, 50.0);

        // The render pass's lookup: the active LUT of the display a screen shows.
        QVERIFY(!activeLutForScreen(screen, *history));
        calibration::SimulatedDisplay panel(calibration::PanelModel{});
        const auto lut = calibration::buildCalibrationLut(panel.characteristic(256), calibration::LutRequest{0.2, {}, {}, 350});
        history->addLut(key, lut);
        const auto active = activeLutForScreen(screen, *history);
        QVERIFY(active.has_value());
        QCOMPARE(active->ddl, lut.ddl);

        HistoryView view(history);
        view.show();
        QCOMPARE(view.displayCount(), 1);
        QCOMPARE(view.sessionCount(), 1);
        QVERIFY(view.exportSessionPdf(0, dir.filePath("again.pdf"), &error));
    }

    void cancellingAReading() {
        QTemporaryDir dir;
        auto history = std::make_shared<calibration::QcHistory>(dir.filePath("qc.sqlite").toStdString());
        QcWizard w(history);
        w.setSettleTime(0);
        w.setSimulatedDelay(60000);  // a meter that would take a minute
        w.show();
        w.setPerson("A. Physicist");
        w.setMeterKind(QcWizard::MeterKind::Simulated);
        w.next();
        QSignalSpy finished(&w, &QcWizard::measuringFinished);
        w.measureAll();
        QVERIFY(w.isMeasuring());
        w.cancelMeasuring();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!w.isMeasuring());
        QVERIFY(w.readings().readings.empty());
        QVERIFY(!w.button(QWizard::NextButton)->isEnabled());
    }

    void typedReadingsAndAConstancyTest() {
        QTemporaryDir dir;
        auto history = std::make_shared<calibration::QcHistory>(dir.filePath("qc.sqlite").toStdString());
        // Acceptance first (the baseline), with the simulated meter.
        {
            QcWizard w(history);
            w.setSettleTime(0);
            w.setSimulatedDelay(0);
            w.show();
            w.setPerson("A. Physicist");
            w.setMeterKind(QcWizard::MeterKind::Simulated);
            w.next();
            QSignalSpy finished(&w, &QcWizard::measuringFinished);
            w.measureAll();
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
            w.next();
            w.button(QWizard::FinishButton)->click();
        }
        // Constancy, every reading typed in: a calibrated panel whose backlight lost 5 %.
        QcWizard w(history);
        w.show();
        w.setPerson("A. Physicist");
        w.setTest("constancy");
        w.setProfile("aapm-tg18-primary-constancy");
        w.setMeterKind(QcWizard::MeterKind::Manual);
        w.setAmbient(50, 0.004);
        w.next();
        QCOMPARE(w.stepCount(), 28);
        calibration::PanelModel panel;
        panel.white = 420 * 0.95;
        calibration::SimulatedDisplay simulated(panel);
        const auto lut = calibration::buildCalibrationLut(simulated.characteristic(256),
                                                          calibration::LutRequest{0.2, {}, {}, 350});
        simulated.setLut(&lut);
        const int levels[] = {26, 204};
        const char* positions[] = {"centre", "tl", "tr", "bl", "br"};
        for (int i = 0; i < 18; ++i) w.enterReading(i, simulated.read(15 * i).luminance);
        QVERIFY(!w.button(QWizard::NextButton)->isEnabled());  // uniformity still missing
        for (int f = 0; f < 2; ++f)
            for (int p = 0; p < 5; ++p) w.enterReading(18 + 5 * f + p, simulated.read(levels[f], positions[p]).luminance);
        QVERIFY(w.button(QWizard::NextButton)->isEnabled());
        w.next();
        QVERIFY(w.evaluation().has_value());
        bool sawChange = false;
        for (const auto& c : w.evaluation()->criteria)
            if (c.id == "lmaxChange") {
                sawChange = true;
                QVERIFY(c.value && std::abs(*c.value - 5) < 1.0);  // about 5 % dimmer than at acceptance
            }
        QVERIFY(sawChange);
        w.button(QWizard::FinishButton)->click();
        const auto sessions = history->sessions(w.display().key());
        QCOMPARE(int(sessions.size()), 2);
        QCOMPARE(sessions[1].test, std::string("constancy"));
        QCOMPARE(sessions[1].meter, std::string("manual entry"));
        QCOMPARE(int(history->trend(w.display().key()).size()), 2);
        HistoryView view(history);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.sessionCount(), 2);
        QVERIFY(view.reminderCount() >= 1);  // the visual daily check was never done
        if (qEnvironmentVariableIsSet("LIGHTBOX_QC_HISTORY_SHOT"))  // to look at the view
            view.grab().save(qEnvironmentVariable("LIGHTBOX_QC_HISTORY_SHOT"));
    }

    void visualDailyCheck() {
        QTemporaryDir dir;
        auto history = std::make_shared<calibration::QcHistory>(dir.filePath("qc.sqlite").toStdString());
        QcWizard w(history);
        w.show();
        w.setPerson("R. Adiologist");
        w.setTest("visual");
        w.next();
        QVERIFY(w.button(QWizard::NextButton)->isEnabled());
        for (int i = 0; i < 5; ++i) w.setVisualItem(i, true);
        w.next();
        w.button(QWizard::FinishButton)->click();
        const auto sessions = history->sessions(w.display().key());
        QCOMPARE(int(sessions.size()), 1);
        QCOMPARE(sessions[0].test, std::string("visual"));
        QVERIFY(sessions[0].passed);
    }
};

QTEST_MAIN(TestQcWizard)
#include "tst_qc_wizard.moc"
