#pragma once
// Private to pacsclient: an incremental reader of multipart/related bodies
// (RFC 2046, as WADO-RS sends them) that hands over each part as soon as it
// is complete, without copying it around.
//
// The caller asks for a buffer (buffer()), fills it straight from the
// network (QNetworkReply::read) and commits what it wrote. Each part's body
// is written into a buffer of its own, so a complete part leaves as a moved
// std::string - no copy, no re-scan of bytes already searched. Where a part
// says its Content-Length, exactly that much is read into its buffer and
// only the delimiter after it is checked; otherwise the delimiter is searched
// for (Boyer-Moore-Horspool) in the bytes that arrived since the last search.
// A part larger than `maxInMemory` goes to a spool file instead (written as
// it arrives, handed over as a file).

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace lightbox::pacs::detail {

struct MultipartPart {
    std::string bytes;           // the body, when held in memory
    std::filesystem::path file;  // the body's spool file, when too large to hold (bytes empty)
};

class MultipartReader {
public:
    static constexpr std::size_t kDefaultMaxInMemory = std::size_t(64) << 20;

    // `contentType`: the response's Content-Type (must be multipart/* with a
    // boundary parameter; throws core::Error otherwise). `spoolDirectory` is
    // used only for parts over `maxInMemory` bytes.
    MultipartReader(const std::string& contentType, std::filesystem::path spoolDirectory,
                    std::function<void(MultipartPart&&)> onPart, std::size_t maxInMemory = kDefaultMaxInMemory);
    ~MultipartReader();
    MultipartReader(const MultipartReader&) = delete;
    // Where the buffers for parts' bodies come from (e.g. ones used before,
    // whose pages are already mapped); their contents are overwritten.
    void setBufferSource(std::function<std::string()> source) { bufferSource_ = std::move(source); }
    MultipartReader& operator=(const MultipartReader&) = delete;

    // Room for the next bytes: at most `available` (fewer where the reader
    // knows the current part ends sooner), never empty while !finished().
    std::span<char> buffer(std::size_t available);
    // Parses the `written` bytes put at the start of the last buffer().
    // Throws core::Error on a malformed body or a spool file that fails.
    void commit(std::size_t written);
    // buffer() + copy + commit(), for bytes already in memory.
    void feed(const char* data, std::size_t size);
    // The answer ended: a part whose Content-Length promised more than came
    // ends at its delimiter after all, if there is one.
    void end();

    bool finished() const { return state_ == State::Done; }
    std::size_t parts() const { return parts_; }

    static std::string boundaryOf(const std::string& contentType);  // empty when absent

private:
    enum class State { Preamble, AfterBoundary, Headers, Body, Done };

    void pump();                      // parses what small_ holds
    bool parseSmall();                // Preamble / AfterBoundary / Headers from small_; false: needs more
    void startBody(std::optional<std::size_t> contentLength, std::string_view initial);
    void bodyArrived(std::size_t written);
    void endPart(std::size_t bodySize, std::string_view rest);
    void spill();                     // the body so far to a spool file
    void writeSpool(const char* data, std::size_t size);

    std::string delimiter_;  // "\r\n--" + boundary
    std::boyer_moore_horspool_searcher<std::string::const_iterator> searcher_;
    std::filesystem::path spool_;
    std::function<void(MultipartPart&&)> onPart_;
    std::function<std::string()> bufferSource_;
    std::size_t maxInMemory_;
    State state_ = State::Preamble;

    std::string small_;  // delimiter lines and part headers
    std::size_t smallOffered_ = 0;  // bytes buffer() added to small_
    std::string body_;   // the current part's body (then, without a length, what follows it)
    std::size_t written_ = 0;     // bytes of body_ in use
    std::size_t searched_ = 0;    // body_[0, searched_) holds no delimiter start
    std::optional<std::size_t> length_;  // the current part's Content-Length
    std::size_t lastPartSize_ = 0;       // to size the next buffer

    int spoolFd_ = -1;
    std::filesystem::path spoolPath_;
    std::size_t spooled_ = 0;  // body bytes already in the spool file

    std::size_t parts_ = 0;
};

}  // namespace lightbox::pacs::detail
