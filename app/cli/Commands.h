#pragma once
// Sub-commands of lightbox-cli. Each returns the process exit status and
// reports failures as one line on stderr (converted from core::Error).

#include <cstdio>
#include <string>

namespace lightbox::archive {
class Archive;
}

namespace lightbox::cli {

// archive ... serve: the DICOM node on the archive, until SIGTERM.
int archiveServe(archive::Archive& archive, int argc, char** argv, int firstArgument);

int dumpCommand(int argc, char** argv);
int renderCommand(int argc, char** argv);
int renderSeriesCommand(int argc, char** argv);  // render --series DIR (RenderSeriesCommand.cpp)
bool rendersSeries(int argc, char** argv);       // `render ... --series ...`: renderCommand hands it to renderSeriesCommand
int decodeCommand(int argc, char** argv);
int seriesCommand(int argc, char** argv);
int synthCommand(int argc, char** argv);
int benchCommand(int argc, char** argv);
int archiveCommand(int argc, char** argv);
int qcCommand(int argc, char** argv);
int pacsCommand(int argc, char** argv);
int qcPatternCommand(int argc, char** argv);  // qc pattern
int qcHistoryCommand(int argc, char** argv);  // qc history
int qcReportCommand(int argc, char** argv);   // qc report (only with the GUI libraries)
int gspsCommand(int argc, char** argv);
int registerCommand(int argc, char** argv);  // register (RegisterCommand.cpp)

// Whether a command runs in lightbox-cli-imaging (VTK, ITK, Qt widgets), and
// the hand-over to it (ImagingHandOver.cpp): returns only on failure, with
// the reason.
bool runsInImaging(int argc, char** argv);
std::string handOverToImaging(char** argv);

// The real stderr for messages and progress (main.cpp sends library noise on
// stderr to /dev/null unless LIGHTBOX_DEBUG is set).
std::FILE* messageStream();

}  // namespace lightbox::cli
