#include "lightbox/core/Part10Bytes.h"

#include <cstring>

namespace lightbox::core::part10 {

void appendLe16(std::string& out, std::uint32_t v) {
    out += char(v & 0xFF);
    out += char((v >> 8) & 0xFF);
}

void appendLe32(std::string& out, std::uint32_t v) {
    appendLe16(out, v & 0xFFFF);
    appendLe16(out, v >> 16);
}

VrForm vrForm(unsigned vr) {
    switch (vr) {
        case vrCode('A', 'E'): case vrCode('A', 'S'): case vrCode('A', 'T'): case vrCode('C', 'S'):
        case vrCode('D', 'A'): case vrCode('D', 'S'): case vrCode('D', 'T'): case vrCode('F', 'L'):
        case vrCode('F', 'D'): case vrCode('I', 'S'): case vrCode('L', 'O'): case vrCode('L', 'T'):
        case vrCode('P', 'N'): case vrCode('S', 'H'): case vrCode('S', 'L'): case vrCode('S', 'S'):
        case vrCode('S', 'T'): case vrCode('T', 'M'): case vrCode('U', 'I'): case vrCode('U', 'L'):
        case vrCode('U', 'S'):
            return VrForm::ShortLength;
        case vrCode('O', 'B'): case vrCode('O', 'D'): case vrCode('O', 'F'): case vrCode('O', 'L'):
        case vrCode('O', 'V'): case vrCode('O', 'W'): case vrCode('S', 'Q'): case vrCode('S', 'V'):
        case vrCode('U', 'C'): case vrCode('U', 'N'): case vrCode('U', 'R'): case vrCode('U', 'T'):
        case vrCode('U', 'V'):
            return VrForm::LongLength;
        default:
            return VrForm::Unknown;
    }
}

std::optional<ExplicitHeader> explicitHeaderAt(std::string_view bytes, std::size_t at) {
    if (at > bytes.size() || bytes.size() - at < 8) return std::nullopt;
    ExplicitHeader h;
    h.group = le16(bytes, at);
    h.element = le16(bytes, at + 2);
    h.vr = vrCode(bytes[at + 4], bytes[at + 5]);
    h.form = vrForm(h.vr);
    if (h.form == VrForm::LongLength) {
        if (bytes.size() - at < 12) return std::nullopt;
        h.reservedZero = bytes[at + 6] == 0 && bytes[at + 7] == 0;
        h.length = le32(bytes, at + 8);
        h.valueStart = at + 12;
    } else {
        h.length = le16(bytes, at + 6);
        h.valueStart = at + 8;
    }
    return h;
}

MetaGroup walkMetaGroup(std::string_view bytes, const std::function<bool(const ExplicitHeader&)>& visit) {
    if (bytes.size() < 132 || bytes.substr(128, 4) != "DICM") return {MetaWalk::NoPreamble, 0};
    std::size_t pos = 132;
    while (pos < bytes.size()) {
        if (bytes.size() - pos < 8) return {MetaWalk::CutShort, pos};
        if (le16(bytes, pos) != 0x0002) return {MetaWalk::Complete, pos};
        const std::optional<ExplicitHeader> h = explicitHeaderAt(bytes, pos);
        if (!h || bytes.size() - h->valueStart < h->length) return {MetaWalk::CutShort, pos};
        if (visit && !visit(*h)) return {MetaWalk::Stopped, pos};
        pos = h->valueStart + h->length;
    }
    return {MetaWalk::Complete, pos};
}

std::optional<std::uint32_t> pixelDataLengthBefore(std::string_view bytes, std::size_t position) {
    if (position < 12 || position > bytes.size()) return std::nullopt;
    const auto* h = reinterpret_cast<const unsigned char*>(bytes.data()) + position - 12;
    auto isPixelTag = [](const unsigned char* t) { return t[0] == 0xE0 && t[1] == 0x7F && t[2] == 0x10 && t[3] == 0x00; };
    // Explicit VR: tag, VR, 00 00, length. Implicit VR: 4 bytes before, tag, length.
    if ((isPixelTag(h) && (h[4] == 'O' || h[4] == 'U')) || isPixelTag(h + 4)) return le32(bytes, position - 4);
    return std::nullopt;
}

bool pixelDataTruncated(std::uint32_t length, std::uint64_t position, std::uint64_t size, const ReadItemHeader& read) {
    if (length != kUndefinedLength) return position > size || size - position < length;
    while (position <= size && size - position >= 8) {
        unsigned char h[8] = {};
        if (!read(position, h)) return true;
        const std::string_view header(reinterpret_cast<const char*>(h), 8);
        if (le16(header, 0) != 0xFFFE) return true;
        if (le16(header, 2) == 0xE0DD) return false;
        const std::uint32_t itemLength = le32(header, 4);
        if (le16(header, 2) != 0xE000 || itemLength == kUndefinedLength || size - position - 8 < itemLength) return true;
        position += 8 + std::uint64_t(itemLength);
    }
    return true;
}

bool pixelDataTruncated(std::uint32_t length, std::string_view bytes, std::size_t position) {
    return pixelDataTruncated(length, position, bytes.size(), [bytes](std::uint64_t offset, unsigned char (&header)[8]) {
        std::memcpy(header, bytes.data() + offset, 8);
        return true;
    });
}

}  // namespace lightbox::core::part10
