#include "lightbox/core/Transcode.h"

#include "AbortGuard.h"

#include "lightbox/core/Error.h"

#include <gdcmImageChangeTransferSyntax.h>
#include <gdcmImageReader.h>
#include <gdcmImageWriter.h>
#include <gdcmTrace.h>

#include <sstream>

namespace lightbox::core {

std::string toExplicitLittleEndian(std::string_view part10, const std::string& nameForErrors) {
    gdcm::Trace::SetDebug(false);
    gdcm::Trace::SetWarning(false);
    gdcm::Trace::SetError(false);
    std::istringstream in{std::string(part10)};
    gdcm::ImageReader reader;
    reader.SetStream(in);
    bool ok = false;
    detail::runGuarded(nameForErrors, "malformed data set", [&] { ok = reader.Read(); });
    if (!ok) throw Error(ErrorCode::NotDicom, nameForErrors + ": not a readable DICOM image");
    gdcm::ImageChangeTransferSyntax change;
    change.SetTransferSyntax(gdcm::TransferSyntax::ExplicitVRLittleEndian);
    change.SetInput(reader.GetImage());
    detail::runGuarded(nameForErrors, "decoding the pixel data failed", [&] { ok = change.Change(); });
    if (!ok) throw Error(ErrorCode::DecodeFailed, nameForErrors + ": the pixel data cannot be decoded to change its transfer syntax");
    std::ostringstream out;
    gdcm::ImageWriter writer;
    writer.SetFile(reader.GetFile());
    writer.SetImage(change.GetOutput());
    writer.SetStream(out);
    detail::runGuarded(nameForErrors, "encoding the converted data set failed", [&] { ok = writer.Write(); });
    if (!ok) throw Error(ErrorCode::Io, nameForErrors + ": encoding the converted data set failed");
    return out.str();
}

}  // namespace lightbox::core
