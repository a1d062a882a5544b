#include "lightbox/viewer/HangingProtocol.h"

#include "lightbox/core/Error.h"

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

namespace lightbox::viewer {

using core::Error;
using core::ErrorCode;

namespace {

std::string upper(std::string s) {
    for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Reads one protocol object; every problem names the file and where in it.
class Reader {
public:
    explicit Reader(std::string origin) : origin_(std::move(origin)) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw Error(ErrorCode::InvalidArgument, origin_ + ": " + what);
    }

    std::string text(const QJsonObject& o, const char* key, const std::string& where) const {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull()) return {};
        if (!v.isString()) fail(where + "\"" + key + "\" must be a string");
        return v.toString().toStdString();
    }

    // A string or a list of strings.
    std::vector<std::string> list(const QJsonObject& o, const char* key, const std::string& where, bool toUpper) const {
        const QJsonValue v = o.value(key);
        std::vector<std::string> out;
        if (v.isUndefined() || v.isNull()) return out;
        auto add = [&](const QJsonValue& item) {
            if (!item.isString()) fail(where + "\"" + key + "\" must be a string or a list of strings");
            const std::string s = item.toString().trimmed().toStdString();
            if (!s.empty()) out.push_back(toUpper ? upper(s) : s);
        };
        if (v.isArray())
            for (const QJsonValue& item : v.toArray()) add(item);
        else
            add(v);
        return out;
    }

    HangingPlane plane(const QJsonObject& o, const char* key, const std::string& where) const {
        const std::string s = text(o, key, where);
        if (s.empty()) return HangingPlane::Any;
        const auto p = parseHangingPlane(lower(s));
        if (!p) fail(where + "unknown plane \"" + s + "\" (axial, coronal, sagittal or acquisition)");
        return *p;
    }

    std::string window(const QJsonObject& o, const std::string& where) const {
        const std::string s = lower(text(o, "window", where));
        if (!s.empty() && s != "file" && windowPresetIndex(s) < 0) {
            std::string names;
            for (const auto& n : windowPresetNames()) names += (names.empty() ? "" : ", ") + n;
            fail(where + "unknown window preset \"" + s + "\" (" + names + " or file)");
        }
        return s == "file" ? std::string() : s;
    }

    int study(const QJsonValue& v, const std::string& where) const {
        if (v.isUndefined() || v.isNull()) return 0;
        if (v.isDouble()) {
            const int n = v.toInt(-1);
            if (n < 0 || n > 20) fail(where + "\"study\" must be 0 (current) to 20");
            return n;
        }
        const std::string s = lower(v.toString().trimmed().toStdString());
        if (s == "current") return 0;
        if (s == "prior") return 1;
        if (s.rfind("prior ", 0) == 0) {
            char* end = nullptr;
            const long n = std::strtol(s.c_str() + 6, &end, 10);
            if (end && *end == '\0' && n >= 1 && n <= 20) return int(n);
        }
        fail(where + "\"study\" must be \"current\", \"prior\" or \"prior N\" (N from 1)");
    }

    SeriesSelector selector(const QJsonObject& o, const std::string& where) const {
        SeriesSelector s;
        s.modalities = list(o, "modality", where, true);
        s.plane = plane(o, "plane", where);
        s.keywords = list(o, "keywords", where, false);
        const QJsonValue contrast = o.value("contrast");
        if (contrast.isBool()) s.contrast = contrast.toBool();
        else if (!contrast.isUndefined() && !contrast.isNull()) fail(where + "\"contrast\" must be true or false");
        s.viewPositions = list(o, "viewPosition", where, true);
        s.laterality = upper(text(o, "laterality", where));
        if (!s.laterality.empty() && s.laterality != "R" && s.laterality != "L")
            fail(where + "\"laterality\" must be R or L");
        return s;
    }

    ViewportRule viewport(const QJsonObject& o, const std::string& where) const {
        ViewportRule r;
        r.study = study(o.value("study"), where);
        const QJsonValue series = o.value("series");
        if (!series.isUndefined() && !series.isObject()) fail(where + "\"series\" must be an object");
        r.series = selector(series.toObject(), where + "series: ");
        r.plane = plane(o, "plane", where);
        r.window = window(o, where);
        r.orientation = upper(text(o, "orientation", where));
        static const QRegularExpression orientationPattern("^[APLRHF]+(\\\\[APLRHF]+)?$");
        if (!r.orientation.empty() && !orientationPattern.match(QString::fromStdString(r.orientation)).hasMatch())
            fail(where + "\"orientation\" must be a Patient Orientation such as \"P\" or \"P\\\\F\"");
        return r;
    }

