// Bad input gets a clear error and never a crash, a hang or an unbounded
// allocation: every shared file, truncations, byte-flipped variants, absurd
// image sizes, and a full disk, all through lightbox-cli as a process.

#include "TestSupport.h"

#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Tag.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace lightbox;

namespace {

// Exit 0, or exit 1/2 with exactly one non-empty line on stderr; never a
// signal, never past the 10 s the issue allows.
QString verdict(const test::ProcessResult& r) {
    if (r.timedOut) return "hung (killed after the time limit)";
    if (r.crashed) return "crashed with a signal";
    if (r.exitCode == 0) return {};
    const QByteArray err = r.err.trimmed();
    if (err.isEmpty()) return "failed without a message";
    if (err.contains('\n')) return "more than one line on stderr: " + QString::fromUtf8(err);
    return {};
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestCliRobustness : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

    void expectGraceful(const QString& file, const QString& label) {
        for (const QStringList& args : {QStringList{"render", file, "--out", dir.filePath("out.png")},
                                        QStringList{"dump", file}}) {
            test::ProcessResult r = test::runCli(args, 10000);
            const QString problem = verdict(r);
            QVERIFY2(problem.isEmpty(), qPrintable(label + " (" + args.first() + "): " + problem));
        }
    }

private slots:
    void everySharedFile_data() {
        QTest::addColumn<QString>("path");
        if (test::sharedDataDir().isEmpty()) return;
        QDirIterator it(test::sharedDataDir(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QString f = it.next();
            if (!QFileInfo(f).fileName().startsWith("_SOURCE") && !f.endsWith(".md"))
                QTest::newRow(qPrintable(QDir(test::sharedDataDir()).relativeFilePath(f))) << f;
        }
    }
    void everySharedFile() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        QFETCH(QString, path);
        expectGraceful(path, path);
    }

    void errorNamesTheFile() {
        test::ProcessResult r = test::runCli({"render", "/nonexistent/x.dcm", "--out", dir.filePath("o.png")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("/nonexistent/x.dcm") && r.err.contains("no such file"));
        QFile text(dir.filePath("text.dcm"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write(QByteArray(300, 'x'));
        text.close();
        r = test::runCli({"render", dir.filePath("text.dcm"), "--out", dir.filePath("o.png")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("text.dcm") && r.err.contains("not a DICOM file"), r.err.constData());
    }

    // Rows x Columns of 65535 with no pixel data behind them: a refusal, not an
    // 8 GB allocation (the process runs with a 1 GB address-space limit, except
    // under AddressSanitizer, whose shadow memory needs terabytes of address space).
    void hugeImageWithoutPixels() {
#ifdef LIGHTBOX_SANITIZED
        const QString limit = "true";
#else
        const QString limit = "ulimit -v 1000000";
#endif
        core::DatasetBuilder b;
        b.text(core::tags::SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.7")
            .text(core::tags::SOPInstanceUID, "UI", core::generateUid())
            .us(core::tags::Rows, 65535).us(core::tags::Columns, 65535)
            .us(core::tags::BitsAllocated, 16).us(core::tags::BitsStored, 16).us(core::tags::HighBit, 15)
            .us(core::tags::PixelRepresentation, 0).us(core::tags::SamplesPerPixel, 1)
            .text(core::tags::PhotometricInterpretation, "CS", "MONOCHROME2")
            .binary(core::tags::PixelData, "OW", std::vector<std::uint8_t>(64, 0));
        const QString path = dir.filePath("huge.dcm");
        b.write(path.toStdString());
        test::ProcessResult r = test::run("bash", {"-c", QString("%4; exec '%1' render '%2' --out '%3'")
                                                            .arg(LIGHTBOX_CLI, path, dir.filePath("h.png"), limit)}, 10000);
        QVERIFY2(verdict(r).isEmpty(), qPrintable(verdict(r)));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(!r.err.contains("out of memory") && r.err.contains("huge.dcm"), r.err.constData());
        // The same size with frames declared by the thousand.
        b.text(core::tags::NumberOfFrames, "IS", "100000");
        b.write(path.toStdString());
        r = test::run("bash", {"-c", QString("%4; exec '%1' render '%2' --out '%3'")
                                          .arg(LIGHTBOX_CLI, path, dir.filePath("h.png"), limit)}, 10000);
        QVERIFY2(verdict(r).isEmpty() && r.exitCode == 1 && !r.err.contains("out of memory"), r.err.constData());
    }

    void truncatedAnywhere() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        for (const char* name : {"pydicom/src/pydicom/data/test_files/CT_small.dcm",
                                 "pydicom/src/pydicom/data/test_files/MR_small_RLE.dcm",
                                 "pydicom/src/pydicom/data/test_files/SC_rgb_jpeg_dcmtk.dcm",
                                 "pydicom/src/pydicom/data/test_files/MR_small_jp2klossless.dcm",
                                 "dicomParser/testImages/encapsulated/multi-frame/CT0012.fragmented_no_bot_jpeg_ls.80.dcm"}) {
            const QByteArray all = readAll(test::sharedFile(name));
            QVERIFY(!all.isEmpty());
            for (int i = 1; i <= 12; ++i) {
                const qsizetype cut = all.size() * i / 13;
                const QString path = dir.filePath("cut.dcm");
                QFile f(path);
                QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
                f.write(all.left(cut));
                f.close();
                expectGraceful(path, QString("%1 cut at %2").arg(name).arg(cut));
            }
        }
    }

    // Deterministic byte flips in headers and compressed streams.
    void byteFlips() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        std::mt19937 rng(20261129);
        for (const char* name : {"pydicom/src/pydicom/data/test_files/CT_small.dcm",
                                 "pydicom/src/pydicom/data/test_files/JPEG2000.dcm",
                                 "pydicom/src/pydicom/data/test_files/MR_small_RLE.dcm",
                                 "pydicom/src/pydicom/data/test_files/SC_rgb_jpeg_dcmtk.dcm",
                                 "pydicom/src/pydicom/data/test_files/MR_small_jpeg_ls_lossless.dcm",
                                 "pydicom-data/data_store/data/OT-PAL-8-face.dcm"}) {
            const QByteArray all = readAll(test::sharedFile(name));
            if (all.isEmpty()) continue;
            for (int variant = 0; variant < 25; ++variant) {
                QByteArray mutated = all;
                const int flips = 1 + int(rng() % 8);
                for (int k = 0; k < flips; ++k) {
                    // Half the flips land in the first 1 KB, where the structure is.
                    const qsizetype at = (rng() % 2) ? qsizetype(rng() % std::min<quint32>(1024, quint32(all.size())))
                                                     : qsizetype(rng() % quint32(all.size()));
                    mutated[at] = char(rng() & 0xFF);
                }
                const QString path = dir.filePath("flip.dcm");
                QFile f(path);
                QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
                f.write(mutated);
                f.close();
                test::ProcessResult r = test::runCli({"render", path, "--out", dir.filePath("flip.png")}, 10000);
                QVERIFY2(verdict(r).isEmpty(), qPrintable(QString("%1 variant %2: %3").arg(name).arg(variant).arg(verdict(r))));
            }
        }
    }

    // A full disk: the PNG write fails cleanly and leaves no partial file.
    void fullDisk() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        const QString out = dir.filePath("full.png");
        test::ProcessResult r = test::run("bash", {"-c", QString("ulimit -f 4; trap '' XFSZ; exec '%1' render '%2' --out '%3'")
                                                            .arg(LIGHTBOX_CLI, test::sharedFile("dcm_qa_ts/In/1.dcm"), out)});
        QVERIFY2(verdict(r).isEmpty(), qPrintable(verdict(r)));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("full.png"), r.err.constData());
        QVERIFY(!QFile::exists(out));
        QVERIFY(!QFile::exists(out + ".part"));
    }

    void usageErrors() {
        test::ProcessResult r = test::runCli({"render"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("usage"));
        r = test::runCli({"render", "x.dcm", "--out", "y.png", "--window", "40"});
        QCOMPARE(r.exitCode, 2);
        r = test::runCli({"frobnicate"});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliRobustness)
#include "tst_cli_robustness.moc"
