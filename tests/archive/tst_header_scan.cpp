// The store path's header scan (archive/src/HeaderScan.h) against the GDCM
// path it replaces: wherever the scan answers, its record, media-directory
// flag and refusal reason must be exactly what core::DicomFile gives, for
// every file of the shared data, every synthetic object and crafted cases;
// and it must answer (not fall back) for the common encodings.

#include "ArchiveTestSupport.h"
#include "HeaderScan.h"
#include "InstanceRecord.h"
#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/Part10Bytes.h"
#include "lightbox/core/Tag.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdint>
#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace lightbox;

namespace {

const std::string kExplicitLE = "1.2.840.10008.1.2.1";
const std::string kImplicitLE = "1.2.840.10008.1.2";
const std::string kJpegBaseline = "1.2.840.10008.1.2.4.50";
const std::string kCtImage = "1.2.840.10008.5.1.4.1.1.2";
const std::string kMediaDirectory = "1.2.840.10008.1.3.10";

// What the GDCM path decides for an object.
struct GdcmOutcome {
    bool parsed = false;
    bool mediaDirectory = false;
    std::optional<std::string> reason;
    std::string sopInstanceUid;
    archive::InstanceRecord record;
};

GdcmOutcome viaGdcm(const std::string& bytes) {
    GdcmOutcome out;
    try {
        const core::DicomFile file = core::DicomFile::fromView(bytes, "test", core::DicomFile::Extent::HeaderOnly);
        out.parsed = true;
        out.mediaDirectory = archive::isMediaDirectory(file);
        out.reason = archive::unstorableReason(file);
        out.sopInstanceUid = file.stringOr(core::tags::SOPInstanceUID, "");
        out.record = archive::recordFrom(file);
    } catch (const core::Error&) {
    }
    return out;
}

// Empty when the scan agrees with GDCM (or fell back); else what differs.
QString disagreement(const std::string& bytes, bool* scanned = nullptr) {
    const std::optional<archive::ScannedObject> scan = archive::scanObject(bytes);
    if (scanned) *scanned = scan.has_value();
    if (!scan) return {};
    const GdcmOutcome gdcm = viaGdcm(bytes);
    if (!gdcm.parsed) return "the scan answered, GDCM refused the object";
    QStringList diff;
    auto check = [&](const char* what, const std::string& a, const std::string& b) {
        if (a != b) diff << QString("%1: scan '%2', GDCM '%3'").arg(what, QString::fromStdString(a), QString::fromStdString(b));
    };
    if (scan->mediaDirectory != gdcm.mediaDirectory) diff << "media directory flag";
    check("reason", scan->unstorableReason.value_or("<none>"), gdcm.reason.value_or("<none>"));
    check("sopInstanceUid (raw)", scan->sopInstanceUid, gdcm.sopInstanceUid);
    const archive::InstanceRecord& s = scan->record;
    const archive::InstanceRecord& g = gdcm.record;
    check("patientId", s.patientId, g.patientId);
    check("issuer", s.issuer, g.issuer);
    check("patientName", s.patientName, g.patientName);
    check("birthDate", s.birthDate, g.birthDate);
    check("sex", s.sex, g.sex);
    check("studyUid", s.studyUid, g.studyUid);
    check("studyDate", s.studyDate, g.studyDate);
    check("studyTime", s.studyTime, g.studyTime);
    check("accession", s.accession, g.accession);
    check("studyId", s.studyId, g.studyId);
    check("studyDescription", s.studyDescription, g.studyDescription);
    check("referring", s.referring, g.referring);
    check("institution", s.institution, g.institution);
    check("seriesUid", s.seriesUid, g.seriesUid);
    check("modality", s.modality, g.modality);
    check("seriesNumber", s.seriesNumber, g.seriesNumber);
    check("seriesDescription", s.seriesDescription, g.seriesDescription);
    check("seriesDate", s.seriesDate, g.seriesDate);
    check("seriesTime", s.seriesTime, g.seriesTime);
    check("bodyPart", s.bodyPart, g.bodyPart);
    check("sopUid", s.sopUid, g.sopUid);
    check("sopClassUid", s.sopClassUid, g.sopClassUid);
    check("transferSyntax", s.transferSyntax, g.transferSyntax);
    if (s.instanceNumber != g.instanceNumber)
        diff << QString("instanceNumber: scan %1, GDCM %2")
                    .arg(s.instanceNumber ? QString::number(*s.instanceNumber) : "none",
                         g.instanceNumber ? QString::number(*g.instanceNumber) : "none");
    return diff.join("; ");
}

// ---- Crafted objects, byte by byte --------------------------------------

using core::part10::appendLe16;
using core::part10::appendLe32;

bool longForm(const std::string& vr) {
    for (const char* v : {"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"})
        if (vr == v) return true;
    return false;
}

constexpr std::uint32_t kUndefined = 0xFFFFFFFFu;

// A data set's elements in the order written; text values padded to even length.
class DataSetWriter {
public:
    explicit DataSetWriter(bool explicitVr = true) : explicit_(explicitVr) {}

