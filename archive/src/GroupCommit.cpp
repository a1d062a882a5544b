#include "GroupCommit.h"

#include "ConnectionPool.h"
#include "IndexWriter.h"

#include "lightbox/archive/StorageArea.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"

namespace lightbox::archive {
namespace {

constexpr std::size_t kMaxBatch = 256;
// Published objects whose promises (and unflushed renames) may accumulate.
constexpr std::size_t kForgetAfter = 512;

}  // namespace

GroupCommit::GroupCommit(ConnectionPool& pool, IndexWriter& writer, StorageArea& storage)
    : pool_(pool), writer_(writer), storage_(storage), thread_([this] { run(); }) {}

GroupCommit::~GroupCommit() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
    // Make the last renames durable and clear their promises (a crash before
    // this only leaves recovery to replay them).
    try {
        ConnectionPool::Lease db = pool_.writer();
        storage_.syncPublished();
        if (unfinished_.empty() && !keepPromises_) {
            sql::Transaction tx(*db);
            writer_.forgetOwnPromises();
            tx.commit();
        }
    } catch (...) {
    }
}

void GroupCommit::enqueue(Job& job) {
    std::lock_guard lock(mutex_);
    queue_.push_back(&job);
    wake_.notify_one();
}

void GroupCommit::dataWritten(Job& job, bool ok) {
    {
        std::lock_guard lock(mutex_);
        job.written = true;
        job.writeFailed = !ok;
    }
    written_.notify_all();
}

bool GroupCommit::awaitWritten(const std::vector<Job*>& batch) {
    std::unique_lock lock(mutex_);
    bool ok = true;
    for (const Job* job : batch) {
        written_.wait(lock, [&] { return job->written; });
        ok = ok && !job->writeFailed;
    }
    return ok;
}

void GroupCommit::dataFlushed(Job& job, bool ok) {
    std::lock_guard lock(mutex_);
    if (!ok) keepPromises_ = true;
    job.flushed = true;
    if (job.promised && --unflushed_ == 0) flushed_.notify_all();
}

void GroupCommit::wait(Job& job) {
    {
        std::unique_lock lock(mutex_);
        finished_.wait(lock, [&] { return job.done; });
    }
    // On the caller's thread, once it is done with the staged object: a slot
    // that goes back to the pool is never one its previous caller still uses.
    if (job.discard) storage_.discard(job.token);
}

void GroupCommit::run() {
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        if (queue_.empty() && stop_) return;
        std::vector<Job*> batch;
        while (!queue_.empty() && batch.size() < kMaxBatch) {
            batch.push_back(queue_.front());
            queue_.pop_front();
        }
        lock.unlock();
        const std::vector<Plan> plans = commit(batch);
        lock.lock();
        for (std::size_t i = 0; i < batch.size(); ++i) {
            Job* j = batch[i];
            if (plans[i] == Plan::Publish && j->journaled) {  // its promise is committed
                j->promised = true;
                if (!j->flushed) ++unflushed_;
            }
            j->done = true;
        }
        finished_.notify_all();
        // While the callers answer their peers and receive the next objects.
        lock.unlock();
        storage_.startWriteback();
        lock.lock();
    }
}

// The move of a staged object into place is promised in the journal, which
// recovery replays - unless the object is in the object log: recovery then
// finds it there (its record stays live until the moved file is on disk) and
// the index is spared two writes per object.
void GroupCommit::promise(Job& job, const std::string& key) {
    job.journaled = !storage_.isLogged(job.token);
    if (job.journaled) writer_.promisePublish(job.token, key, job.record.sopUid);
}

GroupCommit::Plan GroupCommit::classify(Job& job, const std::vector<Job*>& batch, std::size_t index) {
    InstanceRecord& r = job.record;
    StoreResult& result = job.result;
    auto existing = writer_.findInstance(r.sopUid);
    if (!existing) {
        writer_.insertInstance(r);
        const std::string key = instanceKey(r.studyUid, r.sha256);
        promise(job, key);
        result.status = StoreStatus::Stored;
        result.path = storage_.filePath(key);
        return Plan::Publish;
    }
    const std::string existingKey = instanceKey(existing->studyUid, existing->sha256);
    if (existing->sha256 == r.sha256) {
        result.status = StoreStatus::Duplicate;
        result.path = storage_.filePath(existingKey);
        return Plan::Discard;
    }
    // The archived copy may be one received earlier in this very batch (its
    // staged file may still be being written: its caller's bytes are read).
    std::string archivedFile;
    std::string_view archived;
    for (std::size_t k = 0; k < index; ++k)
        if (batch[k]->result.status == StoreStatus::Stored && batch[k]->record.sopUid == r.sopUid) archived = batch[k]->bytes;
    if (archived.empty()) archived = archivedFile = storage_.read(existingKey);
    if (sameDataSet(archived, job.bytes)) {
        result.status = StoreStatus::Duplicate;
        result.path = storage_.filePath(existingKey);
        return Plan::Discard;
    }
    const std::string key = conflictKey(r.sha256);
    result.status = StoreStatus::Conflict;
    result.path = storage_.filePath(key);
    if (writer_.conflictExists(r.sopUid, r.sha256)) {
        result.reason = "SOP Instance UID " + r.sopUid + " is archived with different content; this version was "
                        "already kept aside as a conflict";
        return Plan::Discard;
    }
    result.reason = "SOP Instance UID " + r.sopUid + " is archived with different content; kept aside as a " +
                    "conflict for review, the archived object is unchanged";
    writer_.insertConflict(r, result.reason);
    promise(job, key);
    return Plan::Publish;
}

