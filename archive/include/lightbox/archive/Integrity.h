#pragma once
// Results of checking the archive's files against its index, and of
// rebuilding the index from the files.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lightbox::archive {

struct IntegrityProblem {
    enum class Kind {
        MissingFile,     // the index names a file that is not there
        HashMismatch,    // the file's SHA-256 differs from the index: the bytes changed
        SizeMismatch,    // the file's size differs from the index
        OrphanFile,      // a file in the store that the index does not know
        UnreadableFile,  // a file that cannot be read or parsed
    };
    Kind kind = Kind::MissingFile;
    std::string path;            // relative to the archive root
    std::string sopInstanceUid;  // when known
    std::string detail;
};
std::string_view problemKindName(IntegrityProblem::Kind kind);

struct VerifyReport {
    std::size_t instancesChecked = 0, conflictsChecked = 0, filesSeen = 0;
    std::uint64_t bytesHashed = 0;
    std::vector<IntegrityProblem> problems;
    bool ok() const { return problems.empty(); }
};

struct RepairReport {
    std::size_t filesScanned = 0;
    std::size_t instancesIndexed = 0, conflictsIndexed = 0;
    std::size_t filesMoved = 0;          // misplaced or misnamed files put where the index expects them
    std::size_t restoredFromLog = 0;     // objects whose file had not reached the disk, restored from the object log
    std::size_t rowsWithoutFiles = 0;    // rows of the old index whose files were gone
    std::vector<IntegrityProblem> quarantined;  // unreadable files, moved to <root>/quarantine
};

}  // namespace lightbox::archive
