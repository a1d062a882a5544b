// Archive::exportStudy: a study's objects as Part 10 files, as received or
// de-identified (Deidentifier), each written atomically.

#include "ArchiveImpl.h"
#include "Deidentifier.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/FileWrite.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <map>

namespace lightbox::archive {
namespace {

namespace fs = std::filesystem;
using core::Error;
using core::ErrorCode;


void fsyncDirectory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

ExportReport Archive::exportStudy(const std::string& studyInstanceUid, const fs::path& outDir, bool anonymize) {
    const std::vector<LocatedInstance> instances = locate(Level::Study, {{"StudyInstanceUID", studyInstanceUid}});
    if (instances.empty())
        throw Error(ErrorCode::FileNotFound, "no study with Study Instance UID " + studyInstanceUid + " in the archive");
    std::error_code ec;
    fs::create_directories(outDir, ec);
    if (ec) throw Error(ErrorCode::Io, outDir.string() + ": cannot create (" + ec.message() + ")");
    if (!fs::is_empty(outDir, ec))
        throw Error(ErrorCode::InvalidArgument, outDir.string() + ": not empty (an export never overwrites files)");

    ExportReport report;
    report.folder = outDir;
    report.studyInstanceUid = studyInstanceUid;
    report.patientId = instances.front().patientId;
    Deidentifier deidentifier;
    if (anonymize) {
        report.studyInstanceUid = deidentifier.mapUid(studyInstanceUid);
        report.patientId = deidentifier.patientId();
    }
    // <out>/S001/I00001.dcm ...: series in archive order, instances by number.
    std::map<std::string, int> seriesIndex;
    std::map<std::string, int> instanceCount;
    for (const LocatedInstance& l : instances) {
        auto [it, inserted] = seriesIndex.try_emplace(l.seriesInstanceUid, int(seriesIndex.size()) + 1);
        char folder[16], file[24];
        std::snprintf(folder, sizeof folder, "S%03d", it->second);
        std::snprintf(file, sizeof file, "I%05d.dcm", ++instanceCount[l.seriesInstanceUid]);
        const fs::path dir = outDir / folder;
        if (inserted) {
            fs::create_directories(dir, ec);
            if (ec) throw Error(ErrorCode::Io, dir.string() + ": cannot create (" + ec.message() + ")");
        }
        std::string bytes = read(l);
        if (anonymize) bytes = deidentifier.apply(std::move(bytes), l.storageKey);
        core::writeFileAtomically(dir / file, bytes);
        report.files.push_back(dir / file);
    }
    for (const auto& [uid, index] : seriesIndex) {
        char folder[16];
        std::snprintf(folder, sizeof folder, "S%03d", index);
        fsyncDirectory(outDir / folder);
    }
    fsyncDirectory(outDir);
    return report;
}

}  // namespace lightbox::archive
