#pragma once
// Memory that begins on a 4 KiB page boundary and holds whole pages: what a
// write past the page cache (O_DIRECT) needs of its buffer. The receive
// buffer of a network association (pacsclient) and the object log's record
// buffers (archive) are such buffers.

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace lightbox::core {

class PageBuffer {
public:
    static constexpr std::size_t kPage = 4096;

    PageBuffer() = default;
    PageBuffer(const PageBuffer&) = delete;
    PageBuffer& operator=(const PageBuffer&) = delete;
    ~PageBuffer() { std::free(data_); }

    char* data() { return data_; }
    const char* data() const { return data_; }
    std::string_view view() const { return {data_, size_}; }
    std::size_t size() const { return size_; }
    std::size_t capacity() const { return capacity_; }
    void clear() { size_ = 0; }
    // The memory goes back to the system.
    void release() {
        std::free(data_);
        data_ = nullptr;
        size_ = capacity_ = 0;
    }
    // Room for `n` bytes (rounded up to whole pages), keeping the content.
    // False when there is no memory for it (the buffer is then unchanged).
    bool reserve(std::size_t n) {
        if (n <= capacity_) return true;
        const std::size_t capacity = (n + kPage - 1) / kPage * kPage;
        void* p = nullptr;
        if (::posix_memalign(&p, kPage, capacity) != 0) return false;
        if (size_) std::memcpy(p, data_, size_);
        std::free(data_);
        data_ = static_cast<char*>(p);
        capacity_ = capacity;
        return true;
    }
    // Appends, growing by doubling; false when there is no memory for it.
    bool append(const void* bytes, std::size_t n) {
        if (size_ + n > capacity_ && !reserve(std::max(size_ + n, capacity_ * 2))) return false;
        std::memcpy(data_ + size_, bytes, n);
        size_ += n;
        return true;
    }

private:
    char* data_ = nullptr;
    std::size_t size_ = 0, capacity_ = 0;
};

}  // namespace lightbox::core