std::vector<GroupCommit::Plan> GroupCommit::commit(const std::vector<Job*>& batch) {
    if (std::optional<std::vector<Plan>> plans = commitWritten(batch)) return *plans;
    // An object's data could not be written (its caller reports the disk's
    // error): the batch is recorded again without it, so that the others -
    // other associations' objects - are stored as if it had never come.
    std::vector<Plan> plans(batch.size(), Plan::Discard);
    std::vector<Job*> rest;
    std::vector<std::size_t> where;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        Job& job = *batch[i];
        if (job.writeFailed) {
            job.discard = true;
            continue;
        }
        job.error = nullptr;
        job.journaled = false;
        rest.push_back(&job);
        where.push_back(i);
    }
    if (rest.empty()) return plans;
    const std::vector<Plan> restPlans = commit(rest);
    for (std::size_t k = 0; k < rest.size(); ++k) plans[where[k]] = restPlans[k];
    return plans;
}

std::optional<std::vector<GroupCommit::Plan>> GroupCommit::commitWritten(const std::vector<Job*>& batch) {
    std::vector<Plan> plans(batch.size(), Plan::Discard);
    // When every object of the batch is in the object log, the log is the
    // batch's redo log: the commit needs no flush of its own (its callers are
    // acknowledged after their records' flush; recovery indexes a logged
    // object again should the commit not reach the disk, and the records stay
    // until the journal is flushed - StorageArea::setIndexJournal). Otherwise
    // (an object too large for the log, deferred durability, a second
    // process) the commit is flushed, as every other writer's is.
    bool lazy = !batch.empty();
    for (const Job* job : batch) lazy = lazy && storage_.isLogged(job->token);
    // The writer lease is held until the files are in place: whoever holds it
    // next (verify, reconcile) sees no committed row without its file.
    ConnectionPool::Lease db = pool_.writer(lazy ? ConnectionPool::Sync::Normal : ConnectionPool::Sync::Full);
    {
        try {
            // The staged files' names must be durable before the index points at
            // them. Renames done since the last flush of their folders stay
            // promised in the journal (recovery replays them); every
            // kForgetAfter objects their folders - mostly the same few study
            // folders - are flushed once and the promises cleared.
            bool forget = false;
            if (promised_ >= kForgetAfter) {
                // Promises are forgotten only once the data they name is on disk.
                std::unique_lock lock(mutex_);
                flushed_.wait(lock, [&] { return unflushed_ == 0; });
                forget = !keepPromises_;
                lock.unlock();
                if (forget) storage_.syncPublished();
            }
            storage_.syncStaging();
            sql::Transaction tx(*db);
            std::vector<std::pair<std::string, std::string>> retry;
            retry.swap(unfinished_);
            for (const auto& [token, key] : retry) {
                try {
                    storage_.publish(token, key);
                } catch (const core::Error&) {
                    unfinished_.emplace_back(token, key);
                }
            }
            const bool forgotten = forget && unfinished_.empty();
            if (forgotten) writer_.forgetOwnPromises();
            for (std::size_t i = 0; i < batch.size(); ++i) {
                Job& job = *batch[i];
                try {
                    sql::Savepoint item(*db, "item");
                    plans[i] = classify(job, batch, i);
                    item.release();
                } catch (...) {
                    job.error = std::current_exception();
                    plans[i] = Plan::Discard;
                }
            }
            // Recorded while the callers wrote their objects; committed once
            // every object is written (as far as the page cache or the
            // disk's cache): a process killed from now on leaves each
            // committed row its whole file or log record. One that could not
            // be written: rolled back (tx), and commit() tries again without it.
            if (!awaitWritten(batch)) return std::nullopt;
            tx.commit();
            if (forgotten) promised_ = 0;
        } catch (...) {
            // Nothing of this batch is in the index: nothing is acknowledged.
            plans.assign(batch.size(), Plan::Discard);
            for (std::size_t i = 0; i < batch.size(); ++i) {
                if (!batch[i]->error) batch[i]->error = std::current_exception();
                batch[i]->discard = true;
            }
            return plans;
        }
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        Job& job = *batch[i];
        if (plans[i] == Plan::Discard) {
            job.discard = true;
            continue;
        }
        const std::string key = job.result.status == StoreStatus::Conflict ? conflictKey(job.record.sha256)
                                                                           : instanceKey(job.record.studyUid, job.record.sha256);
        try {
            storage_.publish(job.token, key);
        } catch (...) {
            // The index promises this file: the move is retried by the next
            // batch or by recovery when the archive is next opened.
            unfinished_.emplace_back(job.token, key);
            job.error = std::current_exception();
        }
    }
    // No folder flush before the acknowledgement: the staged file (data and
    // name) and the committed promise are durable, so a rename lost in a
    // crash is replayed by recovery (Archive::Impl::recover).
    for (std::size_t i = 0; i < batch.size(); ++i) promised_ += plans[i] == Plan::Publish && batch[i]->journaled ? 1 : 0;
    return plans;
}

}  // namespace lightbox::archive
