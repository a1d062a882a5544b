#pragma once
// Hanging protocols: how a study is laid out for reading, kept as data - one
// JSON file per protocol (resources/hanging-protocols/*.json, the format is
// in resources/README.md). A protocol says which studies it is for (modality,
// body part, study description, how many priors), its layout, and per
// viewport which study (current, prior 1 = the most relevant prior, prior N),
// which series or image (modality, description keywords, plane, contrast,
// view position and laterality), which window preset and plane to show.
// Stages are further arrangements of the same study (e.g. lung windows).
//
// Keys, for the help overlay (ReadingArea binds them):
//   Shift+PgDown   next stage of the hanging protocol
//   Shift+PgUp     previous stage
//   (drag a series thumbnail onto a viewport to override what hangs there)
//
// Built-in protocols are installed beside the executable
// (../share/lightbox/hanging-protocols) or read from the source tree; the
// user's folder ($XDG_CONFIG_HOME/lightbox/hanging-protocols, or
// $LIGHTBOX_HANGING_PROTOCOLS) adds protocols and replaces built-ins of the
// same name.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

class QByteArray;

namespace lightbox::viewer {

// A plane. For a series selector: the plane the series was acquired in
// (from its orientation); for what a viewport shows: Any = that plane.
enum class HangingPlane { Any, Axial, Coronal, Sagittal };
std::optional<HangingPlane> parseHangingPlane(const std::string& text);  // any|acquisition, axial, coronal, sagittal
std::string hangingPlaneName(HangingPlane plane);

// Which series (or, with view positions / laterality, which image of a
// series) a viewport takes. Modality, plane, view position and laterality
// must match; keywords and contrast are preferences: of the series that
// match, one that has them wins (then a volume over single images, then the
// one with most images, then the lowest series number).
struct SeriesSelector {
    std::vector<std::string> modalities;     // upper case; empty: any
    HangingPlane plane = HangingPlane::Any;  // acquisition plane
    std::vector<std::string> keywords;       // any of them in the series description (case-insensitive)
    std::optional<bool> contrast;            // Contrast/Bolus Agent recorded or not
    std::vector<std::string> viewPositions;  // images whose View Position is one of them (PA, LL, CC, MLO)
    std::string laterality;                  // R or L: images of that side
};

struct ViewportRule {
    int study = 0;  // 0 the current study, 1 the most relevant prior, N the N-th prior
    SeriesSelector series;
    HangingPlane plane = HangingPlane::Any;  // the plane shown (MPR when it is not the acquisition plane)
    std::string window;                      // a preset name (windowPresetNames()); empty: the file's window
    // Projection images: the wanted Patient Orientation ("P" or "P\F": the
    // direction of the rows, then of the columns); an image stored the
    // other way round is flipped to it (mammograms back to back).
    std::string orientation;
};

struct HangingStage {
    std::string name;
    int rows = 1, columns = 1;
    std::vector<ViewportRule> viewports;  // row by row, rows x columns of them
};

// Which current studies a protocol is for. Every given rule must hold; the
// anatomy rules (body parts, description pattern, keywords) count as one:
// any of them matching is enough.
struct HangingMatch {
    std::vector<std::string> modalities;  // a series of the study has one of them; empty: any
    std::vector<std::string> bodyParts;   // a series' Body Part Examined is one of them (upper case)
    std::string studyDescription;         // regular expression searched case-insensitively
    std::vector<std::string> keywords;    // any of them in the study or a series description
    int minimumPriors = 0;                // relevant priors known (local or on their way)
};

struct HangingProtocol {
    std::string name;
    std::string description;
    int priority = 0;  // the highest priority of the protocols that match wins
    HangingMatch match;
    std::vector<HangingStage> stages;  // at least one
    std::filesystem::path file;        // where it was read from
};

// Window preset names a protocol may use: brain, lung, mediastinum, bone,
// abdomen, liver (the CT presets of WindowPresets, keys 1-6).
std::vector<std::string> windowPresetNames();
// The preset's index in ctWindowPresets(), or -1 for an unknown name.
int windowPresetIndex(const std::string& name);

// Reads one protocol; throws core::Error naming `origin` and the problem.
HangingProtocol parseHangingProtocol(const QByteArray& json, const std::string& origin);
HangingProtocol readHangingProtocol(const std::filesystem::path& file);

struct HangingProtocolSet {
    std::vector<HangingProtocol> protocols;  // by name; a later folder replaces an earlier one's protocol
    std::vector<std::string> errors;         // files that could not be read ("file: problem"), skipped
};
// Reads every *.json of the folders in order (missing folders are skipped).
HangingProtocolSet loadHangingProtocols(const std::vector<std::filesystem::path>& folders);
// The built-in folder (installed, else the source tree's resources/), then the user's.
std::vector<std::filesystem::path> hangingProtocolFolders();
HangingProtocolSet defaultHangingProtocols();

}  // namespace lightbox::viewer
