#pragma once

#include "lightbox/calibration/TestPattern.h"

#include <string>

namespace lightbox::calibration::detail {

// PS3.16 CID 8301 code value (scheme DCM) of a canonical TG18 name; "" otherwise.
std::string patternCode(const std::string& canonicalName);

// Draws the named pattern (canonical name, size and bits already set) and
// sets its title.
void drawPattern(TestPattern& pattern, std::string& title);

}  // namespace lightbox::calibration::detail
