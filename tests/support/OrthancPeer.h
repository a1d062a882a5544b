#pragma once
// A real Orthanc (with the DICOMweb plugin) for the tests that talk to a PACS:
// its configuration is generated on free loopback ports (or the ports `extra`
// names), its data loaded and checked through its REST API (with curl).

#include "TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace lightbox::test {

class OrthancPeer {
public:
    // `extra` is merged into the generated configuration (DicomModalities, TLS, ports...).
    explicit OrthancPeer(const QString& directory, const QJsonObject& extra = {});
    ~OrthancPeer();

    static bool available();  // Orthanc, its DICOMweb plugin and curl are installed
    static bool pythonAvailable();  // and Debian's orthanc-python plugin

    // Configuration (for `extra`) of an Orthanc whose Python plugin stands in
    // front of its HTTP side, as an authorising proxy would: a request passes
    // only with "Authorization: Bearer <token>" (anything else: 403
    // Forbidden); DIMSE is left alone. With `acceptedTransferSyntaxes`, an
    // instance in another transfer syntax is not stored, however it comes
    // (Orthanc's DICOMweb plugin then leaves it out of its STOW-RS answer).
    // GET /lightbox-gate/refusals answers how many instances were refused so
    // far. The script goes into `directory`; this class's REST helpers send the token.
    static QJsonObject bearerGate(const QString& directory, const QString& token,
                                  const QStringList& acceptedTransferSyntaxes = {});
    bool start();             // false (with output()) when it did not come up
    void kill();              // SIGKILL: stopped dead, as a crashed PACS
    QByteArray output() const;

    quint16 httpPort() const { return http_; }
    quint16 dicomPort() const { return dicom_; }
    QString aeTitle() const { return "ORTHANC"; }
    QString dicomWebUrl() const;

    QJsonDocument rest(const QString& method, const QString& path, const QByteArray& body = {}) const;
    QByteArray restBytes(const QString& path) const;
    // Uploads files (a zip of them in one request when `zip` is installed); the number Orthanc took.
    int upload(const QStringList& files) const;
    // The Orthanc ID of an instance by its SOP Instance UID (empty when absent).
    QString instanceId(const QString& sopInstanceUid) const;

private:
    QString directory_;
    QJsonObject config_;
    quint16 http_ = 0, dicom_ = 0;
    std::unique_ptr<BackgroundProcess> process_;
};

// Everything after the file meta group: what "identical data set" means.
QByteArray dataSetBytes(const QByteArray& part10);
QByteArray dataSetBytesOfFile(const QString& path);

}  // namespace lightbox::test
