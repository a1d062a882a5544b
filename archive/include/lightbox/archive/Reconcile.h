#pragma once
// Patient Information Reconciliation (IHE PIR): correcting a patient's
// demographics, or merging one patient ID into another, across all of the
// patient's studies - in the index and in the stored objects alike.

#include <cstddef>
#include <optional>
#include <string>

namespace lightbox::archive {

struct PatientUpdate {
    std::string patientId;                 // the patient to change, as stored
    std::optional<std::string> issuer;     // needed only where several issuers share the ID
    std::optional<std::string> newPatientId;
    std::optional<std::string> newPatientName;  // DICOM PN, UTF-8 ("DOE^JANE")
    std::optional<std::string> newBirthDate;    // YYYYMMDD
    std::optional<std::string> newSex;          // M, F, O
    // Merge: every study of `patientId` moves to this existing patient and
    // takes its demographics (unless given above); `patientId` disappears.
    std::optional<std::string> mergeIntoPatientId;
    std::optional<std::string> mergeIntoIssuer;
};

struct ReconcileReport {
    std::size_t studies = 0, instancesRewritten = 0;
    std::string patientId;  // the patient the studies belong to afterwards
    bool merged = false;
};

}  // namespace lightbox::archive
