#include "MultipartReader.h"
#include "SpoolFile.h"

#include "lightbox/core/Error.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace lightbox::pacs::detail {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::size_t kSmallRead = 4096;             // delimiter lines and headers
constexpr std::size_t kSpoolWindow = std::size_t(1) << 20;  // a spooled part passes through 1 MiB at a time
constexpr std::size_t kUnknownSizeRead = std::size_t(1) << 20;

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

std::string delimiterFor(const std::string& contentType) {
    const std::string boundary = MultipartReader::boundaryOf(contentType);
    if (boundary.empty())
        throw Error(ErrorCode::Malformed, "the answer is not multipart with a boundary (Content-Type: " + contentType + ")");
    return "\r\n--" + boundary;
}

// The Content-Length of a part's headers, when it has a valid one.
std::optional<std::size_t> contentLengthOf(std::string_view headers) {
    const std::string lower = lowered(headers);
    std::size_t at = 0;
    for (;;) {
        at = lower.find("content-length:", at);
        if (at == std::string::npos) return std::nullopt;
        if (at == 0 || lower[at - 1] == '\n') break;
        ++at;
    }
    std::size_t i = at + 15;
    while (i < lower.size() && (lower[i] == ' ' || lower[i] == '\t')) ++i;
    std::size_t value = 0, digits = 0;
    for (; i < lower.size() && std::isdigit(static_cast<unsigned char>(lower[i])); ++i, ++digits) {
        if (value > (std::size_t(1) << 50)) return std::nullopt;
        value = value * 10 + std::size_t(lower[i] - '0');
    }
    while (i < lower.size() && (lower[i] == ' ' || lower[i] == '\t')) ++i;
    if (digits == 0 || (i < lower.size() && lower[i] != '\r')) return std::nullopt;
    return value;
}

}  // namespace

std::string MultipartReader::boundaryOf(const std::string& contentType) {
    const std::string lower = lowered(contentType);
    if (lower.rfind("multipart/", 0) != 0) return {};
    std::size_t at = lower.find("boundary=");
    while (at != std::string::npos && at > 0 && lower[at - 1] != ';' && lower[at - 1] != ' ' && lower[at - 1] != '\t')
        at = lower.find("boundary=", at + 1);
    if (at == std::string::npos) return {};
    std::string value = contentType.substr(at + 9);
    if (!value.empty() && value.front() == '"') {
        const std::size_t end = value.find('"', 1);
        return end == std::string::npos ? std::string() : value.substr(1, end - 1);
    }
    const std::size_t end = value.find_first_of("; \t");
    return end == std::string::npos ? value : value.substr(0, end);
}

MultipartReader::MultipartReader(const std::string& contentType, std::filesystem::path spoolDirectory,
                                 std::function<void(MultipartPart&&)> onPart, std::size_t maxInMemory)
    : delimiter_(delimiterFor(contentType)),
      searcher_(delimiter_.cbegin(), delimiter_.cend()),
      spool_(std::move(spoolDirectory)),
      onPart_(std::move(onPart)),
      maxInMemory_(std::max<std::size_t>(maxInMemory, 2 * delimiter_.size())) {
    // The first delimiter may open the body without a preceding CRLF.
    small_ = "\r\n";
}

MultipartReader::~MultipartReader() {
    if (spoolFd_ >= 0) {
        ::close(spoolFd_);
        std::error_code ec;
        std::filesystem::remove(spoolPath_, ec);  // never a partial object
    }
}

