#pragma once
// The keyboard help (F1 or '?'): a translucent sheet over the window listing
// every action's current keys by group, in columns (smaller text when they
// would not all fit). It reads the shortcut map when shown, so remapped keys
// appear as they are now. Any key or click closes it.

#include <QRect>
#include <QWidget>

#include <vector>

namespace lightbox::viewer {

class ShortcutMap;

class ShortcutHelpOverlay : public QWidget {
    Q_OBJECT
public:
    // Covers `parent` (follows its size); hidden until showOverlay().
    ShortcutHelpOverlay(const ShortcutMap& map, QWidget* parent);

    void showOverlay();
    void toggle();

    struct Entry {
        QString group, title, keys;  // keys as shown ("Ctrl+F, F3"); empty: no shortcut
    };
    // What the sheet lists, in order (refreshed by showOverlay()).
    const std::vector<Entry>& entries() const { return entries_; }
    // Where the last paint put each entry (its key cap and title), in this
    // widget's coordinates: the text shrinks (down to half) until all fit.
    const std::vector<QRect>& entryRects() const { return entryRects_; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refresh();
    const ShortcutMap& map_;
    std::vector<Entry> entries_;
    std::vector<QRect> entryRects_;
};

}  // namespace lightbox::viewer
