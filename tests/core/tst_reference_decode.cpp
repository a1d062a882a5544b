// Lightbox's decoded and displayed pixels against reference decoders run in
// the same test: DCMTK's dcmj2pnm / dcml2pnm for every file they decode,
// OpenJPEG's opj_decompress for JPEG 2000, and the uncompressed original for
// lossless codecs of the same image.

#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/PixelData.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace lightbox;
using lightbox::test::runCli;

namespace {

bool isCandidate(const QString& path) {
    const QString name = QFileInfo(path).fileName();
    static const QStringList skipSuffixes = {".txt", ".md", ".json", ".py", ".xml", ".gz", ".zip", ".png", ".jpg"};
    if (name.startsWith("_SOURCE") || name.startsWith("README") || name == "MANIFEST.md") return false;
    for (const auto& s : skipSuffixes)
        if (name.endsWith(s, Qt::CaseInsensitive)) return false;
    return true;
}

QStringList allSharedFiles() {
    QStringList files;
    QDirIterator it(test::sharedDataDir(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QString f = it.next();
        if (isCandidate(f)) files << f;
    }
    files.sort();
    return files;
}

QString relativeName(const QString& path) { return QDir(test::sharedDataDir()).relativeFilePath(path); }

std::vector<std::int32_t> readRaw(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QByteArray bytes = f.readAll();
    std::vector<std::int32_t> v(std::size_t(bytes.size()) / 4);
    std::memcpy(v.data(), bytes.constData(), v.size() * 4);
    return v;
}

// Binary PGM/PPM (maxval up to 65535) as a flat sample list.
bool readPnm(const QString& path, std::vector<std::int32_t>& samples, int& width, int& height) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return false;
    QByteArray all = f.readAll();
    int pos = 0;
    auto token = [&]() {
        while (pos < all.size()) {
            if (all[pos] == '#') { while (pos < all.size() && all[pos] != '\n') ++pos; }
            else if (QChar(all[pos]).isSpace()) ++pos;
            else break;
        }
        int start = pos;
        while (pos < all.size() && !QChar(all[pos]).isSpace()) ++pos;
        return all.mid(start, pos - start);
    };
    QByteArray magic = token();
    if (magic != "P5" && magic != "P6") return false;
    width = token().toInt();
    height = token().toInt();
    int maxval = token().toInt();
    ++pos;
    const int channels = magic == "P6" ? 3 : 1;
    const int bps = maxval > 255 ? 2 : 1;
    const qsizetype n = qsizetype(width) * height * channels;
    if (all.size() - pos < n * bps) return false;
    samples.resize(std::size_t(n));
    const auto* p = reinterpret_cast<const unsigned char*>(all.constData() + pos);
    for (qsizetype i = 0; i < n; ++i) samples[std::size_t(i)] = bps == 2 ? (p[2 * i] << 8 | p[2 * i + 1]) : p[i];
    return true;
}

}  // namespace

