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
        int frames = 1;
        try {
            core::DicomFile file = core::DicomFile::open(path.toStdString(), core::DicomFile::Extent::HeaderOnly);
            ts = file.transferSyntaxUid();
            photometric = core::parsePhotometric(file.stringOr(core::tags::PhotometricInterpretation, ""));
            hasWindow = file.hasValue(core::tags::WindowCenter) && file.hasValue(core::tags::WindowWidth);
            hasVoiLut = !file.items(core::tags::VOILUTSequence).empty();
            frames = int(file.integer(core::tags::NumberOfFrames).value_or(1));
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
        compareRendered(reference, ours, grayscale);
        if (frames > 1) {
            // The last frame too: checks the fragment-to-frame mapping. DCMTK
            // needs all frames (+Fa) to find frame N without an offset table,
            // and then takes min/max over all frames: where no window is in the
            // file, both sides get the same explicit window from frame N's range.
            const QString base = dir.filePath("all"), oursLast = dir.filePath("ours-last.png");
            QStringList allArgs = refArgs;
            allArgs.last() = base;
            allArgs.prepend("+Fa");
            QStringList ourArgs{"render", path, "--out", oursLast, "--frame", QString::number(frames)};
            if (grayscale && !hasWindow && !hasVoiLut) {
                test::ProcessResult probe = runCli({"render", path, "--out", oursLast, "--frame", QString::number(frames), "--verbose"});
                const QString text = QString::fromUtf8(probe.out).section("min/max ", 1).trimmed();
                const double lo = text.section(" .. ", 0, 0).toDouble(), hi = text.section(" .. ", 1, 1).toDouble();
                const QString c = QString::number((lo + hi + 1) / 2, 'g', 10), w = QString::number(hi - lo + 1, 'g', 10);
                allArgs.removeAll("+Wm");
                allArgs.insert(1, "+Ww");
                allArgs.insert(2, c);
                allArgs.insert(3, w);
                ourArgs << "--window" << c + "," + w;
            }
            QVERIFY(test::run(jpegLs ? "dcml2pnm" : "dcmj2pnm", allArgs).exitCode == 0);
            const QStringList written = QDir(dir.path()).entryList({QString("all.%1.p?m").arg(frames - 1)});
            QVERIFY2(written.size() == 1, "DCMTK did not write the last frame");
            const QString refLast = dir.filePath(written.front());
            test::ProcessResult last = runCli(ourArgs, 20000);
            QVERIFY2(last.exitCode == 0, last.err.constData());
            compareRendered(refLast, oursLast, grayscale);
        }
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
        QTest::newRow("JPEG 2000 lossless (gdcmconv)") << "gdcmconv" << QStringList{"--j2k"};
        QTest::newRow("JPEG 2000 lossless, fragmented (gdcmconv)") << "gdcmconv" << QStringList{"--j2k", "--split", "65536"};
    }
    void ct1FamilyIsExact() {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        if (!test::haveProgram(program)) QSKIP(qPrintable(program + " not installed"));
        const QString original = test::sharedFile("dicomParser/testImages/encapsulated/single-frame/CT1_UNC.explicit_little_endian.dcm");
        QTemporaryDir dir;
        const QString encoded = dir.filePath("ct1.dcm");
        QStringList args = arguments;
        QString source = original;
        if (args.contains("--split")) {
            // gdcmconv splits only encapsulated data: compress first, then split.
            const QString whole = dir.filePath("whole.dcm");
            QVERIFY(test::run(program, {"--j2k", original, whole}).exitCode == 0);
            source = whole;
            args = QStringList{"--split", "65536"};
        }
        test::ProcessResult r = test::run(program, args << source << encoded);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        compareDecoded(original, encoded);
    }

    // Near-lossless JPEG-LS (made here by dcmcjpls +en; DCMTK encodes only
    // unsigned data near-lossless): within NEAR of the original, equal to DCMTK's decode.
    void nearLosslessJpegLs() {
        if (!test::haveProgram("dcmcjpls")) QSKIP("dcmcjpls not installed");
        const QString original = test::sharedFile("dcm_qa_ts/In/1.dcm");
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
        compareWithOpenJpeg(path);
    }

    // Lossy JPEG 2000 made here (gdcmconv --lossy): OpenJPEG's decode exactly.
    void lossyJpeg2000AgreesWithOpenJpeg() {
        if (!test::haveProgram("gdcmconv")) QSKIP("gdcmconv not installed");
        QTemporaryDir dir;
        const QString lossy = dir.filePath("lossy.dcm");
        QVERIFY(test::run("gdcmconv", {"--j2k", "--lossy", "-q", "35", test::sharedFile("dcm_qa_ts/In/1.dcm"), lossy}).exitCode == 0);
        compareWithOpenJpeg(lossy);
        std::vector<std::int32_t> a = decodeValues(test::sharedFile("dcm_qa_ts/In/1.dcm"), dir.filePath("a.raw"));
        std::vector<std::int32_t> b = decodeValues(lossy, dir.filePath("b.raw"));
        QVERIFY2(a != b, "irreversible stream decoded to the original: not lossy?");
    }

