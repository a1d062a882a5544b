#pragma once
// Searching the archive with C-FIND semantics (PS3.4 C.2.2.2): attributes are
// named by their PS3.6 keywords, values are DICOM strings.
//
// Matching, per key value:
//   ""                        universal: every entity matches (the key is returned)
//   "CT"                      single value (exact; case-insensitive for person names)
//   "SMITH*", "J?N*"          wildcards * and ? (not for UIDs, dates and times)
//   "20240101-20241231"       range for dates and times; "-20240101", "20240101-" are open
//   "1.2.3\1.2.4"             list: any of the values (UID lists, and any other key)
//   "3"                       count attributes (NumberOfStudyRelatedInstances ...): exact number
// With combinedDateTime (PS3.4 C.2.2.2.5, negotiated by extended negotiation
// in DIMSE), a Date and Time pair with a range (StudyDate + StudyTime,
// SeriesDate + SeriesTime) is one date-time range: StudyDate
// "20240101-20240102" with StudyTime "2200-0600" is 1 January 22:00 to
// 2 January 06:00, not two separate conditions.
// Person names match case-insensitively against the alphabetic, ideographic
// and phonetic component groups; "Yamada^Tarou=山田^太郎" matches group by group.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lightbox::archive {

enum class Level { Patient, Study, Series, Instance };

// "PATIENT", "STUDY", "SERIES", "IMAGE" (the Query/Retrieve Level values).
std::string_view levelName(Level level);
// Accepts the Query/Retrieve Level values and "instance", any case.
std::optional<Level> parseLevel(std::string_view text);

struct Query {
    Level level = Level::Study;
    std::vector<std::pair<std::string, std::string>> match;  // keyword -> value
    std::vector<std::string> returnKeys;                     // keywords returned without matching
    std::size_t limit = 0, offset = 0;                       // 0 = no limit
    bool combinedDateTime = false;
};

// One match: keyword -> value. Always holds the unique keys of the level and
// the levels above it (PatientID, StudyInstanceUID, ...), every matching key
// and every return key (empty when the archive has no value).
using QueryRow = std::map<std::string, std::string>;

// The keywords a level knows, in a sensible display order.
std::vector<std::string> levelKeywords(Level level);

// A stored object, for C-MOVE / C-GET / export.
struct LocatedInstance {
    std::filesystem::path path;  // empty for storage areas without files
    std::string storageKey;      // the object's key in the storage area
    std::string sopClassUid, sopInstanceUid, transferSyntaxUid;
    std::string studyInstanceUid, seriesInstanceUid, patientId;
    std::uint64_t size = 0;
};

}  // namespace lightbox::archive