std::span<char> MultipartReader::buffer(std::size_t available) {
    available = std::max<std::size_t>(available, 1);
    if (state_ != State::Body) {
        const std::size_t base = small_.size();
        smallOffered_ = std::min(available, kSmallRead);
        small_.resize(base + smallOffered_);
        return {small_.data() + base, smallOffered_};
    }
    std::size_t n = available;
    if (spoolFd_ >= 0) {
        n = std::min(n, kSpoolWindow);
    } else if (length_) {
        n = std::min(n, *length_ + delimiter_.size() - written_);  // the body and its delimiter, not a byte more
    } else if (written_ < lastPartSize_) {
        n = std::min(n, lastPartSize_ - written_ + delimiter_.size());  // parts of a series are mostly alike
    } else {
        n = std::min(n, kUnknownSizeRead);
    }
    if (spoolFd_ < 0) {
        // A part goes to a spool file only once it is known to be too large.
        const std::size_t limit = maxInMemory_ + delimiter_.size();
        if (written_ >= limit) {
            spill();
            n = std::min(n, kSpoolWindow);
        } else {
            n = std::min(n, limit - written_);
        }
    }
    if (body_.size() < written_ + n) body_.resize(written_ + n);
    return {body_.data() + written_, n};
}

void MultipartReader::commit(std::size_t written) {
    if (state_ != State::Body) {
        // buffer() grew small_ by what it offered; keep what was written.
        small_.resize(small_.size() - (smallOffered_ - std::min(written, smallOffered_)));
        smallOffered_ = 0;
    } else {
        bodyArrived(written);
    }
    pump();
}

void MultipartReader::end() {
    if (state_ != State::Body || !length_) return;
    // A Content-Length that promised more than came: the delimiter decides.
    length_.reset();
    searched_ = 0;
    bodyArrived(0);
    pump();
}

void MultipartReader::pump() {
    while (state_ != State::Body) {
        if (state_ == State::Done) {
            small_.clear();  // the epilogue
            return;
        }
        if (!parseSmall()) return;
    }
}

void MultipartReader::feed(const char* data, std::size_t size) {
    while (size > 0) {
        const std::span<char> room = buffer(size);
        const std::size_t n = std::min(room.size(), size);
        std::memcpy(room.data(), data, n);
        commit(n);
        data += n;
        size -= n;
    }
}

bool MultipartReader::parseSmall() {
    switch (state_) {
        case State::Preamble: {
            const std::size_t at = small_.find(delimiter_);
            if (at == std::string::npos) {
                if (small_.size() > delimiter_.size()) small_.erase(0, small_.size() - delimiter_.size());
                return false;
            }
            small_.erase(0, at + delimiter_.size());
            state_ = State::AfterBoundary;
            return true;
        }
        case State::AfterBoundary: {
            if (small_.size() < 2) return false;
            if (small_.compare(0, 2, "--") == 0) {
                state_ = State::Done;
                return true;
            }
            const std::size_t eol = small_.find("\r\n");
            if (eol == std::string::npos) {
                if (small_.size() > 1024) throw Error(ErrorCode::Malformed, "malformed multipart delimiter line");
                return false;
            }
            small_.erase(0, eol + 2);  // transport padding, then CRLF
            state_ = State::Headers;
            return true;
        }
        case State::Headers: {
            if (small_.size() < 2) return false;
            std::size_t headerEnd = 2;
            std::optional<std::size_t> length;
            if (small_.compare(0, 2, "\r\n") != 0) {  // else a part without headers
                const std::size_t end = small_.find("\r\n\r\n");
                if (end == std::string::npos) {
                    if (small_.size() > 16384) throw Error(ErrorCode::Malformed, "multipart part headers too long");
                    return false;
                }
                length = contentLengthOf(std::string_view(small_).substr(0, end + 2));
                headerEnd = end + 4;
            }
            const std::string initial = small_.substr(headerEnd);
            small_.clear();
            startBody(length, initial);
            return true;
        }
        case State::Body:
        case State::Done: return false;
    }
    return false;
}

