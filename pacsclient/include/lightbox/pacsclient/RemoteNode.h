#pragma once
// Remote DICOM nodes the workstation talks to (PACS, VNA, modalities): how to
// reach them over DIMSE and DICOMweb and how to retrieve from them. Kept as a
// JSON file in the user's configuration folder (QStandardPaths::
// AppConfigLocation, "nodes.json"); `--nodes FILE` names another.
//
// File format (every key but "name" optional):
//   {"nodes": [{"name": "pacs", "aeTitle": "ORTHANC", "host": "10.0.0.5", "port": 4242,
//               "tls": {"enabled": true, "certificate": "me.pem", "privateKey": "me.key",
//                       "caCertificates": "ca.pem", "verifyPeer": true},
//               "retrieveMethod": "move" | "get" | "wado",
//               "dicomWeb": {"baseUrl": "http://10.0.0.5:8042/dicom-web",
//                            "auth": "none" | "basic" | "bearer",
//                            "user": "...", "password": "...", "token": "...",
//                            "acceptedTransferSyntaxes": ["1.2.840.10008.1.2.1", ...]},
//               "connectTimeoutSeconds": 10, "dimseTimeoutSeconds": 60}]}

#include <filesystem>
#include <string>
#include <vector>

namespace lightbox::pacs {

enum class RetrieveMethod { Move, Get, Wado };
std::string retrieveMethodName(RetrieveMethod method);       // "move", "get", "wado"
RetrieveMethod parseRetrieveMethod(const std::string& text);  // throws core::Error(InvalidArgument)

struct TlsSettings {
    bool enabled = false;
    std::filesystem::path certificate;     // our certificate (PEM), optional for a client
    std::filesystem::path privateKey;      // its key (PEM, unencrypted)
    std::filesystem::path caCertificates;  // trusted CA certificates (PEM); empty: the system's
    bool verifyPeer = true;
};

struct DicomWebSettings {
    enum class Auth { None, Basic, Bearer };
    std::string baseUrl;  // e.g. http://host:8042/dicom-web (no trailing slash needed)
    Auth auth = Auth::None;
    std::string user, password;  // Basic
    std::string token;           // Bearer: sent as "Authorization: Bearer <token>"
    // STOW-RS: the transfer syntaxes the node is known to accept (empty: any).
    // An object in another syntax is converted to Explicit VR Little Endian
    // by core before it is sent. Without the list, an object in a compressed
    // (or big endian, deflated) syntax that the node does not store is sent
    // once more converted (see DicomWebClient::store).
    std::vector<std::string> acceptedTransferSyntaxes;
};

struct RemoteNode {
    std::string name;  // what the user calls it; unique in the file
    std::string aeTitle;
    std::string host;
    int port = 104;
    TlsSettings tls;
    RetrieveMethod retrieveMethod = RetrieveMethod::Move;
    DicomWebSettings dicomWeb;
    int connectTimeoutSeconds = 10;
    int dimseTimeoutSeconds = 60;

    bool hasDimse() const { return !aeTitle.empty() && !host.empty(); }
    bool hasDicomWeb() const { return !dicomWeb.baseUrl.empty(); }
    // "pacs (ORTHANC@10.0.0.5:4242)" or "pacs (http://...)" for messages.
    std::string describe() const;
};

// Reads/writes the nodes file. Reading throws core::Error naming the file and
// the entry on a malformed one; a missing file is FileNotFound.
std::vector<RemoteNode> readRemoteNodes(const std::filesystem::path& file);
void writeRemoteNodes(const std::filesystem::path& file, const std::vector<RemoteNode>& nodes);
// Throws core::Error(InvalidArgument) naming the problem (empty name, AE
// title over 16 characters, port out of range, neither DIMSE nor DICOMweb).
void validate(const RemoteNode& node);

// <AppConfigLocation>/nodes.json (the application and organisation names
// must be set first, as the GUI and lightbox-cli do).
std::filesystem::path defaultRemoteNodesFile();

const RemoteNode* findNode(const std::vector<RemoteNode>& nodes, const std::string& name);

}  // namespace lightbox::pacs
