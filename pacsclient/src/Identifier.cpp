#include "Identifier.h"

#include "lightbox/core/Error.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcdicent.h>
#include <dcmtk/dcmdata/dcdict.h>
#include <dcmtk/dcmdata/dcelem.h>
#include <dcmtk/dcmdata/dcvrcs.h>

#include <algorithm>

namespace lightbox::pacs {

QueryLevel parseQueryLevel(const std::string& text) {
    if (text == "PATIENT") return QueryLevel::Patient;
    if (text == "STUDY") return QueryLevel::Study;
    if (text == "SERIES") return QueryLevel::Series;
    if (text == "IMAGE") return QueryLevel::Image;
    throw core::Error(core::ErrorCode::InvalidAttribute, "Query/Retrieve Level '" + text + "' is not PATIENT, STUDY, SERIES or IMAGE");
}

std::string queryLevelName(QueryLevel level) {
    switch (level) {
        case QueryLevel::Patient: return "PATIENT";
        case QueryLevel::Study: return "STUDY";
        case QueryLevel::Series: return "SERIES";
        case QueryLevel::Image: return "IMAGE";
    }
    return "STUDY";
}

namespace detail {

QueryRequest toQueryRequest(DcmDataset& identifier, bool patientRoot) {
    // Matching is done in UTF-8; a requester in another character set is converted.
    if (identifier.tagExistsWithValue(DCM_SpecificCharacterSet)) identifier.convertToUTF8();
    QueryRequest request;
    request.patientRoot = patientRoot;
    OFString level;
    if (identifier.findAndGetOFString(DCM_QueryRetrieveLevel, level).bad())
        throw core::Error(core::ErrorCode::MissingAttribute, "identifier has no Query/Retrieve Level (0008,0052)");
    request.level = parseQueryLevel(std::string(level.c_str()));
    for (unsigned long i = 0; i < identifier.card(); ++i) {
        DcmElement* element = identifier.getElement(i);
        DcmTag tag = element->getTag();  // getTagName() is not const
        if (tag == DCM_QueryRetrieveLevel || tag == DCM_SpecificCharacterSet || element->ident() == EVR_SQ) continue;
        const std::string keyword = tag.getTagName();
        if (keyword.empty() || keyword == DcmTag_ERROR_TagName) continue;
        OFString value;
        element->getOFStringArray(value);
        // Trailing padding is not part of the key; PN/LO may carry spaces inside.
        std::string v(value.c_str());
        while (!v.empty() && (v.back() == ' ' || v.back() == '\0')) v.pop_back();
        request.match.emplace_back(keyword, v);
        request.returnKeys.push_back(keyword);
    }
    return request;
}

DcmDataset* toResponse(const QueryRequest& request, const QueryMatch& match, const std::string& retrieveAeTitle) {
    auto* out = new DcmDataset;
    out->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    out->putAndInsertString(DCM_QueryRetrieveLevel, queryLevelName(request.level).c_str());
    for (const std::string& keyword : request.returnKeys) {
        DcmTag tag;
        if (DcmTag::findTagFromName(keyword.c_str(), tag).bad()) continue;
        auto it = match.find(keyword);
        out->putAndInsertString(tag, it == match.end() ? "" : it->second.c_str());
    }
    out->putAndInsertString(DCM_RetrieveAETitle, retrieveAeTitle.c_str());
    return out;
}

}  // namespace detail
}  // namespace lightbox::pacs