void MultipartReader::startBody(std::optional<std::size_t> contentLength, std::string_view initial) {
    state_ = State::Body;
    written_ = searched_ = 0;
    length_.reset();
    // A recycled buffer keeps its size: no zero-filling where it is large enough.
    body_ = bufferSource_ ? bufferSource_() : std::string();
    if (contentLength && *contentLength <= maxInMemory_) {
        length_ = contentLength;
        body_.reserve(*contentLength + delimiter_.size());
    } else if (!contentLength && lastPartSize_) {
        body_.reserve(std::min(lastPartSize_ + delimiter_.size() + kSmallRead, maxInMemory_ + delimiter_.size()));
    }
    // What came with the headers; it may hold the whole part and more.
    while (!initial.empty() && state_ == State::Body) {
        const std::span<char> room = buffer(initial.size());
        const std::size_t n = std::min(room.size(), initial.size());
        std::memcpy(room.data(), initial.data(), n);
        bodyArrived(n);
        initial.remove_prefix(n);
    }
    small_.append(initial);  // after the part(s) that ended in it: the next delimiter line
}

void MultipartReader::bodyArrived(std::size_t written) {
    written_ += written;
    if (length_) {
        const std::size_t end = *length_ + delimiter_.size();
        if (written_ < end) return;
        if (body_.compare(*length_, delimiter_.size(), delimiter_) == 0) {
            endPart(*length_, std::string_view(body_).substr(end, written_ - end));
            return;
        }
        length_.reset();  // the part's Content-Length was wrong: find the delimiter instead
        searched_ = 0;
    }
    const auto begin = body_.cbegin() + std::ptrdiff_t(searched_);
    const auto stop = body_.cbegin() + std::ptrdiff_t(written_);
    const auto found = std::search(begin, stop, searcher_);
    if (found != stop) {
        const std::size_t at = std::size_t(found - body_.cbegin());
        endPart(at, std::string_view(body_).substr(at + delimiter_.size(), written_ - at - delimiter_.size()));
        return;
    }
    searched_ = written_ >= delimiter_.size() ? written_ - delimiter_.size() + 1 : 0;
    if (spoolFd_ >= 0 && searched_ > 0) {
        // Only what might start a delimiter stays in the window.
        writeSpool(body_.data(), searched_);
        std::memmove(body_.data(), body_.data() + searched_, written_ - searched_);
        written_ -= searched_;
        searched_ = 0;
    }
}

void MultipartReader::endPart(std::size_t bodySize, std::string_view rest) {
    small_.assign(rest);  // the next delimiter line onwards (copied before body_ moves)
    MultipartPart part;
    if (spoolFd_ >= 0) {
        writeSpool(body_.data(), bodySize);
        const int fd = spoolFd_;
        spoolFd_ = -1;
        if (::close(fd) != 0) {
            std::error_code ec;
            std::filesystem::remove(spoolPath_, ec);
            throw Error(ErrorCode::Io, spoolPath_.string() + ": cannot write the received object");
        }
        part.file = spoolPath_;
        lastPartSize_ = spooled_;
        body_ = std::string();
    } else {
        body_.resize(bodySize);
        part.bytes = std::move(body_);
        body_ = std::string();
        lastPartSize_ = bodySize;
    }
    written_ = searched_ = spooled_ = 0;
    length_.reset();
    state_ = State::AfterBoundary;
    ++parts_;
    onPart_(std::move(part));
}

void MultipartReader::spill() {
    spoolPath_ = spoolFileName(spool_, "wado");
    std::error_code ec;
    std::filesystem::create_directories(spool_, ec);
    spoolFd_ = ::open(spoolPath_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (spoolFd_ < 0)
        throw Error(ErrorCode::Io, spoolPath_.string() + ": cannot create the spool file (" + std::strerror(errno) + ")");
    spooled_ = 0;
    length_.reset();  // a spooled part ends at its delimiter
    const std::size_t keep = std::min(written_, delimiter_.size() - 1);
    writeSpool(body_.data(), written_ - keep);
    std::string window;
    window.reserve(kSpoolWindow + delimiter_.size());
    window.assign(body_, written_ - keep, keep);
    body_ = std::move(window);
    written_ = keep;
    searched_ = 0;
}

void MultipartReader::writeSpool(const char* data, std::size_t size) {
    if (const int error = writeAll(spoolFd_, data, size))
        throw Error(ErrorCode::Io, spoolPath_.string() + ": cannot write (" + std::strerror(error) + ")");
    spooled_ += size;
}

}  // namespace lightbox::pacs::detail
