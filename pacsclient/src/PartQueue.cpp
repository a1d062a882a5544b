#include "PartQueue.h"

#include <chrono>

namespace lightbox::pacs::detail {
namespace {
constexpr std::size_t kRecycled = 8;                       // buffers kept for reuse,
constexpr std::size_t kRecycledMax = std::size_t(4) << 20;  // each at most this large
}  // namespace

PartQueue::PartQueue(NodeServices& receiver, StoreContext context, int workers, std::size_t maxBytes,
                     std::function<void(const StoreOutcome&)> onOutcome, std::function<bool()> cancelled)
    : receiver_(receiver),
      context_(std::move(context)),
      maxBytes_(maxBytes),
      onOutcome_(std::move(onOutcome)),
      cancelled_(std::move(cancelled)) {
    for (int i = 0; i < std::max(1, workers); ++i) threads_.emplace_back([this] { work(); });
}

PartQueue::~PartQueue() { finish(); }

bool PartQueue::push(MultipartPart&& part, const std::function<bool()>& stop) {
    const std::size_t size = part.bytes.size();
    std::unique_lock lock(mutex_);
    // One part always fits (an empty queue takes any size).
    while (queuedBytes_ > 0 && queuedBytes_ + size > maxBytes_) {
        if (stop && stop()) {
            lock.unlock();
            if (!part.file.empty()) {
                std::error_code ec;
                std::filesystem::remove(part.file, ec);
            }
            return false;
        }
        space_.wait_for(lock, std::chrono::milliseconds(50));
    }
    queuedBytes_ += size;
    queue_.push_back(std::move(part));
    ready_.notify_one();
    return true;
}

void PartQueue::finish() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
}

std::string PartQueue::recycledBuffer() {
    std::lock_guard lock(mutex_);
    if (recycled_.empty()) return {};
    std::string out = std::move(recycled_.back());
    recycled_.pop_back();
    return out;
}

std::size_t PartQueue::stored() const {
    std::lock_guard lock(mutex_);
    return stored_;
}

std::size_t PartQueue::failed() const {
    std::lock_guard lock(mutex_);
    return failed_;
}

std::string PartQueue::firstError() const {
    std::lock_guard lock(mutex_);
    return firstError_;
}

void PartQueue::work() {
    for (;;) {
        MultipartPart part;
        bool drop = false;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and everything stored
            part = std::move(queue_.front());
            queue_.pop_front();
            drop = cancelled_ && cancelled_();
            if (drop) {  // not stored: the next retrieve fetches it
                queuedBytes_ -= part.bytes.size();
                space_.notify_one();
            }
        }
        if (drop) {
            if (!part.file.empty()) {
                std::error_code ec;
                std::filesystem::remove(part.file, ec);
            }
            continue;
        }
        StoreOutcome outcome;
        try {
            if (part.file.empty()) {
                outcome = receiver_.store(part.bytes, context_);
            } else {
                StoreContext c = context_;
                c.receivedFile = part.file;
                outcome = receiver_.storeFile(c);  // may take the file over
            }
        } catch (const std::exception& e) {
            outcome = {StoreOutcome::Status::Failed, e.what()};
        }
        if (!part.file.empty()) {
            std::error_code ec;
            std::filesystem::remove(part.file, ec);
        }
        const std::size_t size = part.bytes.size();
        std::lock_guard lock(mutex_);
        // The buffer is used again (fresh memory costs a page fault per 4 KiB).
        if (recycled_.size() < kRecycled && size > 0 && part.bytes.capacity() <= kRecycledMax) recycled_.push_back(std::move(part.bytes));
        part = {};
        queuedBytes_ -= size;
        space_.notify_one();
        if (outcome.status != StoreOutcome::Status::Rejected && outcome.status != StoreOutcome::Status::Failed) {
            ++stored_;  // Conflict: kept aside by the receiver, an answer too
        } else {
            ++failed_;
            if (firstError_.empty()) firstError_ = outcome.message.empty() ? "the object was not stored" : outcome.message;
        }
        if (onOutcome_) onOutcome_(outcome);
    }
}

}  // namespace lightbox::pacs::detail
