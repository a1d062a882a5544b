// lightbox-cli archive --root DIR SUBCOMMAND ...: the embedded mini-archive
// without a display (import, query, verify, repair, reconcile, export).

#include "Arguments.h"
#include "Commands.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/Error.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>
#include <iostream>

namespace lightbox::cli {
namespace {

const char* kUsage =
    "usage: lightbox-cli archive --root DIR SUBCOMMAND ...\n"
    "  import PATH... [--json] [--progress] [--threads N]\n"
    "  query [--level patient|study|series|image] [--patient-id X] [--patient-name PATTERN]\n"
    "        [--study-date RANGE] [--study-time RANGE] [--combined-datetime] [--modality M] [--accession A]\n"
    "        [--study-uid U] [--series-uid U]\n"
    "        [--sop-uid U] [--limit N] [--json]\n"
    "  verify [--json] [--progress]\n"
    "  repair [--json] [--progress]\n"
    "  reconcile --patient-id X [--issuer I] [--new-id Y] [--name N] [--birth-date D] [--sex S] [--merge-into Z]\n"
    "  export --study UID --out DIR [--anonymize]\n"
    "  stats | conflicts\n"
    "  resolve --conflict ID --keep archived|received";

void message(const std::string& text) {
    std::fputs(text.c_str(), messageStream());
    std::fflush(messageStream());
}

nlohmann::json summaryJson(const archive::ImportSummary& s) {
    nlohmann::json j;
    j["found"] = s.found;
    j["imported"] = s.imported;
    j["duplicates"] = s.duplicates;
    j["mediaDirectories"] = s.mediaDirectories;
    j["conflicts"] = nlohmann::json::array();
    for (const auto& c : s.conflicts) j["conflicts"].push_back({{"source", c.source}, {"reason", c.reason}});
    j["rejected"] = nlohmann::json::array();
    for (const auto& r : s.rejected) j["rejected"].push_back({{"source", r.source}, {"reason", r.reason}});
    j["cancelled"] = s.cancelled;
    if (!s.error.empty()) j["error"] = s.error;
    return j;
}

// import PATH...: with --json one line per object as soon as its outcome is
// durable ({"status", "source", "SOPInstanceUID", ...}), then {"summary": ...}.
int importCommand(archive::Archive& a, int argc, char** argv, int first) {
    Arguments args(argc, argv, first, {"json", "progress"}, {"threads", "root"});
    if (args.positionals().empty()) throw UsageError{"archive import needs at least one PATH"};
    std::vector<std::filesystem::path> paths(args.positionals().begin(), args.positionals().end());
    const bool json = args.flag("json"), progress = args.flag("progress");
    archive::ImportOptions options;
    options.threads = unsigned(args.integer("threads").value_or(0));
    options.progress = [&](const archive::ImportProgress& p) {
        if (json) {
            nlohmann::json line = {{"status", archive::storeStatusName(p.result->status)}, {"source", p.source}};
            if (!p.result->sopInstanceUid.empty()) line["SOPInstanceUID"] = p.result->sopInstanceUid;
            if (!p.result->studyInstanceUid.empty()) line["StudyInstanceUID"] = p.result->studyInstanceUid;
            if (!p.result->path.empty()) line["path"] = p.result->path.string();
            if (!p.result->reason.empty()) line["reason"] = p.result->reason;
            std::cout << line.dump() << std::endl;  // flushed: a reader may rely on every line it saw
        }
        if (progress && (p.done % 50 == 0 || p.done == p.total))
            message("import: " + std::to_string(p.done) + "/" + std::to_string(p.total) + "\n");
    };
    const archive::ImportSummary s = a.importPaths(paths, options);
    if (json) {
        std::cout << nlohmann::json{{"summary", summaryJson(s)}}.dump() << std::endl;
    } else {
        std::cout << "Imported " << s.imported << " of " << s.found << " object(s): " << s.duplicates
                  << " duplicate(s), " << s.conflicts.size() << " conflict(s), " << s.rejected.size() << " rejected\n";
        for (const auto& c : s.conflicts) std::cout << "  conflict: " << c.source << ": " << c.reason << "\n";
        for (const auto& r : s.rejected) std::cout << "  rejected: " << r.reason << "\n";
        if (s.cancelled) std::cout << "  stopped before the end\n";
    }
    if (!s.error.empty()) throw core::Error(core::ErrorCode::Io, s.error);
    if (s.found == 0 && !s.rejected.empty()) {
        message("lightbox-cli archive import: nothing to import (" + s.rejected.front().reason + ")\n");
        return 1;
    }
    return 0;
}

int queryCommand(archive::Archive& a, int argc, char** argv, int first) {
    Arguments args(argc, argv, first, {"json", "combined-datetime"},
                   {"level", "patient-id", "patient-name", "study-date", "study-time", "modality", "accession",
                    "study-uid", "series-uid", "sop-uid", "limit", "root"});
    if (!args.positionals().empty()) throw UsageError{"archive query takes options only"};
    archive::Query q;
    if (auto level = args.value("level")) {
        auto parsed = archive::parseLevel(*level);
        if (!parsed) throw UsageError{"--level must be patient, study, series or image"};
        q.level = *parsed;
    }
    auto match = [&](const char* option, const std::string& keyword) {
        if (auto v = args.value(option)) q.match.emplace_back(keyword, *v);
    };
    match("patient-id", "PatientID");
    match("patient-name", "PatientName");
    match("study-date", "StudyDate");
    match("study-time", "StudyTime");
    q.combinedDateTime = args.flag("combined-datetime");
    // A modality names the series; above series level it is ModalitiesInStudy.
    match("modality", q.level == archive::Level::Patient || q.level == archive::Level::Study ? "ModalitiesInStudy"
                                                                                           : "Modality");
    match("accession", "AccessionNumber");
    match("study-uid", "StudyInstanceUID");
    match("series-uid", "SeriesInstanceUID");
    match("sop-uid", "SOPInstanceUID");
    if (auto limit = args.integer("limit")) {
        if (*limit < 0) throw UsageError{"--limit must not be negative"};
        q.limit = std::size_t(*limit);
    }
    q.returnKeys = archive::levelKeywords(q.level);
    const std::vector<archive::QueryRow> rows = a.query(q);
    for (const auto& row : rows) {
        if (args.flag("json")) {
            nlohmann::json j = nlohmann::json::object();
            for (const auto& [k, v] : row) j[k] = v;
            std::cout << j.dump() << "\n";
        } else {
            std::string line;
            for (const std::string& k : q.returnKeys) line += (line.empty() ? "" : "\t") + row.at(k);
            std::cout << line << "\n";
        }
    }
    return 0;
}

int verifyCommand(archive::Archive& a, int argc, char** argv, int first) {
    Arguments args(argc, argv, first, {"json", "progress"}, {"root"});
    const archive::VerifyReport r = a.verify([&](std::size_t done, std::size_t total) {
        if (args.flag("progress") && (done % 500 == 0 || done == total))
            message("verify: " + std::to_string(done) + "/" + std::to_string(total) + "\n");
    });
    if (args.flag("json")) {
        nlohmann::json j = {{"ok", r.ok()},
                            {"instancesChecked", r.instancesChecked},
                            {"conflictsChecked", r.conflictsChecked},
                            {"filesSeen", r.filesSeen},
                            {"bytesHashed", r.bytesHashed},
                            {"problems", nlohmann::json::array()}};
        for (const auto& p : r.problems)
            j["problems"].push_back({{"kind", archive::problemKindName(p.kind)}, {"path", p.path},
                                     {"SOPInstanceUID", p.sopInstanceUid}, {"detail", p.detail}});
        std::cout << j.dump() << "\n";
    } else {
        std::cout << "Checked " << r.instancesChecked << " object(s) and " << r.conflictsChecked << " conflict(s), "
                  << r.bytesHashed << " bytes hashed: " << (r.ok() ? "all intact" : std::to_string(r.problems.size()) + " problem(s)")
                  << "\n";
        for (const auto& p : r.problems)
            std::cout << "  " << archive::problemKindName(p.kind) << ": " << p.path << " " << p.detail << "\n";
    }
    if (!r.ok()) message("lightbox-cli archive verify: " + std::to_string(r.problems.size()) + " problem(s) found\n");
    return r.ok() ? 0 : 1;
}

int repairCommand(const std::filesystem::path& root, int argc, char** argv, int first) {
    Arguments args(argc, argv, first, {"json", "progress"}, {"root"});
    const archive::RepairReport r = archive::Archive::repair(root, [&](std::size_t done, std::size_t total) {
        if (args.flag("progress") && (done % 500 == 0 || done == total))
            message("repair: " + std::to_string(done) + "/" + std::to_string(total) + "\n");
    });
    if (args.flag("json")) {
        nlohmann::json j = {{"filesScanned", r.filesScanned}, {"instancesIndexed", r.instancesIndexed},
                            {"conflictsIndexed", r.conflictsIndexed}, {"filesMoved", r.filesMoved},
                            {"restoredFromLog", r.restoredFromLog}, {"rowsWithoutFiles", r.rowsWithoutFiles}, {"quarantined", nlohmann::json::array()}};
        for (const auto& q : r.quarantined) j["quarantined"].push_back({{"path", q.path}, {"detail", q.detail}});
        std::cout << j.dump() << "\n";
    } else {
        std::cout << "Rebuilt the index from " << r.filesScanned << " file(s): " << r.instancesIndexed << " object(s), "
                  << r.conflictsIndexed << " conflict(s), " << r.filesMoved << " file(s) moved into place, "
                  << r.restoredFromLog << " restored from the object log, "
                  << r.rowsWithoutFiles << " old index row(s) had no file\n";
        for (const auto& q : r.quarantined) std::cout << "  quarantined: " << q.path << ": " << q.detail << "\n";
    }
    return 0;
}

int reconcileCommand(archive::Archive& a, int argc, char** argv, int first) {
    Arguments args(argc, argv, first, {"json"},
                   {"patient-id", "issuer", "new-id", "name", "birth-date", "sex", "merge-into", "root"});
    archive::PatientUpdate u;
    auto id = args.value("patient-id");
    if (!id || id->empty()) throw UsageError{"archive reconcile needs --patient-id"};
    u.patientId = *id;
    u.issuer = args.value("issuer");
    u.newPatientId = args.value("new-id");
    u.newPatientName = args.value("name");
    u.newBirthDate = args.value("birth-date");
    u.newSex = args.value("sex");
    u.mergeIntoPatientId = args.value("merge-into");
    if (u.mergeIntoPatientId && u.newPatientId) throw UsageError{"--merge-into and --new-id exclude each other"};
    const archive::ReconcileReport r = a.reconcile(u);
    if (args.flag("json"))
        std::cout << nlohmann::json{{"PatientID", r.patientId}, {"studies", r.studies},
                                    {"instancesRewritten", r.instancesRewritten}, {"merged", r.merged}}.dump()
                  << "\n";
    else
        std::cout << (r.merged ? "Merged " : "Updated ") << r.studies << " study(ies), " << r.instancesRewritten
                  << " object(s) rewritten; patient is now " << r.patientId << "\n";
    return 0;
}

int exportCommand(archive::Archive& a, int argc, char** argv, int first) {
    Arguments args(argc, argv, first, {"anonymize", "json"}, {"study", "out", "root"});
    auto study = args.value("study");
    auto out = args.value("out");
    if (!study || !out) throw UsageError{"archive export needs --study UID and --out DIR"};
    const archive::ExportReport r = a.exportStudy(*study, *out, args.flag("anonymize"));
    if (args.flag("json")) {
        nlohmann::json files = nlohmann::json::array();
        for (const auto& f : r.files) files.push_back(f.string());
        std::cout << nlohmann::json{{"folder", r.folder.string()}, {"StudyInstanceUID", r.studyInstanceUid},
                                    {"PatientID", r.patientId}, {"files", files}}.dump()
                  << "\n";
    } else {
        std::cout << "Exported " << r.files.size() << " file(s) to " << r.folder.string() << " (Study Instance UID "
                  << r.studyInstanceUid << ", Patient ID " << r.patientId << ")\n";
    }
    return 0;
}

int statsCommand(archive::Archive& a) {
    const archive::ArchiveStatistics s = a.statistics();
    std::cout << nlohmann::json{{"patients", s.patients}, {"studies", s.studies}, {"series", s.series},
                                {"instances", s.instances}, {"conflicts", s.conflicts}, {"bytes", s.bytes},
                                {"schemaVersion", a.schemaVersion()}}.dump()
              << "\n";
    return 0;
}

int conflictsCommand(archive::Archive& a) {
    for (const auto& c : a.conflicts())
        std::cout << nlohmann::json{{"id", c.id}, {"SOPInstanceUID", c.sopInstanceUid},
                                    {"StudyInstanceUID", c.studyInstanceUid}, {"PatientID", c.patientId},
                                    {"source", c.source}, {"reason", c.reason}, {"path", c.path.string()}}.dump()
                  << "\n";
    return 0;
}

// resolve --conflict ID --keep archived|received
int resolveCommand(archive::Archive& a, int argc, char** argv, int first) {
    Arguments args(argc, argv, first, {}, {"conflict", "keep", "root"});
    const auto id = args.integer("conflict");
    const std::string keep = args.value("keep").value_or("");
    if (!id || (keep != "archived" && keep != "received"))
        throw UsageError{"usage: archive --root DIR resolve --conflict ID --keep archived|received"};
    const auto how = keep == "archived" ? archive::ConflictResolution::KeepArchived
                                        : archive::ConflictResolution::KeepReceived;
    a.resolveConflict(*id, how);
    std::cout << nlohmann::json{{"resolved", *id}, {"kept", keep}}.dump() << "\n";
    return 0;
}

}  // namespace

int archiveCommand(int argc, char** argv) {
    // --root may come before the subcommand; the subcommand's own options follow it.
    std::optional<std::string> root;
    int sub = 0;
    for (int i = 2; i < argc && !sub; ++i) {
        const std::string a = argv[i];
        if (a == "--root" && i + 1 < argc) root = argv[++i];
        else if (a.rfind("--root=", 0) == 0) root = a.substr(7);
        else if (a == "--help" || a == "-h") {
            std::cout << kUsage << "\n";
            return 0;
        } else if (a.rfind("--", 0) == 0) throw UsageError{"unknown option " + a + " (try archive --help)"};
        else sub = i;
    }
    if (!sub) throw UsageError{"no subcommand (try archive --help)"};
    for (int i = sub + 1; i < argc; ++i) {  // --root after the subcommand is fine too
        if (!std::strcmp(argv[i], "--root") && i + 1 < argc) root = argv[i + 1];
        else if (!std::strncmp(argv[i], "--root=", 7)) root = argv[i] + 7;
    }
    if (!root || root->empty()) throw UsageError{"archive needs --root DIR (try archive --help)"};
    const std::string command = argv[sub];
    const int first = sub + 1;
    // repair runs on the files alone, with the archive closed everywhere.
    if (command == "repair") return repairCommand(*root, argc, argv, first);
    if (command != "import" && command != "query" && command != "verify" && command != "reconcile" &&
        command != "export" && command != "stats" && command != "conflicts" && command != "resolve" &&
        command != "serve")
        throw UsageError{"unknown archive subcommand '" + command + "' (try archive --help)"};
    std::unique_ptr<archive::Archive> a = archive::Archive::open(*root);
    if (command == "import") return importCommand(*a, argc, argv, first);
    if (command == "query") return queryCommand(*a, argc, argv, first);
    if (command == "verify") return verifyCommand(*a, argc, argv, first);
    if (command == "reconcile") return reconcileCommand(*a, argc, argv, first);
    if (command == "export") return exportCommand(*a, argc, argv, first);
    if (command == "stats") return statsCommand(*a);
    if (command == "conflicts") return conflictsCommand(*a);
    if (command == "resolve") return resolveCommand(*a, argc, argv, first);
    return archiveServe(*a, argc, argv, first);  // "serve": the DICOM node (ArchiveServe.cpp)
}

}  // namespace lightbox::cli
