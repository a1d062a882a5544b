// Hanging protocols without widgets: the built-in protocol files load, the
// synthetic patients (CT chest with its prior, MR brain, chest radiographs,
// mammograms, the mixed patient) choose the protocol a reader expects and
// place current and prior series, images, planes and window presets as the
// files say; malformed files give one clear error naming the file and the
// other files still load; a user folder replaces a built-in by name.

#include "TestSupport.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/pacsclient/Priors.h"
#include "lightbox/viewer/HangingPlacement.h"
#include "lightbox/viewer/HangingProtocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace lightbox;
using viewer::Hang;
using viewer::HangingStudy;

namespace {

struct Truth {
    std::string studyUid;
    std::map<std::string, std::string> seriesByDescription;  // description -> series UID
    std::map<std::string, std::string> imageByView;          // "RCC", "PA"... -> SOP Instance UID
};

void writeFile(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

}  // namespace

class TestHangingProtocols : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::map<std::string, std::vector<Truth>> truth_;        // item -> its studies (mixed has five)
    std::map<std::string, HangingStudy> studies_;            // study UID -> series read
    std::vector<viewer::HangingProtocol> protocols_;

    const Truth& item(const std::string& name, std::size_t k = 0) { return truth_.at(name).at(k); }
    const HangingStudy& study(const std::string& name, std::size_t k = 0) { return studies_.at(item(name, k).studyUid); }
    const viewer::HangingProtocol& protocolFor(const HangingStudy& current, std::size_t priors) {
        const viewer::HangingProtocol* p = viewer::chooseProtocol(protocols_, current, priors);
        if (!p) throw std::runtime_error("no protocol");
        return *p;
    }

private slots:
    void initTestCase() {
        // An empty user folder: only the built-ins count.
        qputenv("LIGHTBOX_HANGING_PROTOCOLS", dir_.filePath("no-user-protocols").toUtf8());
        core::SynthOptions options;
        options.slices = 24;
        options.matrix = 64;
        const std::string root = dir_.filePath("synth").toStdString();
        const QJsonObject truth =
            QJsonDocument::fromJson(QByteArray::fromStdString(core::writeSyntheticPatients(root, options))).object();
        for (const QJsonValue& p : truth["patients"].toArray())
            for (const QJsonValue& sv : p.toObject()["studies"].toArray()) {
                const QJsonObject s = sv.toObject();
                Truth t;
                t.studyUid = s["studyInstanceUid"].toString().toStdString();
                for (const QJsonValue& se : s["series"].toArray()) {
                    const QJsonObject series = se.toObject();
                    t.seriesByDescription[series["description"].toString().toStdString()] =
                        series["seriesInstanceUid"].toString().toStdString();
                    for (const QJsonValue& iv : series["instances"].toArray()) {
                        const QJsonObject i = iv.toObject();
                        if (i.contains("viewPosition"))
                            t.imageByView[(i["imageLaterality"].toString() + i["viewPosition"].toString()).toStdString()] =
                                i["sopInstanceUid"].toString().toStdString();
                    }
                }
                truth_[s["item"].toString().toStdString()].push_back(t);
            }
        std::map<std::string, std::vector<core::SeriesInfo>> byStudy;
        for (core::SeriesInfo& s : core::scanForSeries(root).series) byStudy[s.studyInstanceUid].push_back(std::move(s));
        for (auto& [uid, series] : byStudy) studies_[uid] = HangingStudy::from(std::move(series));

        const viewer::HangingProtocolSet set = viewer::defaultHangingProtocols();
        QVERIFY2(set.errors.empty(), set.errors.empty() ? "" : set.errors.front().c_str());
        protocols_ = set.protocols;
    }

    void builtInsAreThere() {
        std::set<std::string> names;
        for (const auto& p : protocols_) names.insert(p.name);
        for (const char* name : {"CT chest", "CT abdomen", "CT head", "MR brain", "Chest X-ray PA and lateral",
                                 "Mammography 4-view", "Generic with prior", "Generic"})
            QVERIFY2(names.count(name), name);
    }

