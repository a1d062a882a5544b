#include "lightbox/archive/PresentationStates.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/PresentationState.h"

#include <algorithm>

namespace lightbox::archive {

std::vector<PresentationStateEntry> presentationStatesFor(const Archive& archive, const std::string& imageSopInstanceUid) {
    std::vector<PresentationStateEntry> out;
    if (imageSopInstanceUid.empty()) return out;
    Query image;
    image.level = Level::Instance;
    image.match = {{"SOPInstanceUID", imageSopInstanceUid}};
    const std::vector<QueryRow> rows = archive.query(image);
    if (rows.empty()) return out;
    Query states;
    states.level = Level::Instance;
    states.match = {{"StudyInstanceUID", rows.front().at("StudyInstanceUID")},
                    {"SOPClassUID", core::kGrayscaleSoftcopyPresentationStateStorage}};
    for (const QueryRow& row : archive.query(states)) {
        for (const LocatedInstance& located : archive.locate(Level::Instance, {{"SOPInstanceUID", row.at("SOPInstanceUID")}})) {
            try {
                const core::DicomFile file = core::DicomFile::fromBytes(archive.read(located), located.sopInstanceUid);
                const core::PresentationState ps = core::PresentationState::from(file);
                if (!ps.references(imageSopInstanceUid)) continue;
                out.push_back(PresentationStateEntry{ps.sopInstanceUid, ps.seriesInstanceUid, ps.studyInstanceUid,
                                                     ps.contentLabel, ps.contentDescription, ps.creatorName,
                                                     ps.creationDate, ps.creationTime});
            } catch (const core::Error&) {
                // Not readable as a presentation state: not one to offer.
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const PresentationStateEntry& a, const PresentationStateEntry& b) {
        return a.creationDate + a.creationTime > b.creationDate + b.creationTime;
    });
    return out;
}

}  // namespace lightbox::archive
