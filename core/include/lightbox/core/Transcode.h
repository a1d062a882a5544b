#pragma once
// Changing an object's transfer syntax to Explicit VR Little Endian (pixel
// data decoded: JPEG, JPEG-LS, JPEG 2000, RLE, deflate, big endian), for a
// network peer that accepts nothing else. GDCM stays inside core.

#include <string>
#include <string_view>

namespace lightbox::core {

// Part 10 bytes in, Part 10 bytes out (Explicit VR Little Endian). Throws
// Error (NotDicom, Malformed, DecodeFailed) naming `nameForErrors`.
std::string toExplicitLittleEndian(std::string_view part10, const std::string& nameForErrors);

}  // namespace lightbox::core
