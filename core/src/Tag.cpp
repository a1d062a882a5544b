#include "lightbox/core/Tag.h"

#include <cstdio>

namespace lightbox::core {

std::string Tag::toString() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "(%04X,%04X)", group, element);
    return buf;
}

}  // namespace lightbox::core
