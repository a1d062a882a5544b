#pragma once
// Group commit: store() callers on many threads (network associations,
// import workers) hand their staged objects to one committer thread, which
// records a whole batch in one index transaction - one WAL fsync for many
// objects - then moves the files into place and only then releases every
// caller of the batch with its answer. The renames' folders are flushed
// later, once for many objects: until then the journal of promised moves
// (pending_files) lets recovery replay them.

#include "InstanceRecord.h"

#include "lightbox/archive/Store.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace lightbox::archive {

class ConnectionPool;
class IndexWriter;
class StorageArea;

class GroupCommit {
public:
    struct Job {
        InstanceRecord record;
        std::string_view bytes;  // the caller's object, alive while it waits
        std::string token;       // the staged copy
        StoreResult result;
        std::exception_ptr error;
        bool done = false;
        // The staged data is written (StorageArea::writeReserved): a job
        // enqueued before its data is written (`written` false until
        // dataWritten()) is recorded in the index meanwhile, but committed
        // only once it is.
        bool written = true;
        bool writeFailed = false;
        // The staged data's own flush, done by the caller while the index
        // commits (see StorageArea::reserveUnflushed).
        bool flushed = false;
        bool promised = false;  // committed with a publish promise
        // Its move is in the journal of promises (pending_files). Not for a
        // logged object: recovery restores its file from its log record.
        bool journaled = false;
        bool discard = false;  // not kept: its staged copy is let go by wait()
    };

    GroupCommit(ConnectionPool& pool, IndexWriter& writer, StorageArea& storage);
    ~GroupCommit();  // finishes queued jobs, then stops

    // A job is stored in steps, so that the caller writes and flushes the
    // staged data while the batch is recorded and committed: enqueue() (with
    // job.written false when the data is still to be written, then
    // dataWritten()), then flush and dataFlushed(), then wait(). Every
    // enqueued job must get its dataFlushed() call (the journal of promises
    // is cleared only once the data they name is on disk). wait() returns
    // once the job's outcome is committed (or failed: job.error); a staged
    // object not kept is let go there, on the caller's thread.
    void enqueue(Job& job);
    // ok = false: the data could not be written; the job is not committed
    // (the rest of its batch is, without it).
    void dataWritten(Job& job, bool ok);
    // ok = false: the flush failed; the job's promise is then never forgotten
    // by this process (recovery checks the data).
    void dataFlushed(Job& job, bool ok = true);
    void wait(Job& job);

private:
    enum class Plan { Publish, Discard };
    void run();
    std::vector<Plan> commit(const std::vector<Job*>& batch);
    // The batch's commit; empty (nothing committed) when a job's data could not be written.
    std::optional<std::vector<Plan>> commitWritten(const std::vector<Job*>& batch);
    Plan classify(Job& job, const std::vector<Job*>& batch, std::size_t index);
    void promise(Job& job, const std::string& key);
    // Waits until every job of the batch is written; false if one failed.
    bool awaitWritten(const std::vector<Job*>& batch);

    ConnectionPool& pool_;
    IndexWriter& writer_;
    StorageArea& storage_;
    std::mutex mutex_;
    std::condition_variable wake_, finished_, written_;
    std::deque<Job*> queue_;
    bool stop_ = false;
    // Committed moves that failed (kept for a retry before the journal is cleared).
    std::vector<std::pair<std::string, std::string>> unfinished_;
    std::size_t promised_ = 0;  // publish promises since the journal was last cleared
    bool keepPromises_ = false;  // a flush failed: leave the journal to recovery
    std::size_t unflushed_ = 0;  // committed promises whose data is still being flushed
    std::condition_variable flushed_;
    std::thread thread_;
};

}  // namespace lightbox::archive
