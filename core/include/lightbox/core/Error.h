#pragma once
// One error vocabulary for Lightbox: a code plus a message a person can act on.
// Libraries throw lightbox::core::Error; the edges (CLI exit status, DIMSE
// status, dialogs) convert it.

#include <stdexcept>
#include <string>
#include <string_view>

namespace lightbox::core {

enum class ErrorCode {
    FileNotFound,             // the path does not exist or cannot be opened
    Io,                       // read/write failure (disk full, permission)
    NotDicom,                 // not recognisable as a DICOM object
    Malformed,                // DICOM but structurally broken (bad lengths, truncated)
    MissingAttribute,         // a Type 1 attribute needed for the operation is absent
    InvalidAttribute,         // a value is out of range or inconsistent with others
    NoPixelData,              // the object has no image pixels
    UnsupportedTransferSyntax,
    UnsupportedPixelFormat,   // a photometric interpretation / bit depth we cannot show
    DecodeFailed,             // the codec could not decode the compressed stream
    TooLarge,                 // the declared image would exceed the memory limit
    InvalidArgument,          // caller error (frame out of range, bad option)
    Cancelled,
    Unsupported,              // the environment lacks what is needed (no display for OpenGL)
};

std::string_view errorCodeName(ErrorCode code) noexcept;

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message)
        : std::runtime_error(message), code_(code) {}
    ErrorCode code() const noexcept { return code_; }

private:
    ErrorCode code_;
};

}  // namespace lightbox::core
