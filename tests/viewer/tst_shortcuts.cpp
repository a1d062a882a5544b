// Keyboard-first reading: every viewport key is an entry of the shortcut
// map; remapping works (the viewport and the window's actions follow it at
// once), conflicts are refused, changes persist; the help overlay (F1 or
// '?') lists the keys as they are now.

#include "MainWindow.h"
#include "SettingsDialog.h"
#include "TestSupport.h"

#include "lightbox/core/Synthetic.h"
#include "lightbox/viewer/AnnotationLayer.h"
#include "lightbox/viewer/LoadedSeries.h"
#include "lightbox/viewer/MeasurementTools.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/ShortcutHelpOverlay.h"
#include "lightbox/viewer/ShortcutMap.h"
#include "lightbox/viewer/Viewport.h"
#include "lightbox/viewer/ViewportSync.h"

#include <QAction>
#include <QApplication>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTabWidget>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolBar>
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

// A small synthetic CT (8 slices of 64x64) for a reading area.
core::SeriesInfo syntheticCt(const QTemporaryDir& dir) {
    core::SynthOptions options;
    options.only = "ct-current";
    options.slices = 8;
    options.matrix = 64;
    core::writeSyntheticPatients(dir.path().toStdString(), options);
    const core::ScanResult scan = core::scanForSeries(dir.path().toStdString());
    return scan.series.empty() ? core::SeriesInfo{} : scan.series.front();
}

