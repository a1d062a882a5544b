#pragma once
// Private to pacsclient: DCMTK's DcmSCU configured for one remote node
// (AE titles, address, timeouts, TLS), with failures to associate turned
// into core::Error naming the node.

#include "lightbox/pacsclient/RemoteNode.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/scu.h>

#include <memory>
#include <string>

class DcmTLSTransportLayer;

namespace lightbox::pacs::detail {

class Scu : public DcmSCU {
public:
    Scu(const RemoteNode& node, const std::string& callingAe);
    ~Scu() override;
    // Opens the network (with TLS when the node asks for it) and negotiates;
    // throws core::Error "node: OPERATION failed: cannot associate: ...".
    void connect(const std::string& operation);
    const RemoteNode& node() const { return node_; }
    // The transfer syntax the peer accepted on a presentation context.
    std::string acceptedSyntax(T_ASC_PresentationContextID id) {
        OFString abstractSyntax, transferSyntax;
        findPresentationContext(id, abstractSyntax, transferSyntax);
        return transferSyntax.c_str();
    }

private:
    const RemoteNode& node_;
    std::unique_ptr<DcmTLSTransportLayer> tls_;
};

// A TLS layer for the given settings (requestor or acceptor); throws
// core::Error naming the file that could not be used.
std::unique_ptr<DcmTLSTransportLayer> makeTlsLayer(const TlsSettings& tls, bool acceptor);

}  // namespace lightbox::pacs::detail
