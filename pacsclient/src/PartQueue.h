#pragma once
// Private to pacsclient: the parts of a WADO-RS answer on their way into the
// receiver. The network thread pushes each complete part (its bytes still in
// memory, or a spool file for a part too large to hold); a few workers store
// them (NodeServices::store / storeFile), so parsing, hashing and indexing
// overlap the transfer. At most `maxBytes` of parts wait: beyond that push()
// blocks, the network thread stops reading and the server is held back by
// TCP - a study never sits in memory whole.

#include "MultipartReader.h"

#include "lightbox/pacsclient/NodeServices.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lightbox::pacs::detail {

class PartQueue {
public:
    // `onOutcome` is called on a worker thread after every part (under the
    // queue's lock: outcomes are reported one at a time). Once `cancelled`
    // turns true, the parts no worker has begun are dropped (their spool
    // files removed): nothing of them reached the receiver, and the next
    // retrieve fetches them; the parts being stored are finished.
    PartQueue(NodeServices& receiver, StoreContext context, int workers, std::size_t maxBytes,
              std::function<void(const StoreOutcome&)> onOutcome = {}, std::function<bool()> cancelled = {});
    ~PartQueue();  // finish()
    PartQueue(const PartQueue&) = delete;
    PartQueue& operator=(const PartQueue&) = delete;

    // Queues a part, waiting while `maxBytes` are queued already. Returns
    // false (the part dropped) when `stop()` turned true while waiting.
    bool push(MultipartPart&& part, const std::function<bool()>& stop);
    // A buffer a stored part left behind (its pages already mapped), or an
    // empty string: for the reader's next part.
    std::string recycledBuffer();
    // Waits until every queued part is stored, then ends the workers.
    void finish();

    std::size_t stored() const;   // Stored, Duplicate or Conflict
    std::size_t failed() const;   // Rejected or Failed
    std::string firstError() const;

private:
    void work();

    NodeServices& receiver_;
    StoreContext context_;
    std::size_t maxBytes_;
    std::function<void(const StoreOutcome&)> onOutcome_;
    std::function<bool()> cancelled_;
    mutable std::mutex mutex_;
    std::condition_variable ready_, space_;
    std::deque<MultipartPart> queue_;
    std::vector<std::string> recycled_;
    std::size_t queuedBytes_ = 0;
    bool stopping_ = false;
    std::size_t stored_ = 0, failed_ = 0;
    std::string firstError_;
    std::vector<std::thread> threads_;
};

}  // namespace lightbox::pacs::detail
