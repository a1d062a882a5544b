#include "lightbox/pacsclient/Priors.h"

#include "lightbox/core/Error.h"
#include "lightbox/pacsclient/DicomWebClient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

#ifndef LIGHTBOX_PRIORS_SOURCE_DIR
#define LIGHTBOX_PRIORS_SOURCE_DIR ""
#endif

namespace lightbox::pacs {
namespace {

using core::Error;
using core::ErrorCode;

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

std::set<std::string> split(const std::string& values) {
    std::set<std::string> out;
    std::size_t start = 0;
    while (start <= values.size()) {
        std::size_t end = values.find('\\', start);
        if (end == std::string::npos) end = values.size();
        if (std::string v = upper(values.substr(start, end - start)); !v.empty()) out.insert(v);
        start = end + 1;
    }
    return out;
}

std::string value(const QueryMatch& m, const char* key) {
    auto it = m.find(key);
    return it == m.end() ? std::string() : it->second;
}

// Body parts compared through the synonym groups: "THORAX" is "CHEST".
std::string canonicalBodyPart(const std::string& part, const RelevanceRules& rules) {
    for (const auto& group : rules.bodyPartSynonyms)
        if (group.count(part)) return *group.begin() + "#group";
    return part;
}

bool intersects(const std::set<std::string>& a, const std::set<std::string>& b) {
    for (const auto& x : a)
        if (b.count(x)) return true;
    return false;
}

// Days since 0000-03-01 of a DA value (for the age limit); -1 when not a date.
long dayNumber(const std::string& da) {
    if (da.size() < 8) return -1;
    for (int i = 0; i < 8; ++i)
        if (!std::isdigit(static_cast<unsigned char>(da[std::size_t(i)]))) return -1;
    long y = std::stol(da.substr(0, 4)), m = std::stol(da.substr(4, 2)), d = std::stol(da.substr(6, 2));
    if (m <= 2) {
        y -= 1;
        m += 12;
    }
    return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 1;
}

QueryRequest studyQuery(std::vector<std::pair<std::string, std::string>> match) {
    QueryRequest q;
    q.level = QueryLevel::Study;
    q.match = std::move(match);
    for (const char* k : {"PatientID", "IssuerOfPatientID", "PatientName", "StudyInstanceUID", "StudyDate", "StudyDescription",
                          "AccessionNumber", "ModalitiesInStudy", "NumberOfStudyRelatedInstances"})
        if (std::none_of(q.match.begin(), q.match.end(), [&](const auto& p) { return p.first == k; })) q.returnKeys.push_back(k);
    return q;
}

std::vector<QueryMatch> ask(const RemoteNode& node, const std::string& callingAe, const QueryRequest& q, const CancelFlag* cancel) {
    if (node.hasDimse() && node.retrieveMethod != RetrieveMethod::Wado) return DimseClient(node, callingAe).find(q, cancel);
    return DicomWebClient(node).search(q, cancel);
}

StudySummary summarise(const RemoteNode& node, const std::string& callingAe, const QueryMatch& study, const CancelFlag* cancel) {
    StudySummary s;
    s.nodeName = node.name;
    s.studyInstanceUid = value(study, "StudyInstanceUID");
    s.patientId = value(study, "PatientID");
    s.issuerOfPatientId = value(study, "IssuerOfPatientID");
    s.studyDate = value(study, "StudyDate");
    s.studyDescription = value(study, "StudyDescription");
    s.accessionNumber = value(study, "AccessionNumber");
    s.modalities = split(value(study, "ModalitiesInStudy"));
    s.instances = std::size_t(std::atol(value(study, "NumberOfStudyRelatedInstances").c_str()));
    // Modality and body part live at series level.
    QueryRequest series;
    series.level = QueryLevel::Series;
    series.match = {{"StudyInstanceUID", s.studyInstanceUid}};
    series.returnKeys = {"SeriesInstanceUID", "Modality", "BodyPartExamined"};
    for (const QueryMatch& m : ask(node, callingAe, series, cancel)) {
        if (auto mod = upper(value(m, "Modality")); !mod.empty()) s.modalities.insert(mod);
        if (auto part = upper(value(m, "BodyPartExamined")); !part.empty()) s.bodyParts.insert(part);
    }
    return s;
}

std::vector<std::filesystem::path> rulesCandidates() {
    std::vector<std::filesystem::path> out;
    if (const char* env = std::getenv("LIGHTBOX_PRIORS_RULES"); env && *env) out.emplace_back(env);
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) out.push_back(exe.parent_path().parent_path() / "share/lightbox/priors/relevance.json");
    if (*LIGHTBOX_PRIORS_SOURCE_DIR) out.push_back(std::filesystem::path(LIGHTBOX_PRIORS_SOURCE_DIR) / "relevance.json");
    return out;
}

}  // namespace

