// Display identity (EDID blobs built here, a fake /sys/class/drm tree, QScreen
// matching) and the SQLite QC history: curves, the active LUT, sessions with
// every reading and criterion, trends, due dates and reminders from the
// profile's schedule, the Display System JSON export.

#include "TestSupport.h"

#include "lightbox/calibration/CalibrationLut.h"
#include "lightbox/calibration/Conformance.h"
#include "lightbox/calibration/CriteriaProfile.h"
#include "lightbox/calibration/DisplayIdentity.h"
#include "lightbox/calibration/QcHistory.h"
#include "lightbox/calibration/SimulatedDisplay.h"
#include "lightbox/core/Error.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <cstring>

using namespace lightbox;
using namespace lightbox::calibration;

namespace {

void descriptor(std::array<std::uint8_t, 128>& e, std::size_t at, std::uint8_t tag, const char* text) {
    e[at + 3] = tag;
    std::size_t i = 0;
    for (; text[i] && i < 13; ++i) e[at + 5 + i] = std::uint8_t(text[i]);
    if (i < 13) e[at + 5 + i++] = 0x0A;
    for (; i < 13; ++i) e[at + 5 + i] = 0x20;
}

// An EDID 1.4 base block as a display would send it.
std::array<std::uint8_t, 128> makeEdid(const char* pnp, std::uint16_t product, std::uint32_t serial, const char* name,
                                       const char* serialText) {
    std::array<std::uint8_t, 128> e{};
    const std::uint8_t header[8] = {0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
    std::memcpy(e.data(), header, 8);
    const unsigned m = unsigned(pnp[0] - 'A' + 1) << 10 | unsigned(pnp[1] - 'A' + 1) << 5 | unsigned(pnp[2] - 'A' + 1);
    e[8] = std::uint8_t(m >> 8);
    e[9] = std::uint8_t(m & 0xFF);
    e[10] = std::uint8_t(product & 0xFF);
    e[11] = std::uint8_t(product >> 8);
    for (int i = 0; i < 4; ++i) e[std::size_t(12 + i)] = std::uint8_t(serial >> (8 * i));
    e[16] = 20;        // week
    e[17] = 2021 - 1990;
    e[18] = 1;
    e[19] = 4;
    e[21] = 64;        // cm
    e[22] = 40;
    // Preferred timing 2560 x 1440.
    e[54] = 0x5A;
    e[55] = 0x8A;
    e[56] = 2560 & 0xFF;
    e[58] = std::uint8_t((2560 >> 8) << 4);
    e[59] = 1440 & 0xFF;
    e[61] = std::uint8_t((1440 >> 8) << 4);
    descriptor(e, 72, 0xFC, name);
    descriptor(e, 90, 0xFF, serialText);
    descriptor(e, 108, 0xFE, "QC TEST");
    unsigned sum = 0;
    for (std::size_t i = 0; i < 127; ++i) sum += e[i];
    e[127] = std::uint8_t((256 - sum % 256) % 256);
    return e;
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray bytesOf(const std::array<std::uint8_t, 128>& e) {
    return QByteArray(reinterpret_cast<const char*>(e.data()), int(e.size()));
}

// An acceptance-style set from a simulated panel, calibrated with `lut`.
ReadingSet measureSet(double white, const CalibrationLut& lut) {
    PanelModel panel;
    panel.white = white;
    SimulatedDisplay display(panel);
    display.setLut(&lut);
    ReadingSet set = display.luminanceResponse();
    for (auto& r : display.uniformity(204, 5).readings) set.readings.push_back(r);
    return set;
}

}  // namespace

class TestQcHistory : public QObject {
    Q_OBJECT

private slots:
    void parsesEdid() {
        const auto e = makeEdid("EIZ", 0x1234, 12345678, "RX660", "87654321");
        const DisplayIdentity id = parseEdid(e);
        QCOMPARE(id.manufacturer, std::string("EIZ"));
        QCOMPARE(int(id.productCode), 0x1234);
        QCOMPARE(id.serialNumber, 12345678u);
        QCOMPARE(id.modelName, std::string("RX660"));
        QCOMPARE(id.serialText, std::string("87654321"));
        QCOMPARE(id.week, 20);
        QCOMPARE(id.year, 2021);
        QCOMPARE(id.widthCm, 64);
        QCOMPARE(id.heightCm, 40);
        QCOMPARE(id.nativeWidth, 2560);
        QCOMPARE(id.nativeHeight, 1440);
        QCOMPARE(id.key(), std::string("EIZ-1234-87654321"));
        QVERIFY(id.describe().find("RX660 (S/N 87654321)") != std::string::npos);

        auto broken = e;
        broken[20] ^= 1;  // checksum no longer matches
        QVERIFY_THROWS_EXCEPTION(core::Error, parseEdid(broken));
        auto notEdid = e;
        notEdid[1] = 0;
        QVERIFY_THROWS_EXCEPTION(core::Error, parseEdid(notEdid));
        QVERIFY_THROWS_EXCEPTION(core::Error, parseEdid(std::span(e.data(), 100)));
        // Without a serial descriptor the numeric serial keys the display.
        const auto plain = makeEdid("DEL", 0xA0B1, 4242, "U2720Q", "");
        DisplayIdentity p = parseEdid(plain);
        p.serialText.clear();
        QCOMPARE(p.key(), std::string("DEL-A0B1-4242"));
    }

    void scansDrmAndMatchesScreens() {
        QTemporaryDir root;
        writeFile(root.filePath("card0-DP-1/status"), "connected\n");
        writeFile(root.filePath("card0-DP-1/edid"), bytesOf(makeEdid("EIZ", 0x1234, 1, "RX660", "SN-LEFT")));
        writeFile(root.filePath("card0-DP-2/status"), "connected\n");
        writeFile(root.filePath("card0-DP-2/edid"), bytesOf(makeEdid("EIZ", 0x1234, 2, "RX660", "SN-RIGHT")));
        writeFile(root.filePath("card0-HDMI-A-1/status"), "disconnected\n");
        writeFile(root.filePath("card0-HDMI-A-1/edid"), bytesOf(makeEdid("DEL", 1, 3, "OFF", "X")));
        auto damaged = makeEdid("BAR", 5, 5, "BROKEN", "Y");
        damaged[30] ^= 0xFF;
        writeFile(root.filePath("card0-eDP-1/status"), "connected\n");
        writeFile(root.filePath("card0-eDP-1/edid"), bytesOf(damaged));
        writeFile(root.filePath("card0/dev"), "226:0\n");

        const auto found = scanDrmDisplays(root.path().toStdString());
        QCOMPARE(int(found.size()), 2);
        QCOMPARE(found[0].connector, std::string("card0-DP-1"));
        QCOMPARE(found[1].serialText, std::string("SN-RIGHT"));
        // QScreen on X11 names outputs DP-1, DP-2 ...
        QCOMPARE(identifyScreen("DP-2", "", "", "", found).serialText, std::string("SN-RIGHT"));
        QCOMPARE(identifyScreen("other", "EIZO", "RX660", "SN-LEFT", found).connector, std::string("card0-DP-1"));
        const auto unknown = identifyScreen("VNC-0", "Acme", "Virtual", "", found);
        QCOMPARE(unknown.connector, std::string("VNC-0"));
        QCOMPARE(unknown.key(), std::string("Virtual@VNC-0"));
        // The machine's own DRM tree (often empty in CI) scans without error.
        (void)scanDrmDisplays();
        QVERIFY(scanDrmDisplays("/nonexistent").empty());
    }

    void storesCurvesLutsAndSessions() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("qc.sqlite").toStdString();
        const DisplayIdentity left = parseEdid(makeEdid("EIZ", 0x1234, 1, "RX660", "SN-LEFT"));
        const DisplayIdentity right = parseEdid(makeEdid("EIZ", 0x1234, 2, "RX660", "SN-RIGHT"));
        const std::string key = left.key();
        PanelModel panel;
        SimulatedDisplay simulated(panel);
        LutRequest request;
        request.ambient = 0.2;
        request.ratio = 350;
        request.pBits = 10;
        request.ddlBits = 10;
        const CalibrationLut lut = buildCalibrationLut(simulated.characteristic(256), request);
        {
            QcHistory history(path);
            QCOMPARE(history.addDisplay(left, "room 2, left"), history.addDisplay(left));  // same display, same id
            history.addDisplay(right, "room 2, right");
            QCOMPARE(int(history.displays().size()), 2);
            QCOMPARE(history.display(key)->location, std::string("room 2, left"));
            QCOMPARE(history.display(key)->identity.edid.size(), std::size_t(128));
            QVERIFY(!history.activeLut(key));
            history.addCurve(key, simulated.characteristic(18));
            QCOMPARE(int(history.latestCurve(key)->points().size()), 18);

            CalibrationLut older = lut;
            older.ddl.assign(older.ddl.size(), 7);
            history.addLut(key, older);
            history.addLut(key, lut);  // the newer one becomes active
            const auto active = history.activeLut(key);
            QVERIFY(active);
            QCOMPARE(active->ddl, lut.ddl);
            QCOMPARE(active->pBits, 10);
            QCOMPARE(active->lmax, lut.lmax);
            QVERIFY(!history.activeLut(right.key()));

            // Three sessions a quarter apart; the backlight ages.
            CalibrationLut lut8 = buildCalibrationLut(simulated.characteristic(256), LutRequest{0.2, {}, {}, 350});
            const char* dates[] = {"2026-01-05T09:00:00Z", "2026-04-02T09:00:00Z", "2026-07-01T09:00:00Z"};
            const double whites[] = {420, 380, 330};
            for (int i = 0; i < 3; ++i) {
                const ReadingSet set = measureSet(whites[i], lut8);
                EvaluationOptions o;
                o.ambient = 0.2;
                const auto evaluation = evaluateReadings(set, CriteriaProfile::load("aapm-tg18-primary"), o);
                QcSession s = QcSession::fromEvaluation(key, i == 0 ? "acceptance" : "constancy", "A. Physicist",
                                                        "simulated meter", set, evaluation);
                s.performedAt = dates[i];
                s.ambientLux = 50;
                history.addSession(s);
            }
            QcSession visual;
            visual.displayKey = key;
            visual.test = "visual";
            visual.profile = "aapm-tg18-primary";
            visual.person = "R. Adiologist";
            visual.meter = "none";
            visual.passed = true;
            visual.notes = "all 16 patches and the 5 % / 95 % squares visible";
            visual.performedAt = "2026-07-20T07:55:00Z";
            history.addSession(visual);
            QcSession bad = visual;
            bad.person.clear();
            QVERIFY_THROWS_EXCEPTION(core::Error, history.addSession(bad));
        }
        // Reopened: everything is still there (and the schema is not migrated twice).
        QcHistory history(path);
        const auto sessions = history.sessions(key);
        QCOMPARE(int(sessions.size()), 4);
        QCOMPARE(sessions[0].test, std::string("acceptance"));
        QCOMPARE(sessions[0].person, std::string("A. Physicist"));
        QCOMPARE(int(sessions[0].readings.readings.size()), 18 + 5);
        QCOMPARE(sessions[0].readings.readings[22].position, std::string("br"));
        QVERIFY(!sessions[0].results.empty());
        bool sawContrast = false;
        for (const auto& r : sessions[0].results)
            if (r.id == "contrastResponse") {
                sawContrast = true;
                QCOMPARE(r.verdict, Verdict::Pass);
                QCOMPARE(*r.limit.max, 0.1);
            }
        QVERIFY(sawContrast);
        QCOMPARE(*sessions[2].ambientLux, 50.0);
        QCOMPARE(sessions[3].notes, visual_notes());

        // Trends: L'max falls with the backlight; visual checks are not in them.
        const auto trend = history.trend(key);
        QCOMPARE(int(trend.size()), 3);
        QVERIFY(*trend[0].lmax > *trend[1].lmax && *trend[1].lmax > *trend[2].lmax);
        QVERIFY(trend[2].luminanceRatio.has_value());
        QVERIFY(trend[0].maxDeviation.has_value());
        QCOMPARE(trend[1].ambient, 0.2);

        // Due dates from the profile's schedule (visual 1 day, constancy 90, acceptance 365).
        const auto profile = CriteriaProfile::load("aapm-tg18-primary");
        QVERIFY(profile.schedule.size() >= 3);
        const auto due = history.dueDates(key, profile, "2026-09-27");
        std::map<std::string, DueDate> byTest;
        for (const auto& d : due) byTest[d.test] = d;
        QCOMPARE(byTest["constancy"].lastDone, std::string("2026-07-01"));
        QCOMPARE(byTest["constancy"].due, std::string("2026-09-29"));
        QCOMPARE(byTest["constancy"].daysLeft, 2);
        QVERIFY(byTest["constancy"].reminder);
        QCOMPARE(byTest["acceptance"].due, std::string("2027-01-05"));
        QVERIFY(!byTest["acceptance"].reminder);
        QCOMPARE(byTest["visual"].daysLeft, -68);  // last visual check 2026-07-20
        QVERIFY(byTest["visual"].reminder);
        // The right display was never tested: everything due now.
        const auto reminders = history.reminders("2026-09-27", "aapm-tg18-primary");
        int forRight = 0;
        for (const auto& r : reminders) forRight += r.displayKey == right.key() ? 1 : 0;
        QCOMPARE(forRight, 3);
        QVERIFY_THROWS_EXCEPTION(core::Error, history.dueDates(key, profile, "27.09.2026"));
        QVERIFY_THROWS_EXCEPTION(core::Error, history.reminders("2026-02-30", "aapm-tg18-primary"));

        // The Display System export.
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(history.exportDisplaySystemJson(key, "Clinic")));
        const QJsonObject o = doc.object();
        QCOMPARE(o["InstitutionName"].toString(), QString("Clinic"));
        const QJsonObject sub = o["DisplaySubsystemSequence"].toArray()[0].toObject();
        QCOMPARE(sub["DeviceSerialNumber"].toString(), QString("SN-LEFT"));
        QCOMPARE(sub["ManufacturerModelName"].toString(), QString("RX660"));
        const QJsonObject target = o["TargetLuminanceCharacteristicsSequence"].toArray()[0].toObject();
        QCOMPARE(target["DisplayFunctionType"].toString(), QString("GSDF"));
        QCOMPARE(target["TargetMaximumLuminance"].toDouble(), lut.lmax);
        const QJsonArray qa = o["QAResultsSequence"].toArray();
        QCOMPARE(qa.size(), 4);
        QCOMPARE(qa[0].toObject()["Date"].toString(), QString("20260105"));
        const QJsonObject config = qa[0].toObject()["DisplaySubsystemQAResultsSequence"].toArray()[0].toObject()
                                       ["ConfigurationQAResultsSequence"].toArray()[0].toObject();
        QCOMPARE(config["LuminanceResultSequence"].toArray().size(), 18);
        QCOMPARE(config["LuminanceUniformityResultSequence"].toArray().size(), 5);
        QVERIFY(qa[3].toObject()["DisplaySubsystemQAResultsSequence"].toArray()[0].toObject()
                    ["ConfigurationQAResultsSequence"].toArray()[0].toObject().contains("VisualEvaluationResultSequence"));
        QVERIFY_THROWS_EXCEPTION(core::Error, history.exportDisplaySystemJson("nobody"));
    }

