#pragma once
// A 5 x 7 bitmap font for the few words the test patterns carry (their label,
// "QUALITY CONTROL", level numbers). Upper case, digits and a little
// punctuation; anything else draws as a space.

#include <array>
#include <cstdint>

namespace lightbox::calibration::detail {

inline constexpr int kGlyphWidth = 5;
inline constexpr int kGlyphHeight = 7;

// Row bits of a glyph, top row first; bit 4 is the leftmost column.
std::array<std::uint8_t, kGlyphHeight> glyph(char c);

}  // namespace lightbox::calibration::detail
