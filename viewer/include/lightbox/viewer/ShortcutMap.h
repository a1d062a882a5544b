#pragma once
// Every reading action's keyboard shortcut in one table: the defaults, the
// user's changes (persisted with QSettings under "shortcuts/<id>"), and the
// question a widget asks on a key press - "which action does this key
// sequence mean?". Widgets (Viewport, the main window's actions) hold no keys
// of their own, so the settings dialog and the help overlay show exactly what
// the keys do.
//
// Adding an action is one line in the defaults table (ShortcutMap.cpp):
//   {"group.action", group, title, "Key"}
// Action ids are stable strings ("view.fit"); they are the settings keys.
// One key sequence means at most one action: setKey() refuses a sequence
// another action holds and names it.

#include <QKeySequence>
#include <QObject>
#include <QString>
#include <QStringList>

#include <vector>

class QAction;
class QKeyEvent;
class QSettings;

namespace lightbox::viewer {

struct ShortcutAction {
    QString id;                  // "view.fit"
    QString group;               // translated group title ("View")
    QString title;               // translated ("Fit to viewport")
    QList<QKeySequence> defaults;
    QList<QKeySequence> keys;    // current; empty = no shortcut
};

class ShortcutMap : public QObject {
    Q_OBJECT
public:
    // The map the application's widgets consult (Viewport, MainWindow).
    static ShortcutMap& global();

    explicit ShortcutMap(QObject* parent = nullptr);  // the defaults

    const std::vector<ShortcutAction>& actions() const { return actions_; }
    const ShortcutAction* action(const QString& id) const;
    // The groups in table order.
    QStringList groups() const;

    // The first key of the action (empty when none or unknown).
    QKeySequence key(const QString& id) const;
    QList<QKeySequence> keys(const QString& id) const;
    // The action `sequence` means, or an empty string.
    QString actionFor(const QKeySequence& sequence) const;
    // The key sequence a key press is (modifiers included; the Shift that
    // types a symbol such as '?' or '+' and the keypad modifier are dropped).
    static QKeySequence sequenceOf(const QKeyEvent* event);
    QString actionFor(const QKeyEvent* event) const { return actionFor(sequenceOf(event)); }

    // Gives `id` the single key `sequence` (empty: no shortcut). Refused
    // (false) when another action holds it; `conflictId` names that action.
    bool setKey(const QString& id, const QKeySequence& sequence, QString* conflictId = nullptr);
    // The action holding `sequence` other than `exceptId`, or empty.
    QString conflictFor(const QKeySequence& sequence, const QString& exceptId = {}) const;
    void resetToDefaults();
    void resetToDefault(const QString& id);
    // Takes every action's keys from `other` (a working copy the settings
    // dialog edited; it is conflict-free as setKey() keeps it).
    void copyKeysFrom(const ShortcutMap& other);

    // QSettings group "shortcuts": one entry per action changed from its
    // default (portable text, "Ctrl+F"; "none" for a removed key). Entries
    // that would conflict are ignored (the default stays).
    void load(QSettings& settings);
    void save(QSettings& settings) const;

signals:
    void changed();

private:
    ShortcutAction* find(const QString& id);
    std::vector<ShortcutAction> actions_;
};

// "Ctrl+F" in the user's language (QKeySequence::NativeText); several joined by ", ".
QString shortcutText(const QList<QKeySequence>& keys);

// Gives `action` the keys of `id` in the global map, now and whenever they
// change (the action's property "shortcutId" says which); returns `action`.
// A widget-level reaction (a menu entry, a toolbar button) is bound this
// way; a key only a focused widget handles is looked up with actionFor().
QAction* bindShortcut(QAction* action, const QString& id);

}  // namespace lightbox::viewer
