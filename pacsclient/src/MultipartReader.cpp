#include "MultipartReader.h"

#include "lightbox/core/Error.h"

#include <algorithm>
#include <cctype>
#include <random>

namespace lightbox::pacs::detail {

using core::Error;
using core::ErrorCode;

std::string MultipartReader::boundaryOf(const std::string& contentType) {
    std::string lower = contentType;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
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
                                 std::function<void(const std::filesystem::path&)> onPart)
    : spool_(std::move(spoolDirectory)), onPart_(std::move(onPart)) {
    const std::string boundary = boundaryOf(contentType);
    if (boundary.empty())
        throw Error(ErrorCode::Malformed, "the answer is not multipart with a boundary (Content-Type: " + contentType + ")");
    delimiter_ = "\r\n--" + boundary;
    // The first delimiter may open the body without a preceding CRLF.
    pending_ = "\r\n";
}

MultipartReader::~MultipartReader() { closePart(false); }

void MultipartReader::openPart() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    path_ = spool_ / ("wado-" + std::to_string(rng()) + ".dcm");
    file_ = std::fopen(path_.c_str(), "wb");
    if (!file_) throw Error(ErrorCode::Io, path_.string() + ": cannot create the spool file");
}

void MultipartReader::write(const char* data, std::size_t size) {
    if (size && std::fwrite(data, 1, size, file_) != size) throw Error(ErrorCode::Io, path_.string() + ": cannot write");
}

void MultipartReader::closePart(bool complete) {
    if (!file_) return;
    const bool ok = std::fclose(file_) == 0;
    file_ = nullptr;
    if (complete && ok) {
        ++parts_;
        onPart_(path_);  // takes the file over (or removes it)
    } else {
        std::error_code ec;
        std::filesystem::remove(path_, ec);  // never a partial object
        if (complete) throw Error(ErrorCode::Io, path_.string() + ": cannot write");
    }
}

void MultipartReader::feed(const char* data, std::size_t size) {
    pending_.append(data, size);
    for (;;) {
        switch (state_) {
            case State::Done: pending_.clear(); return;  // epilogue
            case State::Preamble: {
                const std::size_t at = pending_.find(delimiter_);
                if (at == std::string::npos) {
                    if (pending_.size() > delimiter_.size()) pending_.erase(0, pending_.size() - delimiter_.size());
                    return;
                }
                pending_.erase(0, at + delimiter_.size());
                state_ = State::AfterBoundary;
                break;
            }
            case State::AfterBoundary: {
                if (pending_.size() < 2) return;
                if (pending_.compare(0, 2, "--") == 0) {
                    state_ = State::Done;
                    break;
                }
                const std::size_t eol = pending_.find("\r\n");
                if (eol == std::string::npos) {
                    if (pending_.size() > 1024) throw Error(ErrorCode::Malformed, "malformed multipart delimiter line");
                    return;
                }
                pending_.erase(0, eol + 2);  // transport padding, then CRLF
                state_ = State::Headers;
                break;
            }
            case State::Headers: {
                if (pending_.size() < 2) return;
                if (pending_.compare(0, 2, "\r\n") == 0) {  // a part without headers
                    pending_.erase(0, 2);
                } else {
                    const std::size_t end = pending_.find("\r\n\r\n");
                    if (end == std::string::npos) {
                        if (pending_.size() > 16384) throw Error(ErrorCode::Malformed, "multipart part headers too long");
                        return;
                    }
                    pending_.erase(0, end + 4);
                }
                openPart();
                state_ = State::Body;
                break;
            }
            case State::Body: {
                const std::size_t at = pending_.find(delimiter_);
                if (at == std::string::npos) {
                    // Keep what might be the start of a delimiter.
                    if (pending_.size() > delimiter_.size()) {
                        const std::size_t safe = pending_.size() - delimiter_.size();
                        write(pending_.data(), safe);
                        pending_.erase(0, safe);
                    }
                    return;
                }
                write(pending_.data(), at);
                pending_.erase(0, at + delimiter_.size());
                closePart(true);
                state_ = State::AfterBoundary;
                break;
            }
        }
    }
}

}  // namespace lightbox::pacs::detail
