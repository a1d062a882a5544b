#include "lightbox/core/Error.h"

namespace lightbox::core {

std::string_view errorCodeName(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::FileNotFound: return "file not found";
        case ErrorCode::Io: return "input/output error";
        case ErrorCode::NotDicom: return "not DICOM";
        case ErrorCode::Malformed: return "malformed DICOM";
        case ErrorCode::MissingAttribute: return "missing attribute";
        case ErrorCode::InvalidAttribute: return "invalid attribute";
        case ErrorCode::NoPixelData: return "no pixel data";
        case ErrorCode::UnsupportedTransferSyntax: return "unsupported transfer syntax";
        case ErrorCode::UnsupportedPixelFormat: return "unsupported pixel format";
        case ErrorCode::DecodeFailed: return "decode failed";
        case ErrorCode::TooLarge: return "image too large";
        case ErrorCode::InvalidArgument: return "invalid argument";
        case ErrorCode::Cancelled: return "cancelled";
        case ErrorCode::Unsupported: return "unsupported";
    }
    return "error";
}

}  // namespace lightbox::core
