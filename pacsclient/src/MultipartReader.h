#pragma once
// Private to pacsclient: a streaming reader of multipart/related bodies
// (RFC 2046, as WADO-RS sends them). Each part's body is written to its own
// file under a spool folder as the bytes arrive; when a part is complete the
// callback gets the file. Only one part's tail (the boundary length) is held
// in memory.

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>

namespace lightbox::pacs::detail {

class MultipartReader {
public:
    // `contentType`: the response's Content-Type (must be multipart/* with a
    // boundary parameter; throws core::Error otherwise).
    MultipartReader(const std::string& contentType, std::filesystem::path spoolDirectory,
                    std::function<void(const std::filesystem::path&)> onPart);
    ~MultipartReader();
    MultipartReader(const MultipartReader&) = delete;
    MultipartReader& operator=(const MultipartReader&) = delete;

    void feed(const char* data, std::size_t size);  // throws core::Error on a malformed body
    bool finished() const { return state_ == State::Done; }
    std::size_t parts() const { return parts_; }

    static std::string boundaryOf(const std::string& contentType);  // empty when absent

private:
    enum class State { Preamble, Headers, Body, AfterBoundary, Done };
    void openPart();
    void closePart(bool complete);
    void write(const char* data, std::size_t size);

    std::string delimiter_;  // "\r\n--" + boundary
    std::filesystem::path spool_;
    std::function<void(const std::filesystem::path&)> onPart_;
    State state_ = State::Preamble;
    std::string pending_;
    std::FILE* file_ = nullptr;
    std::filesystem::path path_;
    std::size_t parts_ = 0;
};

}  // namespace lightbox::pacs::detail
