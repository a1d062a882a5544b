#pragma once
// How values are normalised for the index, and query values the same way, so
// that matching is a plain comparison over an index.

#include <string>
#include <string_view>

namespace lightbox::archive {

// Upper case for ASCII and the common European scripts (Latin-1, Latin
// Extended-A, Greek, Cyrillic); other characters unchanged. Locale-free on
// purpose: the index must not depend on the environment of the process.
std::string upperCase(std::string_view utf8);

// A person name's component groups (PS3.5 6.2.1: alphabetic=ideographic=phonetic),
// upper-cased, trailing '^' and spaces removed from each.
struct NameGroups {
    std::string alphabetic, ideographic, phonetic;
};
NameGroups normalizedName(std::string_view personName);

// "2024.01.31" (ACR-NEMA) -> "20240131"; "10:15:30" -> "101530".
std::string normalizeDate(std::string_view value);
std::string normalizeTime(std::string_view value);

std::string trimmed(std::string_view value);

}  // namespace lightbox::archive
