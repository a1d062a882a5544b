// Rigid registration with ITK v4 (the only translation unit that sees ITK).

#include "lightbox/render/RigidRegistration.h"

#include "lightbox/core/Error.h"

namespace lightbox::render {

RigidRegistrationResult registerRigid(const core::Volume&, const core::Volume&, const RegistrationOptions&,
                                      const std::function<void(double)>&, const std::atomic<bool>*) {
    throw core::Error(core::ErrorCode::Unsupported, "rigid registration: not yet implemented");
}

}  // namespace lightbox::render