// Shows `series` in `area` and waits until it is on screen.
bool showInArea(viewer::ReadingArea& area, const core::SeriesInfo& series) {
    QSignalSpy shown(&area, &viewer::ReadingArea::seriesShown);
    area.setStudySeries({series});
    area.showSeries(series);
    if (!shown.wait(60000) || !shown.front().front().toString().isEmpty()) return false;
    return area.activeViewport() && !area.activeViewport()->isEmpty();
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
            {"Up", "scroll.previous"}, {"Down", "scroll.next"}, {"Left", "scroll.previous"}, {"Right", "scroll.next"},
            {"PgUp", "scroll.pageBack"}, {"PgDown", "scroll.pageForward"},
            {"Home", "scroll.first"}, {"End", "scroll.last"}, {"F", "view.fit"}, {"=", "view.oneToOne"},
            {"T", "view.trueSize"}, {"I", "window.invert"}, {"H", "view.flipHorizontal"}, {"V", "view.flipVertical"},
            {"R", "view.rotate"}, {"M", "view.magnifier"}, {"C", "cine.toggle"}, {"+", "cine.faster"}, {"-", "cine.slower"},
            {"Esc", "view.reset"}, {"F1", "app.help"}, {"?", "app.help"}, {"Ctrl+F", "study.search"},
            {"Ctrl+PgDown", "study.next"}, {"Ctrl+PgUp", "study.previous"},
            // MeasurementTools.h
            {"Q", "measure.none"}, {"S", "measure.select"}, {"L", "measure.length"}, {"P", "measure.polyline"},
            {"A", "measure.angle"}, {"B", "measure.cobb"}, {"E", "measure.ellipse"}, {"G", "measure.rectangle"},
            {"Y", "measure.polygon"}, {"D", "measure.freehand"}, {"X", "measure.probe"}, {"N", "measure.text"},
            {"K", "measure.arrow"}, {"Del", "measure.delete"}, {"Backspace", "measure.delete"},
            {"Return", "measure.finish"}, {"Enter", "measure.finish"}, {"Ctrl+Z", "measure.undo"},
            {"Ctrl+Shift+Z", "measure.redo"}, {"Ctrl+Y", "measure.redo"}, {"Ctrl+S", "measure.save"},
            // ViewportSync.h
            {"Shift+S", "sync.scroll"}, {"Shift+W", "sync.window"}, {"Shift+Z", "sync.zoomPan"},
            {"Shift+G", "sync.nextGroup"}, {"Alt+Up", "sync.offsetBack"}, {"Alt+Down", "sync.offsetForward"},
            {"Alt+0", "sync.clearOffset"},
            // ReadingArea.h (hanging stages) and the main window's own
            {"Shift+PgDown", "hanging.nextStage"}, {"Shift+PgUp", "hanging.previousStage"},
            {"Ctrl+O", "app.openFolder"}, {"Ctrl+Q", "app.quit"}};
        for (const auto& [key, id] : documented) QCOMPARE(map.actionFor(seq(key)), QString(id));
        for (const auto& a : map.actions()) {
            QVERIFY2(!a.title.isEmpty() && !a.group.isEmpty(), qPrintable(a.id));
            for (const QKeySequence& k : a.keys)
                QVERIFY2(map.conflictFor(k, a.id).isEmpty(), qPrintable(a.id + " shares " + k.toString()));
        }
        for (const char* group : {"View", "Studies", "Measurements", "Sync", "Hanging"})
            QVERIFY2(map.groups().contains(group), group);
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
        QVERIFY(map.setKey("view.fit", seq("J")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(map.actionFor(seq("J")), QString("view.fit"));
        QVERIFY(map.actionFor(seq("F")).isEmpty());
        QString conflict;
        QVERIFY(!map.setKey("window.invert", seq("J"), &conflict));
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
        QCOMPARE(file.value("shortcuts/view.fit").toString(), QString("J"));
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

    // Settings > Network and Archive: the local AE title, port and archive
    // location are saved on OK (where `lightbox` and the listener read them),
    // and Cancel keeps what was there.
    void networkAndArchiveSettingsPersist() {
        QSettings settings;
        app::WorkstationSettings before;
        before.save(settings);
        const QString location = dir_.filePath("elsewhere/archive");
        {
            app::SettingsDialog dialog(app::WorkstationSettings::load(settings), ShortcutMap::global(),
                                       dir_.filePath("config/nodes.json").toStdString(), {});
            auto* ae = dialog.findChild<QLineEdit*>("aeTitle");
            auto* port = dialog.findChild<QSpinBox*>("port");
            auto* archive = dialog.findChild<QLineEdit*>("archiveLocation");
            QVERIFY(ae && port && archive);
            ae->setText("READING_ROOM_2");
            port->setValue(11200);
            archive->setText(location);
            dialog.reject();
        }
        QCOMPARE(app::WorkstationSettings::load(settings).aeTitle, QString("LIGHTBOX"));
        {
            app::SettingsDialog dialog(app::WorkstationSettings::load(settings), ShortcutMap::global(),
                                       dir_.filePath("config/nodes.json").toStdString(), {});
            dialog.findChild<QLineEdit*>("aeTitle")->setText("READING_ROOM_2");
            dialog.findChild<QSpinBox*>("port")->setValue(11200);
            dialog.findChild<QLineEdit*>("archiveLocation")->setText(location);
            dialog.accept();
        }
        const app::WorkstationSettings after = app::WorkstationSettings::load(settings);
        QCOMPARE(after.aeTitle, QString("READING_ROOM_2"));
        QCOMPARE(after.port, quint16(11200));
        QCOMPARE(after.archiveLocation, location);
        QCOMPARE(QSettings().value("archive/location").toString(), location);  // what main() opens
        before.save(settings);  // the other tests expect the defaults
    }

    // F1 (or '?') shows every action with its current keys, by group.
    void helpOverlayListsTheCurrentKeys() {
        QVERIFY(ShortcutMap::global().setKey("view.fit", seq("J")));
        QVERIFY(ShortcutMap::global().setKey("measure.length", seq("Shift+L")));
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
        // Title -> group and keys as listed, for the reading actions of every group.
        const std::tuple<const char*, const char*, QString> expected[] = {
            {"Fit to viewport", "View", "J"},
            {"Length", "Measurements", seq("Shift+L").toString(QKeySequence::NativeText)},
            {"Rectangle ROI", "Measurements", "G"},
            {"Delete the selected annotation", "Measurements", viewer::shortcutText({seq("Del"), seq("Backspace")})},
            {"Undo", "Measurements", seq("Ctrl+Z").toString(QKeySequence::NativeText)},
            {"Save presentation state", "Measurements", seq("Ctrl+S").toString(QKeySequence::NativeText)},
            {"Scroll sync on/off", "Sync", seq("Shift+S").toString(QKeySequence::NativeText)},
            {"Next sync group (A, B, C, none)", "Sync", seq("Shift+G").toString(QKeySequence::NativeText)},
            {"Clear the sync offset", "Sync", seq("Alt+0").toString(QKeySequence::NativeText)},
            {"Next hanging stage", "Hanging", seq("Shift+PgDown").toString(QKeySequence::NativeText)},
            {"Previous hanging stage", "Hanging", seq("Shift+PgUp").toString(QKeySequence::NativeText)},
        };
        for (const auto& [title, group, keys] : expected) {
            bool listed = false;
            for (const auto& e : help->entries()) {
                if (e.title != title) continue;
                QCOMPARE(e.group, QString(group));
                QCOMPARE(e.keys, keys);
                listed = true;
            }
            QVERIFY2(listed, title);
        }
        QCOMPARE(int(help->entries().size()), int(ShortcutMap::global().actions().size()));
        // Every line is on the sheet (the text shrinks to fit the window).
        // (Painted when the window system asks: wait for the first paint of the sheet.)
        help->update();
        QTRY_COMPARE(help->entryRects().size(), help->entries().size());
        for (std::size_t i = 0; i < help->entries().size(); ++i)
            QVERIFY2(help->rect().contains(help->entryRects()[i]), qPrintable(help->entries()[i].title));
        if (qEnvironmentVariableIsSet("LIGHTBOX_KEEP_SCREENSHOTS"))
            window.grab().save(qEnvironmentVariable("LIGHTBOX_KEEP_SCREENSHOTS") + "/shortcut-help.png");
        QTest::keyClick(help, Qt::Key_Escape);  // any key closes it
        QVERIFY(!help->isVisible());
        // '?' as the shortcut system sees it (xkb offers the symbol without
        // its Shift; a synthetic event carries no keymap to offer it).
        QTest::keyClick(&window, Qt::Key_Question);
        QVERIFY(help->isVisible());
    }

    // One key, one action across the groups: a measurement key, a sync key, a
    // window-level key cannot be given to an action of another group.
    void conflictsBetweenGroupsAreRefused() {
        ShortcutMap map;
        const std::tuple<const char*, const char*, const char*> clashes[] = {
            {"view.fit", "E", "measure.ellipse"},         // View vs Measurements
            {"measure.length", "Shift+S", "sync.scroll"},  // Measurements vs Sync
            {"sync.scroll", "S", "measure.select"},        // Sync vs Measurements
            {"measure.save", "Ctrl+O", "app.openFolder"},  // the reading area's Ctrl+S vs a window action
            {"app.quit", "Ctrl+S", "measure.save"},
            {"hanging.nextStage", "PgDown", "scroll.pageForward"},  // Hanging vs Navigation
            {"sync.offsetBack", "Ctrl+PgUp", "study.previous"},
        };
        for (const auto& [id, key, holder] : clashes) {
            const QList<QKeySequence> before = map.keys(id);
            QString conflict;
            QVERIFY2(!map.setKey(id, seq(key), &conflict), id);
            QCOMPARE(conflict, QString(holder));
            QCOMPARE(map.keys(id), before);
            QCOMPARE(map.actionFor(seq(key)), QString(holder));
        }
        // The settings dialog says who holds the key.
        app::SettingsDialog dialog({}, ShortcutMap::global(), dir_.filePath("config/nodes.json").toStdString(), {});
        QString error;
        QVERIFY(!dialog.assignShortcut("view.fit", seq("E"), &error));
        QVERIFY2(error.contains("Ellipse ROI"), qPrintable(error));
        QVERIFY(!dialog.assignShortcut("measure.save", seq("Shift+W"), &error));
        QVERIFY2(error.contains("Window/level sync on/off"), qPrintable(error));
    }

    // Real key presses in a reading area: a remapped measurement key and a
    // remapped sync key act under their new keys, the old ones no longer.
    void remappedMeasurementAndSyncKeysActInAReadingArea() {
        QTemporaryDir synth;
        const core::SeriesInfo series = syntheticCt(synth);
        QVERIFY(series.isVolume());
        viewer::ReadingArea area;
        area.resize(700, 600);
        area.show();
        area.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&area));
        QVERIFY(showInArea(area, series));
        viewer::Viewport* view = area.activeViewport();
        view->setFocus();
        QVERIFY(view->hasFocus());
        viewer::AnnotationLayer* layer = area.annotations();
        QCOMPARE(layer->tool(), viewer::MeasurementTool::None);

        // The default keys first.
        QTest::keyClick(view, Qt::Key_L);
        QCOMPARE(layer->tool(), viewer::MeasurementTool::Length);
        QTest::keyClick(view, Qt::Key_Q);
        QCOMPARE(layer->tool(), viewer::MeasurementTool::None);

        // Length: L -> Shift+L.
        QVERIFY(ShortcutMap::global().setKey("measure.length", seq("Shift+L")));
        QTest::keyClick(view, Qt::Key_L);
        QCOMPARE(layer->tool(), viewer::MeasurementTool::None);
        QTest::keyClick(view, Qt::Key_L, Qt::ShiftModifier);
        QCOMPARE(layer->tool(), viewer::MeasurementTool::Length);
        // The tool bar's tooltip follows.
        bool tooltip = false;
        for (QAction* a : area.findChild<QToolBar*>("measurementToolBar")->actions())
            if (a->text() == viewer::measurementToolName(viewer::MeasurementTool::Length))
                tooltip = a->toolTip().contains(seq("Shift+L").toString(QKeySequence::NativeText));
        QVERIFY(tooltip);
        QTest::keyClick(view, Qt::Key_Q);

        // Scroll sync: Shift+S -> Alt+S.
        viewer::ViewportSync* sync = area.sync();
        QVERIFY(sync->toggles('A').scroll);
        QVERIFY(ShortcutMap::global().setKey("sync.scroll", seq("Alt+S")));
        QTest::keyClick(view, Qt::Key_S, Qt::ShiftModifier);
        QVERIFY(sync->toggles('A').scroll);  // Shift+S means nothing now
        QCOMPARE(layer->tool(), viewer::MeasurementTool::None);  // nor the select tool
        QTest::keyClick(view, Qt::Key_S, Qt::AltModifier);
        QVERIFY(!sync->toggles('A').scroll);
        QTest::keyClick(view, Qt::Key_S, Qt::AltModifier);
        QVERIFY(sync->toggles('A').scroll);
        // The select tool keeps its S.
        QTest::keyClick(view, Qt::Key_S);
        QCOMPARE(layer->tool(), viewer::MeasurementTool::Select);

        // The stage keys are the map's too: a remap reaches the area's action.
        QVERIFY(ShortcutMap::global().setKey("hanging.nextStage", seq("Ctrl+Shift+PgDown")));
        QAction* next = actionFor(area, "hanging.nextStage");
        QVERIFY(next);
        QCOMPARE(next->shortcut(), seq("Ctrl+Shift+PgDown"));
        QVERIFY(area.actions().contains(next));
        ShortcutMap::global().resetToDefaults();
        QCOMPARE(next->shortcut(), seq("Shift+PgDown"));
        QTest::keyClick(view, Qt::Key_L);
        QCOMPARE(layer->tool(), viewer::MeasurementTool::Length);
    }

    // Typing a text annotation ('?', F1, Shift+S among the letters) types;
    // it neither opens the help overlay nor toggles a sync.
    void typingAnAnnotationTriggersNoShortcut() {
        QTemporaryDir synth;
        const core::SeriesInfo series = syntheticCt(synth);
        QVERIFY(series.isVolume());
        app::MainWindow window;
        window.resize(1200, 800);
        window.findChild<QTabWidget*>()->setCurrentWidget(window.readingArea());
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        viewer::ReadingArea* area = window.readingArea();
        QVERIFY(showInArea(*area, series));
        viewer::Viewport* view = area->activeViewport();
        view->setFocus();
        // Focus in the viewport: '?' opens the help (what must not happen below).
        QTest::keyClick(view, Qt::Key_Question);
        QVERIFY(window.shortcutHelp()->isVisible());
        QTest::keyClick(window.shortcutHelp(), Qt::Key_Escape);
        QVERIFY(!window.shortcutHelp()->isVisible());
        view->setFocus();
        QTest::keyClick(view, Qt::Key_N);
        QCOMPARE(area->annotations()->tool(), viewer::MeasurementTool::Text);

        // The real text dialog: typed into while it is up, from a timer (it runs its own loop).
        bool dialogSeen = false, helpShown = false, syncToggled = false;
        QString typed;
        QTimer typist;
        typist.setInterval(20);
        int ticks = 0;
        connect(&typist, &QTimer::timeout, this, [&] {
            auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            if (!dialog) return;
            if (!dialog->isActiveWindow()) {  // no window manager: ask for it (a guard against a hang, not a timing)
                dialog->activateWindow();
                if (++ticks > 1000) {
                    typist.stop();
                    dialog->reject();
                }
                return;
            }
            typist.stop();
            dialogSeen = true;
            QLineEdit* edit = dialog->findChild<QLineEdit*>();
            if (edit) {
                edit->setFocus();
                QTest::keyClicks(edit, "Is it? ");
                QTest::keyClick(edit, Qt::Key_F1);
                QTest::keyClick(edit, 'S', Qt::ShiftModifier);
                QTest::keyClick(edit, '?', Qt::ShiftModifier);
                typed = edit->text();
            }
            helpShown = window.shortcutHelp()->isVisible();
            syncToggled = !area->sync()->toggles('A').scroll;
            dialog->accept();
        });
        typist.start();
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, view->rect().center());
        typist.stop();
        QVERIFY(dialogSeen);
        QCOMPARE(typed, QString("Is it? S?"));
        QVERIFY(!helpShown);
        QVERIFY(!syncToggled);
        QVERIFY(!window.shortcutHelp()->isVisible());
        QCOMPARE(area->annotations()->annotations().size(), std::size_t(1));
        QCOMPARE(area->annotations()->annotations().front().text, std::string("Is it? S?"));
    }
};

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
