#include "synth/SynthContext.h"

#include "lightbox/core/Error.h"

#include <algorithm>
#include <system_error>
#include <thread>

namespace lightbox::core::synth {

SynthContext::SynthContext(std::filesystem::path out, SynthOptions options)
    : out_(std::move(out)), options_(std::move(options)) {
    // Twice the cores by default: every file ends with an fsync, and a thread
    // waiting for the disk leaves its core free for another slice.
    threads_ = options_.threads ? options_.threads : std::max(4u, 2 * std::thread::hardware_concurrency());
    root_["patients"] = nlohmann::json::array();
}

nlohmann::json& SynthContext::patientTruth(const PatientSpec& patient) {
    nlohmann::json& patients = root_["patients"];
    for (nlohmann::json& p : patients)
        if (p["patientId"] == patient.id) return p;
    nlohmann::json p;
    p["patientId"] = patient.id;
    p["patientName"] = patient.name;
    p["birthDate"] = patient.birthDate;
    p["sex"] = patient.sex;
    p["folder"] = patient.id;
    p["studies"] = nlohmann::json::array();
    patients.push_back(std::move(p));
    return patients.back();
}

nlohmann::json& SynthContext::studyTruth(const PatientSpec& patient, const StudySpec& study) {
    nlohmann::json& studies = patientTruth(patient)["studies"];
    const std::string uid = study.uid();
    for (nlohmann::json& s : studies)
        if (s["studyInstanceUid"] == uid) return s;
    nlohmann::json s;
    s["item"] = study.item;
    s["studyInstanceUid"] = uid;
    s["studyDate"] = study.date;
    s["studyTime"] = study.time;
    s["studyId"] = study.studyId;
    s["accessionNumber"] = study.accession;
    s["description"] = study.description;
    s["modality"] = study.modality;
    s["folder"] = studyFolder(patient, study).generic_string();
    s["series"] = nlohmann::json::array();
    studies.push_back(std::move(s));
    return studies.back();
}

nlohmann::json& SynthContext::seriesTruth(const PatientSpec& patient, const StudySpec& study,
                                          const SeriesSpec& series) {
    nlohmann::json& list = studyTruth(patient, study)["series"];
    const std::string uid = series.uid(study);
    for (nlohmann::json& s : list)
        if (s["seriesInstanceUid"] == uid) return s;
    nlohmann::json s;
    s["seriesInstanceUid"] = uid;
    s["seriesNumber"] = series.number;
    s["modality"] = series.modality;
    s["description"] = series.description;
    s["bodyPart"] = series.bodyPart;
    if (!series.laterality.empty()) s["laterality"] = series.laterality;
    s["sopClassUid"] = series.sopClassUid;
    s["folder"] = seriesFolder(patient, study, series).generic_string();
    s["images"] = 0;
    s["instances"] = nlohmann::json::array();
    list.push_back(std::move(s));
    return list.back();
}

void SynthContext::writeImage(const DatasetBuilder& ds, const std::filesystem::path& relative) const {
    const std::filesystem::path path = out_ / relative;
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) throw Error(ErrorCode::Io, path.parent_path().string() + ": cannot create folder (" + ec.message() + ")");
    ds.write(path);
}

}  // namespace lightbox::core::synth