    void seriesHeadersCarryWhatProtocolsUse() {
        const core::SeriesInfo& ct = study("ct-current").series.front();
        QCOMPARE(ct.bodyPartExamined, std::string("CHEST"));
        QVERIFY(!ct.contrastBolusAgent.empty());  // "WITH CONTRAST"
        QCOMPARE(viewer::acquisitionPlane(ct), viewer::HangingPlane::Axial);
        const core::SeriesInfo& mg = study("mg-current").series.front();
        QCOMPARE(mg.slices.size(), std::size_t(4));
        std::set<std::string> views;
        for (const auto& s : mg.slices) views.insert(s.imageLaterality + s.viewPosition + " " + s.patientOrientation);
        QCOMPARE(views, (std::set<std::string>{"RCC P\\L", "LCC A\\R", "RMLO P\\F", "LMLO A\\F"}));
    }

    void ctChestWithPrior() {
        // The CT patient: the chest prior, and a head CT that ranks after it.
        const std::vector<HangingStudy> priors = {study("ct-prior"), study("ct-head-tilt")};
        const auto& protocol = protocolFor(study("ct-current"), priors.size());
        QCOMPARE(protocol.name, std::string("CT chest"));
        const Hang hang = viewer::hangStudy(protocol, 0, study("ct-current"), priors);
        QCOMPARE(hang.rows, 1);
        QCOMPARE(hang.columns, 2);
        QCOMPARE(hang.stageCount, 3);
        QCOMPARE(hang.viewports.size(), std::size_t(2));
        QCOMPARE(hang.viewports[0].study, 0);
        QCOMPARE(hang.viewports[0].seriesInstanceUid, item("ct-current").seriesByDescription.at("THORAX 2.5 MM STANDARD"));
        QCOMPARE(hang.viewports[0].window, std::string("mediastinum"));
        QCOMPARE(hang.viewports[1].study, 1);
        QCOMPARE(hang.viewports[1].seriesInstanceUid, item("ct-prior").seriesByDescription.at("THORAX 2.5 MM STANDARD"));
        QCOMPARE(hang.viewports[1].window, std::string("mediastinum"));
        QVERIFY(hang.viewports[0].sopInstanceUid.empty());  // the whole volume

        const Hang lung = viewer::hangStudy(protocol, 1, study("ct-current"), priors);
        QCOMPARE(lung.stageName, std::string("Lung"));
        QCOMPARE(lung.viewports[0].window, std::string("lung"));
        QCOMPARE(lung.viewports[1].window, std::string("lung"));
        QCOMPARE(lung.viewports[1].seriesInstanceUid, hang.viewports[1].seriesInstanceUid);
        const Hang coronal = viewer::hangStudy(protocol, 2, study("ct-current"), priors);
        QCOMPARE(coronal.viewports[0].plane, viewer::HangingPlane::Coronal);
        QCOMPARE(viewer::hangStudy(protocol, 7, study("ct-current"), priors).stage, 2);  // clamped
    }

    void ctChestWithoutPriorOrNotYetLocal() {
        const auto& protocol = protocolFor(study("ct-current"), 0);
        QCOMPARE(protocol.name, std::string("CT chest"));
        Hang hang = viewer::hangStudy(protocol, 0, study("ct-current"), {});
        QVERIFY(!hang.viewports[0].empty());
        QVERIFY(hang.viewports[1].empty());
        QCOMPARE(hang.viewports[1].emptyReason, std::string("no prior"));
        // Known on a PACS, on its way: the viewport waits for prior 1.
        HangingStudy pending;
        pending.studyInstanceUid = item("ct-prior").studyUid;
        pending.modalities = {"CT"};
        hang = viewer::hangStudy(protocol, 0, study("ct-current"), {pending});
        QVERIFY(hang.viewports[1].empty());
        QCOMPARE(hang.viewports[1].study, 1);
        QCOMPARE(hang.viewports[1].emptyReason, std::string("prior not yet local"));
    }

