#pragma once
// Debian's GDCM is built with assert() enabled: some malformed files make it
// call abort() (for example DICOMDIR-nooffset in FileMetaInformation::ReadCompat).
// A crash is never an acceptable answer to bad input, so every call into GDCM
// on untrusted data runs under this guard: a SIGABRT raised on the calling
// thread jumps back here and becomes an Error(Malformed). Objects GDCM had
// built when it aborted are leaked, which is the price of not dying.

#include "lightbox/core/Error.h"

#include <csetjmp>
#include <string>

namespace lightbox::core::detail {

struct AbortScope {
    sigjmp_buf target;
    AbortScope* previous = nullptr;
};

void installAbortHandler();
AbortScope*& currentAbortScope();

// Runs f(); if it aborts, throws Error(Malformed, context + ": " + what).
template <typename F>
void runGuarded(const std::string& context, const char* what, F&& f) {
    installAbortHandler();
    AbortScope scope;
    scope.previous = currentAbortScope();
    if (sigsetjmp(scope.target, 1) != 0) {
        currentAbortScope() = scope.previous;
        throw Error(ErrorCode::Malformed, context + ": " + what + " (the DICOM toolkit rejected the data as inconsistent)");
    }
    currentAbortScope() = &scope;
    try {
        f();
    } catch (...) {
        currentAbortScope() = scope.previous;
        throw;
    }
    currentAbortScope() = scope.previous;
}

}  // namespace lightbox::core::detail
