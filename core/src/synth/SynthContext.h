#pragma once
// What every synthetic item writer shares: the output folder, the options, and
// the truth.json being assembled (see Synthetic.h for its layout).

#include "synth/SynthCommon.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace lightbox::core::synth {

class SynthContext {
public:
    SynthContext(std::filesystem::path out, SynthOptions options);

    const std::filesystem::path& out() const { return out_; }
    const SynthOptions& options() const { return options_; }
    unsigned threads() const { return threads_; }

    // The truth entries, created on first use in the order items are written
    // (so truth.json is as deterministic as the files). The references stay
    // valid only until the next call that adds a patient, study or series.
    nlohmann::json& patientTruth(const PatientSpec& patient);
    nlohmann::json& studyTruth(const PatientSpec& patient, const StudySpec& study);
    nlohmann::json& seriesTruth(const PatientSpec& patient, const StudySpec& study, const SeriesSpec& series);
    nlohmann::json& root() { return root_; }

    // Writes one image atomically under out()/relative, creating folders.
    void writeImage(const DatasetBuilder& ds, const std::filesystem::path& relative) const;

private:
    std::filesystem::path out_;
    SynthOptions options_;
    unsigned threads_ = 1;
    nlohmann::json root_;
};

}  // namespace lightbox::core::synth