class TestReferenceDecode : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        if (!test::haveProgram("dcmj2pnm")) QSKIP("DCMTK's dcmj2pnm is not installed (scripts/install-deps.sh)");
    }

    // Every file DCMTK decodes renders to the same displayed image (PS3.3
    // grayscale pipeline, default VOI as the issue defines it).
    void agreesWithDcmtk_data() {
        QTest::addColumn<QString>("path");
        for (const QString& f : allSharedFiles()) QTest::newRow(qPrintable(relativeName(f))) << f;
    }
    void agreesWithDcmtk() {
        QFETCH(QString, path);
        std::string ts;
        core::Photometric photometric = core::Photometric::Unknown;
        bool hasWindow = false, hasVoiLut = false;
        try {
            core::DicomFile file = core::DicomFile::open(path.toStdString(), core::DicomFile::Extent::HeaderOnly);
            ts = file.transferSyntaxUid();
            photometric = core::parsePhotometric(file.stringOr(core::tags::PhotometricInterpretation, ""));
            hasWindow = file.hasValue(core::tags::WindowCenter) && file.hasValue(core::tags::WindowWidth);
            hasVoiLut = !file.items(core::tags::VOILUTSequence).empty();
        } catch (const core::Error&) {
        }
        if (ts == "1.2.840.10008.1.2.4.90" || ts == "1.2.840.10008.1.2.4.91")
            QSKIP("JPEG 2000: DCMTK has no codec (compared with opj_decompress instead)");
        const bool jpegLs = ts == "1.2.840.10008.1.2.4.80" || ts == "1.2.840.10008.1.2.4.81";
        QTemporaryDir dir;
        const QString reference = dir.filePath("ref.pnm"), ours = dir.filePath("ours.png");
        QStringList refArgs;
        const bool grayscale = core::isMonochrome(photometric);
        if (grayscale) refArgs << (hasWindow ? QStringList{"+Wi", "1"} : hasVoiLut ? QStringList{"+Wl", "1"} : QStringList{"+Wm"});
        refArgs << path << reference;
        test::ProcessResult ref = test::run(jpegLs ? "dcml2pnm" : "dcmj2pnm", refArgs);
        test::ProcessResult mine = runCli({"render", path, "--out", ours}, 20000);
        QVERIFY2(!mine.crashed && !mine.timedOut, qPrintable("lightbox-cli crashed or hung: " + mine.err));
        if (ref.exitCode != 0 || !QFile::exists(reference)) {
            // DCMTK cannot decode it: we must render or refuse with one clear line.
            if (mine.exitCode != 0) {
                QVERIFY2(mine.err.trimmed().count('\n') == 0, mine.err.constData());
                QVERIFY(!mine.err.trimmed().isEmpty());
            }
            QSKIP("DCMTK does not decode this file");
        }
        QVERIFY2(mine.exitCode == 0, qPrintable("DCMTK decodes it, lightbox-cli failed: " + mine.err));
        QImage a(reference), b(ours);
        test::ImageDifference d = test::compareImages(b, a, grayscale ? 1 : 2);
        QVERIFY2(d.comparable, qPrintable(d.why));
        const double required = grayscale ? 0.999 : 0.99;
        QVERIFY2(d.fractionWithin() >= required,
                 qPrintable(QString("only %1 % of samples within tolerance, max difference %2")
                                .arg(100.0 * d.fractionWithin(), 0, 'f', 3).arg(d.maxDifference)));
    }

    // Lossless codecs of one image decode to the uncompressed original exactly.
    void losslessFamiliesAreExact_data() {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("candidate");
        const QString ts = "dcm_qa_ts/In/";
        for (int i = 2; i <= 9; ++i)
            QTest::newRow(qPrintable(QString("dcm_qa_ts %1").arg(i))) << ts + "1.dcm" << ts + QString("%1.dcm").arg(i);
        const QString mr = "pydicom/src/pydicom/data/test_files/MR_small";
        for (const char* v : {"_implicit", "_bigendian", "_RLE", "_jpeg_ls_lossless", "_jp2klossless"})
            QTest::newRow(qPrintable(QString("MR_small%1").arg(v))) << mr + ".dcm" << mr + v + ".dcm";
    }
    void losslessFamiliesAreExact() {
        QFETCH(QString, reference);
        QFETCH(QString, candidate);
        compareDecoded(test::sharedFile(reference), test::sharedFile(candidate));
    }

    // NEMA WG04 CT1 re-encoded here by DCMTK (JPEG lossless P14/SV1, JPEG-LS,
    // RLE) and GDCM (JPEG 2000 lossless): all give the original's values.
    void ct1FamilyIsExact_data() {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("JPEG lossless SV1 (dcmcjpeg +e1)") << "dcmcjpeg" << QStringList{"+e1"};
        QTest::newRow("JPEG lossless P14 (dcmcjpeg +el)") << "dcmcjpeg" << QStringList{"+el"};
        QTest::newRow("JPEG-LS lossless (dcmcjpls)") << "dcmcjpls" << QStringList{};
        QTest::newRow("RLE (dcmcrle)") << "dcmcrle" << QStringList{};
        QTest::newRow("JPEG 2000 lossless (gdcmconv)") << "gdcmconv" << QStringList{"--j2k", "--lossless"};
        QTest::newRow("JPEG 2000 lossless, 4 fragments (gdcmconv)") << "gdcmconv"
                                                                   << QStringList{"--j2k", "--lossless", "--split", "65536"};
    }
    void ct1FamilyIsExact() {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        if (!test::haveProgram(program)) QSKIP(qPrintable(program + " not installed"));
        const QString original = test::sharedFile("dicomParser/testImages/encapsulated/single-frame/CT1_UNC.explicit_little_endian.dcm");
        QTemporaryDir dir;
        const QString encoded = dir.filePath("ct1.dcm");
        test::ProcessResult r = test::run(program, QStringList(arguments) << original << encoded);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        compareDecoded(original, encoded);
    }

    // Near-lossless JPEG-LS (made here by dcmcjpls +en): within the encoder's
    // NEAR bound of the original and equal to DCMTK's decode.
    void nearLosslessJpegLs() {
        if (!test::haveProgram("dcmcjpls")) QSKIP("dcmcjpls not installed");
        const QString original = test::sharedFile("dicomParser/testImages/encapsulated/single-frame/CT1_UNC.explicit_little_endian.dcm");
        QTemporaryDir dir;
        const QString encoded = dir.filePath("near.dcm");
        QVERIFY(test::run("dcmcjpls", {"+en", "+md", "3", original, encoded}).exitCode == 0);
        std::vector<std::int32_t> a = decodeValues(original, dir.filePath("a.raw"));
        std::vector<std::int32_t> b = decodeValues(encoded, dir.filePath("b.raw"));
        QCOMPARE(a.size(), b.size());
        int maxError = 0;
        for (std::size_t i = 0; i < a.size(); ++i) maxError = std::max(maxError, std::abs(a[i] - b[i]));
        QVERIFY2(maxError <= 3, qPrintable(QString("max error %1 exceeds NEAR=3").arg(maxError)));
        QVERIFY2(maxError > 0, "near-lossless stream decoded identically: was it really lossy?");
        // DCMTK's decoder agrees exactly (16-bit PGM of raw values: no VOI).
        test::ProcessResult ref = test::run("dcmdjpls", {encoded, dir.filePath("dec.dcm")});
        QVERIFY(ref.exitCode == 0);
        std::vector<std::int32_t> c = decodeValues(dir.filePath("dec.dcm"), dir.filePath("c.raw"));
        QVERIFY(b == c);
    }

    // Every JPEG 2000 frame in the shared data equals opj_decompress's output.
    void jpeg2000AgreesWithOpenJpeg_data() {
        QTest::addColumn<QString>("path");
        for (const QString& f : allSharedFiles()) {
            try {
                core::DicomFile file = core::DicomFile::open(f.toStdString(), core::DicomFile::Extent::HeaderOnly);
                const std::string ts = file.transferSyntaxUid();
                if (ts == "1.2.840.10008.1.2.4.90" || ts == "1.2.840.10008.1.2.4.91")
                    QTest::newRow(qPrintable(relativeName(f))) << f;
            } catch (const core::Error&) {
            }
        }
    }
    void jpeg2000AgreesWithOpenJpeg() {
        QFETCH(QString, path);
        if (!test::haveProgram("opj_decompress") || !test::haveProgram("gdcmraw"))
            QSKIP("opj_decompress / gdcmraw not installed");
        QTemporaryDir dir;
        // gdcmraw writes the first frame's codestream (fragments joined).
        const QString stream = dir.filePath("frame.j2k");
        test::ProcessResult extract = test::run("gdcmraw", {"-i", path, "-o", stream});
        if (extract.exitCode != 0 || !QFile::exists(stream)) QSKIP("gdcmraw cannot extract the codestream");
        QFile sf(stream);
        QVERIFY(sf.open(QIODevice::ReadOnly));
        QByteArray head = sf.read(12);
        sf.close();
        QString input = stream;
        if (head.startsWith(QByteArray("\x00\x00\x00\x0CjP", 6))) {  // a JP2 file, not a codestream
            input = dir.filePath("frame.jp2");
            QFile::rename(stream, input);
        }
        const QString pgm = dir.filePath("ref.pgm");
        test::ProcessResult ref = test::run("opj_decompress", {"-i", input, "-o", pgm, "-quiet"});
        std::vector<std::int32_t> refSamples;
        int w = 0, h = 0;
        const bool refOk = ref.exitCode == 0 && readPnm(pgm, refSamples, w, h);
        const QString raw = dir.filePath("ours.raw");
        test::ProcessResult mine = runCli({"decode", path, "--out", raw});
        QVERIFY2(!mine.crashed && !mine.timedOut, "lightbox-cli crashed or hung");
        if (!refOk) {
            QVERIFY2(mine.exitCode != 0 || true, "");
            QSKIP("opj_decompress cannot decode this codestream either");
        }
        QVERIFY2(mine.exitCode == 0, mine.err.constData());
        std::vector<std::int32_t> ours = readRaw(raw);
        QCOMPARE(ours.size(), refSamples.size());
        // opj writes unsigned PGM samples: compare modulo the stream's precision.
        const bool signedOutput = mine.out.contains("signed=1");
        int maxDiff = 0;
        for (std::size_t i = 0; i < ours.size(); ++i) {
            std::int32_t r = refSamples[i];
            std::int32_t o = ours[i];
            if (signedOutput && o < 0) o += 65536;
            maxDiff = std::max(maxDiff, std::abs(o - r) % 65536);
        }
        QVERIFY2(maxDiff <= 1, qPrintable(QString("max difference %1").arg(maxDiff)));
    }

