#pragma once
// SHA-256 (FIPS 180-4) for the checksums of stored objects (libcrypto inside:
// hardware SHA extensions make hashing a small part of ingest).

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace lightbox::archive {

using Digest = std::array<std::uint8_t, 32>;

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(const void* data, std::size_t size);
    void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
    Digest finish();  // the object is spent afterwards

    static Digest of(std::string_view bytes);

private:
    struct Context;
    std::unique_ptr<Context> context_;
};

std::string toHex(const Digest& digest);
// Parses 64 hexadecimal digits; false on anything else.
bool fromHex(std::string_view hex, Digest& out);

}  // namespace lightbox::archive
