#pragma once
// The presentation states in the archive that apply to an image: Grayscale
// Softcopy Presentation States of the image's study whose Referenced Series
// Sequence names the image. The index keeps no references, so the states of
// the study are read and asked - a study holds few of them.

#include <string>
#include <vector>

namespace lightbox::archive {

class Archive;

struct PresentationStateEntry {
    std::string sopInstanceUid, seriesInstanceUid, studyInstanceUid;
    std::string contentLabel, contentDescription, creatorName, creationDate, creationTime;
};

// Newest first (creation date and time). Objects that fail to parse are
// skipped. An image the archive does not hold has none.
std::vector<PresentationStateEntry> presentationStatesFor(const Archive& archive, const std::string& imageSopInstanceUid);

}  // namespace lightbox::archive