RelevanceRules readRelevanceRules(const std::filesystem::path& file) {
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly)) throw Error(ErrorCode::FileNotFound, file.string() + ": cannot read the relevance rules");
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        throw Error(ErrorCode::InvalidArgument, file.string() + ": not a JSON object");
    const QJsonObject o = doc.object();
    RelevanceRules rules;
    for (const QJsonValue& t : o.value("tiers").toArray()) {
        const QJsonObject tier = t.toObject();
        if (!tier.value("name").isString())
            throw Error(ErrorCode::InvalidArgument, file.string() + ": every tier needs a \"name\"");
        rules.tiers.push_back({tier.value("name").toString().toStdString(), tier.value("sameModality").toBool(),
                               tier.value("sameBodyPart").toBool()});
    }
    if (rules.tiers.empty()) throw Error(ErrorCode::InvalidArgument, file.string() + ": no \"tiers\"");
    for (const QJsonValue& m : o.value("ignoreModalities").toArray()) rules.ignoreModalities.insert(upper(m.toString().toStdString()));
    for (const QJsonValue& g : o.value("bodyPartSynonyms").toArray()) {
        std::set<std::string> group;
        for (const QJsonValue& p : g.toArray()) group.insert(upper(p.toString().toStdString()));
        if (!group.empty()) rules.bodyPartSynonyms.push_back(group);
    }
    rules.maxAgeYears = o.value("maxAgeYears").toInt(0);
    return rules;
}

RelevanceRules defaultRelevanceRules() {
    for (const auto& candidate : rulesCandidates()) {
        std::error_code ec;
        if (std::filesystem::exists(candidate, ec)) return readRelevanceRules(candidate);
    }
    throw Error(ErrorCode::FileNotFound, "no relevance rules found (set LIGHTBOX_PRIORS_RULES to a relevance.json)");
}

std::vector<RankedPrior> rankPriors(const StudySummary& current, const std::vector<StudySummary>& candidates,
                                    const RelevanceRules& rules) {
    auto imaging = [&](const std::set<std::string>& modalities) {
        std::set<std::string> out;
        for (const auto& m : modalities)
            if (!rules.ignoreModalities.count(m)) out.insert(m);
        return out;
    };
    auto parts = [&](const std::set<std::string>& bodyParts) {
        std::set<std::string> out;
        for (const auto& p : bodyParts) out.insert(canonicalBodyPart(p, rules));
        return out;
    };
    const auto currentModalities = imaging(current.modalities);
    const auto currentParts = parts(current.bodyParts);
    const long currentDay = dayNumber(current.studyDate);
    std::vector<RankedPrior> out;
    std::set<std::string> seen{current.studyInstanceUid};
    for (const StudySummary& c : candidates) {
        if (c.patientId != current.patientId || c.issuerOfPatientId != current.issuerOfPatientId) continue;
        if (!seen.insert(c.studyInstanceUid).second) continue;
        const auto modalities = imaging(c.modalities);
        if (modalities.empty() && !c.modalities.empty()) continue;  // only SR/PR/KO: not an imaging prior
        if (rules.maxAgeYears > 0 && currentDay >= 0) {
            const long day = dayNumber(c.studyDate);
            if (day >= 0 && currentDay - day > 365L * rules.maxAgeYears + rules.maxAgeYears / 4) continue;
        }
        const bool sameModality = intersects(currentModalities, modalities);
        const bool sameBodyPart = intersects(currentParts, parts(c.bodyParts));
        for (std::size_t t = 0; t < rules.tiers.size(); ++t) {
            const RelevanceTier& tier = rules.tiers[t];
            if ((tier.sameModality && !sameModality) || (tier.sameBodyPart && !sameBodyPart)) continue;
            out.push_back({c, t, tier.name});
            break;
        }
    }
    // Tier first, then most recent (DA sorts as text), then UID for a stable order.
    std::stable_sort(out.begin(), out.end(), [](const RankedPrior& a, const RankedPrior& b) {
        if (a.tier != b.tier) return a.tier < b.tier;
        if (a.study.studyDate != b.study.studyDate) return a.study.studyDate > b.study.studyDate;
        return a.study.studyInstanceUid < b.study.studyInstanceUid;
    });
    return out;
}

