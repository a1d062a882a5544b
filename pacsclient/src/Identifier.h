#pragma once
// Private to pacsclient: C-FIND / C-MOVE identifiers between DCMTK data sets
// and the keyword maps of NodeServices.

#include "lightbox/pacsclient/NodeServices.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdatset.h>

#include <string>

namespace lightbox::pacs::detail {

// Reads the identifier (converted to UTF-8 first). Sequences are not
// matching keys here and are skipped.
QueryRequest toQueryRequest(DcmDataset& identifier, bool patientRoot);

// A response identifier holding exactly the keys the request asked for,
// filled from `match`, plus Query/Retrieve Level and Retrieve AE Title.
DcmDataset* toResponse(const QueryRequest& request, const QueryMatch& match, const std::string& retrieveAeTitle);

}  // namespace lightbox::pacs::detail
