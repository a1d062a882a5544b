#include "lightbox/viewer/ShortcutMap.h"

#include <QAction>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QSettings>

namespace lightbox::viewer {

namespace {

// The defaults table: one line per action. Groups appear in the help overlay
// and the settings dialog in this order. Keys: QKeySequence portable text;
// several separated by "; " (the first is the one the menus show).
struct Default {
    const char* id;
    const char* group;
    const char* title;
    const char* keys;
};
#define LB_GROUP(text) QT_TRANSLATE_NOOP("lightbox::viewer::ShortcutMap", text)
#define LB_TITLE(text) QT_TRANSLATE_NOOP("lightbox::viewer::ShortcutMap", text)
constexpr Default kDefaults[] = {
    {"study.open", LB_GROUP("Studies"), LB_TITLE("Open the selected study"), "Ctrl+Return"},
    {"study.next", LB_GROUP("Studies"), LB_TITLE("Next study"), "Ctrl+PgDown"},
    {"study.previous", LB_GROUP("Studies"), LB_TITLE("Previous study"), "Ctrl+PgUp"},
    {"study.search", LB_GROUP("Studies"), LB_TITLE("Search studies"), "Ctrl+F"},
    {"archive.import", LB_GROUP("Studies"), LB_TITLE("Import into the archive"), "Ctrl+I"},
    {"app.settings", LB_GROUP("Application"), LB_TITLE("Settings"), "Ctrl+,"},
    {"app.help", LB_GROUP("Application"), LB_TITLE("Keyboard shortcuts (this overlay)"), "F1; ?"},
    {"app.openFolder", LB_GROUP("Application"), LB_TITLE("Open a folder or DICOMDIR"), "Ctrl+O"},
    {"app.quit", LB_GROUP("Application"), LB_TITLE("Quit"), "Ctrl+Q"},
    {"scroll.previous", LB_GROUP("Navigation"), LB_TITLE("Previous image"), "Up; Left"},
    {"scroll.next", LB_GROUP("Navigation"), LB_TITLE("Next image"), "Down; Right"},
    {"scroll.pageBack", LB_GROUP("Navigation"), LB_TITLE("Back a tenth of the series"), "PgUp"},
    {"scroll.pageForward", LB_GROUP("Navigation"), LB_TITLE("Forward a tenth of the series"), "PgDown"},
    {"scroll.first", LB_GROUP("Navigation"), LB_TITLE("First image"), "Home"},
    {"scroll.last", LB_GROUP("Navigation"), LB_TITLE("Last image"), "End"},
    {"window.preset1", LB_GROUP("Window"), LB_TITLE("CT brain"), "1"},
    {"window.preset2", LB_GROUP("Window"), LB_TITLE("CT lung"), "2"},
    {"window.preset3", LB_GROUP("Window"), LB_TITLE("CT mediastinum"), "3"},
    {"window.preset4", LB_GROUP("Window"), LB_TITLE("CT bone"), "4"},
    {"window.preset5", LB_GROUP("Window"), LB_TITLE("CT abdomen"), "5"},
    {"window.preset6", LB_GROUP("Window"), LB_TITLE("CT liver"), "6"},
    {"window.preset7", LB_GROUP("Window"), LB_TITLE("File window 2"), "7"},
    {"window.preset8", LB_GROUP("Window"), LB_TITLE("File window 3"), "8"},
    {"window.preset9", LB_GROUP("Window"), LB_TITLE("File window 4"), "9"},
    {"window.preset0", LB_GROUP("Window"), LB_TITLE("File window 1"), "0"},
    {"window.invert", LB_GROUP("Window"), LB_TITLE("Invert"), "I"},
    {"view.fit", LB_GROUP("View"), LB_TITLE("Fit to viewport"), "F"},
    {"view.oneToOne", LB_GROUP("View"), LB_TITLE("One image pixel per screen pixel"), "="},
    {"view.trueSize", LB_GROUP("View"), LB_TITLE("True size (calibrated mm)"), "T"},
    {"view.flipHorizontal", LB_GROUP("View"), LB_TITLE("Flip horizontally"), "H"},
    {"view.flipVertical", LB_GROUP("View"), LB_TITLE("Flip vertically"), "V"},
    {"view.rotate", LB_GROUP("View"), LB_TITLE("Rotate 90 degrees clockwise"), "R"},
    {"view.magnifier", LB_GROUP("View"), LB_TITLE("Magnifier"), "M"},
    // One key, one action: Esc first cancels a drawing in progress (MeasurementTools asks for this id).
    {"view.reset", LB_GROUP("View"), LB_TITLE("Reset the view (first: cancel a drawing)"), "Esc"},
    {"cine.toggle", LB_GROUP("Cine"), LB_TITLE("Start / stop cine"), "C"},
    {"cine.faster", LB_GROUP("Cine"), LB_TITLE("Cine faster"), "+"},
    {"cine.slower", LB_GROUP("Cine"), LB_TITLE("Cine slower"), "-"},
    {"measure.none", LB_GROUP("Measurements"), LB_TITLE("No tool (window/level)"), "Q"},
    {"measure.select", LB_GROUP("Measurements"), LB_TITLE("Select, move and edit"), "S"},
    {"measure.length", LB_GROUP("Measurements"), LB_TITLE("Length"), "L"},
    {"measure.polyline", LB_GROUP("Measurements"), LB_TITLE("Polyline"), "P"},
    {"measure.angle", LB_GROUP("Measurements"), LB_TITLE("Angle"), "A"},
    {"measure.cobb", LB_GROUP("Measurements"), LB_TITLE("Cobb angle"), "B"},
    {"measure.ellipse", LB_GROUP("Measurements"), LB_TITLE("Ellipse ROI"), "E"},
    {"measure.rectangle", LB_GROUP("Measurements"), LB_TITLE("Rectangle ROI"), "G"},
    {"measure.polygon", LB_GROUP("Measurements"), LB_TITLE("Polygon ROI"), "Y"},
    {"measure.freehand", LB_GROUP("Measurements"), LB_TITLE("Freehand ROI"), "D"},
    {"measure.probe", LB_GROUP("Measurements"), LB_TITLE("Point probe"), "X"},
    {"measure.text", LB_GROUP("Measurements"), LB_TITLE("Text note"), "N"},
    {"measure.arrow", LB_GROUP("Measurements"), LB_TITLE("Arrow"), "K"},
    {"measure.finish", LB_GROUP("Measurements"), LB_TITLE("Finish a polyline or polygon"), "Return; Enter"},
    {"measure.delete", LB_GROUP("Measurements"), LB_TITLE("Delete the selected annotation"), "Del; Backspace"},
    {"measure.undo", LB_GROUP("Measurements"), LB_TITLE("Undo"), "Ctrl+Z"},
    {"measure.redo", LB_GROUP("Measurements"), LB_TITLE("Redo"), "Ctrl+Shift+Z; Ctrl+Y"},
    {"measure.save", LB_GROUP("Measurements"), LB_TITLE("Save presentation state"), "Ctrl+S"},
    {"sync.scroll", LB_GROUP("Sync"), LB_TITLE("Scroll sync on/off"), "Shift+S"},
    {"sync.window", LB_GROUP("Sync"), LB_TITLE("Window/level sync on/off"), "Shift+W"},
    {"sync.zoomPan", LB_GROUP("Sync"), LB_TITLE("Zoom/pan sync on/off"), "Shift+Z"},
    {"sync.nextGroup", LB_GROUP("Sync"), LB_TITLE("Next sync group (A, B, C, none)"), "Shift+G"},
    {"sync.offsetBack", LB_GROUP("Sync"), LB_TITLE("Sync offset: previous slice"), "Alt+Up"},
    {"sync.offsetForward", LB_GROUP("Sync"), LB_TITLE("Sync offset: next slice"), "Alt+Down"},
    {"sync.clearOffset", LB_GROUP("Sync"), LB_TITLE("Clear the sync offset"), "Alt+0"},
    {"hanging.nextStage", LB_GROUP("Hanging"), LB_TITLE("Next hanging stage"), "Shift+PgDown"},
    {"hanging.previousStage", LB_GROUP("Hanging"), LB_TITLE("Previous hanging stage"), "Shift+PgUp"},
};
#undef LB_GROUP
#undef LB_TITLE

QString translated(const char* text) { return QCoreApplication::translate("lightbox::viewer::ShortcutMap", text); }

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
    for (const Default& d : kDefaults) {
        ShortcutAction a;
        a.id = QString::fromLatin1(d.id);
        a.group = translated(d.group);
        a.title = translated(d.title);
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
