#include "MetaHeader.h"

#include "lightbox/core/Part10Bytes.h"

#include <cstdint>

namespace lightbox::pacs::detail {
namespace {

using core::part10::appendLe16;
using core::part10::appendLe32;

// One element with a 16-bit length (every VR used here but OB).
void element(std::string& out, std::uint16_t element, const char vr[2], std::string_view value, char pad) {
    const std::size_t length = value.size() + value.size() % 2;
    appendLe16(out, 0x0002);
    appendLe16(out, element);
    out.append(vr, 2);
    appendLe16(out, std::uint32_t(length));
    out.append(value);
    if (length != value.size()) out += pad;
}

}  // namespace

std::string part10MetaHeader(const MetaHeaderValues& v) {
    std::string group;
    group.reserve(256);
    // (0002,0001) File Meta Information Version: OB, 2 reserved bytes and a 32-bit length.
    appendLe16(group, 0x0002);
    appendLe16(group, 0x0001);
    group += "OB";
    appendLe16(group, 0);
    appendLe32(group, 2);
    group += '\0';
    group += '\1';
    element(group, 0x0002, "UI", v.sopClassUid, '\0');
    element(group, 0x0003, "UI", v.sopInstanceUid, '\0');
    element(group, 0x0010, "UI", v.transferSyntaxUid, '\0');
    element(group, 0x0012, "UI", v.implementationClassUid, '\0');
    element(group, 0x0013, "SH", v.implementationVersion, ' ');
    element(group, 0x0016, "AE", v.sourceAeTitle, ' ');

    std::string out(128, '\0');
    out.reserve(128 + 4 + 12 + group.size());
    out += "DICM";
    // (0002,0000) File Meta Information Group Length: the bytes of the group after it.
    appendLe16(out, 0x0002);
    appendLe16(out, 0x0000);
    out += "UL";
    appendLe16(out, 4);
    appendLe32(out, std::uint32_t(group.size()));
    out += group;
    return out;
}

}  // namespace lightbox::pacs::detail
