#include "Normalize.h"

#include <cstdint>

namespace lightbox::archive {
namespace {

char32_t upper(char32_t c) {
    if (c >= U'a' && c <= U'z') return c - 32;
    if (c < 0x80) return c;
    if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 0x20;  // Latin-1 supplement
    if (c == 0xFF) return 0x178;
    if (c >= 0x100 && c <= 0x17F) {  // Latin Extended-A: mostly upper/lower pairs
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 0) ? c - 1 : c;
        if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
        return (c % 2 == 1) ? c - 1 : c;
    }
    if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 0x20;  // Greek
    if (c == 0x3C2) return 0x3A3;                                 // final sigma
    if (c >= 0x430 && c <= 0x44F) return c - 0x20;                // Cyrillic
    if (c >= 0x450 && c <= 0x45F) return c - 0x50;
    return c;
}

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

std::string trimGroup(std::string s) {
    while (!s.empty() && (s.back() == '^' || s.back() == ' ')) s.pop_back();
    std::size_t start = 0;
    while (start < s.size() && s[start] == ' ') ++start;
    return s.substr(start);
}

}  // namespace

std::string upperCase(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        int length = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        if (length == 0 || i + std::size_t(length) > utf8.size()) {  // not UTF-8: keep the byte
            out += char(b);
            ++i;
            continue;
        }
        char32_t c = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
        bool valid = true;
        for (int k = 1; k < length; ++k) {
            const auto cont = static_cast<unsigned char>(utf8[i + std::size_t(k)]);
            if ((cont & 0xC0) != 0x80) valid = false;
            c = (c << 6) | (cont & 0x3F);
        }
        if (!valid) {
            out += char(b);
            ++i;
            continue;
        }
        appendUtf8(out, upper(c));
        i += std::size_t(length);
    }
    return out;
}

NameGroups normalizedName(std::string_view personName) {
    NameGroups g;
    std::string* groups[] = {&g.alphabetic, &g.ideographic, &g.phonetic};
    std::size_t start = 0;
    for (int k = 0; k < 3; ++k) {
        const std::size_t end = personName.find('=', start);
        *groups[k] = trimGroup(upperCase(personName.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return g;
}

std::string trimmed(std::string_view value) {
    std::size_t start = 0, end = value.size();
    while (start < end && (value[start] == ' ' || value[start] == '\0')) ++start;
    while (end > start && (value[end - 1] == ' ' || value[end - 1] == '\0')) --end;
    return std::string(value.substr(start, end - start));
}

std::string normalizeDate(std::string_view value) {
    std::string out;
    for (char c : trimmed(value))
        if (c != '.') out += c;
    return out;
}

std::string normalizeTime(std::string_view value) {
    std::string out;
    for (char c : trimmed(value))
        if (c != ':') out += c;
    return out;
}

}  // namespace lightbox::archive
