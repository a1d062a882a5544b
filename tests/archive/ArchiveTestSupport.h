#pragma once
// Helpers for the archive tests: small DICOM objects made in memory with the
// attributes a test needs, synthetic patients from lightbox-cli synth, files.

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <optional>
#include <string>

namespace lightbox::test {

struct ObjectSpec {
    std::string patientId = "P1", patientName = "DOE^JOHN", birthDate = "19700101", sex = "M", issuer;
    std::string studyUid = "1.2.3.1", studyDate = "20240101", studyTime = "101500", accession = "A1";
    std::string studyDescription = "TEST STUDY", referring = "REF^DOCTOR";
    std::string seriesUid = "1.2.3.1.1", modality = "CT", seriesNumber = "1", bodyPart = "CHEST";
    std::string sopUid = "1.2.3.1.1.1", sopClassUid = "1.2.840.10008.5.1.4.1.1.7";  // Secondary Capture
    std::optional<int> instanceNumber = 1;
    std::string characterSet;  // "ISO_IR 192" for UTF-8 names
    std::string institution = "TEST HOSPITAL";
    std::string comment;       // Image Comments: changes the content without changing the UIDs
    bool privateAttributes = false;  // a private creator and one private value
};

// A Part 10 object (Explicit VR Little Endian) with a 4x4 8-bit image.
std::string makeObject(const ObjectSpec& spec);

// `lightbox-cli synth --out dir --slices n [--only item]`; false (with a QWARN) on failure.
bool synthesize(const QString& dir, int slices, const QString& only = {});

std::string readBytes(const QString& path);
// Regular files below `folder`, recursively.
std::size_t filesUnder(const QString& folder);
bool writeBytes(const QString& path, const std::string& bytes);

}  // namespace lightbox::test
