#pragma once
// C-FIND matching (PS3.4 C.2.2.2) translated to SQL over the index.

#include "lightbox/archive/Query.h"

#include <string>
#include <vector>

namespace lightbox::archive {

namespace sql {
class Connection;
}

std::vector<QueryRow> runQuery(sql::Connection& db, const Query& query);

// The objects below an entity for C-MOVE / C-GET: `uniqueKeys` must hold the
// level's unique key (PatientID, StudyInstanceUID, SeriesInstanceUID or
// SOPInstanceUID); values may be lists. storageKey is filled, path is not.
std::vector<LocatedInstance> runLocate(sql::Connection& db, Level level,
                                       const std::vector<std::pair<std::string, std::string>>& uniqueKeys);

}  // namespace lightbox::archive
