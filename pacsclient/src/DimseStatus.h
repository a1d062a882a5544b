#pragma once
// Private to pacsclient: DIMSE status codes in words, for messages.

#include <cstdint>
#include <string>

namespace lightbox::pacs::detail {

enum class DimseCommand { Echo, Store, Find, Move, Get };

// "Refused: Move Destination Unknown (0xa801)".
std::string statusInWords(DimseCommand command, std::uint16_t status);

}  // namespace lightbox::pacs::detail
