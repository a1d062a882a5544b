#include "lightbox/viewer/ShortcutMap.h"

#include <QAction>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QSettings>

namespace lightbox::viewer {

namespace {

// One line of the defaults table (in ShortcutMap's constructor). Keys:
// QKeySequence portable text; several separated by "; " (the first is the
// one the menus show).
struct Default {
    const char* id;
    const char* group;
    const char* title;
    const char* keys;
};

QList<QKeySequence> parseKeys(const QString& text) {
    QList<QKeySequence> keys;
    for (const QString& part : text.split(QStringLiteral("; "), Qt::SkipEmptyParts)) {
        const QKeySequence key = QKeySequence::fromString(part.trimmed(), QKeySequence::PortableText);
        if (!key.isEmpty()) keys << key;
    }
    return keys;
}

QString portable(const QList<QKeySequence>& keys) {
    if (keys.isEmpty()) return QStringLiteral("none");
    QStringList parts;
    for (const QKeySequence& k : keys) parts << k.toString(QKeySequence::PortableText);
    return parts.join(QStringLiteral("; "));
}

}  // namespace

QString shortcutText(const QList<QKeySequence>& keys) {
    QStringList parts;
    for (const QKeySequence& k : keys) parts << k.toString(QKeySequence::NativeText);
    return parts.join(QStringLiteral(", "));
}

QAction* bindShortcut(QAction* action, const QString& id) {
    auto apply = [action, id] { action->setShortcuts(ShortcutMap::global().keys(id)); };
    apply();
    QObject::connect(&ShortcutMap::global(), &ShortcutMap::changed, action, apply);
    action->setProperty("shortcutId", id);
    return action;
}

ShortcutMap& ShortcutMap::global() {
    static ShortcutMap* map = new ShortcutMap();  // lives as long as the process (widgets may outlive statics)
    return *map;
}

ShortcutMap::ShortcutMap(QObject* parent) : QObject(parent) {
    // The defaults table: one line per action. Groups appear in the help
    // overlay and the settings dialog in this order. Group and title are in
    // QT_TR_NOOP here, inside the class, so that lupdate finds them in the
    // context tr() uses (it expands no macros).
    static constexpr Default kDefaults[] = {
        {"study.open", QT_TR_NOOP("Studies"), QT_TR_NOOP("Open the selected study"), "Ctrl+Return"},
        {"study.next", QT_TR_NOOP("Studies"), QT_TR_NOOP("Next study"), "Ctrl+PgDown"},
        {"study.previous", QT_TR_NOOP("Studies"), QT_TR_NOOP("Previous study"), "Ctrl+PgUp"},
        {"study.search", QT_TR_NOOP("Studies"), QT_TR_NOOP("Search studies"), "Ctrl+F"},
        {"archive.import", QT_TR_NOOP("Studies"), QT_TR_NOOP("Import into the archive"), "Ctrl+I"},
        {"app.settings", QT_TR_NOOP("Application"), QT_TR_NOOP("Settings"), "Ctrl+,"},
        {"app.help", QT_TR_NOOP("Application"), QT_TR_NOOP("Keyboard shortcuts (this overlay)"), "F1; ?"},
        {"app.openFolder", QT_TR_NOOP("Application"), QT_TR_NOOP("Open a folder or DICOMDIR"), "Ctrl+O"},
        {"app.quit", QT_TR_NOOP("Application"), QT_TR_NOOP("Quit"), "Ctrl+Q"},
        {"scroll.previous", QT_TR_NOOP("Navigation"), QT_TR_NOOP("Previous image"), "Up; Left"},
        {"scroll.next", QT_TR_NOOP("Navigation"), QT_TR_NOOP("Next image"), "Down; Right"},
        {"scroll.pageBack", QT_TR_NOOP("Navigation"), QT_TR_NOOP("Back a tenth of the series"), "PgUp"},
        {"scroll.pageForward", QT_TR_NOOP("Navigation"), QT_TR_NOOP("Forward a tenth of the series"), "PgDown"},
        {"scroll.first", QT_TR_NOOP("Navigation"), QT_TR_NOOP("First image"), "Home"},
        {"scroll.last", QT_TR_NOOP("Navigation"), QT_TR_NOOP("Last image"), "End"},
        {"window.preset1", QT_TR_NOOP("Window"), QT_TR_NOOP("CT brain"), "1"},
        {"window.preset2", QT_TR_NOOP("Window"), QT_TR_NOOP("CT lung"), "2"},
        {"window.preset3", QT_TR_NOOP("Window"), QT_TR_NOOP("CT mediastinum"), "3"},
        {"window.preset4", QT_TR_NOOP("Window"), QT_TR_NOOP("CT bone"), "4"},
        {"window.preset5", QT_TR_NOOP("Window"), QT_TR_NOOP("CT abdomen"), "5"},
        {"window.preset6", QT_TR_NOOP("Window"), QT_TR_NOOP("CT liver"), "6"},
        {"window.preset7", QT_TR_NOOP("Window"), QT_TR_NOOP("File window 2"), "7"},
        {"window.preset8", QT_TR_NOOP("Window"), QT_TR_NOOP("File window 3"), "8"},
        {"window.preset9", QT_TR_NOOP("Window"), QT_TR_NOOP("File window 4"), "9"},
        {"window.preset0", QT_TR_NOOP("Window"), QT_TR_NOOP("File window 1"), "0"},
        {"window.invert", QT_TR_NOOP("Window"), QT_TR_NOOP("Invert"), "I"},
        {"view.fit", QT_TR_NOOP("View"), QT_TR_NOOP("Fit to viewport"), "F"},
        {"view.oneToOne", QT_TR_NOOP("View"), QT_TR_NOOP("One image pixel per screen pixel"), "="},
        {"view.trueSize", QT_TR_NOOP("View"), QT_TR_NOOP("True size (calibrated mm)"), "T"},
        {"view.flipHorizontal", QT_TR_NOOP("View"), QT_TR_NOOP("Flip horizontally"), "H"},
        {"view.flipVertical", QT_TR_NOOP("View"), QT_TR_NOOP("Flip vertically"), "V"},
        {"view.rotate", QT_TR_NOOP("View"), QT_TR_NOOP("Rotate 90 degrees clockwise"), "R"},
        {"view.magnifier", QT_TR_NOOP("View"), QT_TR_NOOP("Magnifier"), "M"},
        // One key, one action: Esc first cancels a drawing in progress (MeasurementTools asks for this id).
        {"view.reset", QT_TR_NOOP("View"), QT_TR_NOOP("Reset the view (first: cancel a drawing)"), "Esc"},
        {"cine.toggle", QT_TR_NOOP("Cine"), QT_TR_NOOP("Start / stop cine"), "C"},
        {"cine.faster", QT_TR_NOOP("Cine"), QT_TR_NOOP("Cine faster"), "+"},
        {"cine.slower", QT_TR_NOOP("Cine"), QT_TR_NOOP("Cine slower"), "-"},
        {"measure.none", QT_TR_NOOP("Measurements"), QT_TR_NOOP("No tool (window/level)"), "Q"},
        {"measure.select", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Select, move and edit"), "S"},
        {"measure.length", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Length"), "L"},
        {"measure.polyline", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Polyline"), "P"},
        {"measure.angle", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Angle"), "A"},
        {"measure.cobb", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Cobb angle"), "B"},
        {"measure.ellipse", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Ellipse ROI"), "E"},
        {"measure.rectangle", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Rectangle ROI"), "G"},
        {"measure.polygon", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Polygon ROI"), "Y"},
        {"measure.freehand", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Freehand ROI"), "D"},
        {"measure.probe", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Point probe"), "X"},
        {"measure.text", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Text note"), "N"},
        {"measure.arrow", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Arrow"), "K"},
        {"measure.finish", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Finish a polyline or polygon"), "Return; Enter"},
        {"measure.delete", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Delete the selected annotation"), "Del; Backspace"},
        {"measure.undo", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Undo"), "Ctrl+Z"},
        {"measure.redo", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Redo"), "Ctrl+Shift+Z; Ctrl+Y"},
        {"measure.save", QT_TR_NOOP("Measurements"), QT_TR_NOOP("Save presentation state"), "Ctrl+S"},
        {"shutter.rectangle", QT_TR_NOOP("Shutters"), QT_TR_NOOP("Rectangular shutter"), "Shift+R"},
        {"shutter.circle", QT_TR_NOOP("Shutters"), QT_TR_NOOP("Circular shutter"), "Shift+C"},
        {"shutter.polygon", QT_TR_NOOP("Shutters"), QT_TR_NOOP("Polygonal shutter"), "Shift+P"},
        {"sync.scroll", QT_TR_NOOP("Sync"), QT_TR_NOOP("Scroll sync on/off"), "Shift+S"},
        {"sync.window", QT_TR_NOOP("Sync"), QT_TR_NOOP("Window/level sync on/off"), "Shift+W"},
        {"sync.zoomPan", QT_TR_NOOP("Sync"), QT_TR_NOOP("Zoom/pan sync on/off"), "Shift+Z"},
        {"sync.nextGroup", QT_TR_NOOP("Sync"), QT_TR_NOOP("Next sync group (A, B, C, none)"), "Shift+G"},
        {"sync.offsetBack", QT_TR_NOOP("Sync"), QT_TR_NOOP("Sync offset: previous slice"), "Alt+Up"},
        {"sync.offsetForward", QT_TR_NOOP("Sync"), QT_TR_NOOP("Sync offset: next slice"), "Alt+Down"},
        {"sync.clearOffset", QT_TR_NOOP("Sync"), QT_TR_NOOP("Clear the sync offset"), "Alt+0"},
        {"hanging.nextStage", QT_TR_NOOP("Hanging"), QT_TR_NOOP("Next hanging stage"), "Shift+PgDown"},
        {"hanging.previousStage", QT_TR_NOOP("Hanging"), QT_TR_NOOP("Previous hanging stage"), "Shift+PgUp"},
    };
    for (const Default& d : kDefaults) {
        ShortcutAction a;
        a.id = QString::fromLatin1(d.id);
        a.group = tr(d.group);
        a.title = tr(d.title);
        a.defaults = parseKeys(QString::fromLatin1(d.keys));
        a.keys = a.defaults;
        actions_.push_back(std::move(a));
    }
}

const ShortcutAction* ShortcutMap::action(const QString& id) const {
    for (const auto& a : actions_)
        if (a.id == id) return &a;
    return nullptr;
}

ShortcutAction* ShortcutMap::find(const QString& id) {
    for (auto& a : actions_)
        if (a.id == id) return &a;
    return nullptr;
}

QStringList ShortcutMap::groups() const {
    QStringList groups;
    for (const auto& a : actions_)
        if (!groups.contains(a.group)) groups << a.group;
    return groups;
}

QKeySequence ShortcutMap::key(const QString& id) const {
    const ShortcutAction* a = action(id);
    return a && !a->keys.isEmpty() ? a->keys.front() : QKeySequence();
}

QList<QKeySequence> ShortcutMap::keys(const QString& id) const {
    const ShortcutAction* a = action(id);
    return a ? a->keys : QList<QKeySequence>();
}

QString ShortcutMap::actionFor(const QKeySequence& sequence) const {
    if (sequence.isEmpty()) return {};
    for (const auto& a : actions_)
        for (const QKeySequence& k : a.keys)
            if (k.matches(sequence) == QKeySequence::ExactMatch) return a.id;
    return {};
}

QKeySequence ShortcutMap::sequenceOf(const QKeyEvent* event) {
    const int key = event->key();
    if (key == 0 || key == Qt::Key_unknown || key == Qt::Key_Shift || key == Qt::Key_Control || key == Qt::Key_Alt ||
        key == Qt::Key_Meta)
        return {};
    Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    // A symbol typed with Shift ('?', '+', '*') is that symbol: the Shift is
    // the keyboard layout's business, not part of the shortcut.
    const bool letter = key >= Qt::Key_A && key <= Qt::Key_Z;
    if (!letter && key >= Qt::Key_Space && key <= Qt::Key_AsciiTilde) modifiers &= ~Qt::ShiftModifier;
    return QKeySequence(QKeyCombination(modifiers, Qt::Key(key)));
}

QString ShortcutMap::conflictFor(const QKeySequence& sequence, const QString& exceptId) const {
    if (sequence.isEmpty()) return {};
    for (const auto& a : actions_) {
        if (a.id == exceptId) continue;
        for (const QKeySequence& k : a.keys)
            if (k.matches(sequence) == QKeySequence::ExactMatch) return a.id;
    }
    return {};
}

bool ShortcutMap::setKey(const QString& id, const QKeySequence& sequence, QString* conflictId) {
    ShortcutAction* a = find(id);
    if (!a) return false;
    const QString other = conflictFor(sequence, id);
    if (!other.isEmpty()) {
        if (conflictId) *conflictId = other;
        return false;
    }
    QList<QKeySequence> keys;
    if (!sequence.isEmpty()) keys << sequence;
    if (keys != a->keys) {
        a->keys = keys;
        emit changed();
    }
    return true;
}

void ShortcutMap::resetToDefault(const QString& id) {
    ShortcutAction* a = find(id);
    if (!a || a->keys == a->defaults) return;
    // The default may have been given to another action meanwhile: that one loses it.
    for (const QKeySequence& k : a->defaults) {
        for (auto& other : actions_)
            if (other.id != id) other.keys.removeIf([&](const QKeySequence& o) { return o.matches(k) == QKeySequence::ExactMatch; });
    }
    a->keys = a->defaults;
    emit changed();
}

void ShortcutMap::resetToDefaults() {
    for (auto& a : actions_) a.keys = a.defaults;
    emit changed();
}

void ShortcutMap::copyKeysFrom(const ShortcutMap& other) {
    bool any = false;
    for (auto& a : actions_)
        if (const ShortcutAction* o = other.action(a.id); o && o->keys != a.keys) {
            a.keys = o->keys;
            any = true;
        }
    if (any) emit changed();
}

void ShortcutMap::load(QSettings& settings) {
    for (auto& a : actions_) a.keys = a.defaults;
    settings.beginGroup(QStringLiteral("shortcuts"));
    // Two passes: first free what the user moved away, then assign, so a
    // swap of two keys loads whatever order the entries come in.
    std::vector<std::pair<ShortcutAction*, QList<QKeySequence>>> wanted;
    for (const QString& id : settings.childKeys()) {
        ShortcutAction* a = find(id);
        if (!a) continue;  // an action of another version
        const QString text = settings.value(id).toString();
        wanted.emplace_back(a, text == QLatin1String("none") ? QList<QKeySequence>() : parseKeys(text));
        a->keys.clear();
    }
    settings.endGroup();
    for (auto& [a, keys] : wanted) {
        for (const QKeySequence& k : keys)
            if (conflictFor(k, a->id).isEmpty()) a->keys << k;
        // Nothing of the entry could be taken (edited by hand into a
        // conflict): the action keeps what is free of its defaults.
        if (a->keys.isEmpty() && !keys.isEmpty())
            for (const QKeySequence& k : a->defaults)
                if (conflictFor(k, a->id).isEmpty()) a->keys << k;
    }
    emit changed();
}

void ShortcutMap::save(QSettings& settings) const {
    settings.beginGroup(QStringLiteral("shortcuts"));
    settings.remove(QString());
    for (const auto& a : actions_)
        if (a.keys != a.defaults) settings.setValue(a.id, portable(a.keys));
    settings.endGroup();
}

}  // namespace lightbox::viewer
