// lightbox-cli register as a process: the demo patient's prior against its
// current CT through --json (matrix and residual against truth.json), the
// cache answering the second time, and clear refusals of bad input.

#include "RegistrationTestSupport.h"
#include "TestSupport.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace lightbox;

namespace {

std::array<double, 16> matrixFrom(const nlohmann::json& rows) {
    std::array<double, 16> m{};
    if (!rows.is_array() || rows.size() != 4) throw std::runtime_error("matrix is not four rows");
    for (std::size_t r = 0; r < 4; ++r) {
        if (!rows[r].is_array() || rows[r].size() != 4) throw std::runtime_error("a row is not four numbers");
        for (std::size_t c = 0; c < 4; ++c) m[r * 4 + c] = rows[r][c].get<double>();
    }
    return m;
}

}  // namespace

class TestRegisterCli : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString current_, prior_;
    core::RigidTransform truth_;  // prior -> current

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        current_ = dir_.filePath("current");
        prior_ = dir_.filePath("prior");
        for (const auto& [item, out] : {std::pair{"ct-current", current_}, std::pair{"ct-prior", prior_}}) {
            const test::ProcessResult r =
                test::runCli({"synth", "--out", out, "--only", item, "--matrix", "256", "--slices", "40"}, 300000);
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        QFile truthFile(QDir(prior_).filePath("truth.json"));
        QVERIFY(truthFile.open(QIODevice::ReadOnly));
        const auto truth = nlohmann::json::parse(truthFile.readAll().toStdString());
        std::array<double, 16> m{};
        for (std::size_t i = 0; i < 16; ++i) m[i] = truth.at("chestPhantom").at("priorFromCurrent").at(i).get<double>();
        truth_ = core::RigidTransform::fromMatrix4x4(m).inverse();
    }

    void jsonMatchesTheTruth() {
        const test::ProcessResult r =
            test::runCli({"register", "--fixed", current_, "--moving", prior_, "--json"}, 600000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(j.is_object());
        const auto m = matrixFrom(j.at("matrix"));
        QCOMPARE(m[12], 0.0);
        QCOMPARE(m[13], 0.0);
        QCOMPARE(m[14], 0.0);
        QCOMPARE(m[15], 1.0);
        QVERIFY(j.at("residual_mm").is_number());
        const double residual = j.at("residual_mm").get<double>();
        QVERIFY(residual >= 0 && residual < 2.0);

        const core::Volume fixed = test::loadLargestSeries(current_).volume;
        const test::TransformError e = test::transformError(core::RigidTransform::fromMatrix4x4(m), truth_, fixed);
        qInfo() << "register --json: corner error" << e.maxCornerMm << "mm, rotation error" << e.rotationDegrees
                << "deg, residual" << residual << "mm";
        QVERIFY2(e.maxCornerMm < 1.0, qPrintable(QString::number(e.maxCornerMm)));
        QVERIFY2(e.rotationDegrees < 1.0, qPrintable(QString::number(e.rotationDegrees)));
        // The extras agree with the matrix.
        QVERIFY(std::abs(j.at("rotation_degrees").get<double>() - 5.0) < 1.0);
        QVERIFY(j.at("from_cache") == false);
    }

    void humanReadableOutput() {
        const test::ProcessResult r = test::runCli(
            {"register", "--fixed", current_, "--moving", prior_, "--metric", "mean-squares", "--no-residual"}, 600000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains("rotation ") && out.contains("degrees about") && out.contains("translation  ("),
                 qPrintable(out));
        QVERIFY(out.contains("residual     not estimated"));
    }

    void cacheAnswersTheSecondTime() {
        QTemporaryDir cache;
        const QStringList args{"register", "--fixed", current_, "--moving", prior_, "--json", "--cache", cache.path()};
        const test::ProcessResult first = test::runCli(args, 600000);
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const test::ProcessResult second = test::runCli(args, 600000);
        QVERIFY2(second.exitCode == 0, second.err.constData());
        const auto a = nlohmann::json::parse(first.out.toStdString()), b = nlohmann::json::parse(second.out.toStdString());
        QVERIFY(a.at("from_cache") == false);
        QVERIFY(b.at("from_cache") == true);
        QCOMPARE(matrixFrom(b.at("matrix")), matrixFrom(a.at("matrix")));
        QCOMPARE(b.at("residual_mm").get<double>(), a.at("residual_mm").get<double>());
        QCOMPARE(QDir(cache.path()).entryList({"registration-*.json"}, QDir::Files).size(), 1);
    }

    void refusesBadInput() {
        QTemporaryDir scratch;
        const QString empty = scratch.filePath("empty");
        QDir().mkpath(empty);
        const QString junk = scratch.filePath("junk");
        QDir().mkpath(junk);
        QFile text(QDir(junk).filePath("notes.dcm"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("this is not DICOM\n");
        text.close();

        struct Case {
            QStringList args;
            int exitCode;
            QString message;
        };
        const QList<Case> cases{
            {{"register", "--fixed", empty, "--moving", prior_}, 1, "no DICOM image series found"},
            {{"register", "--fixed", current_, "--moving", junk}, 1, "no DICOM image series found"},
            {{"register", "--fixed", scratch.filePath("absent"), "--moving", prior_}, 1, "no such file or folder"},
            {{"register", "--fixed", current_}, 2, "usage: lightbox-cli register"},
            {{"register", "--fixed", current_, "--moving", prior_, "--metric", "cosine"}, 2, "--metric expects"},
            {{"register", "--fixed", current_, "--moving", prior_, "--threads", "0"}, 2, "--threads expects"},
        };
        for (const Case& c : cases) {
            const test::ProcessResult r = test::runCli(c.args, 120000);
            const QString err = QString::fromUtf8(r.err);
            QVERIFY2(!r.crashed && !r.timedOut, qPrintable(c.args.join(' ')));
            QVERIFY2(r.exitCode == c.exitCode, qPrintable(c.args.join(' ') + " -> " + QString::number(r.exitCode) + ": " + err));
            QVERIFY2(err.contains(c.message), qPrintable(err));
            QVERIFY2(err.trimmed().count('\n') == 0 || c.exitCode == 2, qPrintable(err));  // one line per failure
            QVERIFY(r.out.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestRegisterCli)
#include "tst_register_cli.moc"
