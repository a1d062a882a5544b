#include "synth/SynthCommon.h"

#include "lightbox/core/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lightbox::core::synth {
namespace {

// Attributes Tag.h does not name (it lists what readers need; the writer of
// complete modules needs more).
constexpr Tag InstanceCreationDate{0x0008, 0x0012};
constexpr Tag InstanceCreationTime{0x0008, 0x0013};
constexpr Tag InstanceCreatorUID{0x0008, 0x0014};
constexpr Tag AcquisitionDate{0x0008, 0x0022};
constexpr Tag ContentDate{0x0008, 0x0023};
constexpr Tag SeriesTime{0x0008, 0x0031};
constexpr Tag AcquisitionTime{0x0008, 0x0032};
constexpr Tag ContentTime{0x0008, 0x0033};
constexpr Tag InstitutionAddress{0x0008, 0x0081};
constexpr Tag TimezoneOffsetFromUTC{0x0008, 0x0201};
constexpr Tag StationName{0x0008, 0x1010};
constexpr Tag InstitutionalDepartmentName{0x0008, 0x1040};
constexpr Tag OperatorsName{0x0008, 0x1070};
constexpr Tag ManufacturerModelName{0x0008, 0x1090};
constexpr Tag IssuerOfPatientID{0x0010, 0x0021};
constexpr Tag PatientAge{0x0010, 0x1010};
constexpr Tag PatientSize{0x0010, 0x1020};
constexpr Tag PatientWeight{0x0010, 0x1030};
constexpr Tag DeviceSerialNumber{0x0018, 0x1000};
constexpr Tag SoftwareVersions{0x0018, 0x1020};
constexpr Tag ProtocolName{0x0018, 0x1030};
constexpr Tag PatientPosition{0x0018, 0x5100};
constexpr Tag AcquisitionNumber{0x0020, 0x0012};
constexpr Tag CodeValue{0x0008, 0x0100};
constexpr Tag CodingSchemeDesignator{0x0008, 0x0102};
constexpr Tag CodeMeaning{0x0008, 0x0104};

// The root under which uidFromName() names everything we generate.
const std::string kUidRoot = "lightbox-synthetic/";

}  // namespace

std::uint64_t NoiseSource::next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double NoiseSource::uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

double NoiseSource::gaussian() {
    // Four 16-bit uniforms from one draw: mean 4 * 32767.5, variance 4 * (65536^2 - 1) / 12.
    const std::uint64_t r = next();
    const double sum = double(r & 0xFFFF) + double((r >> 16) & 0xFFFF) + double((r >> 32) & 0xFFFF) +
                       double((r >> 48) & 0xFFFF);
    constexpr double mean = 2.0 * 65535.0;
    static const double sd = std::sqrt(4.0 * (65536.0 * 65536.0 - 1.0) / 12.0);
    return (sum - mean) / sd;
}

std::uint64_t seedFromName(const std::string& name) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : name) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::string StudySpec::uid() const { return uidFromName(kUidRoot + key + "/study"); }

std::string StudySpec::ageAt(const PatientSpec& patient) const {
    if (patient.birthDate.size() != 8 || date.size() != 8) return {};
    const int by = std::stoi(patient.birthDate.substr(0, 4)), bmd = std::stoi(patient.birthDate.substr(4));
    const int sy = std::stoi(date.substr(0, 4)), smd = std::stoi(date.substr(4));
    const int years = sy - by - (smd < bmd ? 1 : 0);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%03dY", std::clamp(years, 0, 999));
    return buf;
}

std::string SeriesSpec::uid(const StudySpec& study) const {
    return uidFromName(kUidRoot + study.key + "/series/" + std::to_string(number));
}

std::string SeriesSpec::instanceUid(const StudySpec& study, int instanceNumber) const {
    return uidFromName(kUidRoot + study.key + "/series/" + std::to_string(number) + "/instance/" +
                       std::to_string(instanceNumber));
}

std::filesystem::path studyFolder(const PatientSpec& patient, const StudySpec& study) {
    return std::filesystem::path(patient.id) / (study.date + "_" + study.modality + "_" + study.shortName);
}

std::filesystem::path seriesFolder(const PatientSpec& patient, const StudySpec& study, const SeriesSpec& series) {
    return studyFolder(patient, study) / std::to_string(series.number);
}

std::string imageFileName(int instanceNumber) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "IM%04d.dcm", instanceNumber);
    return buf;
}

