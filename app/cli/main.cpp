// lightbox-cli: every Lightbox capability without a display. The same main()
// is lightbox-cli-imaging's (LIGHTBOX_CLI_IMAGING), which runs every command;
// lightbox-cli hands it those that need VTK, ITK or Qt's widgets.

#include "Arguments.h"
#include "Commands.h"

#include "lightbox/core/Error.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <new>

namespace {

// The toolkits print diagnostics of their own (GDCM's assertion text before
// an abort we recover from, OpenJPEG warnings). lightbox-cli promises one
// clear line on stderr per failure, so library output goes to /dev/null and
// our messages to the real stderr - unless LIGHTBOX_DEBUG is set.
FILE* errorStream() {
    static FILE* stream = [] {
        if (std::getenv("LIGHTBOX_DEBUG")) return stderr;
        int saved = dup(STDERR_FILENO);
        int devnull = open("/dev/null", O_WRONLY);
        if (saved < 0 || devnull < 0) return stderr;
        dup2(devnull, STDERR_FILENO);
        close(devnull);
        FILE* f = fdopen(saved, "w");
        return f ? f : stderr;
    }();
    return stream;
}

void reportError(const std::string& command, const std::string& message) {
    std::fprintf(errorStream(), "lightbox-cli %s: %s\n", command.c_str(), message.c_str());
    std::fflush(errorStream());
}

void usage() {
    std::cerr << "usage: lightbox-cli COMMAND ...\n"
                 "  dump FILE                          the header, one element per line (UTF-8)\n"
                 "  render FILE --out OUT.png [--frame N] [--window C,W] [--voi-index K] [--16bit]\n"
                 "                                     the displayed image after the grayscale pipeline\n"
                 "  render --series DIR --out OUT.png [--plane P] [--position MM] [--slab MM] [--vr PRESET] ...\n"
                 "                                     any MPR, slab or 3-D view offscreen (README)\n"
                 "  synth --out DIR [--slices N] [--matrix M] [--only NAME] [--list]\n"
                 "                                     synthetic patients as DICOM files plus DIR/truth.json\n"
                 "  archive --root DIR import|query|verify|repair|reconcile|export ...\n"
                 "                                     the embedded mini-archive (archive --help)\n"
                 "  qc gsdf|lut|evaluate|profiles ...  display calibration and QC (GSDF, LUTs, conformance)\n"
                 "  pacs --node NAME|--url URL|--aet AET --host H --port P echo|find|retrieve|send|priors ...\n"
                 "                                     a client of remote PACS over DIMSE and DICOMweb (pacs --help)\n"
                 "  qc pattern NAME --out FILE         TG18/TG270 test patterns as PNG or DICOM\n"
                 "  gsps create|show|list ...          grayscale softcopy presentation states (gsps --help)\n"
                 "  bench render [--real DIR]          rendering frame times against VTK's stock image path\n"
                 "  register --fixed DIR --moving DIR [--json]   rigid transform, moving -> fixed patient mm, and residual\n";
}

}  // namespace

std::FILE* lightbox::cli::messageStream() { return errorStream(); }

int main(int argc, char** argv) {
    using namespace lightbox;
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    const std::string command = argv[1];
#ifndef LIGHTBOX_CLI_IMAGING
    if (cli::runsInImaging(argc, argv)) {  // before stderr is taken over: the other executable does that itself
        reportError(command, cli::handOverToImaging(argv));
        return 1;
    }
#endif
    errorStream();  // take over stderr before any library call
    try {
        if (command == "dump") return cli::dumpCommand(argc, argv);
        if (command == "render") return cli::renderCommand(argc, argv);
        if (command == "decode") return cli::decodeCommand(argc, argv);
        if (command == "series") return cli::seriesCommand(argc, argv);
        if (command == "synth") return cli::synthCommand(argc, argv);
        if (command == "archive") return cli::archiveCommand(argc, argv);
        if (command == "qc") return cli::qcCommand(argc, argv);
        if (command == "pacs") return cli::pacsCommand(argc, argv);
        if (command == "gsps") return cli::gspsCommand(argc, argv);
        if (command == "bench") return cli::benchCommand(argc, argv);
        if (command == "register") return cli::registerCommand(argc, argv);
        reportError(command, "unknown command (try --help)");
        return 2;
    } catch (const cli::UsageError& e) {
        reportError(command, e.message);
        return 2;
    } catch (const core::Error& e) {
        reportError(command, std::string(e.what()) + " [" + std::string(core::errorCodeName(e.code())) + "]");
        return 1;
    } catch (const std::bad_alloc&) {
        reportError(command, "out of memory");
        return 1;
    } catch (const std::exception& e) {
        reportError(command, e.what());
        return 1;
    }
}
