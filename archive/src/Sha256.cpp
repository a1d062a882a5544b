// SHA-256 through OpenSSL's libcrypto: it uses the CPU's SHA extensions
// (SHA-NI) where present, about ten times the speed of portable code - and
// every object the archive receives is hashed on the way in.

#include "lightbox/archive/Sha256.h"

#include "lightbox/core/Error.h"

#include <openssl/evp.h>

namespace lightbox::archive {

struct Sha256::Context {
    EVP_MD_CTX* ctx = nullptr;
};

Sha256::Sha256() : context_(std::make_unique<Context>()) {
    context_->ctx = EVP_MD_CTX_new();
    if (!context_->ctx || EVP_DigestInit_ex(context_->ctx, EVP_sha256(), nullptr) != 1)
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
    Sha256 s;
    s.update(bytes);
    return s.finish();
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
