// lightbox-cli qc history: the displays' QC history (calibration/history)
// without the GUI - register the connected displays, record an evaluated
// session, list sessions, trends and due tests, export as Display System JSON.

#include "Arguments.h"
#include "Commands.h"

#include "lightbox/calibration/CalibrationLut.h"
#include "lightbox/calibration/CharacteristicCurve.h"
#include "lightbox/calibration/Conformance.h"
#include "lightbox/calibration/CriteriaProfile.h"
#include "lightbox/calibration/DisplayIdentity.h"
#include "lightbox/calibration/QcHistory.h"
#include "lightbox/calibration/Readings.h"
#include "lightbox/core/Error.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

namespace lightbox::cli {
namespace {

namespace cal = lightbox::calibration;

const char* kUsage =
    "usage: lightbox-cli qc history --db FILE scan            register connected displays (EDID from /sys/class/drm)\n"
    "       lightbox-cli qc history --db FILE displays\n"
    "       lightbox-cli qc history --db FILE record --display KEY --readings CSV --profile NAME --person NAME\n"
    "                                [--test acceptance|constancy] [--meter NAME] [--ambient L] [--at ISO8601]\n"
    "       lightbox-cli qc history --db FILE calibrate --display KEY --curve CURVE [--ambient L] [--lmax L]\n"
    "                                [--lmin L | --ratio R] [--pbits N] [--ddl-bits M]   store the curve and its LUT (active)\n"
    "       lightbox-cli qc history --db FILE sessions|trend --display KEY\n"
    "       lightbox-cli qc history --db FILE due [--today YYYY-MM-DD] [--profile NAME]\n"
    "       lightbox-cli qc history --db FILE export --display KEY [--institution NAME] [--out FILE.json]";

std::string need(const Arguments& args, const char* name) {
    auto v = args.value(name);
    if (!v || v->empty()) throw UsageError{std::string("--") + name + " is required\n" + kUsage};
    return *v;
}

std::optional<double> optionalNumber(const Arguments& args, const char* name) {
    const auto v = args.value(name);
    if (!v) return std::nullopt;
    char* end = nullptr;
    const double x = std::strtod(v->c_str(), &end);
    if (end == v->c_str() || *end) throw UsageError{std::string("--") + name + " expects a number, got '" + *v + "'"};
    return x;
}

// A display by key, or by a plain name (registered as NAME@manual when new).
std::string displayKeyFor(cal::QcHistory& history, const std::string& key) {
    if (history.display(key)) return key;
    cal::DisplayIdentity id;
    id.modelName = key;
    id.connector = "manual";
    if (!history.display(id.key())) history.addDisplay(id);
    return id.key();
}

void printOptional(const std::optional<double>& v) {
    if (v) std::printf(",%.6g", *v);
    else std::printf(",");
}

}  // namespace

int qcHistoryCommand(int argc, char** argv) {
    Arguments args(argc, argv, 3, {},
                   {"db", "display", "readings", "profile", "person", "test", "meter", "ambient", "at", "today",
                    "institution", "out", "drm", "curve", "lmax", "lmin", "ratio", "pbits", "ddl-bits"});
    if (args.positionals().size() != 1) throw UsageError{kUsage};
    const std::string action = args.positionals()[0];
    cal::QcHistory history(need(args, "db"));

    if (action == "scan") {
        for (const auto& d : cal::scanDrmDisplays(args.value("drm").value_or("/sys/class/drm"))) {
            history.addDisplay(d);
            std::printf("%s\t%s\n", d.key().c_str(), d.describe().c_str());
        }
        return 0;
    }
    if (action == "displays") {
        for (const auto& d : history.displays())
            std::printf("%s\t%s\t%s\n", d.key.c_str(), d.identity.describe().c_str(), d.location.c_str());
        return 0;
    }
    if (action == "record") {
        const std::string key = need(args, "display");
        cal::EvaluationOptions options;
        if (args.value("ambient")) options.ambient = std::strtod(args.value("ambient")->c_str(), nullptr);
        cal::ReadingSet readings;
        cal::Evaluation evaluation;
        try {
            readings = cal::ReadingSet::readCsv(need(args, "readings"));
            evaluation = cal::evaluateReadings(readings, cal::CriteriaProfile::load(need(args, "profile")), options);
        } catch (const core::Error& e) {
            throw UsageError{e.what()};
        }
        const std::string displayKey = displayKeyFor(history, key);
        auto session = cal::QcSession::fromEvaluation(displayKey, args.value("test").value_or("acceptance"),
                                                      need(args, "person"), args.value("meter").value_or("manual entry"),
                                                      readings, evaluation);
        if (args.value("at")) session.performedAt = *args.value("at");
        const auto id = history.addSession(session);
        std::printf("session %lld on %s: %s %s\n", static_cast<long long>(id), displayKey.c_str(), session.test.c_str(),
                    session.passed ? "PASS" : "FAIL");
        return session.passed ? 0 : 1;
    }
    if (action == "calibrate") {
        const std::string key = displayKeyFor(history, need(args, "display"));
        if (args.value("lmin") && args.value("ratio")) throw UsageError{"give --lmin or --ratio, not both"};
        cal::CharacteristicCurve curve;
        try {
            curve = cal::CharacteristicCurve::read(need(args, "curve"));
        } catch (const core::Error& e) {
            throw UsageError{e.what()};
        }
        cal::LutRequest request;
        request.ambient = optionalNumber(args, "ambient").value_or(curve.ambient().value_or(0.0));
        request.lmax = optionalNumber(args, "lmax");
        request.lmin = optionalNumber(args, "lmin");
        request.ratio = optionalNumber(args, "ratio");
        request.pBits = int(args.integer("pbits").value_or(10));
        request.ddlBits = int(args.integer("ddl-bits").value_or(8));
        const auto lut = cal::buildCalibrationLut(curve, request);
        history.addCurve(key, curve);
        history.addLut(key, lut, true);
        for (const auto& w : lut.warnings) std::fprintf(messageStream(), "warning: %s\n", w.c_str());
        std::printf("%s: active LUT %d-bit P-values -> %d-bit DDLs, L'min %.4g, L'max %.4g cd/m2, %.1f JNDs\n",
                    key.c_str(), lut.pBits, lut.ddlBits, lut.lmin, lut.lmax, lut.totalJnd);
        return 0;
    }
    if (action == "sessions") {
        for (const auto& s : history.sessions(need(args, "display"))) {
            int failed = 0;
            for (const auto& r : s.results) failed += r.verdict == cal::Verdict::Fail && !r.limit.advisory ? 1 : 0;
            std::printf("%s\t%s\t%s\t%s\t%s\t%zu readings\t%s (%d criteria failed)\n", s.performedAt.c_str(),
                        s.test.c_str(), s.profile.c_str(), s.person.c_str(), s.meter.c_str(), s.readings.readings.size(),
                        s.passed ? "PASS" : "FAIL", failed);
        }
        return 0;
    }
    if (action == "trend") {
        std::printf("performed_at,test,lmax,luminance_ratio,max_deviation,ambient,passed\n");
        for (const auto& t : history.trend(need(args, "display"))) {
            std::printf("%s,%s", t.performedAt.c_str(), t.test.c_str());
            printOptional(t.lmax);
            printOptional(t.luminanceRatio);
            printOptional(t.maxDeviation);
            std::printf(",%.6g,%d\n", t.ambient, t.passed ? 1 : 0);
        }
        return 0;
    }
    if (action == "due") {
        const std::string today = args.value("today").value_or(cal::nowIso8601().substr(0, 10));
        const auto due = history.reminders(today, args.value("profile").value_or("aapm-tg18-primary"));
        for (const auto& d : due)
            std::printf("%s\t%s\tdue %s\t%s\n", d.displayKey.c_str(), d.test.c_str(), d.due.c_str(),
                        d.lastDone.empty() ? "never done"
                        : d.daysLeft < 0  ? ("overdue by " + std::to_string(-d.daysLeft) + " days").c_str()
                                          : ("in " + std::to_string(d.daysLeft) + " days").c_str());
        return 0;
    }
    if (action == "export") {
        const std::string json = history.exportDisplaySystemJson(need(args, "display"), args.value("institution").value_or(""));
        if (args.value("out")) {
            std::ofstream out(*args.value("out"));
            out << json;
            if (!out) throw core::Error(core::ErrorCode::Io, *args.value("out") + ": cannot write");
        } else {
            std::cout << json;
        }
        return 0;
    }
    throw UsageError{"unknown qc history action '" + action + "'\n" + kUsage};
}

}  // namespace lightbox::cli
