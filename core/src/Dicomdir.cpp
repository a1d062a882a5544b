#include "lightbox/core/Dicomdir.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"

#include <algorithm>
#include <cctype>

namespace lightbox::core {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

// Media written on other systems are often upper case where the copy is not.
fs::path resolve(const fs::path& base, const std::vector<std::string>& components) {
    fs::path p = base;
    for (const std::string& c : components) {
        fs::path exact = p / c;
        std::error_code ec;
        if (fs::exists(exact, ec)) {
            p = exact;
            continue;
        }
        fs::path match;
        for (const auto& e : fs::directory_iterator(p, ec))
            if (lower(e.path().filename().string()) == lower(c)) match = e.path();
        p = match.empty() ? exact : match;
    }
    return p;
}

// Referenced File IDs are relative to the root of the file-set (PS3.10 8.2),
// also inside nested directory files.
void readInto(const fs::path& path, const fs::path& fileSetRoot, Dicomdir& out, int depth) {
    DicomFile file = DicomFile::open(path, DicomFile::Extent::HeaderOnly);
    std::vector<Dataset> records = file.items(tags::DirectoryRecordSequence);
    if (records.empty() && depth == 0 && !file.has(tags::DirectoryRecordSequence))
        throw Error(ErrorCode::InvalidArgument, path.string() + ": not a DICOMDIR (no Directory Record Sequence)");
    DicomdirEntry context;
    for (const Dataset& r : records) {
        const std::string type = r.stringOr(tags::DirectoryRecordType, "");
        if (type == "PATIENT") {
            context = {};
            context.patientId = r.stringOr(tags::PatientID, "");
            context.patientName = r.stringOr(tags::PatientName, "");
        } else if (type == "STUDY") {
            context.studyInstanceUid = r.stringOr(tags::StudyInstanceUID, "");
            context.studyDescription = r.stringOr(tags::StudyDescription, "");
            context.seriesInstanceUid.clear();
        } else if (type == "SERIES") {
            context.seriesInstanceUid = r.stringOr(tags::SeriesInstanceUID, "");
            context.modality = r.stringOr(tags::Modality, "");
        }
        std::vector<std::string> id = r.strings(tags::ReferencedFileID);
        if (id.empty()) continue;
        DicomdirEntry e = context;
        e.recordType = type;
        e.sopInstanceUid = r.stringOr(tags::ReferencedSOPInstanceUIDInFile, "");
        e.path = resolve(fileSetRoot, id);
        std::error_code ec;
        if (!fs::is_regular_file(e.path, ec)) {
            out.problems.push_back(path.string() + ": record " + type + " references missing file " + e.path.string());
            continue;
        }
        // A referenced directory file (vendor-nested DICOMDIR): follow it.
        bool nested = false;
        if (depth < 4 && type != "IMAGE") {
            try {
                DicomFile child = DicomFile::open(e.path, DicomFile::Extent::HeaderOnly);
                if (child.has(tags::DirectoryRecordSequence)) {
                    nested = true;
                    readInto(e.path, fileSetRoot, out, depth + 1);
                }
            } catch (const Error& err) {
                out.problems.push_back(err.what());
                continue;
            }
        }
        if (!nested) out.referencedFiles.push_back(std::move(e));
    }
}

}  // namespace

Dicomdir readDicomdir(const fs::path& path) {
    Dicomdir out;
    readInto(path, path.parent_path(), out, 0);
    return out;
}

}  // namespace lightbox::core
