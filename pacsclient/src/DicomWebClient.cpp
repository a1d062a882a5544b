#include "lightbox/pacsclient/DicomWebClient.h"

#include "MultipartReader.h"
#include "PartQueue.h"

#include "lightbox/core/Error.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdict.h>
#include <dcmtk/dcmdata/dctag.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QBuffer>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <set>

namespace lightbox::pacs {
namespace {

using core::Error;
using core::ErrorCode;

QString tagHex(const std::string& keyword) {
    DcmTag tag;
    if (DcmTag::findTagFromName(keyword.c_str(), tag).bad()) return {};
    char hex[9];
    std::snprintf(hex, sizeof hex, "%04X%04X", unsigned(tag.getGroup()), unsigned(tag.getElement()));
    return QString::fromLatin1(hex);
}

std::string keywordOf(const QString& hex) {
    bool ok = false;
    const uint value = hex.toUInt(&ok, 16);
    if (!ok || hex.size() != 8) return {};
    DcmTag tag(Uint16(value >> 16), Uint16(value & 0xFFFF));
    const char* name = tag.getTagName();
    if (!name || std::string(name) == DcmTag_ERROR_TagName) return {};
    return name;
}

QueryMatch matchFromJson(const QJsonObject& object) {
    QueryMatch match;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string keyword = keywordOf(it.key());
        if (keyword.empty()) continue;
        const QJsonObject element = it.value().toObject();
        if (element.value("vr").toString() == "SQ") continue;
        QStringList values;
        for (const QJsonValue& v : element.value("Value").toArray()) {
            if (v.isObject()) {  // PN
                const QJsonObject pn = v.toObject();
                QString name = pn.value("Alphabetic").toString();
                if (pn.contains("Ideographic") || pn.contains("Phonetic"))
                    name += "=" + pn.value("Ideographic").toString();
                if (pn.contains("Phonetic")) name += "=" + pn.value("Phonetic").toString();
                values << name;
            } else if (v.isDouble()) {
                const double d = v.toDouble();
                values << (d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d, 'g', 17));
            } else {
                values << v.toString();
            }
        }
        match[keyword] = values.join('\\').toStdString();
    }
    return match;
}

// WADO-RS: parts stored at once, and how much may wait for them (beyond it
// the answer is not read on).
constexpr int kStoreWorkers = 4;
constexpr std::size_t kQueuedBytes = std::size_t(32) << 20;

std::string httpStatusInWords(int status, const QByteArray& reason) {
    return "HTTP " + std::to_string(status) + (reason.isEmpty() ? std::string() : " " + reason.toStdString());
}

// One HTTP exchange on a private QNetworkAccessManager with a local event loop.
class Http {
public:
    explicit Http(const RemoteNode& node) : node_(node) {}

    QNetworkRequest request(const QString& path, const QUrlQuery& query = {}) const {
        QString base = QString::fromStdString(node_.dicomWeb.baseUrl);
        while (base.endsWith('/')) base.chop(1);
        QUrl url(base + path);
        if (!query.isEmpty()) url.setQuery(query);
        QNetworkRequest r(url);
        switch (node_.dicomWeb.auth) {
            case DicomWebSettings::Auth::None: break;
            case DicomWebSettings::Auth::Basic:
                r.setRawHeader("Authorization",
                               "Basic " + QByteArray::fromStdString(node_.dicomWeb.user + ":" + node_.dicomWeb.password).toBase64());
                break;
            case DicomWebSettings::Auth::Bearer:
                r.setRawHeader("Authorization", "Bearer " + QByteArray::fromStdString(node_.dicomWeb.token));
                break;
        }
        // Idle time without data, not the whole transfer.
        r.setTransferTimeout(node_.dimseTimeoutSeconds * 1000);
        return r;
    }

    struct Result {
        int status = 0;
        QByteArray reason, body, contentType;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QString errorString;
        bool cancelled = false;
    };

