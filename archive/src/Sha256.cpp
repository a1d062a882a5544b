// SHA-256 through OpenSSL's libcrypto: it uses the CPU's SHA extensions
// (SHA-NI) where present, about ten times the speed of portable code - and
// every object the archive receives is hashed on the way in.

#include "lightbox/archive/Sha256.h"

#include "lightbox/core/Error.h"

#include <openssl/evp.h>

namespace lightbox::archive {

namespace {

// The implementation is looked up once: OpenSSL 3 otherwise fetches it from
// its provider on every initialisation, which costs more than hashing a UID.
const EVP_MD* sha256Implementation() {
    static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);  // kept for the process's life
    if (!md) throw core::Error(core::ErrorCode::Io, "SHA-256 is not available from libcrypto");
    return md;
}

}  // namespace

struct Sha256::Context {
    EVP_MD_CTX* ctx = nullptr;
};

Sha256::Sha256() : context_(std::make_unique<Context>()) {
    context_->ctx = EVP_MD_CTX_new();
    if (!context_->ctx || EVP_DigestInit_ex(context_->ctx, sha256Implementation(), nullptr) != 1)
        throw core::Error(core::ErrorCode::Io, "SHA-256 is not available from libcrypto");
}

Sha256::~Sha256() {
    if (context_ && context_->ctx) EVP_MD_CTX_free(context_->ctx);
}

void Sha256::update(const void* data, std::size_t size) {
    if (size) EVP_DigestUpdate(context_->ctx, data, size);
}

Digest Sha256::finish() {
    Digest digest{};
    unsigned int length = 0;
    EVP_DigestFinal_ex(context_->ctx, digest.data(), &length);
    return digest;
}

Digest Sha256::of(std::string_view bytes) {
    // One context per thread, initialised again for each object (no allocation).
    struct Kept {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        ~Kept() { EVP_MD_CTX_free(ctx); }
    };
    static thread_local Kept kept;
    Digest digest{};
    unsigned int length = 0;
    if (!kept.ctx || EVP_DigestInit_ex(kept.ctx, sha256Implementation(), nullptr) != 1 ||
        EVP_DigestUpdate(kept.ctx, bytes.data(), bytes.size()) != 1 ||
        EVP_DigestFinal_ex(kept.ctx, digest.data(), &length) != 1)
        throw core::Error(core::ErrorCode::Io, "SHA-256 failed in libcrypto");
    return digest;
}

std::string toHex(const Digest& digest) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(64);
    for (std::uint8_t b : digest) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

bool fromHex(std::string_view hex, Digest& out) {
    if (hex.size() != 64) return false;
    auto value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < 32; ++i) {
        const int hi = value(hex[2 * i]), lo = value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        out[i] = std::uint8_t(hi << 4 | lo);
    }
    return true;
}

}  // namespace lightbox::archive
