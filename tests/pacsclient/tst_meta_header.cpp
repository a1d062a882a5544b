// The file meta header the Storage SCP puts in front of a received data set
// (pacsclient/src/MetaHeader.h) is built by hand, without DCMTK's element
// objects: it must be byte for byte what DCMTK's DcmMetaInfo writes for the
// same values (what the receive path wrote before), for UIDs and AE titles of
// odd and even length, and readable by GDCM (core::DicomFile).

#include "MetaHeader.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Tag.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcostrmb.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QtTest>

#include <vector>

using namespace lightbox;

namespace {

// What DcmMetaInfo writes for these values (the receive path's former writer).
std::string dcmtkMetaHeader(const pacs::detail::MetaHeaderValues& v) {
    const std::string sopClass(v.sopClassUid), sopInstance(v.sopInstanceUid), ts(v.transferSyntaxUid),
        implementation(v.implementationClassUid), version(v.implementationVersion), aet(v.sourceAeTitle);
    DcmMetaInfo meta;
    const Uint8 fileVersion[2] = {0, 1};
    meta.putAndInsertUint8Array(DCM_FileMetaInformationVersion, fileVersion, 2);
    meta.putAndInsertString(DCM_MediaStorageSOPClassUID, sopClass.c_str());
    meta.putAndInsertString(DCM_MediaStorageSOPInstanceUID, sopInstance.c_str());
    meta.putAndInsertString(DCM_TransferSyntaxUID, ts.c_str());
    meta.putAndInsertString(DCM_ImplementationClassUID, implementation.c_str());
    meta.putAndInsertString(DCM_ImplementationVersionName, version.c_str());
    meta.putAndInsertString(DCM_SourceApplicationEntityTitle, aet.c_str());
    meta.computeGroupLengthAndPadding(EGL_withGL, EPD_noChange, META_HEADER_DEFAULT_TRANSFERSYNTAX, EET_UndefinedLength);
    std::vector<char> buffer(4096);
    DcmOutputBufferStream out(buffer.data(), offile_off_t(buffer.size()));
    meta.transferInit();
    const OFCondition cond = meta.write(out, META_HEADER_DEFAULT_TRANSFERSYNTAX, EET_ExplicitLength, nullptr);
    meta.transferEnd();
    if (cond.bad()) return {};
    void* data = nullptr;
    offile_off_t length = 0;
    out.flushBuffer(data, length);
    return std::string(static_cast<const char*>(data), std::size_t(length));
}

}  // namespace

class TestMetaHeader : public QObject {
    Q_OBJECT

private slots:
    void sameBytesAsDcmtk_data() {
        QTest::addColumn<QString>("sopClass");
        QTest::addColumn<QString>("sopInstance");
        QTest::addColumn<QString>("transferSyntax");
        QTest::addColumn<QString>("aet");
        QTest::newRow("CT, explicit LE, odd AE") << UID_CTImageStorage << "1.2.826.0.1.3680043.8.498.1"
                                                 << UID_LittleEndianExplicitTransferSyntax << "BENCH";
        QTest::newRow("even UIDs, implicit LE, even AE") << UID_MRImageStorage << "1.2.3.4.5.66"
                                                         << UID_LittleEndianImplicitTransferSyntax << "MODALITY";
        QTest::newRow("64-character UID, JPEG 2000, one-letter AE")
            << UID_SecondaryCaptureImageStorage
            << "1.2.826.0.1.3680043.8.498.12345678901234567890123456789012345678"
            << UID_JPEG2000TransferSyntax << "A";
        QTest::newRow("16-character AE") << UID_DigitalXRayImageStorageForPresentation << "2.25.1"
                                         << UID_JPEGProcess14SV1TransferSyntax << "ABCDEFGHIJKLMNOP";
        QTest::newRow("empty AE") << UID_CTImageStorage << "1.2.3" << UID_LittleEndianExplicitTransferSyntax << "";
    }

    void sameBytesAsDcmtk() {
        QFETCH(QString, sopClass);
        QFETCH(QString, sopInstance);
        QFETCH(QString, transferSyntax);
        QFETCH(QString, aet);
        const std::string c = sopClass.toStdString(), i = sopInstance.toStdString(), t = transferSyntax.toStdString(),
                          a = aet.toStdString();
        const pacs::detail::MetaHeaderValues values{c, i, t, OFFIS_IMPLEMENTATION_CLASS_UID,
                                                    OFFIS_DTK_IMPLEMENTATION_VERSION_NAME2, a};
        const std::string ours = pacs::detail::part10MetaHeader(values);
        const std::string theirs = dcmtkMetaHeader(values);
        QVERIFY(!theirs.empty());
        QCOMPARE(ours.size(), theirs.size());
        QVERIFY(ours == theirs);
        // And a reader finds the values in it (a data set of one element behind it).
        std::string object = ours;
        const char patientId[] = {'\x10', '\0', '\x20', '\0', 'L', 'O', '\x02', '\0', 'P', '1'};
        if (t != UID_LittleEndianImplicitTransferSyntax) object.append(patientId, sizeof patientId);
        else object.append("\x10\0\x20\0\x02\0\0\0P1", 10);
        const core::DicomFile parsed = core::DicomFile::fromView(object, "meta", core::DicomFile::Extent::HeaderOnly);
        QCOMPARE(parsed.meta().stringOr(core::tags::MediaStorageSOPClassUID, ""), c);
        QCOMPARE(parsed.meta().stringOr(core::Tag{0x0002, 0x0003}, ""), i);
        QCOMPARE(parsed.transferSyntaxUid(), t);
        QCOMPARE(parsed.stringOr(core::tags::PatientID, ""), std::string("P1"));
    }
};

QTEST_APPLESS_MAIN(TestMetaHeader)
#include "tst_meta_header.moc"
