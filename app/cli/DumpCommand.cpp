#include "Arguments.h"
#include "Commands.h"

#include "lightbox/core/DicomFile.h"

#include <cstdio>
#include <iostream>

namespace lightbox::cli {

// lightbox-cli dump FILE: the header, one element per line, UTF-8.
int dumpCommand(int argc, char** argv) {
    Arguments args(argc, argv, 2, {"no-meta"}, {});
    if (args.positionals().size() != 1) throw UsageError{"usage: lightbox-cli dump FILE"};
    core::DicomFile file = core::DicomFile::open(args.positionals()[0]);
    auto print = [](const core::Dataset::ElementInfo& e) {
        std::string indent(std::size_t(e.depth) * 2, ' ');
        if (e.isItem) {
            std::cout << indent << "(FFFE,E000) " << e.value << "\n";
            return;
        }
        std::cout << indent << e.tag.toString() << ' ' << (e.vr.empty() ? "??" : e.vr) << ' '
                  << (e.keyword.empty() ? (e.tag.isPrivate() ? "Private" : "Unknown") : e.keyword) << " [" << e.value << "]";
        if (e.length == 0xFFFFFFFFu) std::cout << " (undefined length)";
        std::cout << "\n";
    };
    if (!args.flag("no-meta")) {
        std::cout << "# File meta information: " << core::transferSyntaxName(file.transferSyntaxUid()) << "\n";
        file.meta().visit(print);
        std::cout << "# Data set\n";
    }
    file.visit(print);
    return 0;
}

}  // namespace lightbox::cli
