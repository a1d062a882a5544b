// Keyboard-first reading: every viewport key is an entry of the shortcut
// map; remapping works (the viewport and the window's actions follow it at
// once), conflicts are refused, changes persist; the help overlay (F1 or
// '?') lists the keys as they are now.

#include "MainWindow.h"
#include "SettingsDialog.h"
#include "TestSupport.h"

#include "lightbox/core/Synthetic.h"
#include "lightbox/viewer/LoadedSeries.h"
#include "lightbox/viewer/ShortcutHelpOverlay.h"
#include "lightbox/viewer/ShortcutMap.h"
#include "lightbox/viewer/Viewport.h"

#include <QAction>
#include <QKeyEvent>
#include <QLabel>
#include <QSettings>
#include <QTabWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace lightbox;
using viewer::ShortcutMap;

namespace {

QKeySequence seq(const char* text) { return QKeySequence::fromString(QString::fromLatin1(text), QKeySequence::PortableText); }

QAction* actionFor(QWidget& window, const QString& id) {
    for (QAction* a : window.findChildren<QAction*>())
        if (a->property("shortcutId").toString() == id) return a;
    return nullptr;
}

}  // namespace

class TestShortcuts : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private slots:
    void initTestCase() {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir_.filePath("settings"));
        qputenv("XDG_CONFIG_HOME", dir_.filePath("config").toUtf8());
        QCoreApplication::setOrganizationName("LightboxTest");
        QCoreApplication::setApplicationName("tst_shortcuts");
    }
    void cleanup() { ShortcutMap::global().resetToDefaults(); }

    // The keys Viewport.h documents, each meaning its action; no key means two things.
    void defaultsCoverTheViewportKeys() {
        const ShortcutMap map;
        const std::pair<const char*, const char*> documented[] = {
            {"1", "window.preset1"}, {"6", "window.preset6"}, {"7", "window.preset7"}, {"0", "window.preset0"},
            {"Up", "scroll.previous"}, {"Down", "scroll.next"}, {"PgUp", "scroll.pageBack"}, {"PgDown", "scroll.pageForward"},
            {"Home", "scroll.first"}, {"End", "scroll.last"}, {"F", "view.fit"}, {"=", "view.oneToOne"},
            {"T", "view.trueSize"}, {"I", "window.invert"}, {"H", "view.flipHorizontal"}, {"V", "view.flipVertical"},
            {"R", "view.rotate"}, {"M", "view.magnifier"}, {"C", "cine.toggle"}, {"+", "cine.faster"}, {"-", "cine.slower"},
            {"Esc", "view.reset"}, {"F1", "app.help"}, {"?", "app.help"}, {"Ctrl+F", "study.search"},
            {"Ctrl+PgDown", "study.next"}, {"Ctrl+PgUp", "study.previous"}};
        for (const auto& [key, id] : documented) QCOMPARE(map.actionFor(seq(key)), QString(id));
        for (const auto& a : map.actions()) {
            QVERIFY2(!a.title.isEmpty() && !a.group.isEmpty(), qPrintable(a.id));
            for (const QKeySequence& k : a.keys)
                QVERIFY2(map.conflictFor(k, a.id).isEmpty(), qPrintable(a.id + " shares " + k.toString()));
        }
        QVERIFY(map.groups().contains("View") && map.groups().contains("Studies"));
    }

    // A symbol typed with Shift is the symbol; Ctrl stays part of the shortcut; the keypad is the key.
    void keyEventsBecomeSequences() {
        const QKeyEvent question(QEvent::KeyPress, Qt::Key_Question, Qt::ShiftModifier, "?");
        QCOMPARE(ShortcutMap::sequenceOf(&question), seq("?"));
        const QKeyEvent plus(QEvent::KeyPress, Qt::Key_Plus, Qt::ShiftModifier | Qt::KeypadModifier, "+");
        QCOMPARE(ShortcutMap::sequenceOf(&plus), seq("+"));
        const QKeyEvent find(QEvent::KeyPress, Qt::Key_F, Qt::ControlModifier, "");
        QCOMPARE(ShortcutMap::sequenceOf(&find), seq("Ctrl+F"));
        const QKeyEvent shiftF(QEvent::KeyPress, Qt::Key_F, Qt::ShiftModifier, "F");
        QCOMPARE(ShortcutMap::sequenceOf(&shiftF), seq("Shift+F"));
        const QKeyEvent shiftAlone(QEvent::KeyPress, Qt::Key_Shift, Qt::ShiftModifier, "");
        QVERIFY(ShortcutMap::sequenceOf(&shiftAlone).isEmpty());
    }

    void remapRefusesConflictsAndPersists() {
        ShortcutMap map;
        QSignalSpy changed(&map, &ShortcutMap::changed);
        QVERIFY(map.setKey("view.fit", seq("G")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(map.actionFor(seq("G")), QString("view.fit"));
        QVERIFY(map.actionFor(seq("F")).isEmpty());
        QString conflict;
        QVERIFY(!map.setKey("window.invert", seq("G"), &conflict));
        QCOMPARE(conflict, QString("view.fit"));
        QCOMPARE(map.key("window.invert"), seq("I"));  // unchanged
        QVERIFY(map.setKey("view.magnifier", QKeySequence()));  // removed
        QVERIFY(map.actionFor(seq("M")).isEmpty());
        // Two keys swapped, through a free key as a user must.
        QVERIFY(map.setKey("view.flipHorizontal", seq("Ctrl+H")));
        QVERIFY(map.setKey("view.flipVertical", seq("H")));
        QVERIFY(map.setKey("view.flipHorizontal", seq("V")));

        QSettings file(dir_.filePath("shortcuts.ini"), QSettings::IniFormat);
        map.save(file);
        file.sync();
        ShortcutMap loaded;
        loaded.load(file);
        for (const auto& a : map.actions()) QCOMPARE(loaded.keys(a.id), a.keys);
        QCOMPARE(file.value("shortcuts/view.fit").toString(), QString("G"));
        QCOMPARE(file.value("shortcuts/view.magnifier").toString(), QString("none"));
        QVERIFY(!file.contains("shortcuts/view.rotate"));  // defaults are not written

        // A hand-edited conflict is not loaded: the action keeps its own default.
        file.setValue("shortcuts/window.invert", "R");
        file.remove("shortcuts/view.fit");
        file.sync();
        loaded.load(file);
        QCOMPARE(loaded.actionFor(seq("R")), QString("view.rotate"));
        QCOMPARE(loaded.key("window.invert"), seq("I"));
        QCOMPARE(loaded.key("view.fit"), seq("F"));
        loaded.resetToDefaults();
        QCOMPARE(loaded.key("view.magnifier"), seq("M"));
    }

    // The viewport asks the map: after a remap the old key does nothing and the new one acts.
    void viewportFollowsTheMap() {
        QTemporaryDir synth;
        core::SynthOptions options;
        options.only = "ct-current";
        options.slices = 8;
        options.matrix = 64;
        core::writeSyntheticPatients(synth.path().toStdString(), options);
        const core::ScanResult scan = core::scanForSeries(synth.path().toStdString());
        QVERIFY(!scan.series.empty() && scan.series.front().isVolume());
        auto loaded = viewer::loadSeries(scan.series.front());
        QVERIFY(loaded);
        viewer::Viewport view;
        view.resize(200, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showPlane(loaded, render::PlaneKind::Axial, 0);
        QTest::keyClick(&view, Qt::Key_I);
        QVERIFY(view.inverted());
        QVERIFY(ShortcutMap::global().setKey("window.invert", seq("J")));
        QTest::keyClick(&view, Qt::Key_I);
        QVERIFY(view.inverted());  // I means nothing now
        QTest::keyClick(&view, Qt::Key_J);
        QVERIFY(!view.inverted());
        // Scrolling moved to Ctrl+Down: plain Down no longer scrolls.
        QVERIFY(ShortcutMap::global().setKey("scroll.next", seq("Ctrl+Down")));
        const int slice = view.sliceIndex();
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.sliceIndex(), slice);
        QTest::keyClick(&view, Qt::Key_Down, Qt::ControlModifier);
        QCOMPARE(view.sliceIndex(), slice + 1);
    }

    // Settings > Shortcuts: a taken key is refused with the action that has it;
    // OK applies the change to the window's actions and saves it.
    void settingsDialogRemapsAndRefusesConflicts() {
        app::MainWindow window;
        window.show();
        QAction* find = actionFor(window, "study.search");
        QVERIFY(find);
        QCOMPARE(find->shortcut(), seq("Ctrl+F"));

        app::SettingsDialog dialog({}, ShortcutMap::global(), dir_.filePath("config/nodes.json").toStdString(), {}, &window);
        QString error;
        QVERIFY(!dialog.assignShortcut("study.search", seq("Ctrl+I"), &error));
        QVERIFY2(error.contains("Import into the archive"), qPrintable(error));
        QCOMPARE(dialog.findChild<QLabel*>("shortcutMessage")->text(), error);
        if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_SCREENSHOTS")) {
            dialog.pages()->setCurrentIndex(3);
            dialog.selectAction("study.search");
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.grab().save(qEnvironmentVariable("LIGHTBOX_KEEP_SCREENSHOTS") + "/settings-shortcuts.png");
        }
        QVERIFY(dialog.assignShortcut("study.search", seq("Ctrl+K"), &error));
        QCOMPARE(ShortcutMap::global().key("study.search"), seq("Ctrl+F"));  // not before OK
        dialog.accept();
        QCOMPARE(ShortcutMap::global().key("study.search"), seq("Ctrl+K"));
        QCOMPARE(find->shortcut(), seq("Ctrl+K"));
        QSettings settings;
        QCOMPARE(settings.value("shortcuts/study.search").toString(), QString("Ctrl+K"));
        QCOMPARE(settings.value("network/aeTitle").toString(), QString("LIGHTBOX"));
    }

    // F1 (or '?') shows every action with its current keys, by group.
    void helpOverlayListsTheCurrentKeys() {
        QVERIFY(ShortcutMap::global().setKey("view.fit", seq("G")));
        app::MainWindow window;
        window.resize(1400, 900);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        viewer::ShortcutHelpOverlay* help = window.shortcutHelp();
        QVERIFY(!help->isVisible());
        QTest::keyClick(&window, Qt::Key_F1);
        QVERIFY(help->isVisible());
        QCOMPARE(help->geometry(), window.rect());
        bool listed = false;
        for (const auto& e : help->entries()) {
            if (e.title == "Fit to viewport") {
                QCOMPARE(e.group, QString("View"));
                QCOMPARE(e.keys, QString("G"));
                listed = true;
            }
        }
        QVERIFY(listed);
        QCOMPARE(int(help->entries().size()), int(ShortcutMap::global().actions().size()));
        if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_SCREENSHOTS"))
            window.grab().save(qEnvironmentVariable("LIGHTBOX_KEEP_SCREENSHOTS") + "/shortcut-help.png");
        QTest::keyClick(help, Qt::Key_Escape);  // any key closes it
        QVERIFY(!help->isVisible());
        // '?' as the shortcut system sees it (xkb offers the symbol without
        // its Shift; a synthetic event carries no keymap to offer it).
        QTest::keyClick(&window, Qt::Key_Question);
        QVERIFY(help->isVisible());
    }
};

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
