#include "Arguments.h"
#include "Commands.h"

#include "ArchiveNodeServices.h"
#include "lightbox/core/Error.h"
#include "lightbox/pacsclient/DicomNode.h"

#include <pthread.h>
#include <signal.h>

#include <iostream>

namespace lightbox::cli {

// lightbox-cli archive --root DIR serve --aet AET --port PORT [--peers FILE]
// Serves until SIGTERM/SIGINT, then lets in-flight associations finish and exits 0.
int archiveServe(archive::Archive& archive, int argc, char** argv, int firstArgument) {
    Arguments args(argc, argv, firstArgument, {}, {"aet", "port", "peers", "max-associations", "timeout"});
    pacs::NodeConfig config;
    config.aeTitle = args.value("aet").value_or("LIGHTBOX");
    if (config.aeTitle.empty() || config.aeTitle.size() > 16) throw UsageError{"--aet must be 1 to 16 characters"};
    const long port = args.integer("port").value_or(11112);
    if (port < 1 || port > 65535) throw UsageError{"--port must be 1-65535"};
    config.port = std::uint16_t(port);
    if (auto peers = args.value("peers")) {
        config.peers = pacs::readPeersFile(*peers);
        config.restrictCallingAeTitles = true;
    }
    config.maxAssociations = int(args.integer("max-associations").value_or(32));
    config.dimseTimeoutSeconds = int(args.integer("timeout").value_or(60));
    config.spoolDirectory = archive.root() / "incoming" / "network";

    // Signals are taken by sigwait() below, not by whichever thread they hit.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    archive.preallocateObjectLog();  // once per archive: its first objects are then as quick as the rest
    app::ArchiveNodeServices services(archive);
    pacs::DicomNode node(config, services);
    node.start();
    std::cout << "lightbox-cli archive serve: " << config.aeTitle << " listening on port " << config.port
              << (config.peers.empty() ? " (any calling AE title)" : " (" + std::to_string(config.peers.size()) + " known peers)")
              << std::endl;
    int signal = 0;
    sigwait(&stopSignals, &signal);
    node.stop();
    node.wait();
    const auto s = node.statistics();
    std::cout << "lightbox-cli archive serve: stopped after " << s.associations << " association(s), " << s.stored
              << " object(s) stored, " << s.storeFailures << " refused" << std::endl;
    return 0;
}

}  // namespace lightbox::cli
