#include "lightbox/pacsclient/StudyRetriever.h"

#include "lightbox/core/Error.h"
#include "lightbox/pacsclient/DicomNode.h"
#include "lightbox/pacsclient/DicomWebClient.h"

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace lightbox::pacs {
namespace {

using core::Error;
using core::ErrorCode;

struct RemoteInstance {
    std::string series, sop, sopClass;
};

// What arrives is counted on its way to the archive (progress).
class CountingServices : public NodeServices {
public:
    CountingServices(NodeServices& inner, std::function<void()> onStored) : inner_(inner), onStored_(std::move(onStored)) {}
    StoreOutcome store(const std::string& bytes, const StoreContext& context) override {
        StoreOutcome outcome = inner_.store(bytes, context);
        if (outcome.status == StoreOutcome::Status::Stored || outcome.status == StoreOutcome::Status::Duplicate) onStored_();
        return outcome;
    }
    std::vector<QueryMatch> find(const QueryRequest& request) override { return inner_.find(request); }
    std::vector<StoredObject> locate(const QueryRequest& request) override { return inner_.locate(request); }

private:
    NodeServices& inner_;
    std::function<void()> onStored_;
};

// A unit of retrieval: a study, a series or one instance.
struct Unit {
    QueryLevel level = QueryLevel::Study;
    std::string series, sop;
    std::vector<std::string> sopClasses;
};

QueryRequest identifierFor(const std::string& study, const Unit& unit) {
    QueryRequest q;
    q.level = unit.level;
    q.match.emplace_back("StudyInstanceUID", study);
    if (unit.level == QueryLevel::Series || unit.level == QueryLevel::Image) q.match.emplace_back("SeriesInstanceUID", unit.series);
    if (unit.level == QueryLevel::Image) q.match.emplace_back("SOPInstanceUID", unit.sop);
    return q;
}

}  // namespace

StudyRetriever::StudyRetriever(RemoteNode node, LocalArchive local) : node_(std::move(node)), local_(std::move(local)) {
    if (!local_.services) throw Error(ErrorCode::InvalidArgument, "retrieve: no local archive");
}

RetrieveOutcome StudyRetriever::retrieve(const RetrieveRequest& request, const RetrieveProgressCallback& progress,
                                         const CancelFlag* cancel) {
    if (request.studyInstanceUid.empty()) throw Error(ErrorCode::InvalidArgument, "retrieve needs a Study Instance UID");
    const bool web = request.method == RetrieveMethod::Wado;
    if (web && !node_.hasDicomWeb()) throw Error(ErrorCode::InvalidArgument, node_.describe() + ": WADO-RS needs a DICOMweb URL");
    if (!web && !node_.hasDimse()) throw Error(ErrorCode::InvalidArgument, node_.describe() + ": C-MOVE/C-GET need an AE title and host");
    RetrieveOutcome outcome;
    RetrieveStatus status;
    std::mutex statusMutex;
    auto report = [&](const std::string& phase) {
        if (!progress) return;
        std::lock_guard lock(statusMutex);
        status.phase = phase;
        progress(status);
    };

    // What the node holds (one C-FIND / QIDO-RS at IMAGE level).
    report("listing");
    QueryRequest list;
    list.level = QueryLevel::Image;
    list.match.emplace_back("StudyInstanceUID", request.studyInstanceUid);
    list.match.emplace_back("SeriesInstanceUID", request.seriesInstanceUid);
    list.returnKeys = {"SOPInstanceUID", "SOPClassUID"};
    std::vector<QueryMatch> rows = web ? DicomWebClient(node_).search(list, cancel) : DimseClient(node_, local_.aeTitle).find(list, cancel);
    std::vector<RemoteInstance> remote;
    for (auto& row : rows)
        if (!row["SOPInstanceUID"].empty()) remote.push_back({row["SeriesInstanceUID"], row["SOPInstanceUID"], row["SOPClassUID"]});
    if (remote.empty())
        throw Error(ErrorCode::FileNotFound, node_.describe() + " holds no objects of study " + request.studyInstanceUid +
                                                 (request.seriesInstanceUid.empty() ? "" : " series " + request.seriesInstanceUid));
    outcome.expected = remote.size();

    auto held = [&] {
        QueryRequest q;
        q.level = QueryLevel::Image;
        q.match.emplace_back("StudyInstanceUID", request.studyInstanceUid);
        q.returnKeys = {"SOPInstanceUID"};
        std::set<std::string> out;
        for (auto& row : local_.services->find(q)) out.insert(row["SOPInstanceUID"]);
        return out;
    };
    std::set<std::string> heldNow = held();
    for (const auto& r : remote) outcome.alreadyHeld += heldNow.count(r.sop);
    status.expected = remote.size();
    status.held = outcome.alreadyHeld;

    std::atomic<std::size_t> stored{0};
    CountingServices counting(*local_.services, [&] {
        ++stored;
        {
            std::lock_guard lock(statusMutex);
            ++status.held;
        }
        report("retrieving");
    });

    // C-MOVE needs our Storage SCP: a temporary one on the configured port,
    // or - when the port is taken - the archive's running `serve`.
    std::unique_ptr<DicomNode> scp;
    if (request.method == RetrieveMethod::Move) {
        NodeConfig config;
        config.aeTitle = local_.aeTitle;
        config.port = local_.port;
        config.spoolDirectory = local_.spoolDirectory;
        config.dimseTimeoutSeconds = node_.dimseTimeoutSeconds;
        try {
            scp = std::make_unique<DicomNode>(config, counting);
            scp->start();
        } catch (const Error&) {
            scp.reset();
            outcome.usedRunningScp = true;
        }
    }

    std::string lastError;
    for (int attempt = 1; attempt <= std::max(1, request.attempts); ++attempt) {
        std::vector<RemoteInstance> missing;
        for (const auto& r : remote)
            if (!heldNow.count(r.sop)) missing.push_back(r);
        if (missing.empty()) break;
        if (cancel && cancel->load()) break;
        ++outcome.attempts;

        // Whole series where nothing of it is held, single instances otherwise.
        std::map<std::string, std::vector<const RemoteInstance*>> missingBySeries, remoteBySeries;
        for (const auto& r : remote) remoteBySeries[r.series].push_back(&r);
        for (const auto& r : missing) missingBySeries[r.series].push_back(&r);
        std::vector<Unit> units;
        if (missing.size() == remote.size() && request.seriesInstanceUid.empty() && request.parallelSeries <= 1) {
            Unit u;
            u.level = QueryLevel::Study;
            for (const auto& r : remote) u.sopClasses.push_back(r.sopClass);
            units.push_back(u);
        } else {
            for (const auto& [series, instances] : missingBySeries) {
                if (instances.size() == remoteBySeries[series].size()) {
                    Unit u;
                    u.level = QueryLevel::Series;
                    u.series = series;
                    for (const auto* r : instances) u.sopClasses.push_back(r->sopClass);
                    units.push_back(u);
                } else {
                    for (const auto* r : instances) units.push_back({QueryLevel::Image, series, r->sop, {r->sopClass}});
                }
            }
        }

        std::atomic<std::size_t> next{0};
        std::mutex errorMutex;
        auto work = [&] {
            for (;;) {
                const std::size_t i = next++;
                if (i >= units.size() || (cancel && cancel->load())) return;
                const Unit& unit = units[i];
                try {
                    TransferReport r;
                    switch (request.method) {
                        case RetrieveMethod::Move:
                            r = DimseClient(node_, local_.aeTitle).move(identifierFor(request.studyInstanceUid, unit), local_.aeTitle, {}, cancel);
                            break;
                        case RetrieveMethod::Get:
                            r = DimseClient(node_, local_.aeTitle).get(identifierFor(request.studyInstanceUid, unit), unit.sopClasses, counting,
                                                                       local_.spoolDirectory, {}, cancel);
                            break;
                        case RetrieveMethod::Wado:
                            r = DicomWebClient(node_).retrieve(request.studyInstanceUid, unit.series, unit.sop, counting,
                                                               local_.spoolDirectory, {}, cancel);
                            break;
                    }
                    if (r.failed) {
                        std::lock_guard lock(errorMutex);
                        lastError = node_.describe() + ": " + std::to_string(r.failed) + " object(s) failed (" + r.statusText + ")";
                    }
                } catch (const std::exception& e) {
                    std::lock_guard lock(errorMutex);
                    lastError = e.what();
                    next = units.size();  // the peer is in trouble: end this attempt, the next one resumes
                }
            }
        };
        const int threads = request.method == RetrieveMethod::Move ? 1 : std::max(1, std::min<int>(request.parallelSeries, int(units.size())));
        std::vector<std::thread> pool;
        for (int t = 1; t < threads; ++t) pool.emplace_back(work);
        work();
        for (auto& t : pool) t.join();
        report("verifying");
        heldNow = held();
    }
    if (scp) {
        scp->stop();
        scp->wait();
    }
    std::size_t heldCount = 0;
    for (const auto& r : remote) heldCount += heldNow.count(r.sop);
    outcome.retrieved = heldCount - outcome.alreadyHeld;
    outcome.cancelled = cancel && cancel->load() && heldCount < remote.size();
    if (heldCount < remote.size() && !outcome.cancelled) {
        if (lastError.empty()) lastError = node_.describe() + ": the retrieve ended without error but objects did not arrive";
        throw Error(ErrorCode::Io, lastError + "; " + std::to_string(remote.size() - heldCount) + " of " +
                                       std::to_string(remote.size()) + " object(s) still missing (the archive keeps the " +
                                       std::to_string(heldCount) + " complete ones; retrieve again to resume)");
    }
    return outcome;
}

}  // namespace lightbox::pacs
