// The German translation (translations/lightbox_de.ts): every message is
// finished and keeps its placeholders, accelerator and tags; the compiled .qm
// loads the way main() loads it (system locale, :/translations); strings
// translated through hand-written contexts find their translation at run
// time; and the windows and dialogs built in German show no English text
// left over (compared with the same widgets built in English) and no menu
// accelerator twice. LIGHTBOX_SCREENSHOT_DIR=folder saves the German
// widgets as PNG for a look.

#include "DisplayDescription.h"
#include "HistoryView.h"
#include "MainWindow.h"
#include "OutputDepthDialog.h"
#include "QcReport.h"
#include "RemoteNodesDialog.h"
#include "QcWizard.h"
#include "SettingsDialog.h"
#include "TestSupport.h"
#include "Translations.h"

#include "lightbox/calibration/CriteriaProfile.h"
#include "lightbox/calibration/QcHistory.h"
#include "lightbox/viewer/AnnotationLayer.h"
#include "lightbox/viewer/OutputDepthCheck.h"
#include "lightbox/viewer/ShortcutMap.h"
#include "lightbox/viewer/WindowPresets.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QScreen>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTranslator>
#include <QTreeWidget>
#include <QWizardPage>
#include <QXmlStreamReader>
#include <QtTest>

#include <memory>

using namespace lightbox;

namespace {

struct Message {
    QString context, source;
    QStringList translations;  // one, or the plural forms
    bool numerus = false, unfinished = false, obsolete = false;
};

std::vector<Message> readTs(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    std::vector<Message> out;
    QXmlStreamReader xml(&file);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == u"message") out.push_back(m);
        if (!xml.isStartElement()) continue;
        const auto name = xml.name();
        if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            m = Message{context, {}, {}, xml.attributes().value("numerus") == u"yes", false, false};
        } else if (name == u"source") {
            m.source = xml.readElementText();
        } else if (name == u"translation") {
            const auto type = xml.attributes().value("type");
            m.unfinished = type == u"unfinished";
            m.obsolete = type == u"vanished" || type == u"obsolete";
            if (!m.numerus) m.translations = {xml.readElementText()};
        } else if (name == u"numerusform") {
            m.translations << xml.readElementText();
        }
    }
    return out;
}

