#pragma once
// Shared pieces of the synthetic patients: who the patient is, which study
// and series an image belongs to, the DICOM modules every image carries, and
// a noise source that gives the same numbers on every run.

#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Synthetic.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace lightbox::core::synth {

// Gaussian-like noise from a fixed seed. The shape is the sum of four
// uniform variables (Irwin-Hall), not std::normal_distribution: the standard
// leaves that distribution's algorithm to the library, and we promise
// byte-identical files across builds. The tails are bounded at +-3.46 sigma,
// which also lets tests use firm tolerances.
class NoiseSource {
public:
    explicit NoiseSource(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();          // splitmix64
    double uniform();              // [0, 1)
    double gaussian();             // mean 0, standard deviation 1

private:
    std::uint64_t state_;
};

// A stable 64-bit seed from a name (FNV-1a), so each series gets its own noise.
std::uint64_t seedFromName(const std::string& name);

struct PatientSpec {
    std::string id;
    std::string name;        // UTF-8, PN with '^' components
    std::string birthDate;   // YYYYMMDD
    std::string sex;         // M, F, O
    double heightM = 0.0;
    double weightKg = 0.0;
};

struct StudySpec {
    std::string item;         // the synthetic item name, also the UID seed
    std::string key;          // unique per study (item, or item/sub for the mixed patient)
    std::string date;         // YYYYMMDD
    std::string time;         // HHMMSS
    std::string modality;     // for the folder name and Modalities in Study
    std::string shortName;    // folder suffix: "chest", "head"
    std::string description;
    std::string accession;
    std::string studyId;
    std::string referringPhysician;

    std::string uid() const;
    std::string ageAt(const PatientSpec& patient) const;  // "054Y"
};

struct SeriesSpec {
    std::string modality;
    int number = 1;
    std::string description;
    std::string bodyPart;          // BodyPartExamined
    std::string laterality;        // series Laterality; empty: not paired / not sent
    std::string patientPosition;   // HFS...; empty for projection radiography
    std::string protocol;
    std::string sopClassUid;
    std::string time;              // SeriesTime / acquisition time HHMMSS

    std::string uid(const StudySpec& study) const;
    std::string instanceUid(const StudySpec& study, int instanceNumber) const;
};

namespace sop {
inline constexpr const char* CtImage = "1.2.840.10008.5.1.4.1.1.2";
inline constexpr const char* MrImage = "1.2.840.10008.5.1.4.1.1.4";
inline constexpr const char* CrImage = "1.2.840.10008.5.1.4.1.1.1";
inline constexpr const char* DxForPresentation = "1.2.840.10008.5.1.4.1.1.1.1";
inline constexpr const char* MgForPresentation = "1.2.840.10008.5.1.4.1.1.1.2";
}  // namespace sop

// Folders, relative to the output folder.
std::filesystem::path studyFolder(const PatientSpec& patient, const StudySpec& study);
std::filesystem::path seriesFolder(const PatientSpec& patient, const StudySpec& study, const SeriesSpec& series);
std::string imageFileName(int instanceNumber);  // IM0001.dcm

// SOP Common, Patient, General Study, Patient Study, General Series, General
// Equipment and the General Image attributes every image shares.
DatasetBuilder commonHeader(const PatientSpec& patient, const StudySpec& study, const SeriesSpec& series,
                            int instanceNumber);

// Image Pixel module for one grayscale frame of 16-bit unsigned samples
// (written little endian as OW whatever the host).
void setGrayscalePixels(DatasetBuilder& ds, int rows, int columns, int bitsStored, bool monochrome1,
                        const std::vector<std::uint16_t>& samples);

// A code sequence item (CodeValue, CodingSchemeDesignator, CodeMeaning).
DatasetBuilder codeItem(const std::string& value, const std::string& scheme, const std::string& meaning);

// Clamps and rounds a value to the stored range [0, 2^bits - 1].
std::uint16_t toStored(double value, int bits);

}  // namespace lightbox::core::synth
