#include "OrthancPeer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QStandardPaths>

#include <csignal>

namespace lightbox::test {
namespace {
const char* kDicomWebPlugin = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";
const char* kPythonPlugin = "/usr/share/orthanc/plugins/libOrthancPython.so";

// Orthanc's Python plugin (orthanc-python 4.0 for Orthanc 1.10): the HTTP
// filter sees every request's headers; the received-instance callback sees
// every instance before it is stored. That API has no "refuse": DISCARD is
// reported as stored by the DICOMweb plugin, so a refused instance is
// replaced by bytes that are not DICOM, which Orthanc then fails to store.
const char* kGateScript = R"PY(import json
import orthanc

config = json.loads(orthanc.GetConfiguration())
TOKEN = config["LightboxBearerToken"]
ACCEPTED = set(config.get("LightboxAcceptedTransferSyntaxes", []))


def authorised(uri, **request):
    for name, value in request.get("headers", {}).items():
        if name.lower() == "authorization":
            return value == "Bearer " + TOKEN
    return False


orthanc.RegisterIncomingHttpRequestFilter(authorised)


def transfer_syntax(dicom):
    # The file meta group (Explicit VR Little Endian) after the preamble and "DICM".
    position = 132
    while position + 8 <= len(dicom):
        group = int.from_bytes(dicom[position:position + 2], "little")
        element = int.from_bytes(dicom[position + 2:position + 4], "little")
        if group != 2:
            break
        if dicom[position + 4:position + 6] in (b"OB", b"OW", b"OF", b"SQ", b"UT", b"UN"):
            length = int.from_bytes(dicom[position + 8:position + 12], "little")
            start = position + 12
        else:
            length = int.from_bytes(dicom[position + 6:position + 8], "little")
            start = position + 8
        if element == 0x0010:
            return dicom[start:start + length].rstrip(b"\0 ").decode("ascii")
        position = start + length
    return ""


refusals = 0


def received(dicom, origin):
    global refusals
    syntax = transfer_syntax(dicom)
    if ACCEPTED and syntax not in ACCEPTED:
        refusals += 1
        orthanc.LogWarning("lightbox gate: refusing transfer syntax " + syntax)
        return orthanc.ReceivedInstanceAction.MODIFY, b"refused"
    return orthanc.ReceivedInstanceAction.KEEP_AS_IS, None


orthanc.RegisterReceivedInstanceCallback(received)


def count_refusals(output, uri, **request):
    output.AnswerBuffer(str(refusals), "text/plain")


orthanc.RegisterRestCallback("/lightbox-gate/refusals", count_refusals)
)PY";
}

OrthancPeer::OrthancPeer(const QString& directory, const QJsonObject& extra) : directory_(directory) {
    http_ = freeTcpPort();
    dicom_ = freeTcpPort();
    config_ = QJsonObject{{"Name", "LIGHTBOX-TEST-PACS"},
                          {"StorageDirectory", directory + "/storage"},
                          {"IndexDirectory", directory + "/index"},
                          {"HttpPort", http_},
                          {"DicomPort", dicom_},
                          {"DicomAet", "ORTHANC"},
                          {"RemoteAccessAllowed", false},
                          {"AuthenticationEnabled", false},
                          {"DicomCheckCalledAet", true},
                          {"StableAge", 1},
                          {"Plugins", QJsonArray{kDicomWebPlugin}},
                          {"DicomWeb", QJsonObject{{"Enable", true}, {"Root", "/dicom-web/"}}}};
    for (auto it = extra.begin(); it != extra.end(); ++it) config_[it.key()] = it.value();
    // A caller may have chosen the ports (e.g. named in a peers file beforehand).
    http_ = quint16(config_["HttpPort"].toInt());
    dicom_ = quint16(config_["DicomPort"].toInt());
    QDir().mkpath(directory);
}

OrthancPeer::~OrthancPeer() {
    if (process_) process_->terminate();
}

bool OrthancPeer::available() {
    return haveProgram("Orthanc") && haveProgram("curl") && QFile::exists(kDicomWebPlugin);
}

bool OrthancPeer::pythonAvailable() { return available() && QFile::exists(kPythonPlugin); }

QJsonObject OrthancPeer::bearerGate(const QString& directory, const QString& token, const QStringList& acceptedTransferSyntaxes) {
    QDir().mkpath(directory);
    const QString script = directory + "/gate.py";
    QFile f(script);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) f.write(kGateScript);
    return QJsonObject{{"Plugins", QJsonArray{kDicomWebPlugin, kPythonPlugin}},
                       {"PythonScript", script},
                       {"LightboxBearerToken", token},
                       {"LightboxAcceptedTransferSyntaxes", QJsonArray::fromStringList(acceptedTransferSyntaxes)}};
}