    // An element header with a given length (the value follows separately, or not).
    DataSetWriter& header(std::uint16_t group, std::uint16_t element, const std::string& vr, std::uint32_t length) {
        appendLe16(out_, group);
        appendLe16(out_, element);
        if (explicit_) {
            out_ += vr;
            if (longForm(vr)) {
                appendLe16(out_, 0);
                appendLe32(out_, length);
            } else {
                appendLe16(out_, length);
            }
        } else {
            appendLe32(out_, length);
        }
        return *this;
    }
    DataSetWriter& raw(const std::string& bytes) {
        out_ += bytes;
        return *this;
    }
    // A value padded as PS3.5 says (UI with NUL, other text with a space, binary with NUL).
    DataSetWriter& add(std::uint16_t group, std::uint16_t element, const std::string& vr, std::string value) {
        if (value.size() % 2) value += (vr == "UI" || vr == "OB" || vr == "UN") ? '\0' : ' ';
        header(group, element, vr, std::uint32_t(value.size()));
        out_ += value;
        return *this;
    }
    DataSetWriter& us(std::uint16_t group, std::uint16_t element, std::uint16_t v) {
        std::string value;
        appendLe16(value, v);
        return add(group, element, "US", value);
    }
    // Item and delimiters are written the same in every encoding.
    DataSetWriter& item(std::uint32_t length) {
        appendLe16(out_, 0xFFFE);
        appendLe16(out_, 0xE000);
        appendLe32(out_, length);
        return *this;
    }
    DataSetWriter& itemEnd() {
        appendLe16(out_, 0xFFFE);
        appendLe16(out_, 0xE00D);
        appendLe32(out_, 0);
        return *this;
    }
    DataSetWriter& sequenceEnd() {
        appendLe16(out_, 0xFFFE);
        appendLe16(out_, 0xE0DD);
        appendLe32(out_, 0);
        return *this;
    }
    const std::string& bytes() const { return out_; }

private:
    bool explicit_;
    std::string out_;
};

std::string part10(const std::string& transferSyntax, const std::string& dataSet,
                   const std::string& mediaSopClass = kCtImage) {
    DataSetWriter meta(true);
    meta.add(0x0002, 0x0001, "OB", std::string("\0\1", 2));
    meta.add(0x0002, 0x0002, "UI", mediaSopClass);
    meta.add(0x0002, 0x0003, "UI", "1.2.826.0.1.3680043.10.543.7.1");
    meta.add(0x0002, 0x0010, "UI", transferSyntax);
    meta.add(0x0002, 0x0012, "UI", "1.2.826.0.1.3680043.10.543");
    std::string length;
    appendLe32(length, std::uint32_t(meta.bytes().size()));
    DataSetWriter group(true);
    group.add(0x0002, 0x0000, "UL", length);
    return std::string(128, '\0') + "DICM" + group.bytes() + meta.bytes() + dataSet;
}

struct CraftSpec {
    bool explicitVr = true;
    std::string characterSet;
    std::string sopClass = kCtImage;
    std::optional<std::string> sopInstance = "1.2.826.0.1.3680043.10.543.7.1";
    std::string studyUid = "1.2.826.0.1.3680043.10.543.7";
    std::string seriesUid = "1.2.826.0.1.3680043.10.543.7.2";
    std::string patientName = "DOE^JOHN";
    std::string instanceNumber = "7";
    std::string studyDate = "2024.01.31";
    std::string studyTime = "10:15:30.25";
    std::string sequences;          // elements between (0020,0013) and (0028,0002), written as given
    bool imagePixelModule = true;
    std::uint16_t rows = 4, columns = 4;
};

// Everything up to (not including) Pixel Data.
std::string craftHeader(const CraftSpec& c) {
    DataSetWriter w(c.explicitVr);
    if (!c.characterSet.empty()) w.add(0x0008, 0x0005, "CS", c.characterSet);
    w.add(0x0008, 0x0016, "UI", c.sopClass);
    if (c.sopInstance) w.add(0x0008, 0x0018, "UI", *c.sopInstance);
    w.add(0x0008, 0x0020, "DA", c.studyDate);
    w.add(0x0008, 0x0030, "TM", c.studyTime);
    w.add(0x0008, 0x0050, "SH", "ACC-1");
    w.add(0x0008, 0x0060, "CS", "CT");
    w.add(0x0008, 0x0080, "LO", " Example Hospital ");
    w.add(0x0008, 0x0090, "PN", c.patientName);
    w.add(0x0008, 0x103E, "LO", c.patientName);
    w.add(0x0010, 0x0010, "PN", c.patientName);
    w.add(0x0010, 0x0020, "LO", "PID-1");
    w.add(0x0010, 0x0030, "DA", "19700101");
    w.add(0x0010, 0x0040, "CS", "F");
    w.add(0x0018, 0x0015, "CS", "CHEST");
    w.add(0x0020, 0x000D, "UI", c.studyUid);
    w.add(0x0020, 0x000E, "UI", c.seriesUid);
    w.add(0x0020, 0x0010, "SH", "S1");
    w.add(0x0020, 0x0011, "IS", "3");
    w.add(0x0020, 0x0013, "IS", c.instanceNumber);
    w.raw(c.sequences);
    if (c.imagePixelModule) {
        w.us(0x0028, 0x0002, 1);
        w.add(0x0028, 0x0004, "CS", "MONOCHROME2");
        w.us(0x0028, 0x0010, c.rows);
        w.us(0x0028, 0x0011, c.columns);
        w.us(0x0028, 0x0100, 16);
        w.us(0x0028, 0x0101, 12);
        w.us(0x0028, 0x0102, 11);
        w.us(0x0028, 0x0103, 0);
    }
    return w.bytes();
}

// A complete native image: Pixel Data of rows x columns 16-bit values.
std::string nativeObject(const CraftSpec& c) {
    DataSetWriter pixels(c.explicitVr);
    pixels.add(0x7FE0, 0x0010, "OW", std::string(std::size_t(c.rows) * c.columns * 2, '\x01'));
    return part10(c.explicitVr ? kExplicitLE : kImplicitLE, craftHeader(c) + pixels.bytes(), c.sopClass);
}

// A sequence of undefined length whose items hold nested sequences (one of
// undefined, one of defined length), in either encoding.
std::string nestedSequences(bool explicitVr) {
    DataSetWriter inner(explicitVr);
    inner.add(0x0008, 0x1150, "UI", "1.2.840.10008.5.1.4.1.1.2");
    inner.add(0x0008, 0x1155, "UI", "1.2.3.4");
    DataSetWriter w(explicitVr);
    w.header(0x0020, 0x0014, "SQ", kUndefined);  // a (retired) tag after Instance Number, any SQ will do
    w.item(kUndefined);
    w.add(0x0008, 0x0100, "SH", "CODE");
    w.header(0x0008, 0x1140, "SQ", kUndefined);  // nested, undefined length
    w.item(std::uint32_t(inner.bytes().size())).raw(inner.bytes());
    w.item(kUndefined).raw(inner.bytes()).itemEnd();
    w.sequenceEnd();
    // nested, defined length
    DataSetWriter definedItems(explicitVr);
    definedItems.item(std::uint32_t(inner.bytes().size())).raw(inner.bytes());
    w.header(0x0008, 0x1199, "SQ", std::uint32_t(definedItems.bytes().size())).raw(definedItems.bytes());
    w.itemEnd();
    w.item(0);  // an empty item
    w.sequenceEnd();
    // a private sequence of defined length holding an undefined-length item
    DataSetWriter priv(explicitVr);
    priv.item(kUndefined).raw(inner.bytes()).itemEnd();
    w.add(0x0021, 0x0010, "LO", "LIGHTBOX TEST");
    w.header(0x0021, 0x1010, "SQ", std::uint32_t(priv.bytes().size())).raw(priv.bytes());
    return w.bytes();
}

std::string encapsulatedObject(bool withDelimiter, const std::string& transferSyntax = kJpegBaseline) {
    CraftSpec c;
    DataSetWriter w(true);
    w.header(0x7FE0, 0x0010, "OB", kUndefined);
    w.item(0);                                    // empty basic offset table
    w.item(8).raw(std::string("\xFF\xD8\xFF\xE0\0\0\xFF\xD9", 8));  // one fragment
    if (withDelimiter) w.sequenceEnd();
    return part10(transferSyntax, craftHeader(c) + w.bytes());
}

QString sharedPath(const char* relative) { return test::sharedFile(relative); }

}  // namespace

