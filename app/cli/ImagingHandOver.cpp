// lightbox-cli hands the commands that need VTK, ITK or Qt's widgets to
// lightbox-cli-imaging, the executable beside it that links them (see
// app/cli/CMakeLists.txt for why). execv keeps the process: its id, its
// standard streams, its signals and its exit status are the command's.

#include "Commands.h"

#include "lightbox/core/Error.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>

namespace lightbox::cli {

bool runsInImaging(int argc, char** argv) {
    if (argc < 2) return false;
    const std::string command = argv[1];
    if (command == "register" || command == "bench") return true;
    if (command == "qc") return argc > 2 && std::strcmp(argv[2], "report") == 0;
    return command == "render" && rendersSeries(argc, argv);
}

std::string handOverToImaging(char** argv) {
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return "cannot find this executable's folder (/proc/self/exe: " + ec.message() + ")";
    const std::filesystem::path imaging = self.parent_path() / "lightbox-cli-imaging";
    ::execv(imaging.c_str(), argv);
    return imaging.string() + ": " + std::strerror(errno) + " (this command runs in lightbox-cli-imaging, installed beside lightbox-cli)";
}

// The commands lightbox-cli-imaging runs; lightbox-cli's main() never reaches them.
namespace {
[[noreturn]] void notHere(const char* command) {
    throw core::Error(core::ErrorCode::Unsupported, std::string(command) + " runs in lightbox-cli-imaging");
}
}  // namespace

int renderSeriesCommand(int, char**) { notHere("render --series"); }
int registerCommand(int, char**) { notHere("register"); }
int benchCommand(int, char**) { notHere("bench"); }
int qcReportCommand(int, char**) { notHere("qc report"); }

}  // namespace lightbox::cli
