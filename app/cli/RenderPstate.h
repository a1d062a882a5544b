#pragma once

#include "Arguments.h"

#include <string>

namespace lightbox::cli {

// render FILE --pstate PR.dcm --out OUT.png [--graphics on|off] [--frame N] [--16bit]:
// the image as the presentation state shows it.
int renderWithPresentationState(const std::string& imagePath, const std::string& pstatePath, const Arguments& args);

}  // namespace lightbox::cli
