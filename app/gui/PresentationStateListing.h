#pragma once
// The reading area's list of presentation states, from the embedded
// archive: the states of the image's study that reference the image
// (archive/PresentationStates.h), read and parsed here so that the viewer
// never sees the archive. Objects that cannot be read are left out.

#include "lightbox/viewer/PresentationStateChooser.h"

#include <functional>

namespace lightbox::archive {
class Archive;
}

namespace lightbox::app {

viewer::PresentationStateChooser::Provider presentationStatesFromArchive(std::function<archive::Archive*()> openArchive);

}  // namespace lightbox::app