    // `onData` receives the body as it arrives (then Result::body stays empty);
    // it returns false to abort the transfer.
    Result run(const QByteArray& verb, QNetworkRequest request, QIODevice* upload, const CancelFlag* cancel,
               const std::function<bool(QNetworkReply&)>& onData = {}) const {
        if (!QCoreApplication::instance())
            throw Error(ErrorCode::InvalidArgument, "DICOMweb needs a QCoreApplication (an event loop)");
        QNetworkAccessManager manager;
        QEventLoop loop;
        QNetworkReply* reply = manager.sendCustomRequest(request, verb, upload);
        // Back-pressure: at most 8 MiB waiting for us (set again once the
        // answer starts, in case the HTTP thread took the size before).
        reply->setReadBufferSize(8 << 20);
        QObject::connect(reply, &QNetworkReply::metaDataChanged, [reply] { reply->setReadBufferSize(8 << 20); });
        Result result;
        bool aborted = false;
        if (onData)
            QObject::connect(reply, &QNetworkReply::readyRead, [&] {
                if (!aborted && !onData(*reply)) {
                    aborted = true;
                    reply->abort();
                }
            });
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer poll;
        if (cancel) {
            QObject::connect(&poll, &QTimer::timeout, [&] {
                if (cancel->load() && !reply->isFinished()) {
                    result.cancelled = true;
                    reply->abort();
                }
            });
            poll.start(100);
        }
        if (!reply->isFinished()) loop.exec();
        if (onData && !aborted && reply->bytesAvailable() > 0) onData(*reply);
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        result.error = reply->error();
        result.errorString = reply->errorString();
        // Qt ends a transfer that stalled past its timeout as "cancelled".
        if (result.error == QNetworkReply::OperationCanceledError && !result.cancelled && !aborted)
            result.errorString = QString("no answer for %1 s (the node's timeout)").arg(node_.dimseTimeoutSeconds);
        if (!onData) result.body = reply->readAll();
        delete reply;
        return result;
    }

    [[noreturn]] void fail(const std::string& operation, const Result& r) const {
        std::string why;
        if (r.status != 0) why = httpStatusInWords(r.status, r.reason);
        else why = r.errorString.toStdString();
        throw Error(ErrorCode::Io, node_.describe() + ": " + operation + " failed: " + why);
    }

private:
    const RemoteNode& node_;
};

QString qidoPath(const QueryRequest& request, const std::map<std::string, std::string>& keys) {
    auto value = [&](const char* k) {
        auto it = keys.find(k);
        return it == keys.end() ? std::string() : it->second;
    };
    const std::string study = value("StudyInstanceUID"), series = value("SeriesInstanceUID");
    const bool singleStudy = !study.empty() && study.find_first_of("\\*?") == std::string::npos;
    const bool singleSeries = !series.empty() && series.find_first_of("\\*?") == std::string::npos;
    switch (request.level) {
        case QueryLevel::Patient:
        case QueryLevel::Study: return "/studies";
        case QueryLevel::Series:
            return singleStudy ? "/studies/" + QString::fromStdString(study) + "/series" : "/series";
        case QueryLevel::Image:
            if (singleStudy && singleSeries)
                return "/studies/" + QString::fromStdString(study) + "/series/" + QString::fromStdString(series) + "/instances";
            return singleStudy ? "/studies/" + QString::fromStdString(study) + "/instances" : "/instances";
    }
    return "/studies";
}

std::string readWhole(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    if (!in) throw Error(ErrorCode::Io, file.string() + ": cannot read");
    std::string bytes(std::size_t(in.tellg()), '\0');
    in.seekg(0);
    in.read(bytes.data(), std::streamsize(bytes.size()));
    if (!in) throw Error(ErrorCode::Io, file.string() + ": cannot read");
    return bytes;
}

}  // namespace

