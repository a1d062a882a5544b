#pragma once
// The attributes of one DICOM object that the index keeps, read through
// core's public API and normalised for matching.

#include "lightbox/archive/Sha256.h"
#include "lightbox/core/Tag.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lightbox::core {
class DicomFile;
}

namespace lightbox::archive {

struct InstanceRecord {
    // Patient
    std::string patientId, issuer, patientName, birthDate, sex;
    // Study
    std::string studyUid, studyDate, studyTime, accession, studyId, studyDescription, referring, institution;
    // Series
    std::string seriesUid, modality, seriesNumber, seriesDescription, seriesDate, seriesTime, bodyPart;
    // Instance
    std::string sopUid, sopClassUid, transferSyntax;
    std::optional<std::int64_t> instanceNumber;
    // The stored file
    Digest sha256{};
    std::uint64_t size = 0;
    std::int64_t receivedMs = 0;
    std::string source;
};

// Why an object cannot be archived (a missing Type 1 UID, a media directory,
// a truncated pixel value), or nullopt when it can.
std::optional<std::string> unstorableReason(const core::DicomFile& file);

bool isMediaDirectory(const core::DicomFile& file);

// Reads the indexed attributes. Call unstorableReason() first.
InstanceRecord recordFrom(const core::DicomFile& file);

// The same decisions from the top-level attributes however they were read:
// through core::DicomFile (GDCM) above, or by the store path's header scan
// (HeaderScan.h), so both give the same record and the same reasons.
class AttributeSource {
public:
    virtual ~AttributeSource() = default;
    virtual std::optional<std::string> string(core::Tag tag) const = 0;  // as core::Dataset::string
    virtual std::optional<long long> integer(core::Tag tag) const = 0;   // as core::Dataset::integer
};

// The Pixel Data element as a header-only read finds it.
struct PixelDataFacts {
    bool truncated = false;                     // core::DicomFile::pixelDataTruncated()
    std::optional<std::uint32_t> nativeLength;  // core::DicomFile::pixelDataLocation()->length
};

// A DICOMDIR: its SOP Class UID (0008,0016) or Media Storage SOP Class UID
// (0002,0002), as Dataset::stringOr(tag, "") reads them, or a Directory Record
// Sequence (0004,1220) present.
bool isMediaDirectory(std::string_view sopClassUid, std::string_view mediaStorageSopClassUid,
                      bool hasDirectoryRecordSequence);
std::optional<std::string> unstorableReason(const AttributeSource& object, bool mediaDirectory,
                                            const PixelDataFacts& pixels);
InstanceRecord recordFrom(const AttributeSource& object, std::string transferSyntax);

// Keys in the storage area. Objects are filed per study (folders from a hash
// of the Study Instance UID, so a study's objects share a folder and one
// folder flush covers a batch) and named by their content's SHA-256.
std::string instanceKey(const std::string& studyUid, const Digest& sha256);
std::string conflictKey(const Digest& sha256);

std::int64_t nowMs();

// The same data set under a different file meta header (another sender's AE
// title, another implementation) is the same object.
bool sameDataSet(std::string_view a, std::string_view b);

}  // namespace lightbox::archive
