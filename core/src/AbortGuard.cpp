#include "AbortGuard.h"

#include <csignal>
#include <mutex>

namespace lightbox::core::detail {
namespace {

struct sigaction previousAction;

void onAbort(int signal) {
    AbortScope* scope = currentAbortScope();
    if (scope) siglongjmp(scope->target, 1);
    // Not inside a guarded call: behave as if we had never been installed.
    sigaction(SIGABRT, &previousAction, nullptr);
    std::raise(signal);
}

}  // namespace

AbortScope*& currentAbortScope() {
    thread_local AbortScope* scope = nullptr;
    return scope;
}

void installAbortHandler() {
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction action {};
        action.sa_handler = onAbort;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_NODEFER;
        sigaction(SIGABRT, &action, &previousAction);
    });
}

}  // namespace lightbox::core::detail