    // No synthetic abdomen: the CT chest pair relabelled as an abdomen/pelvis exam.
    void ctAbdomenWithPrior() {
        auto abdomen = [](HangingStudy s) {
            s.studyDescription = "CT ABDOMEN PELVIS WITH CONTRAST";
            for (auto& series : s.series) {
                series.bodyPartExamined = "ABDOMEN";
                series.studyDescription = s.studyDescription;
            }
            return s;
        };
        const HangingStudy current = abdomen(study("ct-current")), prior = abdomen(study("ct-prior"));
        const auto& protocol = protocolFor(current, 1);
        QCOMPARE(protocol.name, std::string("CT abdomen"));
        QCOMPARE(protocolFor(current, 0).name, std::string("CT abdomen"));  // a prior is not required
        const Hang hang = viewer::hangStudy(protocol, 0, current, {prior});
        QCOMPARE(hang.rows * hang.columns, 2);
        QCOMPARE(hang.viewports[0].study, 0);
        QCOMPARE(hang.viewports[0].seriesInstanceUid, item("ct-current").seriesByDescription.at("THORAX 2.5 MM STANDARD"));
        QCOMPARE(hang.viewports[0].window, std::string("abdomen"));
        QCOMPARE(hang.viewports[1].study, 1);
        QCOMPARE(hang.viewports[1].seriesInstanceUid, item("ct-prior").seriesByDescription.at("THORAX 2.5 MM STANDARD"));
        QCOMPARE(hang.viewports[1].window, std::string("abdomen"));
        QCOMPARE(viewer::hangStudy(protocol, 1, current, {prior}).viewports[1].window, std::string("liver"));
        const Hang coronal = viewer::hangStudy(protocol, 2, current, {prior});
        QCOMPARE(coronal.viewports[0].plane, viewer::HangingPlane::Coronal);
        QCOMPARE(coronal.viewports[1].plane, viewer::HangingPlane::Coronal);
        // Not the chest protocol for a chest study, nor this one for the chest.
        QCOMPARE(protocolFor(study("ct-current"), 1).name, std::string("CT chest"));
    }

    void ctHead() {
        const auto& protocol = protocolFor(study("ct-head-tilt"), 1);
        QCOMPARE(protocol.name, std::string("CT head"));
        const Hang hang = viewer::hangStudy(protocol, 0, study("ct-head-tilt"), {study("ct-current")});
        QCOMPARE(hang.viewports[0].window, std::string("brain"));
        QCOMPARE(hang.viewports[1].seriesInstanceUid, item("ct-current").seriesByDescription.at("THORAX 2.5 MM STANDARD"));
        QCOMPARE(viewer::hangStudy(protocol, 1, study("ct-head-tilt"), {}).viewports[0].window, std::string("bone"));
    }

    void mrBrainAxialT2AndSagittalT1() {
        const HangingStudy& mr = study("mr-brain");
        const auto& protocol = protocolFor(mr, 0);
        QCOMPARE(protocol.name, std::string("MR brain"));
        // The mixed patient's 2024 MR brain stands in for a prior (axial T2 only).
        const HangingStudy& prior = study("mixed", 2);
        QCOMPARE(prior.studyDescription, std::string("MR BRAIN WITHOUT CONTRAST"));
        const Hang hang = viewer::hangStudy(protocol, 0, mr, {prior});
        QCOMPARE(hang.rows * hang.columns, 4);
        QCOMPARE(hang.viewports[0].seriesInstanceUid, item("mr-brain").seriesByDescription.at("AX T2 TSE"));
        QCOMPARE(hang.viewports[1].seriesInstanceUid, item("mixed", 2).seriesByDescription.at("AX T2 TSE"));
        QCOMPARE(hang.viewports[2].seriesInstanceUid, item("mr-brain").seriesByDescription.at("SAG T1 SE"));
        QVERIFY(hang.viewports[3].empty());  // the prior has no sagittal series
        QCOMPARE(hang.viewports[3].emptyReason, std::string("no prior with a matching series"));
        QVERIFY(hang.viewports[0].window.empty());  // MR: the file's window
    }

