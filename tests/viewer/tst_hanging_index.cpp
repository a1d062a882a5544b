// The first hang from the archive index (app::readStudyFromIndex): before
// every header of a study is read, its series come from the index with the
// header of one image per large series - the middle one by Instance Number -
// and the protocols must decide exactly as they do once every header is read.
// For every synthetic study (CT chest + prior, CT head, MR brain, CR PA+LAT,
// MG 4-view, the mixed patient) imported into an archive: the same protocol,
// and the same placement in every stage (layout, study, series, image, plane,
// window, flips, why a viewport is empty), with the priors read and with the
// priors not yet read; the image read is the middle one by Instance Number;
// what the index cannot tell falls back to reading every header.

#include "StudyPriors.h"
#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/viewer/HangingPlacement.h"
#include "lightbox/viewer/HangingProtocol.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace lightbox;
using viewer::HangingStudy;

namespace {

std::string describe(const viewer::Hang& h) {
    std::string out = h.protocol + " stage " + std::to_string(h.stage) + " " + std::to_string(h.rows) + "x" +
                      std::to_string(h.columns) + ":";
    for (const auto& v : h.viewports)
        out += " [" + std::to_string(v.study) + " " + v.seriesInstanceUid + " " + v.sopInstanceUid + " plane " +
               std::to_string(int(v.plane)) + " " + v.window + (v.flipHorizontal ? " flipH" : "") +
               (v.flipVertical ? " flipV" : "") + " " + v.emptyReason + "]";
    return out;
}

}  // namespace

class TestHangingIndex : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::unique_ptr<archive::Archive> archive_;
    std::vector<viewer::HangingProtocol> protocols_;
    std::vector<std::string> studies_;