QueryMatch queryMatchFromDicomJson(const std::string& jsonObject) {
    return matchFromJson(QJsonDocument::fromJson(QByteArray::fromStdString(jsonObject)).object());
}

DicomWebClient::DicomWebClient(RemoteNode node) : node_(std::move(node)) {
    if (!node_.hasDicomWeb()) throw Error(ErrorCode::InvalidArgument, node_.describe() + ": no DICOMweb URL");
}

void DicomWebClient::checkCapabilities() const {
    Http http(node_);
    QNetworkRequest r = http.request("/studies", QUrlQuery{{"limit", "1"}});
    r.setRawHeader("Accept", "application/dicom+json");
    const Http::Result result = http.run("GET", r, nullptr, nullptr);
    if (result.status != 200 && result.status != 204) http.fail("QIDO-RS check", result);
    if (result.status == 200 && !QJsonDocument::fromJson(result.body).isArray())
        throw Error(ErrorCode::Io, node_.describe() + ": QIDO-RS check failed: the answer is not DICOM JSON");
}

std::vector<QueryMatch> DicomWebClient::search(const QueryRequest& request, const CancelFlag* cancel) const {
    std::map<std::string, std::string> keys(request.match.begin(), request.match.end());
    const QString path = qidoPath(request, keys);
    QUrlQuery query;
    std::set<std::string> inPath;
    if (path.contains("/studies/")) inPath.insert("StudyInstanceUID");
    if (path.contains("/series/")) inPath.insert("SeriesInstanceUID");
    for (const auto& [keyword, value] : request.match) {
        if (value.empty() || inPath.count(keyword)) continue;
        const QString hex = tagHex(keyword);
        if (hex.isEmpty()) throw Error(ErrorCode::InvalidArgument, node_.describe() + ": '" + keyword + "' is not a DICOM keyword");
        // QIDO-RS takes lists of UIDs with ',' (PS3.18 8.3.4.1).
        QString v = QString::fromStdString(value);
        if (keyword.size() > 3 && keyword.compare(keyword.size() - 3, 3, "UID") == 0) v.replace('\\', ',');
        query.addQueryItem(keyword == "ModalitiesInStudy" ? "ModalitiesInStudy" : hex, v);
    }
    std::set<std::string> wanted(request.returnKeys.begin(), request.returnKeys.end());
    for (const auto& [keyword, value] : request.match) wanted.insert(keyword);
    for (const std::string& keyword : wanted)
        if (const QString hex = tagHex(keyword); !hex.isEmpty()) query.addQueryItem("includefield", hex);
    Http http(node_);
    QNetworkRequest r = http.request(path, query);
    r.setRawHeader("Accept", "application/dicom+json");
    const Http::Result result = http.run("GET", r, nullptr, cancel);
    if (result.cancelled) return {};
    if (result.status == 204) return {};
    if (result.status != 200) http.fail("QIDO-RS", result);
    const QJsonDocument doc = QJsonDocument::fromJson(result.body);
    if (!doc.isArray()) throw Error(ErrorCode::Io, node_.describe() + ": QIDO-RS failed: the answer is not DICOM JSON");
    std::vector<QueryMatch> out;
    std::set<std::string> patients;
    for (const QJsonValue& v : doc.array()) {
        QueryMatch m = matchFromJson(v.toObject());
        if (request.level == QueryLevel::Patient) {
            // A patient-level answer from a study search: one row per patient.
            if (!patients.insert(m["PatientID"] + "\x01" + m["IssuerOfPatientID"]).second) continue;
            for (const char* studyKey : {"StudyInstanceUID", "StudyDate", "StudyTime", "StudyDescription", "AccessionNumber",
                                         "ModalitiesInStudy", "StudyID", "NumberOfStudyRelatedSeries",
                                         "NumberOfStudyRelatedInstances"})
                if (!wanted.count(studyKey)) m.erase(studyKey);
        }
        m["QueryRetrieveLevel"] = queryLevelName(request.level);
        out.push_back(std::move(m));
    }
    return out;
}

