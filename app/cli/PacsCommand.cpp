// lightbox-cli pacs: the workstation as a client of remote nodes (PACS)
// over DIMSE and DICOMweb - echo, find, retrieve, send, priors.

#include "Arguments.h"
#include "Commands.h"

#include "ArchiveNodeServices.h"
#include "lightbox/archive/Archive.h"
#include "lightbox/core/Error.h"
#include "lightbox/pacsclient/DicomWebClient.h"
#include "lightbox/pacsclient/DimseClient.h"
#include "lightbox/pacsclient/Priors.h"
#include "lightbox/pacsclient/RemoteNode.h"
#include "lightbox/pacsclient/StudyRetriever.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>

#include <csignal>
#include <ctime>
#include <iostream>

namespace lightbox::cli {
namespace {

const char* kUsage =
    "usage: lightbox-cli pacs NODE [LOCAL] COMMAND ...\n"
    "  NODE:  --node NAME [--nodes FILE] | --url URL | --aet AET --host H --port P\n"
    "         [--tls --tls-cert PEM --tls-key PEM --tls-ca PEM] [--bearer TOKEN | --basic USER:PASSWORD]\n"
    "  LOCAL: [--local-aet AET] [--local-port PORT]\n"
    "  echo                                     C-ECHO (or a QIDO-RS check for a DICOMweb-only node)\n"
    "  find --level patient|study|series|image [--patient-id X] [--patient-name P] [--study-date R]\n"
    "       [--modality M] [--accession A] [--study UID] [--series UID] [--json]\n"
    "  retrieve --study UID [--series UID] --into ARCHIVE_DIR [--method move|get|wado] [--parallel N] [--progress]\n"
    "  send FILE... | --study UID --from ARCHIVE_DIR [--method store|stow]\n"
    "  priors --study UID --into ARCHIVE_DIR [--max N] [--json] [--dry-run] [--rules FILE]\n"
    "  nodes                                    list the configured nodes";

const std::set<std::string> kFlags = {"json", "tls", "progress", "dry-run", "help"};
const std::set<std::string> kValued = {"node", "nodes", "url", "aet", "host", "port", "local-aet", "local-port",
                                       "tls-cert", "tls-key", "tls-ca", "bearer", "basic", "level", "patient-id",
                                       "patient-name", "study-date", "modality", "accession", "study", "series",
                                       "into", "method", "from", "max", "parallel", "rules", "timeout"};

std::vector<pacs::RemoteNode> configuredNodes(const Arguments& args) {
    const std::filesystem::path file = args.value("nodes") ? std::filesystem::path(*args.value("nodes")) : pacs::defaultRemoteNodesFile();
    std::error_code ec;
    if (!args.value("nodes") && !std::filesystem::exists(file, ec)) return {};
    return pacs::readRemoteNodes(file);
}

// The node the common options name.
pacs::RemoteNode nodeFrom(const Arguments& args) {
    pacs::RemoteNode node;
    if (auto name = args.value("node")) {
        if (args.value("aet") || args.value("url")) throw UsageError{"--node excludes --aet/--host/--port and --url"};
        const auto nodes = configuredNodes(args);
        const pacs::RemoteNode* found = pacs::findNode(nodes, *name);
        if (!found)
            throw UsageError{"no node named '" + *name + "' in " +
                             (args.value("nodes") ? *args.value("nodes") : pacs::defaultRemoteNodesFile().string())};
        node = *found;
    } else {
        if (!args.value("aet") && !args.value("url")) throw UsageError{"name a node: --node NAME, --url URL or --aet AET --host H --port P"};
        if (auto aet = args.value("aet")) {
            node.aeTitle = *aet;
            if (!args.value("host")) throw UsageError{"--aet needs --host and --port"};
            node.host = *args.value("host");
            node.port = int(args.integer("port").value_or(104));
            node.name = node.aeTitle;
        }
        if (auto url = args.value("url")) {
            node.dicomWeb.baseUrl = *url;
            if (node.name.empty()) node.name = *url;
            if (!args.value("aet")) node.retrieveMethod = pacs::RetrieveMethod::Wado;
        }
        if (auto token = args.value("bearer")) {
            node.dicomWeb.auth = pacs::DicomWebSettings::Auth::Bearer;
            node.dicomWeb.token = *token;
        } else if (auto basic = args.value("basic")) {
            const auto colon = basic->find(':');
            if (colon == std::string::npos) throw UsageError{"--basic expects USER:PASSWORD"};
            node.dicomWeb.auth = pacs::DicomWebSettings::Auth::Basic;
            node.dicomWeb.user = basic->substr(0, colon);
            node.dicomWeb.password = basic->substr(colon + 1);
        }
    }
    if (args.flag("tls") || args.value("tls-cert") || args.value("tls-ca")) {
        node.tls.enabled = true;
        if (auto v = args.value("tls-cert")) node.tls.certificate = *v;
        if (auto v = args.value("tls-key")) node.tls.privateKey = *v;
        if (auto v = args.value("tls-ca")) node.tls.caCertificates = *v;
    }
    if (auto t = args.integer("timeout")) node.dimseTimeoutSeconds = node.connectTimeoutSeconds = int(*t);
    try {
        pacs::validate(node);
    } catch (const core::Error& e) {
        throw UsageError{e.what()};
    }
    return node;
}

std::string localAe(const Arguments& args) {
    const std::string aet = args.value("local-aet").value_or("LIGHTBOX");
    if (aet.empty() || aet.size() > 16) throw UsageError{"--local-aet must be 1 to 16 characters"};
    return aet;
}

std::uint16_t localPort(const Arguments& args) {
    const long port = args.integer("local-port").value_or(11112);
    if (port < 1 || port > 65535) throw UsageError{"--local-port must be 1-65535"};
    return std::uint16_t(port);
}

std::string required(const Arguments& args, const char* option, const char* command) {
    auto v = args.value(option);
    if (!v || v->empty()) throw UsageError{std::string(command) + " needs --" + option};
    return *v;
}

int echoCommand(const Arguments& args) {
    const pacs::RemoteNode node = nodeFrom(args);
    if (node.hasDimse()) {
        pacs::DimseClient(node, localAe(args)).echo();
        std::cout << "C-ECHO " << node.describe() << ": success" << std::endl;
    }
    if (node.hasDicomWeb()) {
        pacs::DicomWebClient(node).checkCapabilities();
        std::cout << "QIDO-RS " << node.describe() << ": success" << std::endl;
    }
    return 0;
}

int findCommand(const Arguments& args) {
    const pacs::RemoteNode node = nodeFrom(args);
    pacs::QueryRequest q;
    const std::string level = args.value("level").value_or("study");
    auto parsed = archive::parseLevel(level);
    if (!parsed) throw UsageError{"--level must be patient, study, series or image"};
    static const pacs::QueryLevel levels[] = {pacs::QueryLevel::Patient, pacs::QueryLevel::Study, pacs::QueryLevel::Series,
                                              pacs::QueryLevel::Image};
    q.level = levels[int(*parsed)];
    auto match = [&](const char* option, const std::string& keyword) {
        if (auto v = args.value(option)) q.match.emplace_back(keyword, *v);
    };
    match("patient-id", "PatientID");
    match("patient-name", "PatientName");
    match("study-date", "StudyDate");
    match("modality", *parsed == archive::Level::Patient || *parsed == archive::Level::Study ? "ModalitiesInStudy" : "Modality");
    match("accession", "AccessionNumber");
    match("study", "StudyInstanceUID");
    match("series", "SeriesInstanceUID");
    // The keys `archive query --json` answers with: the same schema.
    for (const std::string& k : archive::levelKeywords(*parsed))
        if (std::none_of(q.match.begin(), q.match.end(), [&](const auto& p) { return p.first == k; })) q.returnKeys.push_back(k);
    const bool web = !node.hasDimse();
    const std::vector<pacs::QueryMatch> rows = web ? pacs::DicomWebClient(node).search(q) : pacs::DimseClient(node, localAe(args)).find(q);
    std::set<std::string> keys(q.returnKeys.begin(), q.returnKeys.end());
    for (const auto& [k, v] : q.match) keys.insert(k);
    for (const auto& row : rows) {
        if (args.flag("json")) {
            nlohmann::json j = nlohmann::json::object();
            for (const std::string& k : keys) {
                auto it = row.find(k);
                j[k] = it == row.end() ? std::string() : it->second;
            }
            std::cout << j.dump() << "\n";
        } else {
            std::string line;
            for (const std::string& k : archive::levelKeywords(*parsed)) {
                auto it = row.find(k);
                line += (line.empty() ? "" : "\t") + (it == row.end() ? std::string() : it->second);
            }
            std::cout << line << "\n";
        }
    }
    std::cout.flush();
    return 0;
}

// SIGINT/SIGTERM cancel a retrieve cleanly (C-CANCEL, complete objects kept).
pacs::CancelFlag gCancel{false};
void onSignal(int) { gCancel = true; }

pacs::LocalArchive localArchive(archive::Archive& a, app::ArchiveNodeServices& services, const Arguments& args) {
    pacs::LocalArchive local;
    local.services = &services;
    local.spoolDirectory = a.root() / "incoming" / "network";  // adopted by rename
    local.aeTitle = localAe(args);
    local.port = localPort(args);
    std::filesystem::create_directories(local.spoolDirectory);
    return local;
}

void printStatus(const char* what, const pacs::RetrieveStatus& s) {
    std::fprintf(messageStream(), "%s: %s %zu/%zu\n", what, s.phase.c_str(), s.held, s.expected);
    std::fflush(messageStream());
}

int retrieveCommand(const Arguments& args) {
    const pacs::RemoteNode node = nodeFrom(args);
    pacs::RetrieveRequest request;
    request.studyInstanceUid = required(args, "study", "retrieve");
    request.seriesInstanceUid = args.value("series").value_or("");
    request.method = node.retrieveMethod;
    if (auto m = args.value("method")) {
        try {
            request.method = pacs::parseRetrieveMethod(*m);
        } catch (const core::Error& e) {
            throw UsageError{e.what()};
        }
    }
    request.parallelSeries = int(args.integer("parallel").value_or(1));
    if (request.parallelSeries < 1 || request.parallelSeries > 16) throw UsageError{"--parallel must be 1-16"};
    auto a = archive::Archive::open(required(args, "into", "retrieve"));
    app::ArchiveNodeServices services(*a);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    const bool progress = args.flag("progress");
    const pacs::RetrieveOutcome outcome = pacs::StudyRetriever(node, localArchive(*a, services, args))
                                              .retrieve(request, progress ? [](const pacs::RetrieveStatus& s) { printStatus("retrieve", s); }
                                                                          : pacs::RetrieveProgressCallback{},
                                                        &gCancel);
    nlohmann::json j = {{"StudyInstanceUID", request.studyInstanceUid}, {"method", pacs::retrieveMethodName(request.method)},
                        {"expected", outcome.expected}, {"alreadyHeld", outcome.alreadyHeld},
                        {"retrieved", outcome.retrieved}, {"attempts", outcome.attempts}, {"cancelled", outcome.cancelled}};
    if (!request.seriesInstanceUid.empty()) j["SeriesInstanceUID"] = request.seriesInstanceUid;
    if (outcome.usedRunningScp) j["storageScp"] = "running";
    if (outcome.cancelled && request.method != pacs::RetrieveMethod::Wado) j["cancelConfirmed"] = outcome.cancelConfirmed;
    std::cout << j.dump() << std::endl;
    return outcome.cancelled ? 1 : 0;
}

int sendCommand(const Arguments& args) {
    const pacs::RemoteNode node = nodeFrom(args);
    std::vector<std::filesystem::path> files;
    for (std::size_t i = 1; i < args.positionals().size(); ++i) files.emplace_back(args.positionals()[i]);
    std::unique_ptr<archive::Archive> a;
    if (auto study = args.value("study")) {
        if (!files.empty()) throw UsageError{"send takes FILE... or --study UID --from ARCHIVE_DIR, not both"};
        a = archive::Archive::open(required(args, "from", "send --study"));
        for (const auto& i : a->locate(archive::Level::Study, {{"StudyInstanceUID", *study}})) files.push_back(i.path);
        if (files.empty()) throw core::Error(core::ErrorCode::FileNotFound, "the archive holds no objects of study " + *study);
    }
    if (files.empty()) throw UsageError{"send needs FILE... or --study UID --from ARCHIVE_DIR"};
    std::string method = args.value("method").value_or(node.hasDimse() ? "store" : "stow");
    if (method != "store" && method != "stow") throw UsageError{"--method for send is store or stow"};
    const pacs::TransferReport r = method == "store" ? pacs::DimseClient(node, localAe(args)).store(files)
                                                     : pacs::DicomWebClient(node).store(files);
    std::cout << nlohmann::json{{"method", method}, {"sent", r.completed}, {"warnings", r.warning}, {"failed", r.failed},
                                {"status", r.statusText}}
                     .dump()
              << std::endl;
    if (r.failed)
        throw core::Error(core::ErrorCode::Io, node.describe() + ": " + std::to_string(r.failed) + " of " +
                                                   std::to_string(files.size()) + " object(s) not stored: " + r.statusText);
    return 0;
}

nlohmann::json studyJson(const pacs::StudySummary& s) {
    return {{"node", s.nodeName}, {"StudyInstanceUID", s.studyInstanceUid}, {"PatientID", s.patientId},
            {"IssuerOfPatientID", s.issuerOfPatientId}, {"StudyDate", s.studyDate}, {"StudyDescription", s.studyDescription},
            {"ModalitiesInStudy", s.modalities}, {"BodyPartExamined", s.bodyParts}};
}

int priorsCommand(const Arguments& args) {
    const std::string study = required(args, "study", "priors");
    // Every configured node, or the one the options name.
    std::vector<pacs::RemoteNode> nodes;
    if (args.value("node") || args.value("aet") || args.value("url")) nodes.push_back(nodeFrom(args));
    else nodes = configuredNodes(args);
    if (nodes.empty()) throw UsageError{"no nodes configured (--nodes FILE, or name one with --node/--aet/--url)"};
    const pacs::RelevanceRules rules =
        args.value("rules") ? pacs::readRelevanceRules(*args.value("rules")) : pacs::defaultRelevanceRules();
    const long max = args.integer("max").value_or(3);
    if (max < 0) throw UsageError{"--max must not be negative"};
    const pacs::PriorSearch search = pacs::findPriors(study, nodes, localAe(args), rules);
    for (const auto& e : search.nodeErrors) std::fprintf(messageStream(), "lightbox-cli pacs priors: %s\n", e.c_str());
    std::size_t rank = 0;
    for (const auto& p : search.priors) {
        nlohmann::json j = studyJson(p.study);
        j["rank"] = ++rank;
        j["reason"] = p.reason;
        j["fetch"] = rank <= std::size_t(max);
        std::cout << j.dump() << "\n";
    }
    std::cout.flush();
    if (args.flag("dry-run") || max == 0) return 0;
    auto a = archive::Archive::open(required(args, "into", "priors"));
    app::ArchiveNodeServices services(*a);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    pacs::PriorPrefetcher prefetcher(nodes, localArchive(*a, services, args));
    const bool progress = args.flag("progress");
    prefetcher.start(search.priors, std::size_t(max), [progress](const pacs::PrefetchStatus& s) {
        if (progress)
            std::fprintf(messageStream(), "priors: study %zu/%zu %s %s %zu/%zu\n", s.studiesDone + (s.finished ? 0 : 1),
                         s.studiesTotal, s.studyInstanceUid.c_str(), s.current.phase.c_str(), s.current.held, s.current.expected);
    });
    while (!gCancel.load()) {
        // The prefetch runs in the background (as in the GUI); the command waits for it.
        struct timespec t{0, 100 * 1000 * 1000};
        nanosleep(&t, nullptr);
        if (prefetcher.finished()) break;
    }
    if (gCancel.load()) prefetcher.cancel();
    const pacs::PrefetchStatus done = prefetcher.wait();
    std::cout << nlohmann::json{{"fetched", done.studiesDone - done.errors.size()}, {"of", done.studiesTotal},
                                {"cancelled", done.cancelled}, {"errors", done.errors}}
                     .dump()
              << std::endl;
    if (!done.errors.empty()) throw core::Error(core::ErrorCode::Io, done.errors.front());
    return done.cancelled ? 1 : 0;
}

int nodesCommand(const Arguments& args) {
    for (const auto& n : configuredNodes(args))
        std::cout << nlohmann::json{{"name", n.name}, {"describe", n.describe()}, {"retrieveMethod", pacs::retrieveMethodName(n.retrieveMethod)}}.dump()
                  << "\n";
    return 0;
}

}  // namespace

int pacsCommand(int argc, char** argv) {
    // DICOMweb runs Qt Network event loops; node files live in the Lightbox config folder.
    QCoreApplication::setApplicationName("Lightbox");
    QCoreApplication::setOrganizationName("Lightbox");
    int qtArgc = 1;
    QCoreApplication app(qtArgc, argv);
    Arguments args(argc, argv, 2, kFlags, kValued);
    if (args.flag("help")) {
        std::cout << kUsage << std::endl;
        return 0;
    }
    if (args.positionals().empty()) throw UsageError{std::string("no subcommand\n") + kUsage};
    const std::string command = args.positionals().front();
    if (command != "send" && args.positionals().size() > 1) throw UsageError{"unexpected argument '" + args.positionals()[1] + "'"};
    if (command == "echo") return echoCommand(args);
    if (command == "find") return findCommand(args);
    if (command == "retrieve") return retrieveCommand(args);
    if (command == "send") return sendCommand(args);
    if (command == "priors") return priorsCommand(args);
    if (command == "nodes") return nodesCommand(args);
    throw UsageError{"unknown pacs subcommand '" + command + "' (try pacs --help)"};
}

}  // namespace lightbox::cli
