// Resolving a conflict: an object whose SOP Instance UID was already archived
// with different content is kept aside (conflicts/) until a person decides.
// Either the archived version stays and the received one is discarded, or the
// received one takes its place - and the archived one is kept aside in turn,
// so that resolving never destroys a version nobody chose to discard.

#include "ArchiveImpl.h"
#include "ConnectionPool.h"
#include "IndexWriter.h"
#include "InstanceRecord.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/archive/Sha256.h"
#include "lightbox/archive/StorageArea.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"

#include <cstring>

namespace lightbox::archive {

using core::Error;
using core::ErrorCode;

namespace {

Digest digestOf(const std::string& blob) {
    Digest d{};
    if (blob.size() == d.size()) std::memcpy(d.data(), blob.data(), d.size());
    return d;
}

InstanceRecord recordOf(const std::string& bytes, const std::string& name) {
    core::DicomFile file = core::DicomFile::fromBytes(bytes, name, core::DicomFile::Extent::HeaderOnly);
    InstanceRecord r = recordFrom(file);
    r.sha256 = Sha256::of(bytes);
    r.size = bytes.size();
    return r;
}

}  // namespace

std::string_view conflictResolutionName(ConflictResolution how) {
    return how == ConflictResolution::KeepArchived ? "archived" : "received";
}

void Archive::resolveConflict(std::int64_t conflictId, ConflictResolution how) {
    Impl& impl = *impl_;
    ConnectionPool::Lease db = impl.pool->writer();
    // The object log's records of objects stored so far are released (their
    // files, folders and index rows flushed first): replayed after the change
    // below, a record would bring the old version back.
    impl.storage->syncPublished();
    std::string sopUid, source;
    Digest received{};
    std::int64_t receivedMs = 0;
    {
        sql::Statement st = db->prepare("SELECT sop_uid, sha256, source, received FROM conflicts WHERE id = ?1");
        st.bind(1, conflictId);
        if (!st.step())
            throw Error(ErrorCode::InvalidArgument, "no conflict with id " + std::to_string(conflictId) +
                                                        " (archive conflicts lists them)");
        sopUid = st.text(0);
        received = digestOf(st.blob(1));
        source = st.text(2);
        receivedMs = st.integer(3);
    }
    const std::string receivedKey = conflictKey(received);

    if (how == ConflictResolution::KeepArchived) {
        sql::Transaction tx(*db);
        impl.writer->removeConflict(sopUid, received);
        impl.writer->promiseDelete(receivedKey);
        tx.commit();
        impl.storage->remove(receivedKey);
        impl.storage->syncPublished();
        return;
    }

    // Keep the received version: it becomes the archived object, the archived
    // one is kept aside as a conflict. Both new files are staged (and flushed)
    // before the index changes; the journal replays the moves after a crash.
    const std::string receivedBytes = impl.storage->read(receivedKey);
    InstanceRecord incoming = recordOf(receivedBytes, receivedKey);
    incoming.receivedMs = receivedMs;
    incoming.source = source;
    if (incoming.sopUid != sopUid)
        throw Error(ErrorCode::Malformed, receivedKey + ": holds SOP Instance UID " + incoming.sopUid + ", not " + sopUid);
    std::optional<IndexWriter::Existing> existing = impl.writer->findInstance(sopUid);
    std::string archivedKey, archivedToken, receivedToken;
    InstanceRecord archived;
    try {
        if (existing) {
            archivedKey = instanceKey(existing->studyUid, existing->sha256);
            const std::string archivedBytes = impl.storage->read(archivedKey);
            archived = recordOf(archivedBytes, archivedKey);
            archived.receivedMs = nowMs();
            archived.source = "replaced by the conflict resolution of conflict " + std::to_string(conflictId);
            archivedToken = impl.storage->stage(archivedBytes);
        }
        receivedToken = impl.storage->stage(receivedBytes);
        impl.storage->syncStaging();
    } catch (...) {
        if (!archivedToken.empty()) impl.storage->discard(archivedToken);
        if (!receivedToken.empty()) impl.storage->discard(receivedToken);
        throw;
    }
    const std::string newKey = instanceKey(incoming.studyUid, incoming.sha256);
    const std::string asideKey = existing ? conflictKey(existing->sha256) : std::string();
    try {
        sql::Transaction tx(*db);
        impl.writer->removeConflict(sopUid, received);
        if (existing) {
            impl.writer->removeInstance(sopUid, existing->sha256);
            if (!impl.writer->conflictExists(sopUid, existing->sha256))
                impl.writer->insertConflict(archived, "the archived version, replaced by the received one when "
                                                      "conflict " + std::to_string(conflictId) + " was resolved");
            impl.writer->promisePublish(archivedToken, asideKey, sopUid);
            impl.writer->promiseDelete(archivedKey);
        }
        impl.writer->insertInstance(incoming);
        impl.writer->promisePublish(receivedToken, newKey, sopUid);
        impl.writer->promiseDelete(receivedKey);
        tx.commit();
    } catch (...) {
        if (!archivedToken.empty()) impl.storage->discard(archivedToken);
        impl.storage->discard(receivedToken);
        throw;
    }
    if (existing) impl.storage->publish(archivedToken, asideKey);
    impl.storage->publish(receivedToken, newKey);
    impl.storage->syncPublished();
    if (existing) impl.storage->remove(archivedKey);
    impl.storage->remove(receivedKey);
    impl.storage->syncPublished();
}

}  // namespace lightbox::archive
