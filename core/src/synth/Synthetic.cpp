// The entry point of the synthetic patients: checks the options, runs the
// selected items in a fixed order and writes truth.json (see Synthetic.h).

#include "lightbox/core/Synthetic.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/FileWrite.h"
#include "synth/SynthItems.h"

#include <unistd.h>

#include <fstream>
#include <functional>
#include <utility>

namespace lightbox::core {
namespace {

using ItemWriter = void (*)(synth::SynthContext&);

const std::vector<std::pair<std::string, ItemWriter>>& items() {
    static const std::vector<std::pair<std::string, ItemWriter>> list = {
        {"ct-current", synth::writeCtCurrent},
        {"ct-prior", synth::writeCtPrior},
        {"ct-head-tilt", synth::writeCtHeadTilt},
        {"mr-brain", synth::writeMrBrain},
        {"cr-current", synth::writeCrCurrent},
        {"cr-prior", synth::writeCrPrior},
        {"dx-calibration", synth::writeDxCalibration},
        {"mg-current", synth::writeMgCurrent},
        {"mg-prior", synth::writeMgPrior},
        {"mixed", synth::writeMixed},
    };
    return list;
}


}  // namespace

std::vector<std::string> syntheticItemNames() {
    std::vector<std::string> names;
    for (const auto& [name, writer] : items()) names.push_back(name);
    return names;
}

std::string writeSyntheticPatients(const std::filesystem::path& out, const SynthOptions& options) {
    if (options.slices < 1 || options.slices > 5000)
        throw Error(ErrorCode::InvalidArgument, "--slices must be between 1 and 5000");
    if (options.matrix < 16 || options.matrix > 4096)
        throw Error(ErrorCode::InvalidArgument, "--matrix must be between 16 and 4096");
    std::vector<std::pair<std::string, ItemWriter>> selected;
    for (const auto& item : items())
        if (options.only.empty() || options.only == item.first) selected.push_back(item);
    if (selected.empty()) {
        std::string known;
        for (const auto& name : syntheticItemNames()) known += (known.empty() ? "" : ", ") + name;
        throw Error(ErrorCode::InvalidArgument, "unknown synthetic item '" + options.only + "' (one of: " + known + ")");
    }
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec) throw Error(ErrorCode::Io, out.string() + ": cannot create folder (" + ec.message() + ")");

    synth::SynthContext context(out, options);
    nlohmann::json written = nlohmann::json::array();
    bool chest = false;
    for (const auto& [name, writer] : selected) {
        writer(context);
        written.push_back(name);
        chest = chest || name == "ct-current" || name == "ct-prior";
    }

    nlohmann::json& root = context.root();
    root["generator"] = "lightbox synthetic patients";
    root["version"] = 1;
    root["options"] = {{"slices", options.slices}, {"matrix", options.matrix}, {"only", options.only}};
    root["items"] = written;
    root["coordinates"] = "patient coordinates in mm, DICOM LPS (+x patient left, +y posterior, +z head)";
    root["pixelConvention"] =
        "pixel (column, row) is 0-based and names the pixel centre; a shape covers a pixel when the pixel "
        "centre lies inside it; cross-sectional pixel centre = firstImagePosition + k * sliceStep + "
        "column * pixelSpacing[1] * rowDirection + row * pixelSpacing[0] * columnDirection";
    if (chest) root["chestPhantom"] = synth::chestPhantomTruth();
    const std::string text = root.dump(2) + "\n";
    writeFileAtomically(out / "truth.json", text);
    return text;
}

}  // namespace lightbox::core
