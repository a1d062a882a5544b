#include "DimseStatus.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/diutil.h>

#include <cstdio>

namespace lightbox::pacs::detail {

std::string statusInWords(DimseCommand command, std::uint16_t status) {
    const char* words = "";
    switch (command) {
        case DimseCommand::Echo: words = DU_cechoStatusString(status); break;
        case DimseCommand::Store: words = DU_cstoreStatusString(status); break;
        case DimseCommand::Find: words = DU_cfindStatusString(status); break;
        case DimseCommand::Move: words = DU_cmoveStatusString(status); break;
        case DimseCommand::Get: words = DU_cgetStatusString(status); break;
    }
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%04x", unsigned(status));
    return std::string(words) + " (" + hex + ")";
}

}  // namespace lightbox::pacs::detail
