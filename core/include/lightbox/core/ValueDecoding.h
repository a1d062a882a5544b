#pragma once
// How a data set's value reads, for code that finds a value's bytes itself
// (the archive's scan of a received object's header): the very functions
// behind Dataset::string, Dataset::strings and Dataset::integer, so that a
// value read either way gives the same answer.
//
// `vr` is the value's two-letter VR as an explicit VR encoding writes it (for
// an implicit VR encoding: the data dictionary's). `value` is the value field
// as stored (little endian). `charset` decodes the VRs the Specific Character
// Set applies to (LO, LT, PN, SH, ST, UT, UC); nullptr reads them in the
// default repertoire, as Dataset does while it reads (0008,0005) itself.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lightbox::core {

class CharacterSet;

// Dataset::string(): UTF-8 text with the padding removed, numbers of binary
// VRs formatted and joined with '\'; nullopt when empty or `vr` is unknown.
std::optional<std::string> valueString(std::string_view value, std::string_view vr, const CharacterSet* charset);

// Dataset::strings(): the same text split at '\', each value trimmed.
std::vector<std::string> valueStrings(std::string_view value, std::string_view vr, const CharacterSet* charset);

// Dataset::integer(tag, 0): the first number, rounded; nullopt when absent,
// unparsable or beyond +-9e18.
std::optional<long long> valueInteger(std::string_view value, std::string_view vr);

}  // namespace lightbox::core