private:
    std::vector<std::int32_t> decodeValues(const QString& file, const QString& raw) {
        test::ProcessResult r = runCli({"decode", file, "--out", raw});
        if (r.exitCode != 0) {
            qWarning() << file << r.err;
            return {};
        }
        return readRaw(raw);
    }

    void compareDecoded(const QString& reference, const QString& candidate) {
        QTemporaryDir dir;
        std::vector<std::int32_t> a = decodeValues(reference, dir.filePath("a.raw"));
        std::vector<std::int32_t> b = decodeValues(candidate, dir.filePath("b.raw"));
        QVERIFY2(!a.empty(), "reference did not decode");
        QVERIFY2(!b.empty(), "candidate did not decode");
        QCOMPARE(b.size(), a.size());
        std::size_t mismatches = 0;
        for (std::size_t i = 0; i < a.size(); ++i) mismatches += a[i] != b[i];
        QVERIFY2(mismatches == 0, qPrintable(QString("%1 of %2 values differ").arg(mismatches).arg(a.size())));
        // Same modality transform too, so the modality values are equal.
        core::DicomFile fa = core::DicomFile::open(reference.toStdString(), core::DicomFile::Extent::HeaderOnly);
        core::DicomFile fb = core::DicomFile::open(candidate.toStdString(), core::DicomFile::Extent::HeaderOnly);
        QCOMPARE(fb.number(core::tags::RescaleSlope).value_or(1.0), fa.number(core::tags::RescaleSlope).value_or(1.0));
        QCOMPARE(fb.number(core::tags::RescaleIntercept).value_or(0.0), fa.number(core::tags::RescaleIntercept).value_or(0.0));
    }
};

QTEST_GUILESS_MAIN(TestReferenceDecode)
#include "tst_reference_decode.moc"
