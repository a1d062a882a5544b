#include "lightbox/pacsclient/DicomWebClient.h"

#include "MultipartReader.h"
#include "PartQueue.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/Transcode.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdict.h>
#include <dcmtk/dcmdata/dctag.h>
#include <dcmtk/dcmdata/dcxfer.h>

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

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <numeric>
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
        if (r.status == 0) throw Error(ErrorCode::Io, node_.describe() + ": " + operation + " failed: " + r.errorString.toStdString());
        std::string why = httpStatusInWords(r.status, r.reason);
        if (r.status == 401 || r.status == 403) why += " (" + credentialsInWords() + ")";
        throw HttpError(r.status, node_.describe() + ": " + operation + " failed: " + why);
    }

    // What a 401 / 403 refused.
    std::string credentialsInWords() const {
        switch (node_.dicomWeb.auth) {
            case DicomWebSettings::Auth::None: return "no credentials were sent: the node's DICOMweb authentication is none";
            case DicomWebSettings::Auth::Basic: return "the password of user '" + node_.dicomWeb.user + "' was refused";
            case DicomWebSettings::Auth::Bearer: return "the bearer token was refused";
        }
        return {};
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

constexpr const char* kExplicitLittleEndian = "1.2.840.10008.1.2.1";
constexpr const char* kImplicitLittleEndian = "1.2.840.10008.1.2";

std::string transferSyntaxName(const std::string& uid) {
    const DcmXfer xfer(uid.c_str());
    return xfer.getXfer() == EXS_Unknown ? uid : std::string(xfer.getXferName());
}

// STOW-RS Failure Reason (0008,1197) in words (PS3.18 10.5.3, PS3.3 C.14.1.1).
std::string failureReasonInWords(int reason) {
    std::string words;
    switch (reason) {
        case 0x0110: words = "Processing failure"; break;
        case 0x0111: words = "Duplicate SOP Instance"; break;
        case 0x0119: words = "Class / Instance conflict"; break;
        case 0x0122: words = "Referenced SOP Class not supported"; break;
        case 0x0124: words = "Not authorized"; break;
        case 0x0213: words = "Resource limitation"; break;
        case 0xC122: words = "Referenced Transfer Syntax not supported"; break;
        default:
            if ((reason & 0xFF00) == 0xA700) words = "Out of resources";
            else if ((reason & 0xFF00) == 0xA900) words = "Data Set does not match SOP Class";
            else if ((reason & 0xF000) == 0xC000) words = "Cannot understand";
            else words = "Failure";
    }
    char hex[16];
    std::snprintf(hex, sizeof hex, " (0x%04X)", unsigned(reason) & 0xFFFFu);
    return words + hex;
}

QString firstString(const QJsonObject& item, const char* tag) {
    const QJsonArray value = item.value(tag).toObject().value("Value").toArray();
    return value.isEmpty() ? QString() : value.at(0).toString();
}

int firstNumber(const QJsonObject& item, const char* tag, int otherwise) {
    const QJsonArray value = item.value(tag).toObject().value("Value").toArray();
    return value.isEmpty() || !value.at(0).isDouble() ? otherwise : value.at(0).toInt();
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
    const auto stopped = [&] { return cancel && cancel->load(); };
    detail::PartQueue queue(
        receiver, context, kStoreWorkers, kQueuedBytes,
        [&](const StoreOutcome& outcome) {
            if (outcome.status == StoreOutcome::Status::Rejected || outcome.status == StoreOutcome::Status::Failed) ++p.failed;
            else ++p.completed;
            p.bytes = bytes;
            if (progress) progress(p);
        },
        stopped);  // cancelled: what waits is dropped, not stored
    std::unique_ptr<detail::MultipartReader> reader;
    auto onPart = [&](detail::MultipartPart&& part) {
        // Cancelled: not one more part queued (the rest of a buffer already read is dropped).
        if (stopped()) {
            std::error_code ec;
            if (!part.file.empty()) std::filesystem::remove(part.file, ec);
            throw Error(ErrorCode::Cancelled, "cancelled");
        }
        if (!queue.push(std::move(part), stopped)) throw Error(ErrorCode::Cancelled, "cancelled");
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
    struct Item {
        StoredObject object;
        bool convert = false;     // goes as Explicit VR Little Endian, converted by core
        bool resentAsIs = false;  // the node left it out of an answer once already
        std::string failure;      // why the node did not store it
    };
    // Every file is read as DICOM before anything goes out: one clear error, nothing sent.
    std::vector<Item> items;
    items.reserve(files.size());
    const auto& accepted = node_.dicomWeb.acceptedTransferSyntaxes;
    for (const auto& file : files) {
        Item item;
        item.object = describePart10File(file);
        const std::string& ts = item.object.transferSyntaxUid;
        item.convert = !accepted.empty() && ts != kExplicitLittleEndian &&
                       std::find(accepted.begin(), accepted.end(), ts) == accepted.end();
        items.push_back(std::move(item));
    }

    TransferReport report;
    TransferProgress p;
    std::size_t converted = 0;
    QByteArray lastReason;
    auto finalFailure = [&](std::size_t index) {
        const Item& item = items[index];
        ++report.failed;
        report.failedSopInstances.push_back(item.object.sopInstanceUid);
        if (report.statusText.empty()) report.statusText = item.object.path.string() + ": " + item.failure;
    };
    auto reportProgress = [&] {
        p.completed = report.completed;
        p.warning = report.warning;
        p.failed = report.failed;
        p.remaining = items.size() - report.completed - report.warning - report.failed;
        if (progress) progress(p);
    };
    Http http(node_);
    std::vector<std::size_t> pending(items.size());
    std::iota(pending.begin(), pending.end(), std::size_t(0));
    while (!pending.empty() && !report.cancelled) {
        std::vector<std::size_t> again;  // refused or left out: sent once more (converted, or as they were)
        for (std::size_t next = 0; next < pending.size();) {
            if (cancel && cancel->load()) {
                report.cancelled = true;
                break;
            }
            const QByteArray boundary = "lightbox-" + QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
            QByteArray body;
            std::vector<std::size_t> batch;
            while (next < pending.size() && (batch.empty() || std::uint64_t(body.size()) < kBatchBytes)) {
                const std::size_t index = pending[next++];
                Item& item = items[index];
                std::string bytes = readWhole(item.object.path);
                if (item.convert) {
                    try {
                        bytes = core::toExplicitLittleEndian(bytes, item.object.path.string());
                    } catch (const Error& e) {
                        item.failure = "the node does not take " + transferSyntaxName(item.object.transferSyntaxUid) +
                                       " and it cannot be converted to Explicit VR Little Endian: " + e.what();
                        finalFailure(index);
                        continue;
                    }
                }
                body += "--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n";
                body.append(bytes.data(), qsizetype(bytes.size()));
                body += "\r\n";
                batch.push_back(index);
            }
            if (batch.empty()) {
                reportProgress();
                continue;
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
            // 200 all stored, 202 some failed or with warnings, 409 none stored,
            // 415 a media type (transfer syntax) the node does not take.
            if (result.status != 200 && result.status != 202 && result.status != 409 && result.status != 415)
                http.fail("STOW-RS", result);
            report.status = std::uint16_t(result.status);
            lastReason = result.reason;
            const QJsonDocument doc = QJsonDocument::fromJson(result.body);
            const QJsonObject answer = doc.isArray() ? doc.array().at(0).toObject() : doc.object();
            // Referenced SOP Sequence (0008,1199): stored; Failed SOP Sequence (0008,1198): not, with a reason.
            std::map<std::string, bool> referenced;  // SOP Instance UID -> with a warning
            std::map<std::string, std::string> refused;
            for (const QJsonValue& v : answer.value("00081199").toObject().value("Value").toArray())
                referenced[firstString(v.toObject(), "00081155").toStdString()] = v.toObject().contains("00081196");
            for (const QJsonValue& v : answer.value("00081198").toObject().value("Value").toArray())
                refused[firstString(v.toObject(), "00081155").toStdString()] =
                    "refused by the node: " + failureReasonInWords(firstNumber(v.toObject(), "00081197", 0x0110));
            // A success answer without either sequence: the HTTP status is all the node says.
            const bool listed = answer.contains("00081199") || answer.contains("00081198");
            const bool success = result.status == 200 || result.status == 202;
            for (const std::size_t index : batch) {
                Item& item = items[index];
                const std::string& sop = item.object.sopInstanceUid;
                if (auto it = referenced.find(sop); it != referenced.end() || (success && !listed)) {
                    if (it != referenced.end() && it->second) ++report.warning;
                    else ++report.completed;
                    converted += item.convert ? 1 : 0;
                    continue;
                }
                bool leftOut = false;
                if (auto it = refused.find(sop); it != refused.end()) item.failure = it->second;
                else if (!success) item.failure = "refused by the node: " + httpStatusInWords(result.status, result.reason);
                else {
                    item.failure = "the node's answer leaves it out (not stored)";
                    leftOut = true;
                }
                const std::string& ts = item.object.transferSyntaxUid;
                if (!item.convert && ts != kExplicitLittleEndian && ts != kImplicitLittleEndian) {
                    item.convert = true;  // once more, decoded
                    again.push_back(index);
                } else if (leftOut && !item.resentAsIs) {
                    item.resentAsIs = true;  // the node may have stopped reading at an earlier refusal
                    again.push_back(index);
                } else {
                    finalFailure(index);
                }
            }
            reportProgress();
        }
        pending = std::move(again);
    }
    if (report.statusText.empty() && report.cancelled) report.statusText = "cancelled";
    if (report.statusText.empty()) {
        report.statusText = httpStatusInWords(report.status, lastReason);
        if (converted) report.statusText += "; " + std::to_string(converted) + " object(s) converted to Explicit VR Little Endian";
    }
    return report;
}

}  // namespace lightbox::pacs
