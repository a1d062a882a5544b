// lightbox-cli qc: GSDF values, calibration LUTs and conformance evaluation
// of display-QC readings (the calibration module, headless).

#include "Arguments.h"
#include "Commands.h"

#include "lightbox/calibration/CalibrationLut.h"
#include "lightbox/calibration/CharacteristicCurve.h"
#include "lightbox/calibration/Conformance.h"
#include "lightbox/calibration/CriteriaProfile.h"
#include "lightbox/calibration/Gsdf.h"
#include "lightbox/calibration/Readings.h"
#include "lightbox/core/Error.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace lightbox::cli {
namespace {

namespace cal = lightbox::calibration;

const char* kUsage =
    "usage: lightbox-cli qc gsdf --jnd J | --luminance L [--unrefined]\n"
    "       lightbox-cli qc lut --curve CURVE --ambient L --lmax L [--lmin L | --ratio R] --pbits N --ddl-bits M\n"
    "                           --out LUT.json|.txt [--unrefined]\n"
    "       lightbox-cli qc evaluate --readings READINGS.csv [--ambient L | --ambient-lux LUX --reflection K]\n"
    "                           --profile NAME [--baseline FILE] [--json]\n"
    "       lightbox-cli qc profiles\n"
    "       lightbox-cli qc pattern NAME [--size N|WxH] [--bits 8|10|12] --out FILE.png|.dcm | --list\n"
    "       lightbox-cli qc history --db FILE scan|displays|calibrate|record|sessions|trend|due|export ...\n"
    "       lightbox-cli qc report --readings READINGS.csv --profile NAME --out REPORT.pdf [--ambient L] [--person NAME] ...";

double real(const Arguments& args, const std::string& name) {
    auto v = args.value(name);
    if (!v) throw UsageError{"--" + name + " is required\n" + kUsage};
    char* end = nullptr;
    const double x = std::strtod(v->c_str(), &end);
    if (end == v->c_str() || *end != '\0' || !std::isfinite(x)) throw UsageError{"--" + name + " expects a number, got '" + *v + "'"};
    return x;
}

std::optional<double> optionalReal(const Arguments& args, const std::string& name) {
    if (!args.value(name)) return std::nullopt;
    return real(args, name);
}

void print17(double v) { std::printf("%.17g\n", v); }

int gsdf(int argc, char** argv) {
    Arguments args(argc, argv, 3, {"unrefined"}, {"jnd", "luminance"});
    if (args.value("jnd") && args.value("luminance"))
        throw UsageError{"give --jnd or --luminance, not both"};
    if (args.value("jnd")) {
        print17(cal::gsdf::luminance(real(args, "jnd")));
    } else if (args.value("luminance")) {
        const double l = real(args, "luminance");
        print17(args.flag("unrefined") ? cal::gsdf::jndIndexUnrefined(l) : cal::gsdf::jndIndex(l));
    } else {
        throw UsageError{kUsage};
    }
    return 0;
}

int lut(int argc, char** argv) {
    Arguments args(argc, argv, 3, {"unrefined"}, {"curve", "ambient", "lmax", "lmin", "ratio", "pbits", "ddl-bits", "out"});
    if (!args.value("curve") || !args.value("out")) throw UsageError{std::string("--curve and --out are required\n") + kUsage};
    if (args.value("lmin") && args.value("ratio")) throw UsageError{"give --lmin or --ratio, not both"};
    const auto curve = cal::CharacteristicCurve::read(*args.value("curve"));
    cal::LutRequest request;
    request.ambient = args.value("ambient") ? real(args, "ambient") : curve.ambient().value_or(0.0);
    request.lmax = real(args, "lmax");
    request.lmin = optionalReal(args, "lmin");
    request.ratio = optionalReal(args, "ratio");
    request.pBits = int(args.integer("pbits").value_or(8));
    request.ddlBits = int(args.integer("ddl-bits").value_or(8));
    request.unrefinedInverse = args.flag("unrefined");
    const auto table = cal::buildCalibrationLut(curve, request);
    table.write(*args.value("out"));
    for (const auto& w : table.warnings) std::fprintf(messageStream(), "warning: %s\n", w.c_str());
    std::printf("L'min %.6g cd/m2, L'max %.6g cd/m2 (ambient %.6g), %.4f JNDs, %.4f per P step, %d of %d DDLs used\n",
                table.lmin, table.lmax, table.ambient, table.totalJnd, table.jndPerStep, table.ddlsUsed, 1 << table.ddlBits);
    return 0;
}

void printHuman(const cal::Evaluation& e) {
    std::printf("Profile: %s (%s), ambient %.4g cd/m2\n", e.profile.c_str(), e.profileTitle.c_str(), e.ambient);
    for (const auto& c : e.criteria) {
        char value[64] = "-";
        if (c.value) std::snprintf(value, sizeof value, "%.4g", *c.value);
        std::printf("  %-14s %-50s %10s %s  limit %s%s%s\n", cal::verdictName(c.verdict),
                    (c.display.empty() ? c.description : c.display + ": " + c.description).c_str(), value,
                    c.unit.c_str(), c.limit.describe().c_str(), c.limit.advisory ? " (advisory)" : "",
                    c.limit.check ? " (limit to be checked)" : "");
        if (!c.detail.empty()) std::printf("                 %s\n", c.detail.c_str());
    }
    std::printf("%s\n", e.passed() ? "PASS" : "FAIL");
}

int evaluate(int argc, char** argv) {
    Arguments args(argc, argv, 3, {"json"}, {"readings", "ambient", "ambient-lux", "reflection", "profile", "baseline"});
    if (!args.value("readings") || !args.value("profile"))
        throw UsageError{std::string("--readings and --profile are required\n") + kUsage};
    if (args.value("ambient") && args.value("ambient-lux")) throw UsageError{"give --ambient or --ambient-lux, not both"};
    cal::EvaluationOptions options;
    if (args.value("ambient")) options.ambient = real(args, "ambient");
    if (args.value("ambient-lux")) {
        // Reflected ambient luminance = diffuse reflection coefficient (cd/m2 per lux) x illuminance.
        if (!args.value("reflection")) throw UsageError{"--ambient-lux needs --reflection K (cd/m2 per lux)"};
        options.ambient = real(args, "ambient-lux") * real(args, "reflection");
    }
    if (options.ambient < 0) throw UsageError{"ambient luminance must be >= 0"};
    // Bad input (unreadable CSV, unknown profile, missing baseline) is exit
    // status 2; only a completed evaluation answers pass (0) or fail (1).
    cal::Evaluation result;
    try {
        const auto readings = cal::ReadingSet::readCsv(*args.value("readings"));
        const auto profile = cal::CriteriaProfile::load(*args.value("profile"));
        if (args.value("baseline")) options.baseline = cal::Baseline::read(*args.value("baseline"), options.ambient);
        result = cal::evaluateReadings(readings, profile, options);
    } catch (const core::Error& e) {
        throw UsageError{e.what()};
    }
    if (args.flag("json")) std::cout << result.toJson();
    else printHuman(result);
    return result.passed() ? 0 : 1;
}

}  // namespace

// lightbox-cli qc gsdf|lut|evaluate|profiles|pattern|history ...
int qcCommand(int argc, char** argv) {
    if (argc < 3) throw UsageError{kUsage};
    const std::string sub = argv[2];
    if (sub == "gsdf") return gsdf(argc, argv);
    if (sub == "lut") return lut(argc, argv);
    if (sub == "evaluate") return evaluate(argc, argv);
    if (sub == "pattern") return qcPatternCommand(argc, argv);
    if (sub == "history") return qcHistoryCommand(argc, argv);
    if (sub == "report") {
#ifdef LIGHTBOX_QC_REPORT
        return qcReportCommand(argc, argv);
#else
        throw UsageError{"this lightbox-cli was built without the GUI libraries (LIGHTBOX_BUILD_GUI=OFF): no qc report"};
#endif
    }
    if (sub == "profiles") {
        for (const auto& name : cal::CriteriaProfile::available()) std::printf("%s\n", name.c_str());
        return 0;
    }
    throw UsageError{"unknown qc command '" + sub + "'\n" + kUsage};
}

}  // namespace lightbox::cli