PriorSearch findPriors(const std::string& currentStudyUid, const std::vector<RemoteNode>& nodes,
                       const std::string& callingAeTitle, const RelevanceRules& rules, const CancelFlag* cancel) {
    PriorSearch result;
    bool found = false;
    for (const RemoteNode& node : nodes) {
        if (found) break;
        try {
            auto rows = ask(node, callingAeTitle, studyQuery({{"StudyInstanceUID", currentStudyUid}}), cancel);
            if (!rows.empty()) {
                result.current = summarise(node, callingAeTitle, rows.front(), cancel);
                found = true;
            }
        } catch (const Error& e) {
            result.nodeErrors.push_back(e.what());
        }
    }
    if (!found)
        throw Error(ErrorCode::FileNotFound, "study " + currentStudyUid + " is on none of the " + std::to_string(nodes.size()) +
                                                 " node(s)" + (result.nodeErrors.empty() ? "" : " (" + result.nodeErrors.front() + ")"));
    PriorSearch others = findPriors(result.current, nodes, callingAeTitle, rules, cancel);
    others.nodeErrors.insert(others.nodeErrors.begin(), result.nodeErrors.begin(), result.nodeErrors.end());
    return others;
}

PriorSearch findPriors(const StudySummary& current, const std::vector<RemoteNode>& nodes, const std::string& callingAeTitle,
                       const RelevanceRules& rules, const CancelFlag* cancel) {
    PriorSearch result;
    result.current = current;
    const std::string& currentStudyUid = current.studyInstanceUid;
    std::vector<StudySummary> candidates;
    for (const RemoteNode& node : nodes) {
        if (cancel && cancel->load()) break;
        try {
            // Same patient: Patient ID and its issuer (an empty issuer matches any, so it is checked again when ranking).
            std::vector<std::pair<std::string, std::string>> match{{"PatientID", result.current.patientId}};
            if (!result.current.issuerOfPatientId.empty()) match.emplace_back("IssuerOfPatientID", result.current.issuerOfPatientId);
            for (const QueryMatch& row : ask(node, callingAeTitle, studyQuery(match), cancel)) {
                if (value(row, "StudyInstanceUID") == currentStudyUid) continue;
                candidates.push_back(summarise(node, callingAeTitle, row, cancel));
            }
        } catch (const Error& e) {
            result.nodeErrors.push_back(e.what());
        }
    }
    result.priors = rankPriors(result.current, candidates, rules);
    return result;
}

PriorPrefetcher::PriorPrefetcher(std::vector<RemoteNode> nodes, LocalArchive local)
    : nodes_(std::move(nodes)), local_(std::move(local)) {}

PriorPrefetcher::~PriorPrefetcher() {
    cancel();
    if (thread_.joinable()) thread_.join();
}

void PriorPrefetcher::start(std::vector<RankedPrior> priors, std::size_t maxStudies,
                            std::function<void(const PrefetchStatus&)> progress) {
    if (thread_.joinable() && !finished_.load()) throw Error(ErrorCode::InvalidArgument, "the prefetch is already running");
    if (thread_.joinable()) thread_.join();  // the last one ended: start another
    if (priors.size() > maxStudies) priors.resize(maxStudies);
    status_ = {};
    status_.studiesTotal = priors.size();
    cancel_ = false;
    finished_ = false;
    thread_ = std::thread([this, priors = std::move(priors), progress = std::move(progress)] {
        for (const RankedPrior& prior : priors) {  // most relevant first
            if (cancel_.load()) break;
            status_.studyInstanceUid = prior.study.studyInstanceUid;
            const RemoteNode* node = findNode(nodes_, prior.study.nodeName);
            try {
                if (!node) throw Error(ErrorCode::InvalidArgument, "node '" + prior.study.nodeName + "' is not configured");
                RetrieveRequest request;
                request.studyInstanceUid = prior.study.studyInstanceUid;
                request.method = node->retrieveMethod;
                StudyRetriever(*node, local_).retrieve(
                    request,
                    [&](const RetrieveStatus& s) {
                        status_.current = s;
                        if (progress) progress(status_);
                    },
                    &cancel_);
            } catch (const std::exception& e) {
                status_.errors.push_back(e.what());
            }
            if (cancel_.load()) break;
            ++status_.studiesDone;
            if (progress) progress(status_);
        }
        status_.cancelled = cancel_.load();
        status_.finished = true;
        if (progress) progress(status_);
        finished_ = true;
    });
}

void PriorPrefetcher::cancel() { cancel_ = true; }

PrefetchStatus PriorPrefetcher::wait() {
    if (thread_.joinable()) thread_.join();
    return status_;
}

}  // namespace lightbox::pacs
