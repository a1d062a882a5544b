#include "StudyPriors.h"

#include "ArchiveNodeServices.h"
#include "lightbox/archive/Archive.h"
#include "lightbox/core/Error.h"

#include <QCoreApplication>
#include <QPointer>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace lightbox::app {

namespace {

std::string upper(std::string s) {
    for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

pacs::StudySummary summarizeStudy(const std::vector<core::SeriesInfo>& series) {
    pacs::StudySummary s;
    s.nodeName = "local";
    for (const core::SeriesInfo& one : series) {
        if (s.studyInstanceUid.empty()) {
            s.studyInstanceUid = one.studyInstanceUid;
            s.patientId = one.patientId;
            s.issuerOfPatientId = one.issuerOfPatientId;
            s.studyDate = one.studyDate;
            s.studyDescription = one.studyDescription;
            s.accessionNumber = one.accessionNumber;
        }
        if (!one.modality.empty()) s.modalities.insert(upper(one.modality));
        if (!one.bodyPartExamined.empty()) s.bodyParts.insert(upper(one.bodyPartExamined));
        s.instances += one.imageCount();
    }
    return s;
}

std::vector<pacs::StudySummary> localStudiesOfPatient(const archive::Archive& archive, const std::string& patientId,
                                                      const std::string& issuer) {
    if (patientId.empty()) return {};
    archive::Query q;
    q.level = archive::Level::Series;
    q.match = {{"PatientID", patientId}};
    q.returnKeys = {"IssuerOfPatientID", "StudyDate", "StudyDescription", "AccessionNumber", "Modality",
                    "BodyPartExamined", "NumberOfSeriesRelatedInstances"};
    std::map<std::string, pacs::StudySummary> byStudy;
    std::vector<std::string> order;
    for (const archive::QueryRow& row : archive.query(q)) {
        auto get = [&](const char* k) {
            const auto it = row.find(k);
            return it == row.end() ? std::string() : it->second;
        };
        if (get("IssuerOfPatientID") != issuer) continue;  // another patient with the same ID
        const std::string uid = get("StudyInstanceUID");
        auto [it, inserted] = byStudy.try_emplace(uid);
        pacs::StudySummary& s = it->second;
        if (inserted) {
            order.push_back(uid);
            s.nodeName = "local";
            s.studyInstanceUid = uid;
            s.patientId = patientId;
            s.issuerOfPatientId = issuer;
            s.studyDate = get("StudyDate");
            s.studyDescription = get("StudyDescription");
            s.accessionNumber = get("AccessionNumber");
        }
        if (const std::string m = upper(get("Modality")); !m.empty()) s.modalities.insert(m);
        if (const std::string b = upper(get("BodyPartExamined")); !b.empty()) s.bodyParts.insert(b);
        s.instances += std::size_t(std::atoll(get("NumberOfSeriesRelatedInstances").c_str()));
    }
    std::vector<pacs::StudySummary> out;
    for (const std::string& uid : order) out.push_back(std::move(byStudy[uid]));
    return out;
}

std::vector<core::SeriesInfo> readStudySeries(const archive::Archive& archive, const std::string& studyUid) {
    std::vector<std::filesystem::path> files;
    for (const auto& i : archive.locate(archive::Level::Study, {{"StudyInstanceUID", studyUid}})) files.push_back(i.path);
    if (files.empty())
        throw core::Error(core::ErrorCode::InvalidArgument, "the archive has no study " + studyUid);
    return core::scanFiles(files).series;
}

std::optional<viewer::HangingStudy> readStudyFromIndex(const archive::Archive& archive, const std::string& studyUid,
                                                       std::vector<std::filesystem::path>* studyFiles) {
    // Series of fewer images are read whole (so is every projection study);
    // at most this many headers are read here.
    constexpr std::size_t kReadWholeBelow = 16, kMostHeaders = 256;
    std::unordered_map<std::string, std::filesystem::path> pathOf;
    for (const archive::LocatedInstance& i : archive.locate(archive::Level::Study, {{"StudyInstanceUID", studyUid}}))
        if (!i.path.empty()) {
            pathOf.emplace(i.sopInstanceUid, i.path);
            if (studyFiles) studyFiles->push_back(i.path);
        }
    if (pathOf.empty()) return std::nullopt;
    archive::Query q;
    q.level = archive::Level::Instance;
    q.match = {{"StudyInstanceUID", studyUid}};
    q.returnKeys = {"InstanceNumber"};
    struct Image {
        long long number = 0;
        std::string sop;
        std::filesystem::path path;
    };
    std::map<std::string, std::vector<Image>> bySeries;
    for (const archive::QueryRow& row : archive.query(q)) {
        const auto number = row.find("InstanceNumber"), sop = row.find("SOPInstanceUID"), series = row.find("SeriesInstanceUID");
        if (number == row.end() || number->second.empty() || sop == row.end() || series == row.end()) return std::nullopt;
        const auto path = pathOf.find(sop->second);
        if (path == pathOf.end()) return std::nullopt;
        bySeries[series->second].push_back({std::atoll(number->second.c_str()), sop->second, path->second});
    }
    std::vector<std::filesystem::path> files;
    std::set<std::string> partial;
    for (auto& [uid, images] : bySeries) {
        if (images.size() < kReadWholeBelow) {
            for (const Image& i : images) files.push_back(i.path);
            continue;
        }
        std::sort(images.begin(), images.end(),
                  [](const Image& a, const Image& b) { return std::tie(a.number, a.sop) < std::tie(b.number, b.sop); });
        files.push_back(images[images.size() / 2].path);
        partial.insert(uid);
    }
    if (files.empty() || files.size() > kMostHeaders) return std::nullopt;
    // Files that are not images (presentation states, SR) are left out, as the full scan leaves them.
    core::ScanResult scan = core::scanFiles(files);
    std::set<std::string> seen;
    for (core::SeriesInfo& s : scan.series) {
        if (partial.count(s.seriesInstanceUid)) s.instanceCount = bySeries[s.seriesInstanceUid].size();
        if (!seen.insert(s.seriesInstanceUid).second && partial.count(s.seriesInstanceUid)) return std::nullopt;
    }
    for (const std::string& uid : partial)
        if (!seen.count(uid)) return std::nullopt;  // its middle image is not one
    viewer::HangingStudy study = viewer::HangingStudy::from(std::move(scan.series));
    study.headersPending = std::move(partial);
    return study;
}

std::vector<pacs::RankedPrior> rankLocalPriors(const archive::Archive& archive, const std::vector<core::SeriesInfo>& series,
                                               std::size_t most) {
    const pacs::StudySummary summary = summarizeStudy(series);
    std::vector<pacs::RankedPrior> ranked = pacs::rankPriors(
        summary, localStudiesOfPatient(archive, summary.patientId, summary.issuerOfPatientId), relevanceRulesOrFallback());
    if (ranked.size() > most) ranked.resize(most);
    return ranked;
}

pacs::RelevanceRules relevanceRulesOrFallback() {
    try {
        return pacs::defaultRelevanceRules();
    } catch (const core::Error&) {
        pacs::RelevanceRules rules;
        rules.tiers.push_back({"other studies of the patient", false, false});
        rules.ignoreModalities = {"SR", "PR", "KO"};
        return rules;
    }
}

viewer::HangingStudy pendingStudy(const pacs::StudySummary& study) {
    viewer::HangingStudy s;
    s.studyInstanceUid = study.studyInstanceUid;
    s.studyDate = study.studyDate;
    s.studyDescription = study.studyDescription;
    s.modalities.assign(study.modalities.begin(), study.modalities.end());
    return s;
}

RemotePriorFetch::RemotePriorFetch(archive::Archive& archive, std::vector<pacs::RemoteNode> nodes,
                                   std::string callingAeTitle, quint16 storagePort, QObject* parent)
    : QObject(parent),
      archive_(archive),
      nodes_(std::move(nodes)),
      callingAe_(std::move(callingAeTitle)),
      storagePort_(storagePort),
      cancel_(std::make_shared<pacs::CancelFlag>(false)) {}

RemotePriorFetch::~RemotePriorFetch() {
    cancel();
    if (finder_.joinable()) finder_.join();
    prefetcher_.reset();  // joins its thread
}

void RemotePriorFetch::cancel() {
    cancel_->store(true);
    if (prefetcher_) prefetcher_->cancel();
}

void RemotePriorFetch::start(const pacs::StudySummary& current, std::set<std::string> localStudies,
                             std::size_t maxStudies, Callbacks callbacks) {
    max_ = maxStudies;
    callbacks_ = std::move(callbacks);
    QPointer<RemotePriorFetch> self = this;
    auto cancel = cancel_;
    finder_ = std::thread([self, cancel, current, localStudies = std::move(localStudies), nodes = nodes_,
                           ae = callingAe_] {
        std::vector<pacs::RankedPrior> wanted;
        QString error;
        try {
            const pacs::PriorSearch search =
                pacs::findPriors(current, nodes, ae, relevanceRulesOrFallback(), cancel.get());
            for (const auto& p : search.priors)
                if (!localStudies.count(p.study.studyInstanceUid)) wanted.push_back(p);
            for (const auto& e : search.nodeErrors) error += (error.isEmpty() ? "" : "; ") + QString::fromStdString(e);
        } catch (const core::Error& e) {
            error = QString::fromStdString(e.what());
        }
        if (cancel->load()) return;
        QMetaObject::invokeMethod(qApp, [self, wanted, error] {
            if (!self) return;
            if (!error.isEmpty() && self->callbacks_.progress) self->callbacks_.progress(error);
            if (self->callbacks_.found) self->callbacks_.found(wanted);
            self->fetch(wanted);
        }, Qt::QueuedConnection);
    });
}

void RemotePriorFetch::fetch(std::vector<pacs::RankedPrior> priors) {
    if (priors.empty() || max_ == 0 || cancel_->load()) {
        if (callbacks_.finished) callbacks_.finished(QCoreApplication::translate("MainWindow", "No priors to fetch from the remote nodes"));
        return;
    }
    services_ = std::make_unique<ArchiveNodeServices>(archive_);
    pacs::LocalArchive local;
    local.services = services_.get();
    local.spoolDirectory = archive_.root() / "incoming" / "network";
    local.aeTitle = callingAe_;
    local.port = storagePort_;
    std::error_code ec;
    std::filesystem::create_directories(local.spoolDirectory, ec);
    prefetcher_ = std::make_unique<pacs::PriorPrefetcher>(nodes_, local);
    QPointer<RemotePriorFetch> self = this;
    // The prefetcher reports from its thread; a study is in when the count of done ones grows.
    // (reported right after the count grows, still naming that study).
    auto doneSoFar = std::make_shared<std::size_t>(0);
    prefetcher_->start(std::move(priors), max_, [self, doneSoFar](const pacs::PrefetchStatus& s) {
        std::string arrived;
        if (s.studiesDone > *doneSoFar) {
            arrived = s.studyInstanceUid;
            *doneSoFar = s.studiesDone;
        }
        const QString line = s.finished ? QString()
                                        : QCoreApplication::translate("MainWindow", "Fetching prior %1 of %2: %3 of %4 images")
                                              .arg(s.studiesDone + 1)
                                              .arg(s.studiesTotal)
                                              .arg(s.current.held)
                                              .arg(s.current.expected);
        const bool finished = s.finished, cancelled = s.cancelled;
        const std::size_t done = s.studiesDone - std::min(s.studiesDone, s.errors.size()), total = s.studiesTotal;
        const QString errors = s.errors.empty() ? QString() : QString::fromStdString(s.errors.front());
        QMetaObject::invokeMethod(qApp, [self, arrived, line, finished, cancelled, done, total, errors] {
            if (!self) return;
            if (!arrived.empty() && self->callbacks_.arrived) self->callbacks_.arrived(arrived);
            if (!line.isEmpty() && self->callbacks_.progress) self->callbacks_.progress(line);
            if (finished && self->callbacks_.finished) {
                QString summary = cancelled ? QCoreApplication::translate("MainWindow", "Fetching priors cancelled")
                                            : QCoreApplication::translate("MainWindow", "Priors fetched: %1 of %2").arg(done).arg(total);
                if (!errors.isEmpty()) summary += " (" + errors + ")";
                self->callbacks_.finished(summary);
            }
        }, Qt::QueuedConnection);
    });
}

}  // namespace lightbox::app
