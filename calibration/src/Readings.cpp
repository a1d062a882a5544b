#include "lightbox/calibration/Readings.h"

#include "TextFiles.h"

#include "lightbox/core/Error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>

namespace lightbox::calibration {
namespace {

std::string trim(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(i);
}

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream in(line);
    while (std::getline(in, cell, ',')) cells.push_back(trim(cell));
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    return cells;
}

std::optional<double> number(const std::string& cell, const std::string& where, const std::string& column) {
    if (cell.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(cell.c_str(), &end);
    if (end == cell.c_str() || *end != '\0' || !std::isfinite(v))
        throw core::Error(core::ErrorCode::InvalidArgument, where + ": " + column + " '" + cell + "' is not a number");
    return v;
}

}  // namespace

ReadingSet ReadingSet::parseCsv(const std::string& text, const std::string& origin) {
    std::istringstream in(text);
    std::string line;
    std::map<std::string, size_t> columns;
    int lineNumber = 0;
    ReadingSet set;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line).empty() || trim(line)[0] == '#') continue;
        const auto cells = split(line);
        const std::string where = origin + " line " + std::to_string(lineNumber);
        if (columns.empty()) {
            for (size_t i = 0; i < cells.size(); ++i) columns[lower(cells[i])] = i;
            for (const char* required : {"ddl", "luminance"})
                if (!columns.count(required))
                    throw core::Error(core::ErrorCode::InvalidArgument,
                                      where + ": the header must name the columns ddl and luminance");
            continue;
        }
        auto cell = [&](const char* name) -> std::string {
            auto it = columns.find(name);
            return it == columns.end() || it->second >= cells.size() ? std::string() : cells[it->second];
        };
        Reading r;
        auto lum = number(cell("luminance"), where, "luminance");
        if (!lum || *lum < 0) throw core::Error(core::ErrorCode::InvalidArgument, where + ": luminance missing or negative");
        r.luminance = *lum;
        r.level = number(cell("level"), where, "level");
        auto ddl = number(cell("ddl"), where, "ddl");
        if (!ddl && !r.level) throw core::Error(core::ErrorCode::InvalidArgument, where + ": ddl missing");
        r.ddl = ddl ? *ddl : *r.level;
        r.u = number(cell("u"), where, "u");
        r.v = number(cell("v"), where, "v");
        if (r.u.has_value() != r.v.has_value())
            throw core::Error(core::ErrorCode::InvalidArgument, where + ": give both u and v or neither");
        r.position = lower(cell("position"));
        if (!r.position.empty() && !r.level) r.level = r.ddl;
        r.display = cell("display");
        set.readings.push_back(std::move(r));
    }
    if (columns.empty()) throw core::Error(core::ErrorCode::InvalidArgument, origin + ": empty (no header)");
    if (set.readings.empty()) throw core::Error(core::ErrorCode::InvalidArgument, origin + ": no readings");
    return set;
}

ReadingSet ReadingSet::readCsv(const std::filesystem::path& path) {
    return parseCsv(detail::readTextFile(path), path.string());
}

std::string ReadingSet::toCsv() const {
    std::ostringstream out;
    out << "ddl,luminance,u,v,position,level,display\n";
    char buf[256];
    for (const auto& r : readings) {
        std::snprintf(buf, sizeof buf, "%.10g,%.10g,", r.ddl, r.luminance);
        out << buf;
        if (r.u) {
            std::snprintf(buf, sizeof buf, "%.6f,%.6f", *r.u, *r.v);
            out << buf;
        } else {
            out << ",";
        }
        out << "," << r.position << ",";
        if (r.level) {
            std::snprintf(buf, sizeof buf, "%.10g", *r.level);
            out << buf;
        }
        out << "," << r.display << "\n";
    }
    return out.str();
}

std::vector<std::string> ReadingSet::displays() const {
    std::vector<std::string> names;
    for (const auto& r : readings)
        if (std::find(names.begin(), names.end(), r.display) == names.end()) names.push_back(r.display);
    return names;
}

}  // namespace lightbox::calibration