TransferReport DicomWebClient::retrieve(const std::string& studyUid, const std::string& seriesUid,
                                        const std::string& sopInstanceUid, NodeServices& receiver,
                                        const std::filesystem::path& spoolDirectory, const ProgressCallback& progress,
                                        const CancelFlag* cancel) const {
    if (studyUid.empty()) throw Error(ErrorCode::InvalidArgument, "WADO-RS needs a Study Instance UID");
    QString path = "/studies/" + QString::fromStdString(studyUid);
    if (!seriesUid.empty()) path += "/series/" + QString::fromStdString(seriesUid);
    if (!sopInstanceUid.empty()) path += "/instances/" + QString::fromStdString(sopInstanceUid);
    Http http(node_);
    QNetworkRequest r = http.request(path);
    r.setRawHeader("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*");

    // The network thread (this one) reads and splits the answer; the parts go
    // to store workers while still in memory (see PartQueue). The sender
    // keeps its copy: the objects are made durable together at the end.
    TransferProgress p;
    std::atomic<std::uint64_t> bytes{0};
    StoreContext context{node_.aeTitle, node_.dicomWeb.baseUrl};
    context.deferDurability = true;
    detail::PartQueue queue(receiver, context, kStoreWorkers, kQueuedBytes, [&](const StoreOutcome& outcome) {
        if (outcome.status == StoreOutcome::Status::Rejected || outcome.status == StoreOutcome::Status::Failed) ++p.failed;
        else ++p.completed;
        p.bytes = bytes;
        if (progress) progress(p);
    });
    const auto stopped = [&] { return cancel && cancel->load(); };
    std::unique_ptr<detail::MultipartReader> reader;
    auto onPart = [&](detail::MultipartPart&& part) {
        if (!queue.push(std::move(part), stopped)) throw Error(ErrorCode::Io, "cancelled");
    };
    std::string parseError;
    const Http::Result result = http.run("GET", r, nullptr, cancel, [&](QNetworkReply& reply) {
        if (!reader) {
            const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status != 200 && status != 206) return true;  // an error body: read and dropped below
            const QByteArray type = reply.header(QNetworkRequest::ContentTypeHeader).toByteArray();
            try {
                reader = std::make_unique<detail::MultipartReader>(type.toStdString(), spoolDirectory, onPart);
                reader->setBufferSource([&] { return queue.recycledBuffer(); });
            } catch (const std::exception& e) {
                parseError = e.what();
                return false;
            }
        }
        try {
            // Straight from Qt's buffer into the part's own buffer.
            for (qint64 available = reply.bytesAvailable(); available > 0; available = reply.bytesAvailable()) {
                const std::span<char> room = reader->buffer(std::size_t(available));
                const qint64 n = reply.read(room.data(), qint64(room.size()));
                if (n <= 0) {
                    reader->commit(0);  // nothing came after all: the offered room is given back
                    break;
                }
                bytes += std::uint64_t(n);
                reader->commit(std::size_t(n));
            }
        } catch (const std::exception& e) {
            if (!stopped()) parseError = e.what();
            return false;
        }
        return !stopped();
    });
    if (reader && result.error == QNetworkReply::NoError && !result.cancelled && parseError.empty()) {
        try {
            reader->end();
        } catch (const std::exception& e) {
            parseError = e.what();
        }
    }
    queue.finish();
    TransferReport report;
    report.completed = queue.stored();
    report.failed = queue.failed();
    report.status = std::uint16_t(result.status);
    report.statusText = httpStatusInWords(result.status, result.reason);
    if (result.cancelled || stopped()) {
        report.cancelled = true;
        return report;
    }
    if (!parseError.empty()) throw Error(ErrorCode::Io, node_.describe() + ": WADO-RS failed: " + parseError);
    if (result.status != 200 && result.status != 206) http.fail("WADO-RS", result);
    if (result.error != QNetworkReply::NoError)
        throw Error(ErrorCode::Io, node_.describe() + ": WADO-RS failed after " + std::to_string(report.completed) +
                                       " object(s): " + result.errorString.toStdString());  // a timeout in words too
    if (!reader || !reader->finished())
        throw Error(ErrorCode::Io, node_.describe() + ": WADO-RS failed after " + std::to_string(report.completed) +
                                       " object(s): the multipart answer ended early");
    if (report.failed)
        throw Error(ErrorCode::Io, node_.describe() + ": WADO-RS: the archive did not store " +
                                       std::to_string(report.failed) + " object(s): " + queue.firstError());
    receiver.makeDurable();
    return report;
}

