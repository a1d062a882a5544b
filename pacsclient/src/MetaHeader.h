#pragma once
// The file meta information a received data set is stored behind: what
// DCMTK's bit-preserving receive writes (DIMSE_createFilestream), built here
// byte for byte without a DcmMetaInfo (no dictionary lookups, no element
// objects per C-STORE).

#include <string>
#include <string_view>

namespace lightbox::pacs::detail {

struct MetaHeaderValues {
    std::string_view sopClassUid;              // (0002,0002)
    std::string_view sopInstanceUid;           // (0002,0003)
    std::string_view transferSyntaxUid;        // (0002,0010)
    std::string_view implementationClassUid;   // (0002,0012)
    std::string_view implementationVersion;    // (0002,0013)
    std::string_view sourceAeTitle;            // (0002,0016)
};

// The 128-byte preamble, "DICM" and group 0002 in Explicit VR Little Endian
// (PS3.10 7.1): the group length, version 00 01, then the values above, each
// padded to even length (UIDs with NUL, the others with a space).
std::string part10MetaHeader(const MetaHeaderValues& values);

}  // namespace lightbox::pacs::detail
