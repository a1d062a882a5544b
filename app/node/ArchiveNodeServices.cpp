#include "ArchiveNodeServices.h"

#include "lightbox/core/Error.h"

namespace lightbox::app {
namespace {

archive::Level toLevel(pacs::QueryLevel level) {
    switch (level) {
        case pacs::QueryLevel::Patient: return archive::Level::Patient;
        case pacs::QueryLevel::Study: return archive::Level::Study;
        case pacs::QueryLevel::Series: return archive::Level::Series;
        case pacs::QueryLevel::Image: return archive::Level::Instance;
    }
    return archive::Level::Study;
}

}  // namespace

pacs::StoreOutcome ArchiveNodeServices::store(const std::string& part10Bytes, const pacs::StoreContext& context) {
    return storeWith(context, [&](const archive::StoreContext& where) { return archive_.store(part10Bytes, where); });
}

// The spool file is taken over by the archive (no copy written).
pacs::StoreOutcome ArchiveNodeServices::storeFile(const pacs::StoreContext& context) {
    return storeWith(context, [&](const archive::StoreContext& where) { return archive_.storeFile(context.receivedFile, where); });
}

// Received into memory: the archive writes the bytes once (its object log
// record and the object's file), no spool file, and hashes them while its
// log record's data is written.
pacs::StoreOutcome ArchiveNodeServices::storeReceived(std::string_view part10Bytes, const pacs::StoreContext& context) {
    return storeWith(context, [&](const archive::StoreContext& where) {
        archive::StoreContext aligned = where;
        aligned.pageAligned = true;  // what storeReceived's contract says of the bytes
        return archive_.store(part10Bytes, aligned);
    });
}

pacs::StoreOutcome ArchiveNodeServices::storeWith(
    const pacs::StoreContext& context, const std::function<archive::StoreResult(const archive::StoreContext&)>& store) {
    try {
        archive::StoreContext where{"dimse:" + context.callingAeTitle, context.callingAeTitle};
        where.deferDurability = context.deferDurability;
        archive::StoreResult r = store(where);
        if (onStored_ && r.status == archive::StoreStatus::Stored) onStored_(r);
        switch (r.status) {
            case archive::StoreStatus::Stored: return {pacs::StoreOutcome::Status::Stored, {}};
            case archive::StoreStatus::Duplicate: return {pacs::StoreOutcome::Status::Duplicate, {}};
            case archive::StoreStatus::Conflict: return {pacs::StoreOutcome::Status::Conflict, r.reason};
            case archive::StoreStatus::Rejected: return {pacs::StoreOutcome::Status::Rejected, r.reason};
        }
    } catch (const core::Error& e) {
        return {pacs::StoreOutcome::Status::Failed, e.what()};  // not durable: not acknowledged
    }
    return {pacs::StoreOutcome::Status::Failed, "unknown store outcome"};
}

void ArchiveNodeServices::makeDurable() { archive_.flush(); }

std::vector<pacs::QueryMatch> ArchiveNodeServices::find(const pacs::QueryRequest& request) {
    archive::Query q;
    q.level = toLevel(request.level);
    q.match = request.match;
    q.returnKeys = request.returnKeys;
    q.combinedDateTime = request.combinedDateTime;
    std::vector<pacs::QueryMatch> out;
    for (auto& row : archive_.query(q)) out.push_back(std::move(row));
    return out;
}

std::vector<pacs::StoredObject> ArchiveNodeServices::locate(const pacs::QueryRequest& request) {
    // A retrieve identifier names entities by their unique keys only.
    static const char* uniqueKeys[] = {"PatientID", "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID"};
    std::vector<std::pair<std::string, std::string>> keys;
    for (const auto& [keyword, value] : request.match)
        for (const char* unique : uniqueKeys)
            if (keyword == unique && !value.empty()) keys.emplace_back(keyword, value);
    if (keys.empty())
        throw core::Error(core::ErrorCode::InvalidArgument, "retrieve identifier has no unique key values");
    std::vector<pacs::StoredObject> out;
    for (const archive::LocatedInstance& i : archive_.locate(toLevel(request.level), keys))
        out.push_back({i.path, i.sopClassUid, i.sopInstanceUid, i.transferSyntaxUid});
    return out;
}

}  // namespace lightbox::app
