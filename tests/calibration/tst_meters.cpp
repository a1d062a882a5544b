// Meters: the spotread output parser on recorded output, SpotreadMeter driving
// a stand-in script that prints that output (no instrument is attached here),
// with failure, timeout and cancel; manual entry; CSV import; the simulated
// meter over a calibrated simulated panel, whose readings pass TG18.

#include "TestSupport.h"

#include "lightbox/calibration/CalibrationLut.h"
#include "lightbox/calibration/Conformance.h"
#include "lightbox/calibration/CriteriaProfile.h"
#include "lightbox/calibration/Meter.h"
#include "lightbox/core/Error.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <thread>

using namespace lightbox;
using namespace lightbox::calibration;

namespace {

// Output in spotread's own formats (spectro/spotread.c printf strings,
// ArgyllCMS 2.x): an i1 Display Pro reading a white patch with -e -x -O ...
const char* kEmissiveYxy =
    "Setting up the instrument\n"
    "Instrument Type:   i1 DisplayPro, ColorMunki Display\n"
    "Serial Number:     A01234\n"
    "\n"
    " Result is XYZ: 112.484571 118.335118 128.948201, Yxy: 118.335118 0.312862 0.329126\n"
    "\n";
// ... the same without -x (Lab instead of Yxy) ...
const char* kEmissiveLab =
    " Result is XYZ: 0.951280 1.000000 1.089100, D50 Lab: 100.000000 -2.391209 -18.949151\n";
// ... and the ambient mode (-a) of an instrument with an ambient diffuser.
const char* kAmbient =
    "\n Result is XYZ: 47.514731 50.005123 54.449203, Yxy: 50.005123 0.312700 0.329000\n"
    " Ambient = 157.1 Lux, CCT = 6503K (Delta E 0.021443)\n"
    " Suggested EV @ ISO100 for 157.1 Lux incident light = 6.0\n"
    " Closest Planckian temperature = 6397K (Delta E 2.133445)\n"
    " Closest Daylight temperature  = 6505K (Delta E 0.021443)\n";
const char* kAmbientMono =
    "\n Result is Y: 31.830989, L*: 63.208317\n"
    " Ambient = 100.0 Lux\n"
    " Suggested EV @ ISO100 for 100.0 Lux incident light = 5.3\n";
const char* kFailed =
    "Setting up the instrument\n"
    "Spot read failed due to the sensor being in the wrong position\n"
    "(Sensor should be in calibration position)\n";

// A stand-in for spotread: prints recorded output for -e or -a, or misbehaves.
QString writeScript(const QTemporaryDir& dir, const QString& name, const QByteArray& body) {
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write("#!/bin/sh\n" + body);
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

QByteArray heredoc(const char* text) { return QByteArray("cat <<'EOF'\n") + text + "EOF\n"; }

}  // namespace

class TestMeters : public QObject {
    Q_OBJECT

private slots:
    void parsesSpotreadOutput() {
        MeterReading m = parseSpotreadOutput(kEmissiveYxy);
        QCOMPARE(m.luminance, 118.335118);
        QCOMPARE(*m.x, 0.312862);
        QCOMPARE(*m.y, 0.329126);
        // D65 white: u' 0.1978, v' 0.4683.
        QVERIFY(std::abs(*m.u - 0.1978) < 2e-4);
        QVERIFY(std::abs(*m.v - 0.4683) < 2e-4);
        QVERIFY(!m.illuminance);

        m = parseSpotreadOutput(kEmissiveLab);  // chromaticity from XYZ
        QCOMPARE(m.luminance, 1.0);
        QVERIFY(std::abs(*m.x - 0.951280 / 3.04038) < 1e-6);
        QVERIFY(m.u && m.v);

        m = parseSpotreadOutput(kAmbient);
        QCOMPARE(*m.illuminance, 157.1);
        m = parseSpotreadOutput(kAmbientMono);
        QCOMPARE(*m.illuminance, 100.0);
        QCOMPARE(m.luminance, 31.830989);
        QVERIFY(!m.x);

        try {
            parseSpotreadOutput(kFailed);
            QFAIL("no reading must throw");
        } catch (const core::Error& e) {
            QCOMPARE(e.code(), core::ErrorCode::Io);
            QVERIFY2(QString(e.what()).contains("calibration position"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(core::Error, parseSpotreadOutput(""));
    }

    void drivesSpotreadAsAProcess() {
        QTemporaryDir dir;
        // Answers like spotread: emissive or ambient by its arguments, and records them.
        const QString script = writeScript(
            dir, "spotread",
            "echo \"$@\" > \"$(dirname \"$0\")/args\"\n"
            "case \" $* \" in *\" -a \"*) " + heredoc(kAmbient) + " ;; *) " + heredoc(kEmissiveYxy) + " ;; esac\n");
        SpotreadOptions o;
        o.program = script.toStdString();
        o.extraArguments = {"-y", "l"};
        SpotreadMeter meter(o);
        MeterReading m = meter.measure({});
        QCOMPARE(m.luminance, 118.335118);
        const auto args = meter.lastArguments();
        QCOMPARE(args.size(), std::size_t(6));
        QCOMPARE(args[1], std::string("-e"));
        QCOMPARE(args[2], std::string("-x"));
        QCOMPARE(args[3], std::string("-O"));
        QCOMPARE(args[5], std::string("l"));
        QFile recorded(dir.filePath("args"));
        QVERIFY(recorded.open(QIODevice::ReadOnly));
        QCOMPARE(recorded.readAll().trimmed(), QByteArray("-e -x -O -y l"));

        QVERIFY(meter.measuresAmbient());
        m = meter.measureAmbient();
        QCOMPARE(*m.illuminance, 157.1);
        QCOMPARE(meter.lastArguments()[1], std::string("-a"));

        // A Reading for the QC set: u'v' carried over.
        MeterRequest request{120, "centre", "left", "TG18-UNL80"};
        const Reading r = toReading(request, meter.measure(request));
        QCOMPARE(r.ddl, 120.0);
        QCOMPARE(*r.level, 120.0);
        QCOMPARE(r.position, std::string("centre"));
        QVERIFY(std::abs(*r.u - 0.1978) < 2e-4);
    }

    void spotreadFailuresAreOneClearError() {
        QTemporaryDir dir;
        SpotreadOptions o;
        o.program = writeScript(dir, "failing", heredoc(kFailed) + "exit 1\n").toStdString();
        try {
            SpotreadMeter(o).measure({});
            QFAIL("a failed read must throw");
        } catch (const core::Error& e) {
            QVERIFY2(QString(e.what()).contains("Spot read failed") || QString(e.what()).contains("calibration"),
                     e.what());
        }
        o.program = dir.filePath("not-there").toStdString();
        try {
            SpotreadMeter(o).measure({});
            QFAIL("a missing program must throw");
        } catch (const core::Error& e) {
            QVERIFY2(QString(e.what()).contains("cannot start"), e.what());
        }
        // A hung instrument: the deadline ends it.
        o.program = writeScript(dir, "hung", "exec sleep 30\n").toStdString();
        o.timeout = std::chrono::seconds(1);
        try {
            SpotreadMeter(o).measure({});
            QFAIL("a hung spotread must time out");
        } catch (const core::Error& e) {
            QVERIFY2(QString(e.what()).contains("no reading within 1 s"), e.what());
        }
        // Cancel from another thread ends a running reading.
        o.timeout = std::chrono::seconds(120);
        SpotreadMeter meter(o);
        std::atomic<int> outcome{0};
        std::thread worker([&] {
            try {
                meter.measure({});
                outcome = 1;
            } catch (const core::Error& e) {
                outcome = e.code() == core::ErrorCode::Cancelled ? 2 : 3;
            }
        });
        // Cancel until the worker has seen it (the first may come before the process starts).
        while (outcome == 0) {
            meter.cancel();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        worker.join();
        QCOMPARE(outcome.load(), 2);
    }

    void manualEntry() {
        int asked = 0;
        ManualMeter meter([&](const MeterRequest& r) -> std::optional<MeterReading> {
            ++asked;
            if (r.level == 0) return std::nullopt;
            MeterReading m;
            m.luminance = r.level == 255 ? 420.0 : -1.0;
            return m;
        });
        QCOMPARE(meter.measure({255, {}, {}, {}}).luminance, 420.0);
        try {
            meter.measure({0, {}, {}, {}});
            QFAIL("cancelled entry must throw");
        } catch (const core::Error& e) {
            QCOMPARE(e.code(), core::ErrorCode::Cancelled);
        }
        QVERIFY_THROWS_EXCEPTION(core::Error, meter.measure({15, {}, {}, {}}));
        QCOMPARE(asked, 3);
    }

    void csvImport() {
        const auto set = ReadingSet::parseCsv(
            "ddl,luminance,u,v,position,level\n0,0.5,,,,\n255,400,0.198,0.468,,\n,330,0.2,0.47,tl,204\n");
        CsvMeter meter(set, "session.csv");
        QCOMPARE(meter.measure({255, {}, {}, {}}).luminance, 400.0);
        QCOMPARE(*meter.measure({255, {}, {}, {}}).u, 0.198);
        QCOMPARE(meter.measure({204, "tl", {}, {}}).luminance, 330.0);
        try {
            meter.measure({204, "br", {}, {}});
            QFAIL("a missing row must throw");
        } catch (const core::Error& e) {
            QVERIFY2(QString(e.what()).contains("no reading for level 204 at br"), e.what());
        }
    }

    void simulatedMeterOverACalibratedPanel() {
        PanelModel panel;
        panel.noise = 0.002;
        SimulatedDisplay display(panel);
        LutRequest request;
        request.ambient = 0.2;
        request.ratio = 350;
        const CalibrationLut lut = buildCalibrationLut(display.characteristic(256), request);
        display.setLut(&lut);
        SimulatedMeterOptions o;
        o.ambientLux = 50;
        o.reflection = 0.004;  // 0.2 cd/m2 reflected
        SimulatedMeter meter(display, o);
        ReadingSet set;
        for (int i = 0; i < 18; ++i) {
            const MeterRequest r{15 * i, {}, {}, {}};
            set.readings.push_back(toReading(r, meter.measure(r)));
        }
        EvaluationOptions eo;
        eo.ambient = o.ambientLux * o.reflection;
        const auto evaluation = evaluateReadings(set, CriteriaProfile::load("aapm-tg18-primary"), eo);
        bool sawContrast = false;
        for (const auto& c : evaluation.criteria)
            if (c.id == "contrastResponse") {
                sawContrast = true;
                QCOMPARE(c.verdict, Verdict::Pass);
                QVERIFY(*c.value < 0.1);
            }
        QVERIFY(sawContrast);
        QCOMPARE(*meter.measureAmbient().illuminance, 50.0);
        // A telescopic meter also sees the reflected ambient.
        SimulatedDisplay bare(PanelModel{});
        SimulatedMeter contact(bare, o);
        o.telescopic = true;
        SimulatedMeter telescopic(bare, o);
        QVERIFY(std::abs(telescopic.measure({0, {}, {}, {}}).luminance - contact.measure({0, {}, {}, {}}).luminance - 0.2) <
                1e-12);
        // Cancel during the integration time.
        o.delay = std::chrono::milliseconds(30000);
        SimulatedMeter slow(bare, o);
        std::atomic<int> outcome{0};
        std::thread worker([&] {
            try {
                slow.measure({});
                outcome = 1;
            } catch (const core::Error& e) {
                outcome = e.code() == core::ErrorCode::Cancelled ? 2 : 3;
            }
        });
        while (outcome == 0) {
            slow.cancel();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        worker.join();
        QCOMPARE(outcome.load(), 2);
    }
};

QTEST_GUILESS_MAIN(TestMeters)
#include "tst_meters.moc"
