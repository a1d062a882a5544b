#include "lightbox/pacsclient/DicomNode.h"

#include "Association.h"

#include "lightbox/core/Error.h"

#include <dcmtk/dcmdata/dcdict.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <list>
#include <mutex>
#include <sstream>
#include <thread>

namespace lightbox::pacs {

void configureDcmtkNetworking() {
    static std::once_flag once;
    std::call_once(once, [] {
        // DCMTK 3.6.7 reads TCP_NODELAY from the environment for every socket it opens.
        ::setenv("TCP_NODELAY", "1", 1);
        // Our own messages carry the errors; DCMTK's logger stays quiet unless asked.
        if (!std::getenv("LIGHTBOX_DCMTK_LOG")) OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        // Sub-operations may need to decompress for a receiver that did not accept the stored syntax.
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
    });
}

std::vector<Peer> readPeersFile(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw core::Error(core::ErrorCode::FileNotFound, path.string() + ": cannot read the peers file");
    std::vector<Peer> peers;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::istringstream fields(line);
        Peer p;
        std::string port, extra;
        if (!(fields >> p.aeTitle)) continue;  // blank or comment
        if (!(fields >> p.host >> port) || (fields >> extra))
            throw core::Error(core::ErrorCode::InvalidArgument,
                              path.string() + ":" + std::to_string(number) + ": expected 'AE_TITLE HOST PORT'");
        char* end = nullptr;
        long value = std::strtol(port.c_str(), &end, 10);
        if (*end != '\0' || value < 1 || value > 65535)
            throw core::Error(core::ErrorCode::InvalidArgument,
                              path.string() + ":" + std::to_string(number) + ": port '" + port + "' is not 1-65535");
        if (p.aeTitle.size() > 16)
            throw core::Error(core::ErrorCode::InvalidArgument,
                              path.string() + ":" + std::to_string(number) + ": AE title longer than 16 characters");
        p.port = int(value);
        peers.push_back(p);
    }
    return peers;
}

struct DicomNode::Impl {
    NodeConfig config;
    NodeServices& services;
    detail::NodeCounters counters;
    T_ASC_Network* network = nullptr;
    std::thread listener;
    std::atomic<bool> stopping{false};
    std::atomic<int> active{0};
    struct Worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> finished;
    };
    std::mutex workersMutex;
    std::list<Worker> workers;

    // A finished thread keeps its stack until joined: reap them as we go, so a
    // node that serves for months does not accumulate thousands of them.
    void reapFinished() {
        std::lock_guard lock(workersMutex);
        for (auto it = workers.begin(); it != workers.end();) {
            if (it->finished->load()) {
                it->thread.join();
                it = workers.erase(it);
            } else {
                ++it;
            }
        }
    }

    Impl(NodeConfig c, NodeServices& s) : config(std::move(c)), services(s) {}

    void listen() {
        while (!stopping.load()) {
            reapFinished();
            T_ASC_Association* assoc = nullptr;
            const long maxPdu = long(std::clamp<std::uint32_t>(config.maxReceivePdu, ASC_MINIMUMPDUSIZE, ASC_MAXIMUMPDUSIZE));
            OFCondition cond = ASC_receiveAssociation(network, &assoc, maxPdu, nullptr, nullptr, OFFalse, DUL_NOBLOCK, 1);
            if (cond == DUL_NOASSOCIATIONREQUEST) {
                if (assoc) ASC_destroyAssociation(&assoc);
                continue;
            }
            if (cond.bad()) {  // a broken request: drop it and keep serving
                if (assoc) {
                    ASC_dropAssociation(assoc);
                    ASC_destroyAssociation(&assoc);
                }
                continue;
            }
            const bool congested = active.load() >= config.maxAssociations;
            if (!detail::negotiate(assoc, config, congested)) {
                ++counters.rejected;
                continue;
            }
            ++counters.associations;
            ++active;
            auto finished = std::make_shared<std::atomic<bool>>(false);
            std::lock_guard lock(workersMutex);
            workers.push_back({std::thread([this, assoc, finished] {
                                   detail::AssociationHandler(assoc, config, services, counters).serve();
                                   --active;
                                   finished->store(true);
                               }),
                               finished});
        }
    }
};

DicomNode::DicomNode(NodeConfig config, NodeServices& services) : impl_(std::make_unique<Impl>(std::move(config), services)) {
    configureDcmtkNetworking();
    if (impl_->config.spoolDirectory.empty())
        impl_->config.spoolDirectory = std::filesystem::temp_directory_path() / "lightbox-spool";
    std::filesystem::create_directories(impl_->config.spoolDirectory);
}

DicomNode::~DicomNode() {
    stop();
    wait();
}

void DicomNode::start() {
    // DCMTK loads its data dictionary (parsing dicom.dic) on first use: done
    // here, before the port opens, not while the first association's first
    // C-STORE waits (storescp loads it at start-up too).
    (void)dcmDataDict.isDictionaryLoaded();
    OFCondition cond = ASC_initializeNetwork(NET_ACCEPTOR, impl_->config.port, impl_->config.dimseTimeoutSeconds, &impl_->network);
    if (cond.bad())
        throw core::Error(core::ErrorCode::Io, "cannot listen on port " + std::to_string(impl_->config.port) + ": " + cond.text());
    impl_->listener = std::thread([this] { impl_->listen(); });
}

void DicomNode::stop() {
    if (impl_->stopping.exchange(true) || !impl_->network) return;
    // The listener waits up to a second for an association request: a
    // connection that is closed at once wakes it to see it should stop.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(impl_->config.port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    ::close(fd);
}

void DicomNode::wait() {
    if (impl_->listener.joinable()) impl_->listener.join();
    // In-flight associations finish before we return.
    std::list<Impl::Worker> workers;
    {
        std::lock_guard lock(impl_->workersMutex);
        workers.swap(impl_->workers);
    }
    for (auto& w : workers)
        if (w.thread.joinable()) w.thread.join();
    if (impl_->network) ASC_dropNetwork(&impl_->network);
    impl_->network = nullptr;
}

std::uint16_t DicomNode::port() const { return impl_->config.port; }

DicomNode::Statistics DicomNode::statistics() const {
    const auto& c = impl_->counters;
    return {c.associations.load(), c.rejected.load(), c.stored.load(), c.storeFailures.load(),
            c.finds.load(), c.moves.load(), c.gets.load()};
}

}  // namespace lightbox::pacs
