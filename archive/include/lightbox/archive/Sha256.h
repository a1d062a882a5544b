#pragma once
// SHA-256 (FIPS 180-4) for the checksums of stored objects. Small and
// dependency-free: the archive must not pull in a crypto library for this.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lightbox::archive {

using Digest = std::array<std::uint8_t, 32>;

class Sha256 {
public:
    Sha256();
    void update(const void* data, std::size_t size);
    void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
    Digest finish();  // the object is spent afterwards

    static Digest of(std::string_view bytes);

private:
    void block(const std::uint8_t* p);
    std::array<std::uint32_t, 8> h_;
    std::array<std::uint8_t, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0;
};

std::string toHex(const Digest& digest);
// Parses 64 hexadecimal digits; false on anything else.
bool fromHex(std::string_view hex, Digest& out);

}  // namespace lightbox::archive
