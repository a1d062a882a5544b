#pragma once
// Saving a presentation state from the reading area: the viewer composes the
// GSPS (viewer/PresentationStateExport.h) and hands over its bytes; here it
// is stored in the embedded archive (the same store path as an import, so
// the study lists it and `gsps list` finds it), and the status bar says
// what happened.

#include <functional>

class QStatusBar;

namespace lightbox::archive {
class Archive;
}
namespace lightbox::viewer {
class ReadingArea;
}

namespace lightbox::app {

// `archive` returns the archive open now (nullptr: none; the user is told).
// `stored` (optional) runs after a successful store (the browser refreshes).
void installPresentationStateSaving(viewer::ReadingArea* area, std::function<archive::Archive*()> archive,
                                    QStatusBar* status, std::function<void()> stored = {});

}  // namespace lightbox::app