private:
    void compareRendered(const QString& reference, const QString& ours, bool grayscale) {
        QImage a(reference), b(ours);
        test::ImageDifference d = test::compareImages(b, a, grayscale ? 1 : 2);
        QVERIFY2(d.comparable, qPrintable(d.why));
        const double required = grayscale ? 0.999 : 0.99;
        QVERIFY2(d.fractionWithin() >= required,
                 qPrintable(QString("only %1 % of samples within tolerance, max difference %2")
                                .arg(100.0 * d.fractionWithin(), 0, 'f', 3).arg(d.maxDifference)));
    }

    std::vector<std::int32_t> decodeValues(const QString& file, const QString& raw) {
        test::ProcessResult r = runCli({"decode", file, "--out", raw});
        if (r.exitCode != 0) {
            qWarning() << file << r.err;
            return {};
        }
        return readRaw(raw);
    }

    // The first frame's codestream (extracted by GDCM's gdcmraw) decoded by
    // opj_decompress to little-endian raw, against lightbox-cli decode.
    void compareWithOpenJpeg(const QString& path) {
        if (!test::haveProgram("opj_decompress") || !test::haveProgram("gdcmraw"))
            QSKIP("opj_decompress / gdcmraw not installed");
        QTemporaryDir dir;
        const QString stream = dir.filePath("frame.j2k");
        test::ProcessResult extract = test::run("gdcmraw", {"-i", path, "-o", stream});
        if (extract.exitCode != 0 || !QFile::exists(stream)) QSKIP("gdcmraw cannot extract the codestream");
        QFile sf(stream);
        QVERIFY(sf.open(QIODevice::ReadOnly));
        QByteArray all = sf.readAll();
        sf.close();
        QString input = stream;
        if (all.startsWith(QByteArray("\x00\x00\x00\x0CjP", 6))) {  // a JP2 file, not a codestream
            input = dir.filePath("frame.jp2");
            QFile::rename(stream, input);
        } else {
            // gdcmraw joins all frames: keep the first codestream (up to the first EOC).
            const qsizetype eoc = all.indexOf(QByteArray("\xFF\xD9", 2));
            if (eoc > 0) {
                QFile out(stream);
                QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
                out.write(all.left(eoc + 2));
            }
        }
        const QString rawl = dir.filePath("ref.rawl");
        test::ProcessResult ref = test::run("opj_decompress", {"-i", input, "-o", rawl, "-quiet"});
        const QString raw = dir.filePath("ours.raw");
        test::ProcessResult mine = runCli({"decode", path, "--out", raw});
        QVERIFY2(!mine.crashed && !mine.timedOut, "lightbox-cli crashed or hung");
        if (ref.exitCode != 0 || !QFile::exists(rawl)) QSKIP("opj_decompress cannot decode this codestream either");
        QVERIFY2(mine.exitCode == 0, mine.err.constData());
        std::vector<std::int32_t> ours = readRaw(raw);
        QFile rf(rawl);
        QVERIFY(rf.open(QIODevice::ReadOnly));
        QByteArray refBytes = rf.readAll();
        const int samples = mine.out.contains("samples=3") ? 3 : 1;
        QVERIFY(!ours.empty());
        const std::size_t bps = std::size_t(refBytes.size()) / ours.size();
        QVERIFY2(bps == 1 || bps == 2, qPrintable(QString("unexpected raw size %1").arg(refBytes.size())));
        const int bitsStored = QString::fromLatin1(mine.out).section("bits_stored=", 1).section(' ', 0, 0).toInt();
        const std::int64_t modulus = std::int64_t(1) << bitsStored;
        const std::size_t pixels = ours.size() / std::size_t(samples);
        int mismatches = 0, maxDiff = 0;
        for (std::size_t i = 0; i < ours.size(); ++i) {
            // opj writes components one after another; ours are interleaved.
            const std::size_t planar = (i % std::size_t(samples)) * pixels + i / std::size_t(samples);
            const auto* p = reinterpret_cast<const unsigned char*>(refBytes.constData()) + planar * bps;
            const std::int64_t r = bps == 2 ? std::int64_t(p[0] | p[1] << 8) : std::int64_t(p[0]);
            // Same codestream value, read with DICOM's Pixel Representation / Bits Stored.
            std::int64_t diff = ((std::int64_t(ours[i]) - r) % modulus + modulus) % modulus;
            diff = std::min(diff, modulus - diff);
            maxDiff = std::max(maxDiff, int(diff));
            mismatches += diff > 1;
        }
        QVERIFY2(mismatches == 0, qPrintable(QString("%1 samples differ, max %2").arg(mismatches).arg(maxDiff)));
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
