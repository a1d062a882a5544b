#pragma once
// The attributes of one DICOM object that the index keeps, read through
// core's public API and normalised for matching.

#include "lightbox/archive/Sha256.h"

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
