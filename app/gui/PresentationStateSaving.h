#pragma once
// Saving a presentation state from the reading area: the viewer composes the
// GSPS (viewer/PresentationStateExport.h) and hands over its bytes; here it
// is stored in the embedded archive (the same store path as an import, so
// the study lists it and `gsps list` finds it), then sent to its
// destinations (PresentationStateSending.h): Ctrl+S to the default list of
// the settings, File > Save && Send Presentation State... to the ones the
// user checks. Each send is a job of the Tasks dock; the status bar says
// what was stored.

#include "PresentationStateSending.h"

#include "lightbox/pacsclient/RemoteNode.h"

#include <QString>

#include <functional>
#include <string>
#include <vector>

class QAction;
class QStatusBar;

namespace lightbox::archive {
class Archive;
}
namespace lightbox::viewer {
class ReadingArea;
}

namespace lightbox::app {

class TaskPanel;

struct PresentationStateSaving {
    std::function<archive::Archive*()> openArchive;  // the archive open now (nullptr: none; the user is told)
    std::function<std::vector<pacs::RemoteNode>()> remoteNodes;  // the nodes destinations name
    // Where Ctrl+S sends (unset: the settings' default list; empty: nowhere).
    std::function<PresentationStateDestinations()> destinations;
    std::string callingAeTitle = "LIGHTBOX";
    TaskPanel* tasks = nullptr;                   // sends run as its jobs (else on a background thread)
    std::function<void()> stored;                 // after a successful store (the browser refreshes)
    // After each send finished: the destination and "" or the problem.
    std::function<void(const PresentationStateDestination&, const QString&)> sent;
};

// Wires the area's save to the archive and the destinations; returns the
// "Save && Send Presentation State..." action (owned by the area) that asks
// for this save's destinations first.
QAction* installPresentationStateSaving(viewer::ReadingArea* area, QStatusBar* status, PresentationStateSaving how);

// Every MPR plane of the active viewport's series whose annotations no
// stored slice takes, saved as a derived image plus a presentation state
// referencing it (viewer::planeImagesOf), stored and sent to `destinations`;
// the number saved. After Ctrl+S (or when the viewport shows an MPR plane)
// the user is asked first, plainly.
int savePlaneImages(viewer::ReadingArea* area, const PresentationStateSaving& how, QStatusBar* status,
                    const PresentationStateDestinations& destinations);

// The nodes of the user's nodes file (none when it is missing or unreadable).
std::vector<pacs::RemoteNode> configuredRemoteNodes();

}  // namespace lightbox::app