    static std::pair<int, int> layout(const std::string& text) {
        int rows = 0, columns = 0;
        char x = 0, extra = 0;
        if (std::sscanf(text.c_str(), "%d%c%d%c", &rows, &x, &columns, &extra) != 3 || (x != 'x' && x != 'X'))
            return {0, 0};
        return {rows, columns};
    }

    std::pair<int, int> layoutOf(const QJsonObject& o, const std::string& where, std::pair<int, int> fallback) const {
        const std::string s = text(o, "layout", where);
        if (s.empty()) return fallback;
        const auto [rows, columns] = layout(s);
        if (rows < 1 || columns < 1 || rows > 4 || columns > 6)
            fail(where + "\"layout\" must be ROWSxCOLUMNS, 1x1 up to 4x6 (not \"" + s + "\")");
        return {rows, columns};
    }

    HangingProtocol protocol(const QJsonObject& o) const {
        HangingProtocol p;
        p.name = text(o, "name", "");
        if (p.name.empty()) fail("a protocol needs a \"name\"");
        p.description = text(o, "description", "");
        const QJsonValue priority = o.value("priority");
        if (!priority.isUndefined() && !priority.isDouble()) fail("\"priority\" must be a number");
        p.priority = priority.toInt(0);

        const QJsonValue match = o.value("match");
        if (!match.isUndefined() && !match.isObject()) fail("\"match\" must be an object");
        const QJsonObject m = match.toObject();
        p.match.modalities = list(m, "modality", "match: ", true);
        p.match.bodyParts = list(m, "bodyPart", "match: ", true);
        p.match.studyDescription = text(m, "studyDescription", "match: ");
        if (!p.match.studyDescription.empty() &&
            !QRegularExpression(QString::fromStdString(p.match.studyDescription)).isValid())
            fail("match: \"studyDescription\" is not a valid regular expression");
        p.match.keywords = list(m, "keywords", "match: ", false);
        const QJsonValue minimum = m.value("minimumPriors");
        if (!minimum.isUndefined() && (!minimum.isDouble() || minimum.toInt(-1) < 0))
            fail("match: \"minimumPriors\" must be a number from 0");
        p.match.minimumPriors = minimum.toInt(0);

        const auto protocolLayout = layoutOf(o, "", {1, 1});
        const QJsonValue stages = o.value("stages");
        if (!stages.isArray() || stages.toArray().isEmpty()) fail("a protocol needs \"stages\" (a list, at least one)");
        int index = 0;
        for (const QJsonValue& sv : stages.toArray()) {
            ++index;
            const std::string where = "stage " + std::to_string(index) + ": ";
            if (!sv.isObject()) fail(where + "must be an object");
            const QJsonObject so = sv.toObject();
            HangingStage stage;
            stage.name = text(so, "name", where);
            if (stage.name.empty()) stage.name = "Stage " + std::to_string(index);
            const QJsonValue viewports = so.value("viewports");
            if (viewports.isUndefined()) {
                // A stage without viewports repeats the previous stage with
                // its window and plane replaced where it says so.
                if (p.stages.empty()) fail(where + "the first stage needs \"viewports\"");
                stage.rows = p.stages.back().rows;
                stage.columns = p.stages.back().columns;
                stage.viewports = p.stages.back().viewports;
            } else {
                if (!viewports.isArray()) fail(where + "\"viewports\" must be a list");
                std::tie(stage.rows, stage.columns) = layoutOf(so, where, protocolLayout);
                int vi = 0;
                for (const QJsonValue& vv : viewports.toArray()) {
                    ++vi;
                    const std::string vwhere = where + "viewport " + std::to_string(vi) + ": ";
                    if (!vv.isObject()) fail(vwhere + "must be an object");
                    stage.viewports.push_back(viewport(vv.toObject(), vwhere));
                }
                if (int(stage.viewports.size()) != stage.rows * stage.columns)
                    fail(where + std::to_string(stage.viewports.size()) + " viewports for a " + std::to_string(stage.rows) +
                         "x" + std::to_string(stage.columns) + " layout (one per cell, row by row)");
            }
            if (so.contains("window")) {
                const std::string w = window(so, where);
                for (ViewportRule& r : stage.viewports) r.window = w;
            }
            if (so.contains("plane")) {
                const HangingPlane pl = plane(so, "plane", where);
                for (ViewportRule& r : stage.viewports) r.plane = pl;
            }
            p.stages.push_back(std::move(stage));
        }
        return p;
    }

private:
    std::string origin_;
};

std::vector<std::filesystem::path> builtInFolders() {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto installed = exe.parent_path().parent_path() / "share/lightbox/hanging-protocols";
        if (std::filesystem::is_directory(installed, ec)) return {installed};
    }
    out.emplace_back(LIGHTBOX_HANGING_PROTOCOLS_SOURCE_DIR);
    return out;
}

}  // namespace

