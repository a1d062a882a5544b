#include "lightbox/core/ValueDecoding.h"

#include "ValueRules.h"
#include "VrRules.h"
#include "lightbox/core/CharacterSet.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace lightbox::core {
namespace detail {
namespace {

template <typename T>
std::vector<double> readBinary(std::string_view value) {
    std::vector<double> out;
    out.reserve(value.size() / sizeof(T));
    for (std::size_t i = 0; i + sizeof(T) <= value.size(); i += sizeof(T)) {
        T v;
        std::memcpy(&v, value.data() + i, sizeof(T));
        out.push_back(static_cast<double>(v));
    }
    return out;
}

std::vector<double> parseDecimalStrings(std::string_view text) {
    std::vector<double> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\\', start);
        if (end == std::string_view::npos) end = text.size();
        std::string part = trimPadding(std::string(text.substr(start, end - start)));
        if (!part.empty()) {
            char* parseEnd = nullptr;
            double v = std::strtod(part.c_str(), &parseEnd);
            if (parseEnd != part.c_str() && std::isfinite(v)) out.push_back(v);
            else out.push_back(std::nan(""));
        }
        start = end + 1;
    }
    return out;
}

std::string formatNumber(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

}  // namespace

std::optional<std::string> stringOf(std::string_view value, gdcm::VR vr, const CharacterSet* charset) {
    if (value.empty()) return std::nullopt;
    if (isTextVr(vr) || vr == gdcm::VR::UN) {
        std::string text = (usesCharacterSet(vr) && charset) ? charset->toUtf8(value, vr == gdcm::VR::PN)
                                                             : CharacterSet().toUtf8(value);
        text = trimPadding(std::move(text));
        if (text.empty()) return std::nullopt;
        return text;
    }
    std::vector<double> values = numbersOf(value, vr);
    if (values.empty()) return std::nullopt;
    std::string joined;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) joined += '\\';
        joined += formatNumber(values[i]);
    }
    return joined;
}

std::vector<double> numbersOf(std::string_view value, gdcm::VR vr) {
    switch (vr) {
        case gdcm::VR::US: case gdcm::VR::OW: return readBinary<std::uint16_t>(value);
        case gdcm::VR::SS: return readBinary<std::int16_t>(value);
        case gdcm::VR::UL: case gdcm::VR::OL: return readBinary<std::uint32_t>(value);
        case gdcm::VR::SL: return readBinary<std::int32_t>(value);
        case gdcm::VR::FL: case gdcm::VR::OF: return readBinary<float>(value);
        case gdcm::VR::FD: case gdcm::VR::OD: return readBinary<double>(value);
        case gdcm::VR::OB: return readBinary<std::uint8_t>(value);
        default: return parseDecimalStrings(value);
    }
}

std::vector<std::string> splitValues(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        std::size_t end = text.find('\\', start);
        out.push_back(trimPadding(text.substr(start, end == std::string::npos ? std::string::npos : end - start)));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

std::optional<double> numberAt(const std::vector<double>& values, std::size_t index) {
    if (index >= values.size() || std::isnan(values[index])) return std::nullopt;
    return values[index];
}

std::optional<long long> roundedInteger(std::optional<double> value) {
    if (!value || std::fabs(*value) > 9.0e18) return std::nullopt;
    return static_cast<long long>(std::llround(*value));
}

}  // namespace detail

namespace {

// The VR named by two letters; INVALID for anything else.
gdcm::VR vrNamed(std::string_view vr) {
    if (vr.size() != 2) return gdcm::VR::INVALID;
    const char name[3] = {vr[0], vr[1], '\0'};
    return gdcm::VR::GetVRTypeFromFile(name);
}

}  // namespace

std::optional<std::string> valueString(std::string_view value, std::string_view vr, const CharacterSet* charset) {
    const gdcm::VR type = vrNamed(vr);
    if (type == gdcm::VR::INVALID) return std::nullopt;
    return detail::stringOf(value, type, charset);
}

std::vector<std::string> valueStrings(std::string_view value, std::string_view vr, const CharacterSet* charset) {
    std::optional<std::string> text = valueString(value, vr, charset);
    if (!text) return {};
    return detail::splitValues(*text);
}

std::optional<long long> valueInteger(std::string_view value, std::string_view vr) {
    const gdcm::VR type = vrNamed(vr);
    if (type == gdcm::VR::INVALID) return std::nullopt;
    return detail::roundedInteger(detail::numberAt(detail::numbersOf(value, type), 0));
}

}  // namespace lightbox::core
