#include "Arguments.h"
#include "Commands.h"

#include "lightbox/core/Synthetic.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace lightbox::cli {

// lightbox-cli synth --out DIR [--slices N] [--matrix M] [--only NAME] [--threads T]
int synthCommand(int argc, char** argv) {
    Arguments args(argc, argv, 2, {"list"}, {"out", "slices", "matrix", "only", "threads"});
    if (args.flag("list")) {
        for (const auto& name : core::syntheticItemNames()) std::cout << name << "\n";
        return 0;
    }
    const auto out = args.value("out");
    if (!out || !args.positionals().empty())
        throw UsageError{"usage: lightbox-cli synth --out DIR [--slices N] [--matrix M] [--only NAME] [--list]"};
    core::SynthOptions options;
    options.slices = int(args.integer("slices").value_or(options.slices));
    options.matrix = int(args.integer("matrix").value_or(options.matrix));
    options.only = args.value("only").value_or("");
    options.threads = unsigned(args.integer("threads").value_or(0));
    const nlohmann::json truth = nlohmann::json::parse(core::writeSyntheticPatients(*out, options));

    // One line per series: what was written and where.
    std::size_t files = 0;
    for (const auto& patient : truth["patients"])
        for (const auto& study : patient["studies"])
            for (const auto& series : study["series"]) {
                files += series["images"].get<std::size_t>();
                std::cout << series["folder"].get<std::string>() << "  " << series["modality"].get<std::string>()
                          << "  " << series["images"].get<std::size_t>() << " image(s)  \""
                          << series["description"].get<std::string>() << "\"\n";
            }
    std::cout << "Wrote " << files << " file(s) for " << truth["patients"].size() << " patient(s); truth: "
              << (std::filesystem::path(*out) / "truth.json").string() << "\n";
    return 0;
}

}  // namespace lightbox::cli