std::optional<HangingPlane> parseHangingPlane(const std::string& text) {
    if (text == "any" || text == "acquisition") return HangingPlane::Any;
    if (text == "axial") return HangingPlane::Axial;
    if (text == "coronal") return HangingPlane::Coronal;
    if (text == "sagittal") return HangingPlane::Sagittal;
    return std::nullopt;
}

std::string hangingPlaneName(HangingPlane plane) {
    switch (plane) {
        case HangingPlane::Any: return "acquisition";
        case HangingPlane::Axial: return "axial";
        case HangingPlane::Coronal: return "coronal";
        case HangingPlane::Sagittal: return "sagittal";
    }
    return "acquisition";
}

std::vector<std::string> windowPresetNames() { return {"brain", "lung", "mediastinum", "bone", "abdomen", "liver"}; }

int windowPresetIndex(const std::string& name) {
    const auto names = windowPresetNames();
    const auto it = std::find(names.begin(), names.end(), lower(name));
    return it == names.end() ? -1 : int(it - names.begin());
}

HangingProtocol parseHangingProtocol(const QByteArray& json, const std::string& origin) {
    const Reader reader(origin);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        reader.fail("not valid JSON at offset " + std::to_string(parseError.offset) + " (" +
                    parseError.errorString().toStdString() + ")");
    if (!doc.isObject()) reader.fail("not a JSON object");
    return reader.protocol(doc.object());
}

HangingProtocol readHangingProtocol(const std::filesystem::path& file) {
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly)) throw Error(ErrorCode::FileNotFound, file.string() + ": cannot be read");
    HangingProtocol p = parseHangingProtocol(f.readAll(), file.string());
    p.file = file;
    return p;
}

HangingProtocolSet loadHangingProtocols(const std::vector<std::filesystem::path>& folders) {
    HangingProtocolSet set;
    std::map<std::string, std::size_t> byName;
    for (const auto& folder : folders) {
        std::error_code ec;
        if (!std::filesystem::is_directory(folder, ec)) continue;
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
            if (entry.path().extension() == ".json") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            try {
                HangingProtocol p = readHangingProtocol(file);
                const auto it = byName.find(p.name);
                if (it != byName.end()) {
                    set.protocols[it->second] = std::move(p);
                } else {
                    byName[p.name] = set.protocols.size();
                    set.protocols.push_back(std::move(p));
                }
            } catch (const Error& e) {
                set.errors.push_back(e.what());
            }
        }
    }
    return set;
}

std::vector<std::filesystem::path> hangingProtocolFolders() {
    std::vector<std::filesystem::path> folders = builtInFolders();
    if (const char* env = std::getenv("LIGHTBOX_HANGING_PROTOCOLS"); env && *env) {
        folders.emplace_back(env);
    } else if (const char* config = std::getenv("XDG_CONFIG_HOME"); config && *config) {
        folders.push_back(std::filesystem::path(config) / "lightbox/hanging-protocols");
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        folders.push_back(std::filesystem::path(home) / ".config/lightbox/hanging-protocols");
    }
    return folders;
}

HangingProtocolSet defaultHangingProtocols() { return loadHangingProtocols(hangingProtocolFolders()); }

}  // namespace lightbox::viewer