    void historyThroughCli() {
        QTemporaryDir dir;
        const QString db = dir.filePath("qc.sqlite"), csv = dir.filePath("readings.csv");
        SimulatedDisplay display(PanelModel{});
        const CalibrationLut lut = buildCalibrationLut(display.characteristic(256), LutRequest{0.2, {}, {}, 350});
        display.setLut(&lut);
        writeFile(csv, QByteArray::fromStdString(display.luminanceResponse().toCsv()));
        auto r = test::runCli({"qc", "history", "--db", db, "record", "--display", "reading-room-1", "--readings", csv,
                               "--profile", "aapm-tg18-primary", "--person", "A. Physicist", "--ambient", "0.2",
                               "--at", "2026-03-01T10:00:00Z"});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        QVERIFY(r.out.contains("PASS"));
        QVERIFY(r.out.contains("on reading-room-1@manual"));
        r = test::runCli({"qc", "history", "--db", db, "sessions", "--display", "reading-room-1@manual"});
        QVERIFY2(r.exitCode == 0 && r.out.contains("acceptance\taapm-tg18-primary\tA. Physicist"), r.out.constData());
        r = test::runCli({"qc", "history", "--db", db, "sessions", "--display", "nobody"});
        QVERIFY(r.exitCode != 0 && r.err.contains("no display 'nobody'"));
        r = test::runCli({"qc", "history", "--db", db, "displays"});
        QVERIFY(r.out.startsWith("reading-room-1@manual"));
        r = test::runCli({"qc", "history", "--db", db, "due", "--today", "2026-05-25"});
        QVERIFY2(r.out.contains("constancy\tdue 2026-05-30\tin 5 days"), r.out.constData());
        QVERIFY(r.out.contains("visual\tdue 2026-05-25\tnever done"));
        r = test::runCli({"qc", "history", "--db", db, "trend", "--display", "reading-room-1@manual"});
        QCOMPARE(r.out.count('\n'), 2);
        // Calibrate: the curve and its LUT stored, the LUT active (what the render pass will apply).
        const QString curve = dir.filePath("curve.json");
        writeFile(curve, QByteArray::fromStdString(SimulatedDisplay(PanelModel{}).characteristic(18).toJson()));
        r = test::runCli({"qc", "history", "--db", db, "calibrate", "--display", "reading-room-1@manual", "--curve", curve,
                          "--ambient", "0.2", "--ratio", "350", "--pbits", "12", "--ddl-bits", "10"});
        QVERIFY2(r.exitCode == 0, r.out + r.err);
        {
            QcHistory h(db.toStdString());
            const auto active = h.activeLut("reading-room-1@manual");
            QVERIFY(active.has_value());
            QCOMPARE(int(active->ddl.size()), 4096);
            QCOMPARE(active->ddlBits, 10);
            QVERIFY(h.latestCurve("reading-room-1@manual").has_value());
        }
        r = test::runCli({"qc", "history", "--db", db, "export", "--display", "reading-room-1@manual"});
        const QJsonObject exported = QJsonDocument::fromJson(r.out).object();
        QVERIFY(exported.contains("QAResultsSequence"));
        QVERIFY(exported["TargetLuminanceCharacteristicsSequence"].toArray()[0].toObject()["TargetMaximumLuminance"].toDouble() > 400);
    }

private:
    static std::string visual_notes() { return "all 16 patches and the 5 % / 95 % squares visible"; }
};

QTEST_GUILESS_MAIN(TestQcHistory)
#include "tst_qchistory.moc"
