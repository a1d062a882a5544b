#pragma once
// DICOMDIR (PS3.10 media directory, PS3.3 F.3): the patient / study / series
// / image records and the files they reference, following nested directory
// files such as Philips' per-study DIRFILEs.

#include <filesystem>
#include <string>
#include <vector>

namespace lightbox::core {

struct DicomdirEntry {
    std::filesystem::path path;  // resolved against the DICOMDIR's folder
    std::string recordType;      // IMAGE, PRESENTATION, SR DOCUMENT, ...
    std::string patientId, patientName, studyInstanceUid, studyDescription, seriesInstanceUid, modality;
    std::string sopInstanceUid;
};

struct Dicomdir {
    std::vector<DicomdirEntry> referencedFiles;
    std::vector<std::string> problems;  // missing files, unusable records
};

// Throws Error if `path` is not a readable DICOMDIR.
Dicomdir readDicomdir(const std::filesystem::path& path);

}  // namespace lightbox::core
