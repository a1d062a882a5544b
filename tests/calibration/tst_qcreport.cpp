// The PDF QC report through `lightbox-cli qc report`: it renders (pdftoppm),
// has its pages and text (pdftotext: verdict, every criterion, readings,
// signature line), and the plot page carries the measured points and the
// tolerance band.

#include "TestSupport.h"

#include "lightbox/calibration/CalibrationLut.h"
#include "lightbox/calibration/SimulatedDisplay.h"

#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace lightbox;
using namespace lightbox::calibration;

namespace {

// 18 luminance-response readings plus TG18 (5-point) and TG270 (9-point) uniformity fields.
ReadingSet session(const PanelModel& atCalibration, const PanelModel& now) {
    SimulatedDisplay calibrated(atCalibration);
    LutRequest r;
    r.ambient = 0.2;
    r.ratio = 350;
    static CalibrationLut lut;
    lut = buildCalibrationLut(calibrated.characteristic(256), r);
    SimulatedDisplay display(now);
    display.setLut(&lut);
    ReadingSet set = display.luminanceResponse();
    for (int level : {26, 204})
        for (auto& x : display.uniformity(level, 5).readings) set.readings.push_back(x);
    for (auto& x : display.uniformity(120, 9).readings) set.readings.push_back(x);
    return set;
}

QString pdfText(const QString& pdf) {
    const auto r = test::run("pdftotext", {"-layout", pdf, "-"});
    return QString::fromUtf8(r.out);
}

}  // namespace

class TestQcReport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!test::haveProgram("pdftoppm") || !test::haveProgram("pdftotext"))
            QSKIP("poppler-utils (pdftoppm, pdftotext) not installed");
    }

    void passingReportRendersWithPlotAndEveryReading() {
        QTemporaryDir dir;
        PanelModel panel;
        panel.cornerFalloff = 0.08;
        const ReadingSet set = session(panel, panel);
        const QString csv = dir.filePath("readings.csv"), pdf = dir.filePath("report.pdf");
        std::ofstream(csv.toStdString()) << set.toCsv();
        auto r = test::runCli({"qc", "report", "--readings", csv, "--profile", "aapm-tg18-primary", "--ambient-lux", "50",
                               "--reflection", "0.004", "--person", "A. Physicist", "--meter", "simulated meter",
                               "--display", "RX660", "--institution", "Test Clinic", "--out", pdf});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        QVERIFY(r.out.contains("PASS"));

        const auto info = test::run("pdfinfo", {pdf});
        QVERIFY2(info.exitCode == 0, info.err.constData());
        const QRegularExpression pages("Pages:\\s+(\\d+)");
        const auto m = pages.match(QString::fromUtf8(info.out));
        QVERIFY(m.hasMatch());
        QVERIFY(m.captured(1).toInt() >= 2);

        const QString text = pdfText(pdf);
        for (const char* expected : {"Display QC report: acceptance test", "Result: PASS", "A. Physicist",
                                     "simulated meter", "Test Clinic", "RX660", "Contrast response", "Uniformity",
                                     "Readings", "Signature", "contrast response", "50 lx", "0.2 cd/m"})
            QVERIFY2(text.contains(expected), qPrintable(QString("missing '%1' in\n%2").arg(expected, text.left(3000))));
        // Every reading is listed: the 9-point field's positions 1..9 at level 120.
        QCOMPARE(int(set.readings.size()), 18 + 10 + 9);
        QVERIFY(text.count(QRegularExpression("\\b120\\b")) >= 9);

        // Render page 2 (plot and uniformity map) and check it carries colour.
        const QString prefix = dir.filePath("page");
        r = test::run("pdftoppm", {"-r", "60", "-f", "2", "-l", "2", "-png", pdf, prefix});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList pngs = QDir(dir.path()).entryList({"page*.png"});
        QCOMPARE(pngs.size(), 1);
        const QImage page(dir.filePath(pngs.first()));
        QVERIFY(!page.isNull());
        int red = 0, band = 0, green = 0;
        for (int y = 0; y < page.height(); ++y)
            for (int x = 0; x < page.width(); ++x) {
                const QColor c = page.pixelColor(x, y);
                if (c.red() > 170 && c.green() < 90 && c.blue() < 90) ++red;              // measured points
                if (c.blue() > 200 && c.red() < 215 && c.red() > 120 && c.green() > 170) ++band;  // tolerance band
                if (c.green() > 215 && c.red() < 205 && c.blue() < 205) ++green;          // uniformity cells within 10 %
            }
        if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_REPORT"))
            QFile::copy(pdf, qEnvironmentVariable("LIGHTBOX_KEEP_REPORT") + ".pdf");
        QVERIFY2(red > 15, qPrintable(QString("red %1").arg(red)));
        QVERIFY2(band > 500, qPrintable(QString("band %1").arg(band)));
        QVERIFY2(green > 200, qPrintable(QString("green %1").arg(green)));
        if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_REPORT"))
            QFile::copy(dir.filePath(pngs.first()), qEnvironmentVariable("LIGHTBOX_KEEP_REPORT"));
    }

    void failingReportSaysFail() {
        QTemporaryDir dir;
        PanelModel panel, crushed;
        crushed.crushBelow = 0.12;
        const ReadingSet set = session(panel, crushed);
        const QString csv = dir.filePath("readings.csv"), pdf = dir.filePath("report.pdf");
        std::ofstream(csv.toStdString()) << set.toCsv();
        auto r = test::runCli({"qc", "report", "--readings", csv, "--profile", "aapm-tg18-primary", "--ambient", "0.2",
                               "--person", "A. Physicist", "--out", pdf});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(pdfText(pdf).contains("Result: FAIL"));
        // Bad input: one clear error, no report.
        r = test::runCli({"qc", "report", "--readings", dir.filePath("none.csv"), "--profile", "aapm-tg18-primary",
                          "--out", dir.filePath("x.pdf")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!QFile::exists(dir.filePath("x.pdf")));
    }
};

QTEST_GUILESS_MAIN(TestQcReport)
#include "tst_qcreport.moc"
