#pragma once
// The workstation as a DICOM node (DCMTK inside): Verification SCP, Storage
// SCP for every storage SOP class and transfer syntax (compressed data kept
// as received), Patient and Study Root Query/Retrieve - C-FIND, C-MOVE to
// known peers, C-GET - one thread per association.

#include "lightbox/pacsclient/NodeServices.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::pacs {

struct Peer {
    std::string aeTitle;
    std::string host;
    int port = 104;
};

// Peers file: one peer per line "AE_TITLE HOST PORT", '#' starts a comment.
// Throws core::Error naming the line on a malformed entry.
std::vector<Peer> readPeersFile(const std::filesystem::path& path);

struct NodeConfig {
    std::string aeTitle = "LIGHTBOX";
    std::uint16_t port = 11112;
    std::vector<Peer> peers;               // C-MOVE destinations
    bool restrictCallingAeTitles = false;  // true: only peers may associate
    int maxAssociations = 32;
    int dimseTimeoutSeconds = 60;          // a stalled peer cannot hold a thread for ever
    std::filesystem::path spoolDirectory;  // received data sets land here before store()
    // Largest PDU we accept to receive (bytes; DCMTK's default is 16 KiB, its largest
    // 128 KiB): larger PDUs cost both sides fewer reads and writes per object
    // (docs/performance.md: C-MOVE's SCP and `archive serve`, interleaved A/B).
    std::uint32_t maxReceivePdu = 131072;
    // A received data set (with its file meta header) up to this size is kept
    // in memory and handed to NodeServices::storeReceived();
    // a larger one continues in a spool file and goes to storeFile(). One
    // buffer per association, reused (docs/performance.md, session 7).
    std::size_t maxInMemoryObject = 8u << 20;
};

class DicomNode {
public:
    DicomNode(NodeConfig config, NodeServices& services);
    ~DicomNode();  // stops and joins

    // Opens the listening port (throws core::Error if it cannot) and serves
    // on a background thread.
    void start();
    // Stops accepting associations; in-flight associations finish first.
    void stop();
    void wait();
    std::uint16_t port() const;

    struct Statistics {
        std::uint64_t associations = 0, rejectedAssociations = 0;
        std::uint64_t stored = 0, storeFailures = 0, finds = 0, moves = 0, gets = 0;
    };
    Statistics statistics() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// DCMTK's network layer leaves Nagle's algorithm on unless told otherwise,
// which makes DIMSE transfers ~50x slower; every entry point calls this.
void configureDcmtkNetworking();

}  // namespace lightbox::pacs
