#pragma once
// Choosing a hanging protocol for a study and placing its series: pure
// logic on series headers (core::SeriesInfo), no widgets. ReadingArea
// applies the result (see HangingProtocol.h for the format and the keys).

#include "lightbox/core/Series.h"
#include "lightbox/viewer/HangingProtocol.h"

#include <set>
#include <string>
#include <vector>

namespace lightbox::viewer {

// A study as the protocols see it: its series with their headers read.
// A prior that is known but not yet local has no series (its viewports
// wait for it).
struct HangingStudy {
    std::string studyInstanceUid;
    std::string studyDate;
    std::string studyDescription;
    std::vector<core::SeriesInfo> series;
    std::vector<std::string> modalities;  // of a prior not yet local (from the query that found it)
    // Series known from the archive index before their headers are read (a
    // first hang, to show an image sooner): `slices` holds the one image whose
    // header was read (the middle one by Instance Number), `instanceCount` the
    // index's count. Empty once every header is read.
    std::set<std::string> headersPending;  // Series Instance UIDs

    static HangingStudy from(std::vector<core::SeriesInfo> series);  // UID, date and description from its series

    bool isPartial(const core::SeriesInfo& one) const { return headersPending.count(one.seriesInstanceUid) > 0; }
    // The series' images, and whether they form a volume; for a partial
    // series what its headers are expected to say (the index's count; one
    // image with patient geometry among two or more).
    std::size_t imageCount(const core::SeriesInfo& one) const;
    bool formsVolume(const core::SeriesInfo& one) const;
};

// What hangs in one viewport.
struct HungViewport {
    int study = -1;                 // 0 the current study, k priors[k - 1]; -1: nothing
    int seriesIndex = -1;           // into that study's series
    std::string seriesInstanceUid;
    std::string sopInstanceUid;     // one image of the series (projection views); empty: the whole series
    HangingPlane plane = HangingPlane::Any;
    std::string window;             // preset name; empty: the file's window
    bool flipHorizontal = false, flipVertical = false;
    std::string emptyReason;        // why nothing hangs here ("no prior", "prior not yet local", ...)

    bool empty() const { return seriesIndex < 0; }
};

struct Hang {
    std::string protocol;  // its name
    int stage = 0, stageCount = 1;
    std::string stageName;
    int rows = 1, columns = 1;
    std::vector<HungViewport> viewports;  // row by row
};

// The plane a series was acquired in (Any when it has no orientation).
HangingPlane acquisitionPlane(const core::SeriesInfo& series);

// Whether `protocol` is for the study (with `priorCount` relevant priors known).
bool protocolMatches(const HangingProtocol& protocol, const HangingStudy& current, std::size_t priorCount);
// The matching protocol of the highest priority (the first of equals), or
// nullptr when none matches.
const HangingProtocol* chooseProtocol(const std::vector<HangingProtocol>& protocols, const HangingStudy& current,
                                      std::size_t priorCount);

// Places the studies by the protocol's `stage` (clamped to its stages):
// `priors` in relevance order. A viewport's "prior N" is the N-th of the
// priors that have a series it can take (a prior not yet local counts when
// one of its modalities fits), so a more relevant radiograph does not leave
// the CT prior viewport empty.
Hang hangStudy(const HangingProtocol& protocol, int stage, const HangingStudy& current,
               const std::vector<HangingStudy>& priors);

}  // namespace lightbox::viewer
