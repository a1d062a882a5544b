#pragma once
// Threads a widget starts for short background work (a search, a
// thumbnail): joined when the owner is destroyed, after their shared cancel
// flag is set, so work never outlives what it reads. Results go back with
// QMetaObject::invokeMethod(owner, ..., Qt::QueuedConnection): the owner is
// alive while its threads run, and Qt drops events for a deleted object.

#include <atomic>
#include <functional>
#include <list>
#include <memory>
#include <thread>

namespace lightbox::app {

class BackgroundWork {
public:
    BackgroundWork() = default;
    BackgroundWork(const BackgroundWork&) = delete;
    BackgroundWork& operator=(const BackgroundWork&) = delete;
    ~BackgroundWork() {
        cancel_->store(true);
        for (auto& w : workers_)
            if (w.thread.joinable()) w.thread.join();
    }

    const std::atomic<bool>* cancelFlag() const { return cancel_.get(); }

    void run(std::function<void()> work) {
        reap();
        workers_.emplace_back();
        Worker& w = workers_.back();
        auto done = w.done;
        w.thread = std::thread([work = std::move(work), done] {
            work();
            done->store(true);
        });
    }
    std::size_t running() {
        reap();
        return workers_.size();
    }

private:
    struct Worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done = std::make_shared<std::atomic<bool>>(false);
    };
    void reap() {
        for (auto it = workers_.begin(); it != workers_.end();) {
            if (it->done->load()) {
                it->thread.join();
                it = workers_.erase(it);
            } else {
                ++it;
            }
        }
    }
    std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
    std::list<Worker> workers_;
};

}  // namespace lightbox::app
