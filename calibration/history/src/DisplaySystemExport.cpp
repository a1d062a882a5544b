// The QC history of one display as JSON in the structure of the DICOM Display
// System modules (PS3.3 C.32): the display system and its subsystem (identity,
// status, configuration), the target luminance characteristics (from the
// active LUT) and the QA results of each session (measurement equipment,
// luminance and uniformity readings, visual evaluations, test result).
// Names are the attribute keywords; what those modules have no attribute for
// (person, profile, each criterion with its limit) sits under "Lightbox".

#include "lightbox/calibration/QcHistory.h"

#include "lightbox/core/Error.h"

#include <nlohmann/json.hpp>

namespace lightbox::calibration {

using nlohmann::json;

namespace {

json optional(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

std::string dicomDate(const std::string& iso) {
    std::string d;
    for (char c : iso.substr(0, 10))
        if (c != '-') d.push_back(c);
    return d;
}

std::string dicomTime(const std::string& iso) {
    std::string t;
    if (iso.size() >= 19)
        for (char c : iso.substr(11, 8))
            if (c != ':') t.push_back(c);
    return t;
}

json measurementFunctions(const QcSession& q) {
    json f = json::array({"LUMINANCE"});
    for (const auto& r : q.readings.readings)
        if (r.u) {
            f.push_back("CHROMATICITY");
            break;
        }
    if (q.ambientLux) f.push_back("ILLUMINANCE");
    return f;
}

}  // namespace

std::string QcHistory::exportDisplaySystemJson(const std::string& key, const std::string& institution) const {
    const auto record = display(key);
    if (!record) throw core::Error(core::ErrorCode::InvalidArgument, "QC history: no display '" + key + "'");
    const auto& id = record->identity;
    const std::string serial = !id.serialText.empty() ? id.serialText : id.serialNumber ? std::to_string(id.serialNumber) : "";
    const auto all = sessions(key);
    const auto lut = activeLut(key);

    json subsystem = {
        {"DisplaySubsystemID", 1},
        {"DisplaySubsystemName", id.modelName.empty() ? key : id.modelName},
        {"DisplaySubsystemDescription", id.describe()},
        {"Manufacturer", id.manufacturer},
        {"ManufacturerModelName", id.modelName},
        {"DeviceSerialNumber", serial},
        {"SystemStatus", all.empty() ? "WARNING" : all.back().passed ? "NORMAL" : "FAILED"},
        {"CurrentConfigurationID", 1},
        {"DisplaySubsystemConfigurationSequence",
         json::array({{{"ConfigurationID", 1},
                       {"ConfigurationName", "GSDF"},
                       {"ConfigurationDescription", "P-values to DDLs through the GSDF calibration LUT"},
                       {"ReferencedTargetLuminanceCharacteristicsID", 1}}})},
        {"Lightbox", {{"key", key}, {"connector", id.connector}, {"location", record->location},
                      {"manufactured", {{"week", id.week}, {"year", id.year}}},
                      {"sizeCm", {id.widthCm, id.heightCm}}, {"nativeSize", {id.nativeWidth, id.nativeHeight}}}},
    };

    json target = {{"LuminanceCharacteristicsID", 1}, {"DisplayFunctionType", "GSDF"}};
    if (lut) {
        target["TargetMinimumLuminance"] = lut->lmin;
        target["TargetMaximumLuminance"] = lut->lmax;
        target["Lightbox"] = {{"ambient", lut->ambient}, {"pBits", lut->pBits}, {"ddlBits", lut->ddlBits},
                              {"totalJnd", lut->totalJnd}, {"ddlsUsed", lut->ddlsUsed}};
    }

    json qa = json::array();
    for (const auto& q : all) {
        json luminance = json::array(), uniformity = json::array();
        for (const auto& r : q.readings.readings) {
            json item = {{"DDLValue", r.position.empty() ? r.ddl : r.level.value_or(r.ddl)}, {"LuminanceValue", r.luminance}};
            if (r.u && r.v) item["Lightbox"] = {{"u", *r.u}, {"v", *r.v}};
            if (!r.display.empty()) item["DisplaySubsystemName"] = r.display;
            if (r.position.empty()) luminance.push_back(item);
            else {
                item["Lightbox"]["position"] = r.position;
                uniformity.push_back(item);
            }
        }
        json criteria = json::array();
        for (const auto& c : q.results)
            criteria.push_back({{"id", c.id}, {"display", c.display}, {"description", c.description}, {"unit", c.unit},
                                {"value", optional(c.value)}, {"limit", c.limit.describe()},
                                {"verdict", verdictName(c.verdict)}});
        json configuration = {{"ConfigurationID", 1}, {"TestResult", q.passed ? "PASSED" : "FAILED"}};
        if (!luminance.empty()) configuration["LuminanceResultSequence"] = luminance;
        if (!uniformity.empty()) configuration["LuminanceUniformityResultSequence"] = uniformity;
        if (q.test == "visual")
            configuration["VisualEvaluationResultSequence"] = json::array(
                {{{"TestResult", q.passed ? "PASSED" : "FAILED"},
                  {"TestResultComment", q.notes},
                  {"TestPatternCodeSequence",
                   json::array({{{"CodeValue", "109801"}, {"CodingSchemeDesignator", "DCM"},
                                 {"CodeMeaning", "TG18-QC Pattern"}}})}}});
        qa.push_back({
            {"Date", dicomDate(q.performedAt)},
            {"Time", dicomTime(q.performedAt)},
            {"MeasurementEquipmentSequence",
             json::array({{{"ManufacturerModelName", q.meter}, {"MeasurementFunctions", measurementFunctions(q)}}})},
            {"AmbientLightValueSource", q.ambientLux ? "MEASURED" : "ESTIMATED"},
            {"DisplaySubsystemQAResultsSequence",
             json::array({{{"DisplaySubsystemID", 1}, {"ConfigurationQAResultsSequence", json::array({configuration})}}})},
            {"Lightbox", {{"test", q.test}, {"profile", q.profile}, {"person", q.person}, {"performedAt", q.performedAt},
                          {"ambientLuminance", q.ambient}, {"ambientIlluminance", optional(q.ambientLux)},
                          {"notes", q.notes}, {"criteria", criteria}}},
        });
    }

    json out = {
        {"Modules", "Display System (PS3.3 C.32): Display System, Target Luminance Characteristics, QA Results"},
        {"Manufacturer", id.manufacturer},
        {"InstitutionName", institution},
        {"ManufacturerModelName", id.modelName},
        {"DeviceSerialNumber", serial},
        {"NumberOfDisplaySubsystems", 1},
        {"DisplaySubsystemSequence", json::array({subsystem})},
        {"TargetLuminanceCharacteristicsSequence", json::array({target})},
        {"QAResultsSequence", qa},
    };
    return out.dump(2) + "\n";
}

}  // namespace lightbox::calibration
