#pragma once
// Exporting a study as Part 10 files, optionally de-identified per DICOM
// PS3.15 Annex E, Basic Application Level Confidentiality Profile.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace lightbox::archive {

struct ExportReport {
    std::filesystem::path folder;
    std::vector<std::filesystem::path> files;
    std::string studyInstanceUid;  // as written (remapped when anonymized)
    std::string patientId;         // as written (the pseudonym when anonymized)
};

}  // namespace lightbox::archive
