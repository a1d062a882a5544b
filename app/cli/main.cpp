// lightbox-cli: every Lightbox capability without a display.

#include "Arguments.h"
#include "Commands.h"

#include "lightbox/core/Error.h"

#include <cstring>
#include <iostream>
#include <new>

namespace {

void usage() {
    std::cerr << "usage: lightbox-cli COMMAND ...\n"
                 "  dump FILE                          the header, one element per line (UTF-8)\n"
                 "  render FILE --out OUT.png [--frame N] [--window C,W] [--voi-index K] [--16bit]\n"
                 "                                     the displayed image after the grayscale pipeline\n";
}

}  // namespace

int main(int argc, char** argv) {
    using namespace lightbox;
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    const std::string command = argv[1];
    try {
        if (command == "dump") return cli::dumpCommand(argc, argv);
        if (command == "render") return cli::renderCommand(argc, argv);
        if (command == "decode") return cli::decodeCommand(argc, argv);
        std::cerr << "lightbox-cli: unknown command '" << command << "'\n";
        usage();
        return 2;
    } catch (const cli::UsageError& e) {
        std::cerr << "lightbox-cli " << command << ": " << e.message << "\n";
        return 2;
    } catch (const core::Error& e) {
        std::cerr << "lightbox-cli " << command << ": " << e.what() << " [" << core::errorCodeName(e.code()) << "]\n";
        return 1;
    } catch (const std::bad_alloc&) {
        std::cerr << "lightbox-cli " << command << ": out of memory\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "lightbox-cli " << command << ": " << e.what() << "\n";
        return 1;
    }
}