// The placeholders of a message, sorted: %1..%99, %L1, %n, %Ln.
QStringList placeholders(const QString& text) {
    static const QRegularExpression re(QStringLiteral("%L?(\\d{1,2}|n)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();) found << it.next().captured(0);
    found.sort();
    return found;
}

QStringList tags(const QString& text) {
    static const QRegularExpression re(QStringLiteral("</?[a-zA-Z][^<>]*>"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();) found << it.next().captured(0);
    found.sort();
    return found;
}

// The accelerator letter ("&D" -> 'd'), or a null QChar; "&&" is a literal &.
QChar mnemonic(const QString& text) {
    for (int i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != '&') continue;
        if (text[i + 1] == '&') {
            ++i;
            continue;
        }
        return text[i + 1].toLower();
    }
    return {};
}

int ampersands(const QString& text) {
    int n = 0;
    for (int i = 0; i < text.size(); ++i)
        if (text[i] == '&') {
            if (i + 1 < text.size() && text[i + 1] == '&') ++i;
            else ++n;
        }
    return n;
}

// Every text a user reads in `root`, in a fixed order (creation order of the
// children), tagged with where it was found.
QStringList shownTexts(QWidget* root) {
    QStringList out;
    auto add = [&out](const QString& where, const QString& text) {
        if (!text.trimmed().isEmpty()) out << where + QLatin1Char('\t') + text;
    };
    const QList<QWidget*> widgets = QList<QWidget*>{root} + root->findChildren<QWidget*>();
    for (QWidget* w : widgets) {
        const QString name = QString::fromLatin1(w->metaObject()->className());
        if (w->isWindow()) add(name + " title", w->windowTitle());
        if (auto* l = qobject_cast<QLabel*>(w)) add(name, l->text());
        if (auto* b = qobject_cast<QAbstractButton*>(w)) add(name, b->text());
        if (auto* g = qobject_cast<QGroupBox*>(w)) add(name, g->title());
        if (auto* d = qobject_cast<QDockWidget*>(w)) add(name, d->windowTitle());
        if (auto* e = qobject_cast<QLineEdit*>(w)) add(name + " placeholder", e->placeholderText());
        if (auto* c = qobject_cast<QComboBox*>(w))
            for (int i = 0; i < c->count(); ++i) add(name + " item", c->itemText(i));
        if (auto* t = qobject_cast<QTabWidget*>(w))
            for (int i = 0; i < t->count(); ++i) add(name + " tab", t->tabText(i));
        if (auto* p = qobject_cast<QWizardPage*>(w)) {
            add(name + " title", p->title());
            add(name + " subtitle", p->subTitle());
        }
        if (auto* t = qobject_cast<QTableWidget*>(w))
            for (int i = 0; i < t->columnCount(); ++i)
                if (auto* item = t->horizontalHeaderItem(i)) add(name + " header", item->text());
        if (auto* t = qobject_cast<QTreeWidget*>(w))
            for (int i = 0; i < t->columnCount(); ++i) add(name + " header", t->headerItem()->text(i));
        if (auto* m = qobject_cast<QMenu*>(w)) {
            add(name + " title", m->title());
            for (QAction* a : m->actions()) add(name + " action", a->text());
        }
    }
    return out;
}

// Texts that read the same in German: names, protocol terms, units, numbers.
bool sameInGerman(const QString& text) {
    static const QStringList same = {"Lightbox", "DICOMweb", "DICOM (DIMSE)", "C-MOVE", "C-GET", "WADO-RS", "Host:",
                                     "Port:", "Name:", "Token:", "Text:", "Layout:", "GSDF", "MPR + 3D", "Patient",
                                     "Position", "Cobb", "Ellipse", "Polygon", "Text", "Abdomen", "Mediastinum",
                                     "http://pacs.example.org:8042/dicom-web", "1x1", "1x2", "2x2", "3x3", "...",
                                     "LIGHTBOX"};
    if (same.contains(text)) return true;
    // Identifiers (criteria profiles: din6868-157-class-3) and screens by name.
    static const QRegularExpression identifier(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)+$"));
    if (identifier.match(text).hasMatch()) return true;
    for (const QScreen* screen : QGuiApplication::screens())
        if (text.startsWith(screen->name() + " (")) return true;
    // No lower-case word: numbers, keys, placeholders, abbreviations (CT, MR).
    static const QRegularExpression word(QStringLiteral("[a-z]{2,}"));
    return !word.match(text).hasMatch();
}

// The texts of `english` and `german` (the same widgets) side by side: those
// that did not change, and a note when the two do not line up.
QStringList untranslated(const QStringList& english, const QStringList& german) {
    if (english.size() != german.size()) {
        QStringList onlyEnglish = english, onlyGerman = german;
        for (const QString& t : german) onlyEnglish.removeOne(t);
        for (const QString& t : english) onlyGerman.removeOne(t);
        return {QStringLiteral("%1 texts in English, %2 in German; English only: %3; German only: %4")
                    .arg(english.size()).arg(german.size()).arg(onlyEnglish.join(" | "), onlyGerman.join(" | "))};
    }
    QStringList left;
    for (int i = 0; i < english.size(); ++i) {
        const QString text = english[i].section('\t', 1);
        if (english[i] == german[i] && !sameInGerman(text)) left << english[i];
    }
    return left;
}

void saveShot(QWidget* w, const QString& name) {
    const QString dir = qEnvironmentVariable("LIGHTBOX_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    if (!w->isVisible()) w->adjustSize();  // laid out as it would show
    QVERIFY(w->grab().save(dir + "/" + name + ".png"));
}

}  // namespace

class TestTranslation : public QObject {
    Q_OBJECT
    QList<QTranslator*> german_;

    // As main() does it, for German.
    void installGerman() {
        if (german_.isEmpty()) german_ = app::installTranslations(QLocale(QLocale::German, QLocale::Germany), this);
        QVERIFY2(german_.size() == 2, "Lightbox's and Qt's German catalogues (Qt's: qt6-translations-l10n)");
    }
    void removeGerman() {
        for (QTranslator* t : german_) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
        german_.clear();
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // the windows' settings stay out of the user's
        // English is the source language: nothing to install.
        QVERIFY(app::installTranslations(QLocale(QLocale::English, QLocale::UnitedStates), this).isEmpty());
        installGerman();
        QCOMPARE(german_.front()->language(), QString("de_DE"));
        QCOMPARE(german_.front()->filePath(), QString(":/translations/lightbox_de.qm"));
        removeGerman();
    }
    void cleanup() { removeGerman(); }

    void everyMessageIsFinished() {
        const auto messages = readTs(LIGHTBOX_TS_FILE);
        QVERIFY2(messages.size() > 500, qPrintable(QString("%1 messages read").arg(messages.size())));
        QStringList unfinished;
        for (const auto& m : messages) {
            if (m.obsolete) continue;
            if (m.unfinished) unfinished << m.context + ": " + m.source;
            if (m.numerus && m.translations.size() != 2) unfinished << m.context + ": " + m.source + " (plural forms)";
            for (const QString& t : m.translations)
                if (t.isEmpty()) unfinished << m.context + ": " + m.source + " (empty)";
        }
        QVERIFY2(unfinished.isEmpty(), qPrintable(unfinished.join('\n')));
    }

    void placeholdersAcceleratorsAndTagsAreKept() {
        QStringList wrong;
        for (const auto& m : readTs(LIGHTBOX_TS_FILE)) {
            if (m.obsolete) continue;
            for (const QString& t : m.translations) {
                if (placeholders(t) != placeholders(m.source)) wrong << "placeholders: " + m.source + " -> " + t;
                if (ampersands(t) != ampersands(m.source)) wrong << "accelerator: " + m.source + " -> " + t;
                if (tags(t) != tags(m.source)) wrong << "tags: " + m.source + " -> " + t;
            }
        }
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join('\n')));
    }

    void knownStringsAndPluralsTranslate() {
        installGerman();
        QCOMPARE(QCoreApplication::translate("lightbox::app::MainWindow", "&File"), QString("&Datei"));
        QCOMPARE(QCoreApplication::translate("lightbox::app::MainWindow", "QC &Wizard..."), QString("QS-&Assistent..."));
        QCOMPARE(QCoreApplication::translate("lightbox::qc::QcWizard", "Acceptance test"), QString::fromUtf8("Abnahmeprüfung"));
        QCOMPARE(QCoreApplication::translate("lightbox::app::MainWindow", "Archive: %n patient(s)", nullptr, 1),
                 QString("Archiv: 1 Patient"));
        QCOMPARE(QCoreApplication::translate("lightbox::app::MainWindow", "Archive: %n patient(s)", nullptr, 3),
                 QString("Archiv: 3 Patienten"));
        QCOMPARE(QCoreApplication::translate("lightbox::viewer::ReadingArea", "%1 %2\n%n image(s)", nullptr, 1),
                 QString("%1 %2\n1 Bild"));
    }

    // Strings whose context is written by hand (translate(), QT_TR_NOOP
    // tables, helper functions) are found under the context lupdate gave them.
    void handWrittenContextsMatchTheCatalogue() {
        installGerman();
        const auto presets = viewer::ctWindowPresets();
        QCOMPARE(presets.front().name, QString("Hirn"));
        QCOMPARE(presets.at(1).name, QString("Lunge"));
        QCOMPARE(viewer::presetsForKeys({core::WindowLevel{}}).back().name, QString("Fenster aus Datei 1"));

        viewer::ShortcutMap shortcuts;  // made now: its titles are translated when it is built
        QVERIFY(shortcuts.action("scroll.next"));
        QCOMPARE(shortcuts.action("scroll.next")->title, QString::fromUtf8("Nächstes Bild"));
        QCOMPARE(shortcuts.action("scroll.next")->group, QString("Navigation"));
        QCOMPARE(shortcuts.action("measure.undo")->group, QString("Messungen"));

        QCOMPARE(viewer::measurementToolName(viewer::MeasurementTool::Length), QString::fromUtf8("Länge"));
        QCOMPARE(viewer::measurementToolName(viewer::MeasurementTool::None), QString("Fensterung"));

        viewer::OutputDepthReport report;
        report.screenDepth = 24;
        report.levelsShown = 1024;
        report.levelsSeen = 256;
        QVERIFY2(report.summary().startsWith("Nur 8 Bit erreichen den Bildschirm: der Bildschirm hat 24 Bit"),
                 qPrintable(report.summary()));
    }

    // The display named for people: the library's words in English, German
    // with the translation.
    void displayDescriptionFollowsTheLanguage() {
        calibration::DisplayIdentity unknown, known;
        unknown.connector = "DP-1";
        known.manufacturer = "EIZ";
        known.modelName = "RX660";
        known.serialNumber = 12345678;
        known.connector = "card0-DP-2";
        for (const auto& d : {unknown, known, calibration::DisplayIdentity{}})
            QCOMPARE(qc::describeDisplay(d), QString::fromStdString(d.describe()));
        installGerman();
        QCOMPARE(qc::describeDisplay(unknown), QString("nicht identifizierter Monitor an DP-1"));
        QCOMPARE(qc::describeDisplay(known), QString("EIZ RX660 (S/N 12345678) an card0-DP-2"));
    }

    void mainWindowMenusAreGermanWithDistinctAccelerators() {
        QStringList english;
        {
            app::MainWindow window;
            english = shownTexts(&window);
        }
        installGerman();
        app::MainWindow window;
        const QStringList left = untranslated(english, shownTexts(&window));
        QVERIFY2(left.isEmpty(), qPrintable("still English:\n" + left.join('\n')));
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QStringList titles;
        for (QAction* a : window.menuBar()->actions()) titles << a->text();
        QCOMPARE(titles, (QStringList{"&Datei", "&Studie", "&Hilfe", "&Monitor-QS"}));
        // One accelerator per item, none twice in a menu (nor twice on the bar).
        QList<QMenu*> menus = window.menuBar()->findChildren<QMenu*>();
        QStringList clashes;
        auto check = [&clashes](const QString& where, const QList<QAction*>& actions) {
            QMap<QChar, QString> seen;
            for (QAction* a : actions) {
                if (a->isSeparator() || a->text().isEmpty()) continue;
                const QChar m = mnemonic(a->text());
                if (m.isNull()) continue;
                if (seen.contains(m)) clashes << where + ": " + seen[m] + " and " + a->text();
                else seen[m] = a->text();
            }
        };
        check("menu bar", window.menuBar()->actions());
        for (QMenu* menu : window.findChildren<QMenu*>())
            if (!menu->title().isEmpty() && mnemonic(menu->title()) != QChar()) check(menu->title(), menu->actions());
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join('\n')));
        saveShot(&window, "main-window");
    }

    void settingsAndQcWizardAreGerman() {
        QTemporaryDir dir;
        const auto nodes = std::filesystem::path(dir.filePath("nodes.json").toStdString());
        auto settingsTexts = [&] {
            viewer::ShortcutMap shortcuts;
            app::SettingsDialog dialog(app::WorkstationSettings{}, shortcuts, nodes, {});
            QStringList texts;
            for (int i = 0; i < dialog.pages()->count(); ++i) {
                dialog.pages()->setCurrentIndex(i);
                texts << shownTexts(&dialog);
            }
            return texts;
        };
        auto wizardTexts = [&] {
            qc::QcWizard wizard(std::make_shared<calibration::QcHistory>(dir.filePath("qc.sqlite").toStdString()));
            return shownTexts(&wizard);
        };
        const QStringList englishSettings = settingsTexts(), englishWizard = wizardTexts();
        installGerman();
        QStringList left = untranslated(englishSettings, settingsTexts());
        QVERIFY2(left.isEmpty(), qPrintable("Settings, still English:\n" + left.join('\n')));
        left = untranslated(englishWizard, wizardTexts());
        QVERIFY2(left.isEmpty(), qPrintable("QC wizard, still English:\n" + left.join('\n')));

        viewer::ShortcutMap shortcuts;
        app::SettingsDialog dialog(app::WorkstationSettings{}, shortcuts, nodes, {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        for (int i = 0; i < dialog.pages()->count(); ++i) {
            dialog.pages()->setCurrentIndex(i);
            saveShot(&dialog, QString("settings-%1").arg(i));
        }
        qc::QcWizard wizard(std::make_shared<calibration::QcHistory>(dir.filePath("qc.sqlite").toStdString()));
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        saveShot(&wizard, "qc-wizard");
    }

    // The wizard's later pages and the PDF report at run time: a visual
    // check through to its verdict, and a report of an acceptance test.
    void qcVerdictAndReportAreGerman() {
        installGerman();
        QTemporaryDir dir;
        qc::QcWizard wizard(std::make_shared<calibration::QcHistory>(dir.filePath("qc.sqlite").toStdString()));
        wizard.setTest("visual");
        wizard.setPerson("A. Physikerin");
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(qc::QcWizard::MeasurePage));
        saveShot(&wizard, "qc-wizard-visual");
        for (int i = 0; i < 5; ++i) wizard.setVisualItem(i, true);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(qc::QcWizard::ResultPage));
        saveShot(&wizard, "qc-wizard-result");
        QStringList labels;
        for (QLabel* l : wizard.currentPage()->findChildren<QLabel*>()) labels << l->text();
        QVERIFY2(labels.contains(QString::fromUtf8("Sichtprüfung: BESTANDEN")), qPrintable(labels.join(" | ")));

        if (!test::haveProgram("pdftotext")) QSKIP("poppler-utils (pdftotext) not installed");
        qc::QcReportInput in;
        in.profile = calibration::CriteriaProfile::load("aapm-tg18-primary");
        in.person = "A. Physikerin";
        const QString pdf = dir.filePath("report.pdf");
        QVERIFY(qc::writeQcReport(in, pdf) >= 1);
        const QString text = QString::fromUtf8(test::run("pdftotext", {pdf, "-"}).out);  // (fi, fl come as ligatures)
        for (const char* expected : {"Prüfbericht Monitor-QS", "Abnahmeprüfung", "Durchgeführt von", "Seriennummer",
                                     "Keine Messwerte zur Gleichförmigkeit."})
            QVERIFY2(text.contains(QString::fromUtf8(expected)), qPrintable(QString::fromUtf8(expected) + " not in:\n" + text));
    }

    void remoteNodesQcHistoryAndOutputCheckAreGerman() {
        QTemporaryDir dir;
        const auto nodes = std::filesystem::path(dir.filePath("nodes.json").toStdString());
        auto texts = [&] {
            QStringList out;
            const bool german = !german_.isEmpty();
            {
                app::RemoteNodesDialog dialog(nodes, "LIGHTBOX");
                out << shownTexts(&dialog);
                if (german) saveShot(&dialog, "remote-nodes");
            }
            {
                qc::HistoryView view(std::make_shared<calibration::QcHistory>(dir.filePath("qc.sqlite").toStdString()));
                out << shownTexts(&view);
                if (german) saveShot(&view, "qc-history");
            }
            {
                app::OutputDepthDialog dialog;
                out << shownTexts(&dialog);
                if (german) saveShot(&dialog, "output-check");
            }
            return out;
        };
        const QStringList english = texts();
        QVERIFY2(english.size() > 40, qPrintable(QString::number(english.size())));
        installGerman();
        const QStringList left = untranslated(english, texts());
        QVERIFY2(left.isEmpty(), qPrintable("still English:\n" + left.join('\n')));
    }
};

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
