#pragma once
// The store path's own reader of a received object's header: one pass over
// the Part 10 bytes, no allocation per element, giving exactly what
// storeObject() needs - the index record, whether the object is a media
// directory and why it cannot be stored - where GDCM (core::DicomFile) would
// build the whole data set for the same answers.
//
// It reads the file meta group (explicit VR little endian), then the data
// set's top-level elements in Explicit VR Little Endian (including every
// encapsulated syntax) or Implicit VR Little Endian, steps over sequences,
// and stops at the Pixel Data element's header, as a header-only DicomFile
// read does. Text is decoded by core's own rules (lightbox/core/ValueDecoding.h),
// and the record and the reasons come from the same functions the GDCM path
// uses (InstanceRecord.h), so the two agree.
//
// It answers only when it is certain to agree with the GDCM path; anything
// else - big endian, deflate, no "DICM" prefix, odd or out-of-place lengths,
// a length past the end, duplicate or out-of-order tags, unknown VRs, broken
// sequence structure - gives nullopt, and the caller reads the object with
// core::DicomFile as before (whose error messages stay what they are).

#include "InstanceRecord.h"

#include <optional>
#include <string>
#include <string_view>

namespace lightbox::archive {

struct ScannedObject {
    // As recordFrom() gives it (sha256, size, receivedMs and source left to the caller).
    InstanceRecord record;
    // As isMediaDirectory().
    bool mediaDirectory = false;
    // As unstorableReason().
    std::optional<std::string> unstorableReason;
    // (0008,0018) as core::Dataset::stringOr(tag, "") reads it: what a refusal names.
    std::string sopInstanceUid;
};

// Never throws; never reads outside `bytes`.
std::optional<ScannedObject> scanObject(std::string_view bytes) noexcept;

}  // namespace lightbox::archive