class TestHeaderScan : public QObject {
    Q_OBJECT

private slots:
    void commonEncodingsAreScanned_data() {
        QTest::addColumn<QByteArray>("bytes");
        CraftSpec c;
        QTest::newRow("explicit VR LE") << QByteArray::fromStdString(nativeObject(c));
        c.explicitVr = false;
        QTest::newRow("implicit VR LE") << QByteArray::fromStdString(nativeObject(c));
        QTest::newRow("JPEG baseline, encapsulated") << QByteArray::fromStdString(encapsulatedObject(true));
    }
    void commonEncodingsAreScanned() {
        QFETCH(QByteArray, bytes);
        const std::string object = bytes.toStdString();
        bool scanned = false;
        const QString diff = disagreement(object, &scanned);
        QVERIFY2(scanned, "the scan fell back to GDCM for a plain object");
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        const auto scan = archive::scanObject(object);
        QVERIFY(!scan->unstorableReason);
        QCOMPARE(scan->record.patientName, std::string("DOE^JOHN"));
        QCOMPARE(scan->record.studyDate, std::string("20240131"));
        QCOMPARE(scan->record.studyTime, std::string("101530.25"));
        QCOMPARE(scan->record.institution, std::string("Example Hospital"));
        QCOMPARE(scan->record.instanceNumber, std::optional<std::int64_t>(7));
    }

