#include "ScuAssociation.h"

#include "lightbox/core/Error.h"

#include <dcmtk/dcmtls/tlslayer.h>

namespace lightbox::pacs::detail {

using core::Error;
using core::ErrorCode;

std::unique_ptr<DcmTLSTransportLayer> makeTlsLayer(const TlsSettings& tls, bool acceptor) {
    auto layer = std::make_unique<DcmTLSTransportLayer>(acceptor ? NET_ACCEPTOR : NET_REQUESTOR, nullptr, OFTrue);
    if (!*layer) throw Error(ErrorCode::Io, "cannot initialise TLS (OpenSSL)");
    // BCP 195: TLS 1.2+ with the ciphers PS3.15 recommends today.
    if (layer->setTLSProfile(TSP_Profile_BCP195).bad() || layer->activateCipherSuites().bad())
        throw Error(ErrorCode::Io, "cannot activate the BCP 195 TLS cipher suites");
    if (!tls.certificate.empty() || !tls.privateKey.empty()) {
        if (layer->setPrivateKeyFile(tls.privateKey.c_str(), DCF_Filetype_PEM).bad())
            throw Error(ErrorCode::FileNotFound, tls.privateKey.string() + ": cannot load the TLS private key (PEM)");
        if (layer->setCertificateFile(tls.certificate.c_str(), DCF_Filetype_PEM).bad())
            throw Error(ErrorCode::FileNotFound, tls.certificate.string() + ": cannot load the TLS certificate (PEM)");
        if (!layer->checkPrivateKeyMatchesCertificate())
            throw Error(ErrorCode::InvalidArgument,
                        tls.privateKey.string() + ": the private key does not match " + tls.certificate.string());
    }
    if (!tls.caCertificates.empty() &&
        layer->addTrustedCertificateFile(tls.caCertificates.c_str(), DCF_Filetype_PEM).bad())
        throw Error(ErrorCode::FileNotFound, tls.caCertificates.string() + ": cannot load the trusted CA certificates (PEM)");
    layer->setCertificateVerification(tls.verifyPeer ? DCV_requireCertificate : DCV_ignoreCertificate);
    return layer;
}

Scu::Scu(const RemoteNode& node, const std::string& callingAe) : node_(node) {
    setAETitle(callingAe.c_str());
    setPeerAETitle(node.aeTitle.c_str());
    setPeerHostName(node.host.c_str());
    setPeerPort(Uint16(node.port));
    setConnectionTimeout(node.connectTimeoutSeconds);
    setACSETimeout(Uint32(node.connectTimeoutSeconds));
    // A stalled peer must not hold us for ever: non-blocking DIMSE with a timeout.
    setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    setDIMSETimeout(Uint32(node.dimseTimeoutSeconds));
    setMaxReceivePDULength(ASC_MAXIMUMPDUSIZE > 262144 ? 262144 : ASC_MAXIMUMPDUSIZE);
    setVerbosePCMode(OFFalse);
}

Scu::~Scu() {
    if (isConnected()) abortAssociation();
}

void Scu::connect(const std::string& operation) {
    const std::string prefix = node_.describe() + ": " + operation + " failed: ";
    OFCondition cond = initNetwork();
    if (cond.bad()) throw Error(ErrorCode::Io, prefix + "cannot initialise the network: " + cond.text());
    if (node_.tls.enabled) {
        tls_ = makeTlsLayer(node_.tls, false);
        cond = useSecureConnection(tls_.get());
        if (cond.bad()) throw Error(ErrorCode::Io, prefix + "cannot use TLS: " + cond.text());
    }
    cond = negotiateAssociation();
    if (cond.bad()) {
        std::string why = cond.text();
        if (cond == DUL_ASSOCIATIONREJECTED) why = "association rejected (check the AE titles: the peer does not know us as " +
                                                   std::string(getAETitle().c_str()) + " or is not " + node_.aeTitle + ")";
        throw Error(ErrorCode::Io, prefix + why);
    }
}

}  // namespace lightbox::pacs::detail
