#include "Arguments.h"
#include "Commands.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/Series.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>

namespace lightbox::cli {
namespace {

// "1.0 mm", "2.5 mm", "2.371 mm": one decimal when that is exact.
std::string mm(double v) {
    char buf[64];
    if (std::fabs(v * 10 - std::round(v * 10)) < 1e-3) std::snprintf(buf, sizeof buf, "%.1f mm", v);
    else std::snprintf(buf, sizeof buf, "%.3f mm", v);
    return buf;
}

std::string vec(const core::Vec3& v, int decimals = 3) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "(%.*f, %.*f, %.*f)", decimals, v[0], decimals, v[1], decimals, v[2]);
    return buf;
}

nlohmann::json toJson(const core::SeriesInfo& s) {
    nlohmann::json j;
    j["seriesInstanceUid"] = s.seriesInstanceUid;
    j["studyInstanceUid"] = s.studyInstanceUid;
    j["frameOfReferenceUid"] = s.frameOfReferenceUid;
    j["modality"] = s.modality;
    j["seriesDescription"] = s.seriesDescription;
    j["seriesNumber"] = s.seriesNumber;
    j["rows"] = s.rows;
    j["columns"] = s.columns;
    j["slices"] = s.slices.size();
    j["sortedByPosition"] = s.sortedByPosition;
    j["normal"] = s.normal;
    j["stackDirection"] = s.stackDirection;
    j["sliceStep"] = s.sliceStep;
    j["spacingAlongNormal"] = s.spacingAlongNormal;
    j["minStep"] = s.minStep;
    j["maxStep"] = s.maxStep;
    j["irregularSpacing"] = s.irregularSpacing;
    j["spacingIssues"] = s.spacingIssues;
    j["tiltDegrees"] = s.tiltDegrees;
    j["sheared"] = s.sheared;
    if (s.gantryTiltAttribute) j["gantryDetectorTilt"] = *s.gantryTiltAttribute;
    j["warnings"] = s.warnings;
    if (!s.slices.empty()) {
        const auto& g = s.slices.front().geometry;
        j["pixelSpacing"] = {g.rowSpacing, g.columnSpacing};
        j["spacingSource"] = core::spacingSourceName(g.spacingSource);
        j["rowDirection"] = g.rowDirection;
        j["columnDirection"] = g.columnDirection;
        if (g.position) j["origin"] = *g.position;
    }
    nlohmann::json files = nlohmann::json::array();
    for (const auto& r : s.slices) files.push_back({{"path", r.path.string()}, {"frame", r.frame + 1},
                                                    {"instanceNumber", r.instanceNumber},
                                                    {"position", r.positionAlongNormal}});
    j["images"] = files;
    return j;
}

}  // namespace

// lightbox-cli series DIR|FILE|DICOMDIR [--json] [--files]
int seriesCommand(int argc, char** argv) {
    Arguments args(argc, argv, 2, {"json", "files", "no-recursive"}, {"threads"});
    if (args.positionals().size() != 1) throw UsageError{"usage: lightbox-cli series DIR [--json] [--files]"};
    core::ScanOptions options;
    options.recursive = !args.flag("no-recursive");
    options.threads = unsigned(args.integer("threads").value_or(0));
    core::ScanResult result = core::scanForSeries(args.positionals()[0], options);
    if (result.series.empty())
        throw core::Error(core::ErrorCode::NoPixelData, args.positionals()[0] + ": no image series found (" +
                                                          std::to_string(result.skipped.size()) + " non-image files)");
    if (args.flag("json")) {
        nlohmann::json j;
        j["series"] = nlohmann::json::array();
        for (const auto& s : result.series) j["series"].push_back(toJson(s));
        j["skipped"] = result.skipped;
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    int index = 0;
    for (const auto& s : result.series) {
        ++index;
        std::cout << "Series " << index << "/" << result.series.size() << ": " << (s.modality.empty() ? "??" : s.modality)
                  << " #" << s.seriesNumber << " \"" << s.seriesDescription << "\"\n"
                  << "  Series Instance UID: " << s.seriesInstanceUid << "\n"
                  << "  Patient: " << s.patientName << " (" << s.patientId << ")\n"
                  << "  Images: " << s.slices.size() << (s.slices.size() == 1 ? " slice" : " slices") << ", "
                  << s.columns << " x " << s.rows << "\n";
        if (!s.slices.empty()) {
            const auto& g = s.slices.front().geometry;
            std::cout << "  Pixel spacing: " << mm(g.rowSpacing) << " x " << mm(g.columnSpacing) << " ("
                      << core::spacingSourceName(g.spacingSource) << ")\n";
            if (g.hasOrientation)
                std::cout << "  Orientation: row " << vec(g.rowDirection) << ", column " << vec(g.columnDirection)
                          << ", normal " << vec(s.normal) << "\n";
        }
        if (s.isVolume()) {
            std::cout << "  Sorted by position along the slice normal: " << s.slices.size() << " slices at "
                      << mm(s.sliceStep) << " (along the normal " << mm(s.spacingAlongNormal) << "), range "
                      << mm(s.minStep) << " .. " << mm(s.maxStep) << "\n";
            std::cout << "  Spacing: " << (s.irregularSpacing ? "IRREGULAR" : "regular") << "\n";
            for (const auto& issue : s.spacingIssues) std::cout << "    - " << issue << "\n";
            char tilt[160];
            if (s.sheared) {
                std::snprintf(tilt, sizeof tilt, "%.2f degrees: sheared stack (slices step along %s, not the normal)",
                              s.tiltDegrees, vec(s.stackDirection).c_str());
            } else {
                std::snprintf(tilt, sizeof tilt, "none (stack direction = normal)");
            }
            std::cout << "  Gantry tilt: " << tilt;
            if (s.gantryTiltAttribute) std::cout << "; Gantry/Detector Tilt (0018,1120) = " << *s.gantryTiltAttribute << " degrees";
            std::cout << "\n";
            std::cout << "  First slice at " << vec(*s.slices.front().geometry.position) << ", last at "
                      << vec(*s.slices.back().geometry.position) << "\n";
        } else if (s.slices.size() > 1) {
            std::cout << "  Not a volume: ordered by instance number / frame\n";
        }
        for (const auto& w : s.warnings) std::cout << "  Warning: " << w << "\n";
        if (args.flag("files"))
            for (const auto& r : s.slices)
                std::cout << "    " << r.path.string() << (r.frame ? " frame " + std::to_string(r.frame + 1) : "") << "\n";
    }
    if (!result.skipped.empty()) std::cout << "Skipped " << result.skipped.size() << " non-image file(s)\n";
    return 0;
}

}  // namespace lightbox::cli
