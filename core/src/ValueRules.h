#pragma once
// Private to core: the value-reading rules Dataset and the public
// ValueDecoding functions share (see lightbox/core/ValueDecoding.h).

#include <gdcmVR.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lightbox::core {
class CharacterSet;
}

namespace lightbox::core::detail {

std::optional<std::string> stringOf(std::string_view value, gdcm::VR vr, const CharacterSet* charset);
std::vector<double> numbersOf(std::string_view value, gdcm::VR vr);
std::vector<std::string> splitValues(const std::string& text);
std::optional<double> numberAt(const std::vector<double>& values, std::size_t index);
std::optional<long long> roundedInteger(std::optional<double> value);

}  // namespace lightbox::core::detail
