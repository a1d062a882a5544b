// Names of the archive's enumerations, for messages, JSON and the command line.

#include "lightbox/archive/Integrity.h"
#include "lightbox/archive/Query.h"
#include "lightbox/archive/Store.h"

#include <cctype>

namespace lightbox::archive {

std::string_view storeStatusName(StoreStatus status) {
    switch (status) {
        case StoreStatus::Stored: return "stored";
        case StoreStatus::Duplicate: return "duplicate";
        case StoreStatus::Conflict: return "conflict";
        case StoreStatus::Rejected: return "rejected";
    }
    return "?";
}

std::string_view levelName(Level level) {
    switch (level) {
        case Level::Patient: return "PATIENT";
        case Level::Study: return "STUDY";
        case Level::Series: return "SERIES";
        case Level::Instance: return "IMAGE";
    }
    return "?";
}

std::optional<Level> parseLevel(std::string_view text) {
    std::string upper;
    for (char c : text) upper += char(std::toupper(static_cast<unsigned char>(c)));
    if (upper == "PATIENT") return Level::Patient;
    if (upper == "STUDY") return Level::Study;
    if (upper == "SERIES") return Level::Series;
    if (upper == "IMAGE" || upper == "INSTANCE") return Level::Instance;
    return std::nullopt;
}

std::vector<std::string> levelKeywords(Level level) {
    switch (level) {
        case Level::Patient:
            return {"PatientID", "IssuerOfPatientID", "PatientName", "PatientBirthDate", "PatientSex",
                    "NumberOfPatientRelatedStudies", "NumberOfPatientRelatedSeries", "NumberOfPatientRelatedInstances"};
        case Level::Study:
            return {"PatientID", "PatientName", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "StudyDate",
                    "StudyTime", "AccessionNumber", "StudyID", "StudyDescription", "ReferringPhysicianName",
                    "InstitutionName", "ModalitiesInStudy", "NumberOfStudyRelatedSeries",
                    "NumberOfStudyRelatedInstances"};
        case Level::Series:
            return {"PatientID", "PatientName", "StudyInstanceUID", "StudyDate", "AccessionNumber",
                    "SeriesInstanceUID", "Modality", "SeriesNumber", "SeriesDescription", "SeriesDate", "SeriesTime",
                    "BodyPartExamined", "NumberOfSeriesRelatedInstances"};
        case Level::Instance:
            return {"PatientID", "StudyInstanceUID", "SeriesInstanceUID", "Modality", "SOPInstanceUID",
                    "SOPClassUID", "InstanceNumber", "TransferSyntaxUID"};
    }
    return {};
}

std::string_view problemKindName(IntegrityProblem::Kind kind) {
    switch (kind) {
        case IntegrityProblem::Kind::MissingFile: return "missing-file";
        case IntegrityProblem::Kind::HashMismatch: return "hash-mismatch";
        case IntegrityProblem::Kind::SizeMismatch: return "size-mismatch";
        case IntegrityProblem::Kind::OrphanFile: return "orphan-file";
        case IntegrityProblem::Kind::UnreadableFile: return "unreadable-file";
    }
    return "?";
}

}  // namespace lightbox::archive
