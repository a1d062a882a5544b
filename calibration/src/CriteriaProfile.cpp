#include "lightbox/calibration/CriteriaProfile.h"

#include "TextFiles.h"

#include "lightbox/core/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

#ifndef LIGHTBOX_QC_PROFILES_SOURCE_DIR
#define LIGHTBOX_QC_PROFILES_SOURCE_DIR ""
#endif

namespace lightbox::calibration {
namespace {

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

}  // namespace

bool Limit::accepts(double value) const {
    if (min && (strict ? !(value > *min) : !(value >= *min))) return false;
    if (max && (strict ? !(value < *max) : !(value <= *max))) return false;
    return true;
}

std::string Limit::describe() const {
    std::string text;
    if (min) text = (strict ? "> " : ">= ") + number(*min);
    if (max) text += (text.empty() ? "" : " and ") + std::string(strict ? "< " : "<= ") + number(*max);
    return text.empty() ? "report only" : text;
}

const Limit* CriteriaProfile::limit(const std::string& id) const {
    auto it = criteria.find(id);
    return it == criteria.end() ? nullptr : &it->second;
}

CriteriaProfile CriteriaProfile::parseJson(const std::string& text, const std::string& origin) {
    static const std::set<std::string> known = {
        "contrastResponse", "lmax", "lmin", "luminanceRatio", "ambientRatio", "ambientRatioRecommended",
        "uniformityMld", "uniformityLudm", "chromaticityWithin", "chromaticityBetween", "lmaxMatch",
        "lmaxChange", "lminChange", "luminanceRatioChange"};
    try {
        const auto j = nlohmann::json::parse(text);
        CriteriaProfile p;
        p.name = j.at("name").get<std::string>();
        p.title = j.value("title", p.name);
        p.source = j.value("source", "");
        p.kind = j.value("kind", "acceptance");
        if (p.kind != "acceptance" && p.kind != "constancy")
            throw core::Error(core::ErrorCode::InvalidArgument, origin + ": kind must be acceptance or constancy");
        if (j.contains("notes")) p.notes = j["notes"].get<std::vector<std::string>>();
        for (const auto& [id, c] : j.at("criteria").items()) {
            if (!known.count(id))
                throw core::Error(core::ErrorCode::InvalidArgument, origin + ": unknown criterion '" + id + "'");
            Limit l;
            if (c.contains("min")) l.min = c["min"].get<double>();
            if (c.contains("max")) l.max = c["max"].get<double>();
            l.strict = c.value("strict", false);
            l.advisory = c.value("advisory", false);
            l.check = c.value("check", false);
            l.note = c.value("note", "");
            p.criteria[id] = l;
        }
        if (j.contains("schedule"))
            for (const auto& [test, item] : j["schedule"].items()) {
                if (test != "visual" && test != "constancy" && test != "acceptance")
                    throw core::Error(core::ErrorCode::InvalidArgument, origin + ": unknown scheduled test '" + test + "'");
                ScheduleItem s{test, item.at("everyDays").get<int>(), item.value("check", false), item.value("note", "")};
                if (s.everyDays < 1)
                    throw core::Error(core::ErrorCode::InvalidArgument, origin + ": everyDays must be at least 1");
                p.schedule.push_back(s);
            }
        return p;
    } catch (const nlohmann::json::exception& e) {
        throw core::Error(core::ErrorCode::InvalidArgument, origin + ": not a criteria profile: " + e.what());
    }
}

std::vector<std::filesystem::path> CriteriaProfile::profileDirectories() {
    std::vector<std::filesystem::path> dirs;
    if (const char* env = std::getenv("LIGHTBOX_QC_PROFILES"); env && *env) dirs.emplace_back(env);
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) dirs.push_back(exe.parent_path().parent_path() / "share" / "lightbox" / "qc-profiles");
    if (*LIGHTBOX_QC_PROFILES_SOURCE_DIR) dirs.emplace_back(LIGHTBOX_QC_PROFILES_SOURCE_DIR);
    return dirs;
}

std::vector<std::string> CriteriaProfile::available() {
    std::set<std::string> names;
    for (const auto& dir : profileDirectories()) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
            if (entry.path().extension() == ".json") names.insert(entry.path().stem().string());
    }
    return {names.begin(), names.end()};
}

CriteriaProfile CriteriaProfile::load(const std::string& nameOrPath) {
    std::filesystem::path direct(nameOrPath);
    if (direct.extension() == ".json" && std::filesystem::exists(direct))
        return parseJson(detail::readTextFile(direct), direct.string());
    for (const auto& dir : profileDirectories()) {
        const auto file = dir / (nameOrPath + ".json");
        if (std::filesystem::exists(file)) return parseJson(detail::readTextFile(file), file.string());
    }
    std::string list;
    for (const auto& n : available()) list += (list.empty() ? "" : ", ") + n;
    throw core::Error(core::ErrorCode::InvalidArgument,
                      "no QC criteria profile '" + nameOrPath + "' (available: " + (list.empty() ? "none found" : list) + ")");
}

}  // namespace lightbox::calibration
