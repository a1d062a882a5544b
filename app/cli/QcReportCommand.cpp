// lightbox-cli qc report: evaluate a readings CSV against a profile and write
// the PDF report (app/qc). Qt Charts needs a QApplication: it runs on the
// offscreen platform unless QT_QPA_PLATFORM says otherwise.

#include "Arguments.h"
#include "Commands.h"

#include "QcReport.h"

#include "lightbox/calibration/QcHistory.h"
#include "lightbox/core/Error.h"

#include <QApplication>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace lightbox::cli {
namespace {

const char* kUsage =
    "usage: lightbox-cli qc report --readings READINGS.csv --profile NAME --out REPORT.pdf\n"
    "           [--ambient L | --ambient-lux LUX --reflection K] [--baseline FILE] [--test acceptance|constancy]\n"
    "           [--person NAME] [--meter NAME] [--display NAME] [--institution NAME] [--notes TEXT]";

double number(const Arguments& args, const char* name) {
    const auto v = args.value(name);
    char* end = nullptr;
    const double x = std::strtod(v->c_str(), &end);
    if (end == v->c_str() || *end || !std::isfinite(x)) throw UsageError{std::string("--") + name + " expects a number"};
    return x;
}

}  // namespace

int qcReportCommand(int argc, char** argv) {
    Arguments args(argc, argv, 3, {},
                   {"readings", "profile", "out", "ambient", "ambient-lux", "reflection", "baseline", "test", "person",
                    "meter", "display", "institution", "notes"});
    if (!args.value("readings") || !args.value("profile") || !args.value("out")) throw UsageError{kUsage};
    qc::QcReportInput in;
    calibration::EvaluationOptions options;
    if (args.value("ambient")) options.ambient = number(args, "ambient");
    if (args.value("ambient-lux")) {
        if (!args.value("reflection")) throw UsageError{"--ambient-lux needs --reflection K (cd/m2 per lux)"};
        in.ambientLux = number(args, "ambient-lux");
        options.ambient = *in.ambientLux * number(args, "reflection");
    }
    try {
        in.readings = calibration::ReadingSet::readCsv(*args.value("readings"));
        in.profile = calibration::CriteriaProfile::load(*args.value("profile"));
        if (args.value("baseline")) options.baseline = calibration::Baseline::read(*args.value("baseline"), options.ambient);
        in.evaluation = calibration::evaluateReadings(in.readings, in.profile, options);
    } catch (const core::Error& e) {
        throw UsageError{e.what()};
    }
    in.test = args.value("test").value_or(in.profile.kind);
    in.person = args.value("person").value_or("");
    in.meter = args.value("meter").value_or("");
    in.institution = args.value("institution").value_or("");
    in.notes = args.value("notes").value_or("");
    in.performedAt = calibration::nowIso8601();
    in.display.modelName = args.value("display").value_or("");

    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    int qtArgc = 1;
    char name[] = "lightbox-cli";
    char* qtArgv[] = {name, nullptr};
    QApplication app(qtArgc, qtArgv);
    const int pages = qc::writeQcReport(in, QString::fromStdString(*args.value("out")));
    std::printf("%s: %d pages, %s\n", args.value("out")->c_str(), pages, in.evaluation.passed() ? "PASS" : "FAIL");
    return in.evaluation.passed() ? 0 : 1;
}

}  // namespace lightbox::cli
