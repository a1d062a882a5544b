#pragma once
// What the PACS client tests share: the JSON Lines a command prints, what an
// archive holds after a retrieve, and small studies written from scratch (one
// series of MONOCHROME2 8-bit images) for a peer to hold.

#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Tag.h"

#include "TestSupport.h"

#include <QByteArray>
#include <QDir>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QFile>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <string>
#include <vector>

namespace lightbox::test {

inline QList<QJsonObject> jsonLines(const QByteArray& out) {
    QList<QJsonObject> rows;
    for (const QByteArray& line : out.split('\n'))
        if (!line.trimmed().isEmpty()) rows << QJsonDocument::fromJson(line).object();
    return rows;
}

// `lightbox-cli pacs NODE... ARGS...`.
inline ProcessResult runPacs(const QStringList& node, const QStringList& args, int timeoutMs = 300000) {
    return runCli(QStringList{"pacs"} + node + args, timeoutMs);
}

// The SOP Instance UIDs an archive indexes (of one study when given); none
// when the archive was never created.
inline QSet<QString> archivedSops(const QString& root, const QString& study = {}) {
    QSet<QString> out;
    if (!QFile::exists(root + "/index.sqlite")) return out;
    QStringList args{"archive", "--root", root, "query", "--level", "image", "--json"};
    if (!study.isEmpty()) args << "--study-uid" << study;
    for (const QJsonObject& o : jsonLines(runCli(args).out)) out << o["SOPInstanceUID"].toString();
    return out;
}

// `archive verify` finds nothing wrong.
inline bool archiveVerifies(const QString& root) {
    const QJsonObject verify = QJsonDocument::fromJson(runCli({"archive", "--root", root, "verify", "--json"}).out).object();
    return verify["ok"].toBool() && verify["problems"].toArray().isEmpty();
}

struct MadeStudy {
    QString studyUid;
    QStringList files;
};

struct StudyToMake {
    QString patientId, issuer, modality, bodyPart, date, description;
    int instances = 2;
    int matrix = 4;  // columns = rows
    QString patientName = "PRIORS^PATIENT";
};

// `what.instances` images of one series in `dir`; the pixels differ from image to image.
inline MadeStudy makeStudy(const QString& dir, const StudyToMake& what) {
    static const QMap<QString, QString> sopClass{{"CT", "1.2.840.10008.5.1.4.1.1.2"},
                                                 {"MR", "1.2.840.10008.5.1.4.1.1.4"},
                                                 {"CR", "1.2.840.10008.5.1.4.1.1.1"},
                                                 {"OT", "1.2.840.10008.5.1.4.1.1.7"}};
    MadeStudy made;
    made.studyUid = QString::fromStdString(core::generateUid());
    const std::string seriesUid = core::generateUid();
    QDir().mkpath(dir);
    for (int i = 0; i < what.instances; ++i) {
        std::vector<std::uint8_t> pixels(std::size_t(what.matrix) * std::size_t(what.matrix));
        for (std::size_t p = 0; p < pixels.size(); ++p) pixels[p] = std::uint8_t((p * 7 + std::size_t(i) * 13) & 0xFF);
        core::DatasetBuilder b;
        b.text(core::tags::SOPClassUID, "UI", sopClass.value(what.modality, sopClass["OT"]).toStdString())
            .text(core::tags::SOPInstanceUID, "UI", core::generateUid())
            .text(core::tags::StudyInstanceUID, "UI", made.studyUid.toStdString())
            .text(core::tags::SeriesInstanceUID, "UI", seriesUid)
            .text(core::tags::PatientID, "LO", what.patientId.toStdString())
            .text(core::Tag{0x0010, 0x0021}, "LO", what.issuer.toStdString())
            .text(core::tags::PatientName, "PN", what.patientName.toStdString())
            .text(core::tags::StudyDate, "DA", what.date.toStdString())
            .text(core::tags::StudyTime, "TM", "120000")
            .text(core::tags::StudyDescription, "LO", what.description.toStdString())
            .text(core::tags::AccessionNumber, "SH", ("A" + what.date).toStdString())
            .text(core::tags::Modality, "CS", what.modality.toStdString())
            .text(core::tags::BodyPartExamined, "CS", what.bodyPart.toStdString())
            .text(core::tags::SeriesNumber, "IS", "1")
            .text(core::tags::InstanceNumber, "IS", std::to_string(i + 1))
            .us(core::tags::Rows, std::uint16_t(what.matrix))
            .us(core::tags::Columns, std::uint16_t(what.matrix))
            .us(core::tags::SamplesPerPixel, 1)
            .text(core::tags::PhotometricInterpretation, "CS", "MONOCHROME2")
            .us(core::tags::BitsAllocated, 8)
            .us(core::tags::BitsStored, 8)
            .us(core::tags::HighBit, 7)
            .us(core::tags::PixelRepresentation, 0)
            .binary(core::tags::PixelData, "OB", pixels);
        const QString file = QString("%1/%2-%3.dcm").arg(dir).arg(made.studyUid).arg(i);
        b.write(file.toStdString());
        made.files << file;
    }
    return made;
}

}  // namespace lightbox::test
