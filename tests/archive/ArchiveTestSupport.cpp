#include "ArchiveTestSupport.h"

#include <QDirIterator>

#include "TestSupport.h"

#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Tag.h"

#include <QFile>
#include <QtTest>

#include <vector>

namespace lightbox::test {

std::string makeObject(const ObjectSpec& s) {
    namespace tags = core::tags;
    core::DatasetBuilder b;
    if (!s.characterSet.empty()) b.text(tags::SpecificCharacterSet, "CS", s.characterSet);
    b.text(tags::SOPClassUID, "UI", s.sopClassUid)
        .text(tags::SOPInstanceUID, "UI", s.sopUid)
        .text(tags::StudyDate, "DA", s.studyDate)
        .text(tags::StudyTime, "TM", s.studyTime)
        .text(tags::AccessionNumber, "SH", s.accession)
        .text(tags::Modality, "CS", s.modality)
        .text(tags::InstitutionName, "LO", s.institution)
        .text(tags::ReferringPhysicianName, "PN", s.referring)
        .text(tags::StudyDescription, "LO", s.studyDescription)
        .text(tags::PatientName, "PN", s.patientName)
        .text(tags::PatientID, "LO", s.patientId)
        .text(tags::PatientBirthDate, "DA", s.birthDate)
        .text(tags::PatientSex, "CS", s.sex)
        .text(tags::BodyPartExamined, "CS", s.bodyPart)
        .text(tags::StudyInstanceUID, "UI", s.studyUid)
        .text(tags::SeriesInstanceUID, "UI", s.seriesUid)
        .text(tags::StudyID, "SH", "1")
        .text(tags::SeriesNumber, "IS", s.seriesNumber)
        .text(core::Tag(0x0020, 0x0020), "CS", "")  // Patient Orientation (Type 2)
        .us(tags::SamplesPerPixel, 1)
        .text(tags::PhotometricInterpretation, "CS", "MONOCHROME2")
        .us(tags::Rows, 4)
        .us(tags::Columns, 4)
        .us(tags::BitsAllocated, 8)
        .us(tags::BitsStored, 8)
        .us(tags::HighBit, 7)
        .us(tags::PixelRepresentation, 0);
    if (!s.issuer.empty()) b.text(core::Tag(0x0010, 0x0021), "LO", s.issuer);
    if (s.instanceNumber) b.text(tags::InstanceNumber, "IS", std::to_string(*s.instanceNumber));
    if (!s.comment.empty()) b.text(core::Tag(0x0020, 0x4000), "LT", s.comment);
    if (s.privateAttributes)
        b.text(core::Tag(0x0009, 0x0010), "LO", "LIGHTBOX TEST").text(core::Tag(0x0009, 0x1001), "LO", "SECRET PRIVATE");
    std::vector<std::uint8_t> pixels(16);
    for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = std::uint8_t(i * 16);
    b.binary(tags::PixelData, "OB", pixels);
    return b.toBytes();
}

bool synthesize(const QString& dir, int slices, const QString& only) {
    QStringList args{"synth", "--out", dir, "--slices", QString::number(slices)};
    if (!only.isEmpty()) args << "--only" << only;
    const ProcessResult r = runCli(args, 600000);
    if (r.exitCode != 0) {
        qWarning("lightbox-cli synth failed: %s", r.err.constData());
        return false;
    }
    return true;
}

std::string readBytes(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray a = f.readAll();
    return std::string(a.constData(), std::size_t(a.size()));
}

bool writeBytes(const QString& path, const std::string& bytes) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return f.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size());
}

std::size_t filesUnder(const QString& folder) {
    std::size_t n = 0;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

}  // namespace lightbox::test
