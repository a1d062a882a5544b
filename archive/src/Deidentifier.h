#pragma once
// De-identification per DICOM PS3.15 Annex E, Basic Application Level
// Confidentiality Profile (Table E.1-1), for one export: the same original
// UID always maps to the same new UID within it, and all of its objects get
// the same pseudonymous patient.

#include <map>
#include <string>

namespace lightbox::archive {

class Deidentifier {
public:
    Deidentifier();

    // Part 10 bytes in, de-identified Part 10 bytes out (same transfer
    // syntax, pixel data untouched). Throws core::Error on unreadable input.
    std::string apply(std::string bytes, const std::string& nameForErrors);

    const std::string& patientId() const { return patientId_; }
    std::string mapUid(const std::string& original);

private:
    std::map<std::string, std::string> uids_;
    std::string patientId_;
};

}  // namespace lightbox::archive