DatasetBuilder commonHeader(const PatientSpec& patient, const StudySpec& study, const SeriesSpec& series,
                            int instanceNumber) {
    // Acquisition a few seconds apart per image, so times are plausible and unique.
    const std::string acquisitionTime = series.time.empty() ? study.time : series.time;
    DatasetBuilder ds;
    // SOP Common
    ds.text(tags::SpecificCharacterSet, "CS", "ISO_IR 192")
        .text(tags::SOPClassUID, "UI", series.sopClassUid)
        .text(tags::SOPInstanceUID, "UI", series.instanceUid(study, instanceNumber))
        .text(InstanceCreationDate, "DA", study.date)
        .text(InstanceCreationTime, "TM", acquisitionTime)
        .text(InstanceCreatorUID, "UI", uidFromName(kUidRoot + "creator"))
        .text(TimezoneOffsetFromUTC, "SH", "+0100");
    // Patient
    ds.text(tags::PatientName, "PN", patient.name)
        .text(tags::PatientID, "LO", patient.id)
        .text(IssuerOfPatientID, "LO", "LIGHTBOX-SYNTH")
        .text(tags::PatientBirthDate, "DA", patient.birthDate)
        .text(tags::PatientSex, "CS", patient.sex);
    // General Study + Patient Study
    ds.text(tags::StudyInstanceUID, "UI", study.uid())
        .text(tags::StudyDate, "DA", study.date)
        .text(tags::StudyTime, "TM", study.time)
        .text(tags::ReferringPhysicianName, "PN", study.referringPhysician)
        .text(tags::StudyID, "SH", study.studyId)
        .text(tags::AccessionNumber, "SH", study.accession)
        .text(tags::StudyDescription, "LO", study.description);
    const std::string age = study.ageAt(patient);
    if (!age.empty()) ds.text(PatientAge, "AS", age);
    if (patient.heightM > 0) ds.text(PatientSize, "DS", formatDs(patient.heightM));
    if (patient.weightKg > 0) ds.text(PatientWeight, "DS", formatDs(patient.weightKg));
    // General Series
    ds.text(tags::Modality, "CS", series.modality)
        .text(tags::SeriesInstanceUID, "UI", series.uid(study))
        .text(tags::SeriesNumber, "IS", std::to_string(series.number))
        .text(tags::SeriesDate, "DA", study.date)
        .text(SeriesTime, "TM", acquisitionTime)
        .text(tags::SeriesDescription, "LO", series.description)
        .text(ProtocolName, "LO", series.protocol.empty() ? series.description : series.protocol)
        .text(OperatorsName, "PN", "SYNTH^OPERATOR")
        .text(tags::BodyPartExamined, "CS", series.bodyPart);
    if (!series.laterality.empty()) ds.text(tags::Laterality, "CS", series.laterality);
    if (!series.patientPosition.empty()) ds.text(PatientPosition, "CS", series.patientPosition);
    // General Equipment
    ds.text(tags::Manufacturer, "LO", "Lightbox")
        .text(tags::InstitutionName, "LO", "Lightbox Synthetic Hospital")
        .text(InstitutionAddress, "ST", "1 Phantom Road, Testville")
        .text(StationName, "SH", "SYNTH-" + series.modality)
        .text(InstitutionalDepartmentName, "LO", "Radiology")
        .text(ManufacturerModelName, "LO", "Synthetic " + series.modality)
        .text(DeviceSerialNumber, "LO", "LBX-0001")
        .text(SoftwareVersions, "LO", "lightbox-synth 1");
    // General Image
    ds.text(tags::InstanceNumber, "IS", std::to_string(instanceNumber))
        .text(AcquisitionNumber, "IS", "1")
        .text(AcquisitionDate, "DA", study.date)
        .text(AcquisitionTime, "TM", acquisitionTime)
        .text(ContentDate, "DA", study.date)
        .text(ContentTime, "TM", acquisitionTime);
    return ds;
}

void setGrayscalePixels(DatasetBuilder& ds, int rows, int columns, int bitsStored, bool monochrome1,
                        const std::vector<std::uint16_t>& samples) {
    if (samples.size() != std::size_t(rows) * std::size_t(columns))
        throw Error(ErrorCode::InvalidArgument, "synthetic image: sample count does not match rows x columns");
    std::vector<std::uint8_t> bytes(samples.size() * 2);
    for (std::size_t i = 0; i < samples.size(); ++i) {
        bytes[2 * i] = std::uint8_t(samples[i] & 0xFF);
        bytes[2 * i + 1] = std::uint8_t(samples[i] >> 8);
    }
    ds.us(tags::SamplesPerPixel, 1)
        .text(tags::PhotometricInterpretation, "CS", monochrome1 ? "MONOCHROME1" : "MONOCHROME2")
        .us(tags::Rows, std::uint16_t(rows))
        .us(tags::Columns, std::uint16_t(columns))
        .us(tags::BitsAllocated, 16)
        .us(tags::BitsStored, std::uint16_t(bitsStored))
        .us(tags::HighBit, std::uint16_t(bitsStored - 1))
        .us(tags::PixelRepresentation, 0)
        .binary(tags::PixelData, "OW", bytes);
}

DatasetBuilder codeItem(const std::string& value, const std::string& scheme, const std::string& meaning) {
    DatasetBuilder item;
    item.text(CodeValue, "SH", value).text(CodingSchemeDesignator, "SH", scheme).text(CodeMeaning, "LO", meaning);
    return item;
}

std::uint16_t toStored(double value, int bits) {
    const double maxValue = double((1 << bits) - 1);
    return std::uint16_t(std::clamp(std::round(value), 0.0, maxValue));
}

}  // namespace lightbox::core::synth