bool OrthancPeer::start() {
    QFile cfg(directory_ + "/orthanc.json");
    if (!cfg.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    cfg.write(QJsonDocument(config_).toJson());
    cfg.close();
    // Orthanc's DCMTK, like ours, leaves Nagle's algorithm on unless told.
    qputenv("TCP_NODELAY", "1");
    process_ = std::make_unique<BackgroundProcess>("Orthanc", QStringList{directory_ + "/orthanc.json"});
    if (!waitForPort(http_, 30000) || !waitForPort(dicom_, 30000)) return false;
    // The HTTP port opens before the plugins are ready: wait for an answer.
    for (int i = 0; i < 100; ++i)
        if (rest("GET", "/system").isObject()) return true;
    return false;
}

void OrthancPeer::kill() {
    if (!process_) return;
    ::kill(pid_t(process_->pid()), SIGKILL);
    process_->wait(20000);
    process_.reset();
}

QByteArray OrthancPeer::output() const { return process_ ? process_->output() : QByteArray(); }

QString OrthancPeer::dicomWebUrl() const { return QString("http://127.0.0.1:%1/dicom-web").arg(http_); }

namespace {

// curl's -u for an Orthanc configured with registered users (the first one),
// or the bearer token of a gated one (bearerGate).
QStringList credentials(const QJsonObject& config) {
    if (config.contains("LightboxBearerToken"))
        return {"-H", "Authorization: Bearer " + config["LightboxBearerToken"].toString()};
    const QJsonObject users = config["RegisteredUsers"].toObject();
    if (!config["AuthenticationEnabled"].toBool() || users.isEmpty()) return {};
    return {"-u", users.begin().key() + ":" + users.begin().value().toString()};
}

}  // namespace

QJsonDocument OrthancPeer::rest(const QString& method, const QString& path, const QByteArray& body) const {
    QStringList args = credentials(config_) + QStringList{"-s", "-f", "-X", method, QString("http://127.0.0.1:%1%2").arg(http_).arg(path)};
    if (!body.isEmpty()) args << "--data-binary" << QString::fromUtf8(body);
    return QJsonDocument::fromJson(run("curl", args, 120000).out);
}

QByteArray OrthancPeer::restBytes(const QString& path) const {
    return run("curl", credentials(config_) + QStringList{"-s", "-f", QString("http://127.0.0.1:%1%2").arg(http_).arg(path)}, 120000).out;
}

int OrthancPeer::upload(const QStringList& files) const {
    const QString url = QString("http://127.0.0.1:%1/instances").arg(http_);
    if (haveProgram("zip") && files.size() > 1) {
        const QString zipFile = directory_ + "/upload.zip";
        QFile::remove(zipFile);
        if (run("zip", QStringList{"-q", "-j", zipFile} + files, 300000).exitCode == 0) {
            const QJsonDocument answer =
                QJsonDocument::fromJson(run("curl", credentials(config_) + QStringList{"-s", "-f", "-X", "POST", url, "--data-binary", "@" + zipFile}, 600000).out);
            QFile::remove(zipFile);
            if (answer.isArray()) return int(answer.array().size());
        }
    }
    int taken = 0;
    for (const QString& f : files)
        taken += QJsonDocument::fromJson(run("curl", credentials(config_) + QStringList{"-s", "-f", "-X", "POST", url, "--data-binary", "@" + f}).out)
                     .object()
                     .contains("ID");
    return taken;
}

QString OrthancPeer::instanceId(const QString& sopInstanceUid) const {
    const QJsonArray found = rest("POST", "/tools/lookup", sopInstanceUid.toUtf8()).array();
    for (const QJsonValue& v : found)
        if (v.toObject()["Type"].toString() == "Instance") return v.toObject()["ID"].toString();
    return {};
}

QByteArray dataSetBytes(const QByteArray& all) {
    if (all.size() < 144 || all.mid(128, 4) != "DICM") return all;
    const auto* p = reinterpret_cast<const unsigned char*>(all.constData()) + 140;
    const quint32 groupLength = quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16 | quint32(p[3]) << 24;
    return all.mid(144 + qsizetype(groupLength));
}

QByteArray dataSetBytesOfFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return dataSetBytes(f.readAll());
}

}  // namespace lightbox::test