    void chestRadiographsPaAndLateral() {
        const HangingStudy& current = study("cr-current");
        const auto& protocol = protocolFor(current, 1);
        QCOMPARE(protocol.name, std::string("Chest X-ray PA and lateral"));
        const Hang hang = viewer::hangStudy(protocol, 0, current, {study("cr-prior")});
        QCOMPARE(hang.viewports[0].sopInstanceUid, item("cr-current").imageByView.at("PA"));
        QCOMPARE(hang.viewports[1].sopInstanceUid, item("cr-prior").imageByView.at("PA"));
        QCOMPARE(hang.viewports[2].sopInstanceUid, item("cr-current").imageByView.at("LL"));
        QCOMPARE(hang.viewports[3].sopInstanceUid, item("cr-prior").imageByView.at("LL"));
        QCOMPARE(hang.viewports[1].study, 1);
    }

    void mammographyFourViewsOverPrior() {
        const HangingStudy& current = study("mg-current");
        const auto& protocol = protocolFor(current, 1);
        QCOMPARE(protocol.name, std::string("Mammography 4-view"));
        const Hang hang = viewer::hangStudy(protocol, 0, current, {study("mg-prior")});
        QCOMPARE(hang.rows, 2);
        QCOMPARE(hang.columns, 4);
        const char* views[] = {"RCC", "LCC", "RMLO", "LMLO"};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(hang.viewports[std::size_t(i)].study, 0);
            QCOMPARE(hang.viewports[std::size_t(i)].sopInstanceUid, item("mg-current").imageByView.at(views[i]));
            QCOMPARE(hang.viewports[std::size_t(i + 4)].study, 1);
            QCOMPARE(hang.viewports[std::size_t(i + 4)].sopInstanceUid, item("mg-prior").imageByView.at(views[i]));
            // Stored as readers hang them (chest walls in the middle): no flips.
            QVERIFY(!hang.viewports[std::size_t(i)].flipHorizontal);
            QVERIFY(!hang.viewports[std::size_t(i)].flipVertical);
        }
        // A right CC stored the other way round (rows towards anterior) is mirrored back.
        HangingStudy turned = current;
        for (auto& series : turned.series)
            for (auto& s : series.slices)
                if (s.imageLaterality == "R" && s.viewPosition == "CC") s.patientOrientation = "A\\R";
        const Hang mirrored = viewer::hangStudy(protocol, 0, turned, {});
        QVERIFY(mirrored.viewports[0].flipHorizontal);
        QVERIFY(!mirrored.viewports[0].flipVertical);
        QVERIFY(!mirrored.viewports[1].flipHorizontal);
        QCOMPARE(mirrored.viewports[4].emptyReason, std::string("no prior"));
        // Stage 2: the CC views alone, current beside prior.
        const Hang cc = viewer::hangStudy(protocol, 1, current, {study("mg-prior")});
        QCOMPARE(cc.rows * cc.columns, 4);
        QCOMPARE(cc.viewports[3].sopInstanceUid, item("mg-prior").imageByView.at("LCC"));
        // Stage 4: the current over the prior before the most relevant one
        // (two back). A relabelled copy of the prior stands in for the older one.
        HangingStudy older = study("mg-prior");
        older.studyInstanceUid += ".2";
        older.studyDate = "20100101";
        const Hang twoBack = viewer::hangStudy(protocol, 3, current, {study("mg-prior"), older});
        QCOMPARE(twoBack.rows * twoBack.columns, 8);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(twoBack.viewports[std::size_t(i)].study, 0);
            QCOMPARE(twoBack.viewports[std::size_t(i + 4)].study, 2);
            QCOMPARE(twoBack.viewports[std::size_t(i + 4)].sopInstanceUid, item("mg-prior").imageByView.at(views[i]));
        }
        const Hang onlyOne = viewer::hangStudy(protocol, 3, current, {study("mg-prior")});
        QCOMPARE(onlyOne.viewports[4].emptyReason, std::string("no prior 2"));
    }

    void mixedPatientRankedPriors() {
        // Current: the 2026 CT chest; the rules rank the 2025 chest radiograph
        // first (same body part), then the 2021 head CT (same modality).
        const HangingStudy& current = study("mixed", 0);
        auto summary = [](const HangingStudy& s) {
            pacs::StudySummary out;
            out.studyInstanceUid = s.studyInstanceUid;
            out.studyDate = s.studyDate;
            for (const auto& series : s.series) {
                out.patientId = series.patientId;
                out.modalities.insert(series.modality);
                out.bodyParts.insert(series.bodyPartExamined);
            }
            return out;
        };
        std::vector<pacs::StudySummary> others;
        for (std::size_t k = 1; k < 5; ++k) others.push_back(summary(study("mixed", k)));
        const auto ranked = pacs::rankPriors(summary(current), others, pacs::defaultRelevanceRules());
        QCOMPARE(ranked.size(), std::size_t(4));
        QCOMPARE(ranked[0].study.studyInstanceUid, item("mixed", 1).studyUid);  // CR chest 2025
        std::vector<HangingStudy> priors;
        for (const auto& r : ranked) priors.push_back(studies_.at(r.study.studyInstanceUid));
        const auto& protocol = protocolFor(current, priors.size());
        QCOMPARE(protocol.name, std::string("CT chest"));
        // The CT viewport's "prior" is the most relevant prior that has a CT series.
        const Hang hang = viewer::hangStudy(protocol, 0, current, priors);
        QCOMPARE(hang.viewports[1].seriesInstanceUid, item("mixed", 4).seriesByDescription.at("HEAD 5 MM"));
        QVERIFY(hang.viewports[1].study >= 2);
        // The knee radiograph: no protocol for it, the generic one with its prior.
        const HangingStudy& knee = study("mixed", 3);
        QCOMPARE(protocolFor(knee, 1).name, std::string("Generic with prior"));
        QCOMPARE(protocolFor(knee, 0).name, std::string("Generic"));
        const Hang generic = viewer::hangStudy(protocolFor(knee, 0), 0, knee, {});
        QCOMPARE(generic.viewports.size(), std::size_t(1));
        QCOMPARE(generic.viewports[0].seriesInstanceUid, item("mixed", 3).seriesByDescription.at("KNEE AP RIGHT WITH CALIBRATION"));
    }

    // "prior N": the N-th relevant prior that has a series the viewport can
    // take (N back), not the N-th study in the list.
    void priorNBack() {
        QTemporaryDir folder;
        writeFile(folder.filePath("two-back.json"),
                  R"({"name": "Two back", "layout": "2x2", "stages": [{"viewports": [
                      {"study": "current", "series": {"modality": "CT"}},
                      {"study": "prior"},
                      {"study": "prior 2"},
                      {"study": "prior 2", "series": {"modality": "CT"}}]}]})");
        const viewer::HangingProtocolSet set = viewer::loadHangingProtocols({folder.path().toStdString()});
        QVERIFY(set.errors.empty());
        QCOMPARE(set.protocols.size(), std::size_t(1));
        // The mixed patient's CT 2026 with its other studies, newest first:
        // CR 2025, MR 2024, DX 2023, CT 2021.
        std::vector<HangingStudy> priors;
        for (std::size_t k = 1; k < 5; ++k) priors.push_back(study("mixed", k));
        auto holds = [](const HangingStudy& s, const std::string& seriesUid) {
            return std::any_of(s.series.begin(), s.series.end(), [&](const auto& x) { return x.seriesInstanceUid == seriesUid; });
        };
        const Hang hang = viewer::hangStudy(set.protocols.front(), 0, study("mixed", 0), priors);
        QCOMPARE(hang.viewports[1].study, 1);
        QVERIFY(holds(study("mixed", 1), hang.viewports[1].seriesInstanceUid));
        QCOMPARE(hang.viewports[2].study, 2);
        QVERIFY(holds(study("mixed", 2), hang.viewports[2].seriesInstanceUid));
        // Only one prior has a CT series: there is no second one.
        QVERIFY(hang.viewports[3].empty());
        QCOMPARE(hang.viewports[3].emptyReason, std::string("no prior 2"));
        // With two CT priors, the older one fills it.
        const Hang two = viewer::hangStudy(set.protocols.front(), 0, study("mixed", 0),
                                           {study("mixed", 4), study("ct-prior")});
        QCOMPARE(two.viewports[3].study, 2);
        QVERIFY(holds(study("ct-prior"), two.viewports[3].seriesInstanceUid));
    }

    void malformedFilesAreNamedAndSkipped() {
        QTemporaryDir folder;
        const QByteArray good = R"({"name": "Good", "layout": "1x1", "stages": [{"viewports": [{"study": "current"}]}]})";
        writeFile(folder.filePath("a-good.json"), good);
        writeFile(folder.filePath("b-broken.json"), "{\"name\": \"Broken\", ");
        writeFile(folder.filePath("c-bad-window.json"),
                  R"({"name": "Bad window", "stages": [{"viewports": [{"study": "current", "window": "lungs"}]}]})");
        writeFile(folder.filePath("d-bad-layout.json"),
                  R"({"name": "Bad layout", "layout": "1x2", "stages": [{"viewports": [{"study": "current"}]}]})");
        writeFile(folder.filePath("e-bad-study.json"),
                  R"({"name": "Bad study", "stages": [{"viewports": [{"study": "previous"}]}]})");
        writeFile(folder.filePath("f-no-name.json"), R"({"stages": [{"viewports": [{}]}]})");
        writeFile(folder.filePath("notes.txt"), "not a protocol");
        const viewer::HangingProtocolSet set = viewer::loadHangingProtocols({folder.path().toStdString()});
        QCOMPARE(set.protocols.size(), std::size_t(1));
        QCOMPARE(set.protocols[0].name, std::string("Good"));
        QCOMPARE(set.errors.size(), std::size_t(5));
        const std::map<std::string, std::string> expected = {{"b-broken.json", "not valid JSON"},
                                                             {"c-bad-window.json", "unknown window preset \"lungs\""},
                                                             {"d-bad-layout.json", "1 viewports for a 1x2 layout"},
                                                             {"e-bad-study.json", "\"study\" must be"},
                                                             {"f-no-name.json", "needs a \"name\""}};
        for (const auto& [file, words] : expected) {
            const bool found = std::any_of(set.errors.begin(), set.errors.end(), [&](const std::string& e) {
                return e.find(folder.filePath(QString::fromStdString(file)).toStdString()) == 0 &&
                       e.find(words) != std::string::npos;
            });
            QVERIFY2(found, (file + ": " + words).c_str());
        }
        QVERIFY_THROWS_EXCEPTION(core::Error, viewer::readHangingProtocol(folder.filePath("b-broken.json").toStdString()));
    }

    void userFolderReplacesBuiltInByName() {
        QTemporaryDir user;
        writeFile(user.filePath("my-chest.json"),
                  R"({"name": "CT chest", "priority": 50, "match": {"modality": "CT", "bodyPart": "CHEST"},
                      "layout": "1x1", "stages": [{"name": "Lung only", "viewports": [{"study": "current", "window": "lung"}]}]})");
        const std::vector<std::filesystem::path> folders = {viewer::hangingProtocolFolders().front(), user.path().toStdString()};
        const viewer::HangingProtocolSet set = viewer::loadHangingProtocols(folders);
        QVERIFY(set.errors.empty());
        QCOMPARE(set.protocols.size(), protocols_.size());
        const viewer::HangingProtocol* chosen = viewer::chooseProtocol(set.protocols, study("ct-current"), 1);
        QVERIFY(chosen);
        QCOMPARE(chosen->stages.front().name, std::string("Lung only"));
        QCOMPARE(chosen->file.filename().string(), std::string("my-chest.json"));
    }
};

QTEST_GUILESS_MAIN(TestHangingProtocols)
#include "tst_hanging_protocols.moc"
