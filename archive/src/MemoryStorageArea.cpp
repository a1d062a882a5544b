#include "lightbox/archive/StorageArea.h"

#include "lightbox/core/Error.h"

namespace lightbox::archive {

using core::Error;
using core::ErrorCode;

std::string MemoryStorageArea::stage(std::string_view bytes) {
    std::lock_guard lock(mutex_);
    std::string token = "staged-" + std::to_string(++counter_);
    staged_[token] = std::string(bytes);
    return token;
}

void MemoryStorageArea::publish(const std::string& token, const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = staged_.find(token);
    if (it == staged_.end()) throw Error(ErrorCode::Io, "memory storage: nothing staged as " + token);
    objects_[key] = std::move(it->second);
    staged_.erase(it);
}

void MemoryStorageArea::discard(const std::string& token) noexcept {
    std::lock_guard lock(mutex_);
    staged_.erase(token);
}

bool MemoryStorageArea::isStaged(const std::string& token) const {
    std::lock_guard lock(mutex_);
    return staged_.count(token) != 0;
}

std::vector<std::string> MemoryStorageArea::stagedTokens() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [token, bytes] : staged_) out.push_back(token);
    return out;
}

std::string MemoryStorageArea::readStaged(const std::string& token) const {
    std::lock_guard lock(mutex_);
    auto it = staged_.find(token);
    if (it == staged_.end()) throw Error(ErrorCode::FileNotFound, "memory storage: nothing staged as " + token);
    return it->second;
}

std::string MemoryStorageArea::read(const std::string& key) const {
    std::lock_guard lock(mutex_);
    auto it = objects_.find(key);
    if (it == objects_.end()) throw Error(ErrorCode::FileNotFound, key + ": no such object");
    return it->second;
}

bool MemoryStorageArea::exists(const std::string& key) const {
    std::lock_guard lock(mutex_);
    return objects_.count(key) != 0;
}

std::uint64_t MemoryStorageArea::size(const std::string& key) const {
    std::lock_guard lock(mutex_);
    auto it = objects_.find(key);
    return it == objects_.end() ? 0 : it->second.size();
}

void MemoryStorageArea::remove(const std::string& key) {
    std::lock_guard lock(mutex_);
    objects_.erase(key);
}

void MemoryStorageArea::move(const std::string& from, const std::string& to) {
    std::lock_guard lock(mutex_);
    auto it = objects_.find(from);
    if (it == objects_.end()) throw Error(ErrorCode::FileNotFound, from + ": no such object");
    objects_[to] = std::move(it->second);
    objects_.erase(from);
}

void MemoryStorageArea::forEach(const std::string& prefix, const std::function<void(const std::string& key)>& visit) const {
    std::vector<std::string> keys;
    {
        std::lock_guard lock(mutex_);
        for (auto it = objects_.lower_bound(prefix); it != objects_.end() && it->first.rfind(prefix, 0) == 0; ++it)
            keys.push_back(it->first);
    }
    for (const auto& k : keys) visit(k);
}

}  // namespace lightbox::archive
