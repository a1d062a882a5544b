#pragma once
// Saving a presentation state from the reading area: the viewer composes the
// GSPS (viewer/PresentationStateExport.h) and hands over its bytes; here it
// is stored in the embedded archive (the same store path as an import, so
// the study lists it and `gsps list` finds it), then sent with C-STORE to the
// first configured remote node that speaks DIMSE (off the GUI thread), and
// the status bar says what happened.

#include "lightbox/pacsclient/RemoteNode.h"

#include <QString>

#include <functional>
#include <string>
#include <vector>

class QStatusBar;

namespace lightbox::archive {
class Archive;
}
namespace lightbox::viewer {
class ReadingArea;
}

namespace lightbox::app {

struct PresentationStateSaving {
    std::function<archive::Archive*()> openArchive;  // the archive open now (nullptr: none; the user is told)
    std::function<std::vector<pacs::RemoteNode>()> remoteNodes;  // empty / unset: nothing is sent
    std::string callingAeTitle = "LIGHTBOX";
    std::function<void()> stored;                 // after a successful store (the browser refreshes)
    std::function<void(const QString&)> sent;     // after the send finished: "" or the problem
};

void installPresentationStateSaving(viewer::ReadingArea* area, QStatusBar* status, PresentationStateSaving how);

// The nodes of the user's nodes file (none when it is missing or unreadable).
std::vector<pacs::RemoteNode> configuredRemoteNodes();

}  // namespace lightbox::app
