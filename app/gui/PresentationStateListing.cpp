#include "PresentationStateListing.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/archive/PresentationStates.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"

namespace lightbox::app {

viewer::PresentationStateChooser::Provider presentationStatesFromArchive(std::function<archive::Archive*()> openArchive) {
    return [openArchive = std::move(openArchive)](const std::string& sopInstanceUid) {
        std::vector<std::shared_ptr<const core::PresentationState>> states;
        archive::Archive* store = openArchive ? openArchive() : nullptr;
        if (!store) return states;
        for (const archive::PresentationStateEntry& entry : archive::presentationStatesFor(*store, sopInstanceUid)) {
            try {
                const auto located = store->locate(archive::Level::Instance, {{"StudyInstanceUID", entry.studyInstanceUid},
                                                                              {"SeriesInstanceUID", entry.seriesInstanceUid},
                                                                              {"SOPInstanceUID", entry.sopInstanceUid}});
                if (located.empty()) continue;
                states.push_back(std::make_shared<const core::PresentationState>(
                    core::PresentationState::from(core::DicomFile::fromBytes(store->read(located.front())))));
            } catch (const core::Error&) {
                // Listed by the index but unreadable now: not offered.
            }
        }
        return states;
    };
}

}  // namespace lightbox::app
