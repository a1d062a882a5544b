#include "MetaHeader.h"

#include <cstdint>

namespace lightbox::pacs::detail {
namespace {

void put16(std::string& out, std::uint32_t v) {
    out += char(v & 0xFF);
    out += char((v >> 8) & 0xFF);
}

void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

// One element with a 16-bit length (every VR used here but OB).
void element(std::string& out, std::uint16_t element, const char vr[2], std::string_view value, char pad) {
    const std::size_t length = value.size() + value.size() % 2;
    put16(out, 0x0002);
    put16(out, element);
    out.append(vr, 2);
    put16(out, std::uint32_t(length));
    out.append(value);
    if (length != value.size()) out += pad;
}

}  // namespace

std::string part10MetaHeader(const MetaHeaderValues& v) {
    std::string group;
    group.reserve(256);
    // (0002,0001) File Meta Information Version: OB, 2 reserved bytes and a 32-bit length.
    put16(group, 0x0002);
    put16(group, 0x0001);
    group += "OB";
    put16(group, 0);
    put32(group, 2);
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
    put16(out, 0x0002);
    put16(out, 0x0000);
    out += "UL";
    put16(out, 4);
    put32(out, std::uint32_t(group.size()));
    out += group;
    return out;
}

}  // namespace lightbox::pacs::detail