    void sharedDataCommonFilesAreScanned_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("explicit LE CT (Philips)") << "dcm_qa_ct/In/Philips/S21570/S2010/I10";
        QTest::newRow("implicit LE MR") << "pydicom/src/pydicom/data/test_files/MR_small_implicit.dcm";
        QTest::newRow("JPEG 2000") << "pydicom/src/pydicom/data/test_files/MR_small_jp2klossless.dcm";
        QTest::newRow("JPEG baseline") << "pydicom/src/pydicom/data/test_files/SC_rgb_jpeg_dcmtk.dcm";
    }
    void sharedDataCommonFilesAreScanned() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        QFETCH(QString, file);
        const std::string bytes = test::readBytes(sharedPath(file.toUtf8().constData()));
        QVERIFY2(!bytes.empty(), qPrintable(file));
        bool scanned = false;
        const QString diff = disagreement(bytes, &scanned);
        QVERIFY2(scanned, qPrintable(file + ": the scan fell back to GDCM"));
        QVERIFY2(diff.isEmpty(), qPrintable(file + ": " + diff));
    }

    // Every file of the shared data: wherever the scan answers, GDCM agrees.
    void everySharedFileAgrees() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        int files = 0, scanned = 0, storable = 0;
        QStringList failures, fellBack;
        QDirIterator it(test::sharedDataDir(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const std::string bytes = test::readBytes(path);
            ++files;
            bool answered = false;
            const QString diff = disagreement(bytes, &answered);
            if (!diff.isEmpty()) failures << path + ": " + diff;
            if (answered) {
                ++scanned;
                if (!archive::scanObject(bytes)->unstorableReason) ++storable;
            } else if (viaGdcm(bytes).parsed) {
                fellBack << QDir(test::sharedDataDir()).relativeFilePath(path);
            }
        }
        qInfo("%d files: %d scanned (%d storable), %lld read by GDCM after the scan declined, the rest not DICOM",
              files, scanned, storable, static_cast<long long>(fellBack.size()));
        for (const QString& f : fellBack) qInfo("  GDCM path: %s", qPrintable(f));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
        QVERIFY(files > 100);
        QVERIFY2(scanned > files / 2, "the scan declined most of the shared data");
    }

    // Every object `lightbox-cli synth` writes.
    void everySyntheticObjectIsScannedAndAgrees() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(test::synthesize(dir.path(), 3));
        int objects = 0;
        QDirIterator it(dir.path(), {"*.dcm"}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const std::string bytes = test::readBytes(path);
            ++objects;
            bool scanned = false;
            const QString diff = disagreement(bytes, &scanned);
            QVERIFY2(scanned, qPrintable(path + ": the scan fell back to GDCM"));
            QVERIFY2(diff.isEmpty(), qPrintable(path + ": " + diff));
        }
        QVERIFY(objects >= 20);
    }

    void craftedCasesAgree_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("mustScan");
        QTest::addColumn<QString>("expectedReason");  // a fragment of it; "" = storable
        auto row = [](const char* name, const std::string& bytes, bool mustScan, const QString& reason) {
            QTest::newRow(name) << QByteArray::fromStdString(bytes) << mustScan << reason;
        };
        CraftSpec c;
        {
            std::string object = nativeObject(c);
            row("truncated native pixel data", object.substr(0, object.size() - 10), true, "is truncated");
        }
        {
            DataSetWriter w(true);
            w.add(0x7FE0, 0x0010, "OW", std::string(16, '\1'));  // 4x4x16 bits need 32
            row("native pixel data shorter than the image", part10(kExplicitLE, craftHeader(c) + w.bytes()), true,
                "holds 16 bytes, the image needs 32");
            CraftSpec implicit = c;
            implicit.explicitVr = false;
            DataSetWriter wi(false);
            wi.add(0x7FE0, 0x0010, "OW", std::string(16, '\1'));
            row("implicit: pixel data shorter than the image", part10(kImplicitLE, craftHeader(implicit) + wi.bytes()),
                true, "holds 16 bytes");
            CraftSpec noModule = c;
            noModule.imagePixelModule = false;
            row("native pixel data without an Image Pixel module", part10(kExplicitLE, craftHeader(noModule) + w.bytes()),
                true, "");
        }
        row("encapsulated, sequence delimiter missing", encapsulatedObject(false), true, "is truncated");
        row("encapsulated, complete", encapsulatedObject(true), true, "");
        for (const char* syntax : {"1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70",
                                   "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.90",
                                   "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93",
                                   "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.101", "1.2.840.10008.1.2.4.102",
                                   "1.2.840.10008.1.2.4.103", "1.2.840.10008.1.2.5"})
            QTest::newRow(qPrintable(QString("encapsulated, ") + syntax))
                << QByteArray::fromStdString(encapsulatedObject(true, syntax)) << true << QString();
        row("deflated syntax (declared)", encapsulatedObject(true, "1.2.840.10008.1.2.1.99"), false, "");
        {
            DataSetWriter w(true);
            w.add(0x0004, 0x1130, "CS", "");
            w.add(0x0004, 0x1200, "UL", std::string(4, '\0'));
            w.header(0x0004, 0x1220, "SQ", kUndefined);
            w.item(kUndefined).add(0x0004, 0x1430, "CS", "PATIENT").add(0x0010, 0x0020, "LO", "P1").itemEnd();
            w.sequenceEnd();
            w.add(0x0008, 0x0016, "UI", kMediaDirectory);
            row("DICOMDIR", part10(kExplicitLE, w.bytes(), kMediaDirectory), true, "a media directory");
            DataSetWriter only(true);
            only.header(0x0004, 0x1220, "SQ", 0);
            row("directory record sequence only", part10(kExplicitLE, only.bytes() + craftHeader(c)), true,
                "a media directory");
            row("DICOMDIR by its meta group only", part10(kExplicitLE, craftHeader(c), kMediaDirectory), true,
                "a media directory");
        }
        {
            CraftSpec missing = c;
            missing.sopInstance.reset();
            row("missing SOP Instance UID", nativeObject(missing), true, "missing SOP Instance UID");
            CraftSpec backslash = c;
            backslash.studyUid = "1.2.3\\4.5";
            row("backslash in the Study Instance UID", nativeObject(backslash), true, "contains a backslash");
            CraftSpec nonAscii = c;
            nonAscii.seriesUid = "1.2.3.\xC3\xA9";
            row("non-ASCII Series Instance UID", nativeObject(nonAscii), true, "non-ASCII");
            CraftSpec padded = c;
            padded.sopInstance = " 1.2.3.4 ";
            row("padded SOP Instance UID", nativeObject(padded), true, "");
        }
        {
            CraftSpec latin1 = c;
            latin1.characterSet = "ISO_IR 100";
            latin1.patientName = "M\xDCLLER^J\xC9R\xD4ME";
            row("ISO_IR 100 Latin-1 names", nativeObject(latin1), true, "");
            CraftSpec japanese = c;
            japanese.characterSet = "\\ISO 2022 IR 87";
            japanese.patientName =
                "Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B";
            row("ISO 2022 IR 87 Japanese names", nativeObject(japanese), true, "");
            CraftSpec utf8 = c;
            utf8.characterSet = "ISO_IR 192";
            utf8.patientName = "Wang^XiaoDong=\xE7\x8E\x8B^\xE5\xB0\x8F\xE6\x9D\xB1=";
            row("ISO_IR 192 UTF-8 names", nativeObject(utf8), true, "");
            CraftSpec implicitLatin1 = latin1;
            implicitLatin1.explicitVr = false;
            row("implicit VR, ISO_IR 100", nativeObject(implicitLatin1), true, "");
        }
        {
            CraftSpec odd = c;
            odd.instanceNumber = " 12 ";
            row("instance number with padding", nativeObject(odd), true, "");
            odd.instanceNumber = "4\\5";
            row("instance number, two values", nativeObject(odd), true, "");
            odd.instanceNumber = "abc";
            row("instance number not a number", nativeObject(odd), true, "");
            odd.instanceNumber = "";
            row("instance number empty", nativeObject(odd), true, "");
        }
        {
            std::string object = nativeObject(c);
            DataSetWriter after(true);
            after.add(0xFFFC, 0xFFFC, "OB", std::string(6, '\0'));
            row("an element after Pixel Data", object + after.bytes(), true, "");
            DataSetWriter noPixels(true);
            noPixels.add(0x7FE1, 0x0010, "LO", "PRIVATE");
            noPixels.add(0x7FE1, 0x1010, "OB", "ab");
            row("no Pixel Data, private elements after its place", part10(kExplicitLE, craftHeader(c) + noPixels.bytes()),
                true, "");
            CraftSpec header = c;
            header.imagePixelModule = false;
            row("no Pixel Data at all", part10(kExplicitLE, craftHeader(header)), true, "");
        }
        {
            CraftSpec seq = c;
            seq.sequences = nestedSequences(true);
            row("explicit: undefined-length sequence with nested sequences", nativeObject(seq), true, "");
            seq.explicitVr = false;
            seq.sequences = nestedSequences(false);
            row("implicit: undefined-length sequence with nested sequences", nativeObject(seq), true, "");
        }
        // What the scan must leave to GDCM.
        {
            std::string big = nativeObject(c);
            const std::string ts = kExplicitLE;
            big.replace(big.find(ts), ts.size() + 1, std::string("1.2.840.10008.1.2.2", 19) + '\0');
            row("big endian syntax (declared)", big, false, "");
            std::string noPreamble = nativeObject(c).substr(132);
            row("no preamble", noPreamble, false, "");
            std::string oddLength = part10(kExplicitLE, DataSetWriter(true).header(0x0008, 0x0016, "UI", 3).raw("1.2").bytes() +
                                                            craftHeader(c).substr(0));
            row("odd length", oddLength, false, "");
            DataSetWriter duplicate(true);
            duplicate.add(0x0008, 0x0016, "UI", kCtImage);
            row("duplicate tag", part10(kExplicitLE, duplicate.bytes() + craftHeader(c)), false, "");
            DataSetWriter pastEnd(true);
            pastEnd.header(0x0008, 0x0016, "UI", 200).raw("1.2");
            row("length past the end", part10(kExplicitLE, pastEnd.bytes()), false, "");
            DataSetWriter badSequence(true);
            badSequence.header(0x0008, 0x1140, "SQ", kUndefined).item(kUndefined).add(0x0008, 0x1150, "UI", "1.2");
            row("sequence without its delimiters", part10(kExplicitLE, craftHeader(c).substr(0, 40) + badSequence.bytes()),
                false, "");
            row("garbage", std::string(300, 'x'), false, "");
            row("empty", std::string(), false, "");
            row("preamble only", std::string(128, '\0') + "DICM", false, "");
        }
    }
    void craftedCasesAgree() {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, mustScan);
        QFETCH(QString, expectedReason);
        const std::string object = bytes.toStdString();
        bool scanned = false;
        const QString diff = disagreement(object, &scanned);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        if (!mustScan) {
            QVERIFY2(!scanned, "the scan answered for an object it should leave to GDCM");
            return;
        }
        QVERIFY2(scanned, "the scan fell back to GDCM");
        const auto scan = archive::scanObject(object);
        if (expectedReason.isEmpty()) {
            QVERIFY2(!scan->unstorableReason, scan->unstorableReason ? scan->unstorableReason->c_str() : "");
        } else {
            QVERIFY(scan->unstorableReason);
            QVERIFY2(QString::fromStdString(*scan->unstorableReason).contains(expectedReason),
                     scan->unstorableReason->c_str());
        }
    }

    // Bytes changed at random (a fixed seed: the same cases every run) in the
    // headers of a few objects: wherever the scan still answers, GDCM agrees.
    void randomDamageAgrees() {
        CraftSpec explicitSpec, implicitSpec;
        explicitSpec.sequences = nestedSequences(true);
        implicitSpec.explicitVr = false;
        implicitSpec.sequences = nestedSequences(false);
        implicitSpec.characterSet = "ISO_IR 100";
        implicitSpec.patientName = "M\xDCLLER^ANNA";
        std::vector<std::string> objects = {nativeObject(explicitSpec), nativeObject(implicitSpec),
                                            encapsulatedObject(true)};
        // Real headers too, where the shared data is here: a vendor CT with private sequences, an implicit VR MR.
        for (const char* file : {"dcm_qa_ct/In/Philips/S21570/S2010/I10",
                                 "pydicom/src/pydicom/data/test_files/MR_small_implicit.dcm"}) {
            const QString path = sharedPath(file);
            if (!path.isEmpty() && QFileInfo::exists(path)) objects.push_back(test::readBytes(path));
        }
        std::mt19937 random(20261130);
        int scanned = 0, cases = 0;
        for (const std::string& object : objects) {
            // The header only (the pixel value itself is not parsed).
            const std::size_t headerEnd = std::min<std::size_t>(object.size() - 32, 6000);
            for (int i = 0; i < 1500; ++i) {
                std::string damaged = object;
                const int changes = 1 + int(random() % 3);
                for (int c = 0; c < changes; ++c) {
                    const std::size_t at = 128 + random() % (headerEnd - 128);
                    // Mostly small values, where lengths and tags turn plausible.
                    const auto r = std::uint32_t(random());
                    damaged[at] = char(r % 4 == 0 ? r >> 8 : (r >> 8) % 8);
                }
                bool answered = false;
                const QString diff = disagreement(damaged, &answered);
                QVERIFY2(diff.isEmpty(), qPrintable(QString("case %1: %2").arg(cases).arg(diff)));
                scanned += answered;
                ++cases;
            }
        }
        qInfo("%d damaged objects, the scan answered for %d", cases, scanned);
        QVERIFY(scanned > 0);
    }

    // Truncations at every length of a small object: the scan never reads
    // past the bytes (run it under the asan preset) and agrees wherever it answers.
    void everyTruncationAgrees() {
        CraftSpec c;
        c.sequences = nestedSequences(true);
        const std::string object = nativeObject(c);
        int scanned = 0;
        for (std::size_t n = 0; n <= object.size(); ++n) {
            bool answered = false;
            const QString diff = disagreement(object.substr(0, n), &answered);
            QVERIFY2(diff.isEmpty(), qPrintable(QString("cut at %1: %2").arg(n).arg(diff)));
            scanned += answered;
        }
        QVERIFY(scanned > 0);
    }
};

QTEST_GUILESS_MAIN(TestHeaderScan)
#include "tst_header_scan.moc"
