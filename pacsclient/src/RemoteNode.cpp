#include "lightbox/pacsclient/RemoteNode.h"

#include "lightbox/core/Error.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <set>

namespace lightbox::pacs {
namespace {

using core::Error;
using core::ErrorCode;

std::string str(const QJsonObject& o, const char* key) { return o.value(key).toString().toStdString(); }

std::filesystem::path resolve(const std::filesystem::path& base, const QString& value) {
    if (value.isEmpty()) return {};
    std::filesystem::path p(value.toStdString());
    return p.is_absolute() ? p : base / p;  // relative to the nodes file
}

QString authName(DicomWebSettings::Auth auth) {
    switch (auth) {
        case DicomWebSettings::Auth::None: return "none";
        case DicomWebSettings::Auth::Basic: return "basic";
        case DicomWebSettings::Auth::Bearer: return "bearer";
    }
    return "none";
}

RemoteNode fromJson(const QJsonObject& o, const std::filesystem::path& base, const std::string& where) {
    RemoteNode n;
    auto bad = [&](const std::string& what) { return Error(ErrorCode::InvalidArgument, where + ": " + what); };
    for (const char* key : {"name", "aeTitle", "host"})
        if (o.contains(key) && !o.value(key).isString()) throw bad(std::string("\"") + key + "\" must be a string");
    n.name = str(o, "name");
    n.aeTitle = str(o, "aeTitle");
    n.host = str(o, "host");
    if (o.contains("port")) {
        if (!o.value("port").isDouble()) throw bad("\"port\" must be a number");
        n.port = o.value("port").toInt();
    }
    const QJsonObject tls = o.value("tls").toObject();
    n.tls.enabled = tls.value("enabled").toBool(false);
    n.tls.certificate = resolve(base, tls.value("certificate").toString());
    n.tls.privateKey = resolve(base, tls.value("privateKey").toString());
    n.tls.caCertificates = resolve(base, tls.value("caCertificates").toString());
    n.tls.verifyPeer = tls.value("verifyPeer").toBool(true);
    if (o.contains("retrieveMethod")) {
        try {
            n.retrieveMethod = parseRetrieveMethod(str(o, "retrieveMethod"));
        } catch (const Error& e) {
            throw bad(e.what());
        }
    }
    const QJsonObject web = o.value("dicomWeb").toObject();
    n.dicomWeb.baseUrl = str(web, "baseUrl");
    const QString auth = web.value("auth").toString("none").toLower();
    if (auth == "none") n.dicomWeb.auth = DicomWebSettings::Auth::None;
    else if (auth == "basic") n.dicomWeb.auth = DicomWebSettings::Auth::Basic;
    else if (auth == "bearer") n.dicomWeb.auth = DicomWebSettings::Auth::Bearer;
    else throw bad("\"auth\" must be none, basic or bearer");
    n.dicomWeb.user = str(web, "user");
    n.dicomWeb.password = str(web, "password");
    n.dicomWeb.token = str(web, "token");
    if (web.contains("acceptedTransferSyntaxes")) {
        if (!web.value("acceptedTransferSyntaxes").isArray()) throw bad("\"acceptedTransferSyntaxes\" must be an array of UIDs");
        for (const QJsonValue& uid : web.value("acceptedTransferSyntaxes").toArray()) {
            if (!uid.isString()) throw bad("\"acceptedTransferSyntaxes\" must be an array of UIDs");
            n.dicomWeb.acceptedTransferSyntaxes.push_back(uid.toString().trimmed().toStdString());
        }
    }
    n.connectTimeoutSeconds = o.value("connectTimeoutSeconds").toInt(10);
    n.dimseTimeoutSeconds = o.value("dimseTimeoutSeconds").toInt(60);
    try {
        validate(n);
    } catch (const Error& e) {
        throw bad(e.what());
    }
    return n;
}

QJsonObject toJson(const RemoteNode& n) {
    QJsonObject o{{"name", QString::fromStdString(n.name)}};
    if (n.hasDimse()) {
        o["aeTitle"] = QString::fromStdString(n.aeTitle);
        o["host"] = QString::fromStdString(n.host);
        o["port"] = n.port;
    }
    if (n.tls.enabled || !n.tls.certificate.empty())
        o["tls"] = QJsonObject{{"enabled", n.tls.enabled},
                               {"certificate", QString::fromStdString(n.tls.certificate.string())},
                               {"privateKey", QString::fromStdString(n.tls.privateKey.string())},
                               {"caCertificates", QString::fromStdString(n.tls.caCertificates.string())},
                               {"verifyPeer", n.tls.verifyPeer}};
    o["retrieveMethod"] = QString::fromStdString(retrieveMethodName(n.retrieveMethod));
    if (n.hasDicomWeb()) {
        QJsonObject web{{"baseUrl", QString::fromStdString(n.dicomWeb.baseUrl)}, {"auth", authName(n.dicomWeb.auth)}};
        if (n.dicomWeb.auth == DicomWebSettings::Auth::Basic) {
            web["user"] = QString::fromStdString(n.dicomWeb.user);
            web["password"] = QString::fromStdString(n.dicomWeb.password);
        } else if (n.dicomWeb.auth == DicomWebSettings::Auth::Bearer) {
            web["token"] = QString::fromStdString(n.dicomWeb.token);
        }
        if (!n.dicomWeb.acceptedTransferSyntaxes.empty()) {
            QJsonArray syntaxes;
            for (const std::string& uid : n.dicomWeb.acceptedTransferSyntaxes) syntaxes.append(QString::fromStdString(uid));
            web["acceptedTransferSyntaxes"] = syntaxes;
        }
        o["dicomWeb"] = web;
    }
    o["connectTimeoutSeconds"] = n.connectTimeoutSeconds;
    o["dimseTimeoutSeconds"] = n.dimseTimeoutSeconds;
    return o;
}

}  // namespace

std::string retrieveMethodName(RetrieveMethod method) {
    switch (method) {
        case RetrieveMethod::Move: return "move";
        case RetrieveMethod::Get: return "get";
        case RetrieveMethod::Wado: return "wado";
    }
    return "move";
}

RetrieveMethod parseRetrieveMethod(const std::string& text) {
    if (text == "move") return RetrieveMethod::Move;
    if (text == "get") return RetrieveMethod::Get;
    if (text == "wado") return RetrieveMethod::Wado;
    throw Error(ErrorCode::InvalidArgument, "retrieve method '" + text + "' is not move, get or wado");
}

std::string RemoteNode::describe() const {
    std::string where;
    if (hasDimse()) where = aeTitle + "@" + host + ":" + std::to_string(port) + (tls.enabled ? " TLS" : "");
    if (hasDicomWeb()) where += (where.empty() ? "" : ", ") + dicomWeb.baseUrl;
    return name.empty() || name == where || name == dicomWeb.baseUrl ? where : name + " (" + where + ")";
}

void validate(const RemoteNode& n) {
    if (n.name.empty()) throw Error(ErrorCode::InvalidArgument, "a node needs a name");
    if (n.aeTitle.size() > 16) throw Error(ErrorCode::InvalidArgument, "AE title '" + n.aeTitle + "' is longer than 16 characters");
    if (n.aeTitle.find('\\') != std::string::npos) throw Error(ErrorCode::InvalidArgument, "AE title must not contain '\\'");
    if (n.hasDimse() && (n.port < 1 || n.port > 65535))
        throw Error(ErrorCode::InvalidArgument, "port " + std::to_string(n.port) + " is not 1-65535");
    if (!n.hasDimse() && !n.hasDicomWeb())
        throw Error(ErrorCode::InvalidArgument, "node '" + n.name + "' has neither an AE title and host nor a DICOMweb URL");
    if (n.hasDicomWeb() && n.dicomWeb.baseUrl.rfind("http://", 0) != 0 && n.dicomWeb.baseUrl.rfind("https://", 0) != 0)
        throw Error(ErrorCode::InvalidArgument, "DICOMweb URL '" + n.dicomWeb.baseUrl + "' is not http:// or https://");
    if (n.retrieveMethod == RetrieveMethod::Wado && !n.hasDicomWeb())
        throw Error(ErrorCode::InvalidArgument, "node '" + n.name + "' retrieves by WADO-RS but has no DICOMweb URL");
    if (n.retrieveMethod != RetrieveMethod::Wado && !n.hasDimse() )
        throw Error(ErrorCode::InvalidArgument, "node '" + n.name + "' retrieves by DIMSE but has no AE title and host");
    for (const std::string& uid : n.dicomWeb.acceptedTransferSyntaxes)
        if (uid.empty() || uid.size() > 64 || uid.find_first_not_of("0123456789.") != std::string::npos)
            throw Error(ErrorCode::InvalidArgument, "accepted transfer syntax '" + uid + "' is not a UID");
    if (n.hasDicomWeb() && n.dicomWeb.auth == DicomWebSettings::Auth::Bearer && n.dicomWeb.token.empty())
        throw Error(ErrorCode::InvalidArgument, "node '" + n.name + "' uses bearer authentication but has no token");
    if (n.connectTimeoutSeconds < 1 || n.dimseTimeoutSeconds < 1)
        throw Error(ErrorCode::InvalidArgument, "timeouts must be at least one second");
}

std::vector<RemoteNode> readRemoteNodes(const std::filesystem::path& file) {
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorCode::FileNotFound, file.string() + ": cannot read the nodes file");
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        throw Error(ErrorCode::InvalidArgument, file.string() + ": not JSON (" + parseError.errorString().toStdString() +
                                                    " at offset " + std::to_string(parseError.offset) + ")");
    if (!doc.isObject() || !doc.object().value("nodes").isArray())
        throw Error(ErrorCode::InvalidArgument, file.string() + ": expected {\"nodes\": [...]}");
    std::vector<RemoteNode> nodes;
    std::set<std::string> names;
    const QJsonArray array = doc.object().value("nodes").toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const std::string where = file.string() + ": node " + std::to_string(i + 1);
        if (!array[i].isObject()) throw Error(ErrorCode::InvalidArgument, where + ": not an object");
        RemoteNode n = fromJson(array[i].toObject(), file.parent_path(), where);
        if (!names.insert(n.name).second)
            throw Error(ErrorCode::InvalidArgument, where + ": the name '" + n.name + "' is used twice");
        nodes.push_back(std::move(n));
    }
    return nodes;
}

void writeRemoteNodes(const std::filesystem::path& file, const std::vector<RemoteNode>& nodes) {
    QJsonArray array;
    for (const RemoteNode& n : nodes) {
        validate(n);
        array.append(toJson(n));
    }
    if (file.has_parent_path()) QDir().mkpath(QString::fromStdString(file.parent_path().string()));
    QSaveFile f(QString::fromStdString(file.string()));  // atomic: never a half-written file
    if (!f.open(QIODevice::WriteOnly))
        throw Error(ErrorCode::Io, file.string() + ": cannot write the nodes file");
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);  // it may hold passwords
    f.write(QJsonDocument(QJsonObject{{"nodes", array}}).toJson());
    if (!f.commit()) throw Error(ErrorCode::Io, file.string() + ": cannot write the nodes file");
}

std::filesystem::path defaultRemoteNodesFile() {
    return std::filesystem::path(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation).toStdString()) /
           "nodes.json";
}

const RemoteNode* findNode(const std::vector<RemoteNode>& nodes, const std::string& name) {
    for (const RemoteNode& n : nodes)
        if (n.name == name) return &n;
    return nullptr;
}

}  // namespace lightbox::pacs