std::string DicomWebClient::metadata(const std::string& studyUid, const std::string& seriesUid) const {
    QString path = "/studies/" + QString::fromStdString(studyUid);
    if (!seriesUid.empty()) path += "/series/" + QString::fromStdString(seriesUid);
    Http http(node_);
    QNetworkRequest r = http.request(path + "/metadata");
    r.setRawHeader("Accept", "application/dicom+json");
    const Http::Result result = http.run("GET", r, nullptr, nullptr);
    if (result.status != 200) http.fail("WADO-RS metadata", result);
    return result.body.toStdString();
}

TransferReport DicomWebClient::store(const std::vector<std::filesystem::path>& files, const ProgressCallback& progress,
                                     const CancelFlag* cancel) const {
    constexpr std::uint64_t kBatchBytes = 32ull << 20;
    TransferReport report;
    TransferProgress p;
    p.remaining = files.size();
    Http http(node_);
    std::size_t next = 0;
    while (next < files.size()) {
        if (cancel && cancel->load()) {
            report.cancelled = true;
            break;
        }
        const QByteArray boundary = "lightbox-" + QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
        QByteArray body;
        std::size_t inBatch = 0;
        while (next < files.size() && (inBatch == 0 || std::uint64_t(body.size()) < kBatchBytes)) {
            describePart10File(files[next]);  // a clear error for a file that is not DICOM
            const std::string bytes = readWhole(files[next]);
            body += "--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n";
            body.append(bytes.data(), qsizetype(bytes.size()));
            body += "\r\n";
            ++next;
            ++inBatch;
        }
        body += "--" + boundary + "--\r\n";
        QNetworkRequest r = http.request("/studies");
        r.setRawHeader("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary);
        r.setRawHeader("Accept", "application/dicom+json");
        Http::Result result;
        {
            QBuffer buffer(&body);
            buffer.open(QIODevice::ReadOnly);
            result = http.run("POST", r, &buffer, cancel);
        }
        if (result.cancelled) {
            report.cancelled = true;
            break;
        }
        if (result.status != 200 && result.status != 202 && result.status != 409) http.fail("STOW-RS", result);
        // Failed SOP Sequence (0008,1198) lists what was refused.
        std::size_t failedHere = 0;
        const QJsonDocument doc = QJsonDocument::fromJson(result.body);
        const QJsonObject answer = doc.isArray() ? doc.array().at(0).toObject() : doc.object();
        for (const QJsonValue& item : answer.value("00081198").toObject().value("Value").toArray()) {
            ++failedHere;
            const QJsonArray uid = item.toObject().value("00081155").toObject().value("Value").toArray();
            if (!uid.isEmpty()) report.failedSopInstances.push_back(uid.at(0).toString().toStdString());
        }
        if (result.status == 409) failedHere = inBatch;
        report.failed += failedHere;
        report.completed += inBatch - failedHere;
        p.completed = report.completed;
        p.failed = report.failed;
        p.remaining = files.size() - next;
        report.status = std::uint16_t(result.status);
        report.statusText = httpStatusInWords(result.status, result.reason);
        if (progress) progress(p);
    }
    return report;
}

}  // namespace lightbox::pacs