private slots:
    void initTestCase() {
        qputenv("LIGHTBOX_HANGING_PROTOCOLS", dir_.filePath("no-user-protocols").toUtf8());
        core::SynthOptions options;
        options.slices = 24;  // volumes of more images than a series read whole (16)
        options.matrix = 64;
        const std::string synth = dir_.filePath("synth").toStdString();
        core::writeSyntheticPatients(synth, options);
        archive_ = archive::Archive::open(dir_.filePath("archive").toStdString());
        const auto summary = archive_->importPaths({synth});
        QVERIFY2(summary.error.empty(), summary.error.c_str());
        archive::Query q;
        q.level = archive::Level::Study;
        for (const auto& row : archive_->query(q)) studies_.push_back(row.at("StudyInstanceUID"));
        QVERIFY(studies_.size() >= 12);
        const viewer::HangingProtocolSet set = viewer::defaultHangingProtocols();
        QVERIFY(set.errors.empty());
        protocols_ = set.protocols;
    }

    void indexGivesTheMiddleImageByInstanceNumber() {
        int partialSeries = 0;
        for (const std::string& uid : studies_) {
            const std::optional<HangingStudy> early = app::readStudyFromIndex(*archive_, uid);
            QVERIFY2(early, uid.c_str());
            const std::vector<core::SeriesInfo> full = app::readStudySeries(*archive_, uid);
            QCOMPARE(early->series.size(), full.size());
            for (std::size_t s = 0; s < full.size(); ++s) {
                const core::SeriesInfo& a = early->series[s];
                const core::SeriesInfo& b = full[s];
                QCOMPARE(a.seriesInstanceUid, b.seriesInstanceUid);
                QCOMPARE(early->imageCount(a), b.imageCount());
                QCOMPARE(early->formsVolume(a), b.isVolume());
                QCOMPARE(viewer::acquisitionPlane(a), viewer::acquisitionPlane(b));
                QCOMPARE(a.contrastBolusAgent, b.contrastBolusAgent);
                QCOMPARE(a.bodyPartExamined, b.bodyPartExamined);
                if (!early->isPartial(a)) {
                    QCOMPARE(a.slices.size(), b.slices.size());  // small: read whole
                    continue;
                }
                ++partialSeries;
                QVERIFY(b.slices.size() >= 16);
                QCOMPARE(a.slices.size(), std::size_t(1));
                std::vector<core::SliceRef> byNumber = b.slices;
                std::sort(byNumber.begin(), byNumber.end(), [](const auto& x, const auto& y) {
                    return std::tie(x.instanceNumber, x.sopInstanceUid) < std::tie(y.instanceNumber, y.sopInstanceUid);
                });
                QCOMPARE(a.slices.front().sopInstanceUid, byNumber[byNumber.size() / 2].sopInstanceUid);
            }
        }
        QVERIFY(partialSeries >= 5);  // CT current, prior, head; MR axial and sagittal...
    }

    // Every study as the current one, its priors ranked as the workstation ranks them.
    void sameProtocolAndPlacementEitherWay() {
        int compared = 0;
        for (const std::string& uid : studies_) {
            const std::optional<HangingStudy> early = app::readStudyFromIndex(*archive_, uid);
            QVERIFY(early);
            const HangingStudy full = HangingStudy::from(app::readStudySeries(*archive_, uid));
            const pacs::StudySummary summary = app::summarizeStudy(full.series);
            const pacs::StudySummary earlySummary = app::summarizeStudy(early->series);
            QCOMPARE(earlySummary.modalities, summary.modalities);
            QCOMPARE(earlySummary.bodyParts, summary.bodyParts);
            const auto ranked = pacs::rankPriors(
                summary, app::localStudiesOfPatient(*archive_, summary.patientId, summary.issuerOfPatientId),
                app::relevanceRulesOrFallback());
            std::vector<HangingStudy> priorsRead, priorsPending;
            for (const auto& p : ranked) {
                priorsRead.push_back(HangingStudy::from(app::readStudySeries(*archive_, p.study.studyInstanceUid)));
                priorsPending.push_back(app::pendingStudy(p.study));
            }
            for (const auto* priors : {&priorsRead, &priorsPending}) {
                const viewer::HangingProtocol* a = viewer::chooseProtocol(protocols_, *early, priors->size());
                const viewer::HangingProtocol* b = viewer::chooseProtocol(protocols_, full, priors->size());
                QCOMPARE(a, b);
                if (!a) continue;
                for (int stage = 0; stage < int(a->stages.size()); ++stage) {
                    const std::string x = describe(viewer::hangStudy(*a, stage, *early, *priors));
                    const std::string y = describe(viewer::hangStudy(*b, stage, full, *priors));
                    QVERIFY2(x == y, (x + "\n  vs every header read:\n" + y).c_str());
                    ++compared;
                }
            }
        }
        QVERIFY(compared >= 30);
    }

    void whatTheIndexCannotTellFallsBack() {
        QVERIFY(!app::readStudyFromIndex(*archive_, "1.2.3.4.5.6.7.8.9"));  // not in the archive
        // An image without Instance Number in a large series: every header is read instead.
        QTemporaryDir other;
        core::SynthOptions options;
        options.slices = 20;
        options.matrix = 32;
        options.only = "ct-current";
        const std::string synth = other.filePath("synth").toStdString();
        core::writeSyntheticPatients(synth, options);
        std::vector<std::filesystem::path> files;
        for (const auto& e : std::filesystem::recursive_directory_iterator(synth))
            if (e.path().extension() == ".dcm") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        QVERIFY(files.size() == 20);
        const auto r = test::run("dcmodify", {"-nb", "-ea", "(0020,0013)", QString::fromStdString(files[3].string())});
        if (r.exitCode != 0) QSKIP("dcmodify (DCMTK) is not available");
        auto a = archive::Archive::open(other.filePath("archive").toStdString());
        QVERIFY(a->importPaths({synth}).error.empty());
        archive::Query q;
        q.level = archive::Level::Study;
        const auto rows = a->query(q);
        QCOMPARE(rows.size(), std::size_t(1));
        QVERIFY(!app::readStudyFromIndex(*a, rows.front().at("StudyInstanceUID")));
        QCOMPARE(app::readStudySeries(*a, rows.front().at("StudyInstanceUID")).front().slices.size(), std::size_t(20));
    }
};

QTEST_GUILESS_MAIN(TestHangingIndex)
#include "tst_hanging_index.moc"
