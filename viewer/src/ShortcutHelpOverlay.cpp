#include "lightbox/viewer/ShortcutHelpOverlay.h"

#include "lightbox/viewer/ShortcutMap.h"

#include <QEvent>
#include <QKeyEvent>
#include <QPainter>

#include <algorithm>

namespace lightbox::viewer {

ShortcutHelpOverlay::ShortcutHelpOverlay(const ShortcutMap& map, QWidget* parent) : QWidget(parent), map_(map) {
    setObjectName(QStringLiteral("shortcutHelp"));
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_NoSystemBackground);
    hide();
    if (parent) parent->installEventFilter(this);
}

void ShortcutHelpOverlay::refresh() {
    entries_.clear();
    for (const QString& group : map_.groups())
        for (const auto& a : map_.actions())
            if (a.group == group) entries_.push_back({group, a.title, shortcutText(a.keys)});
}

void ShortcutHelpOverlay::showOverlay() {
    refresh();
    if (parentWidget()) setGeometry(parentWidget()->rect());
    show();
    raise();
    setFocus(Qt::ShortcutFocusReason);
    update();
}

void ShortcutHelpOverlay::toggle() {
    if (isVisible()) hide();
    else showOverlay();
}

bool ShortcutHelpOverlay::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible()) setGeometry(parentWidget()->rect());
    return QWidget::eventFilter(watched, event);
}

void ShortcutHelpOverlay::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Shift || event->key() == Qt::Key_Control || event->key() == Qt::Key_Alt) return;
    hide();
}

void ShortcutHelpOverlay::mousePressEvent(QMouseEvent*) { hide(); }

void ShortcutHelpOverlay::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), QColor(10, 12, 16, 225));

    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    QFont groupFont = font();
    groupFont.setBold(true);
    const QFont rowFont = font();
    const QFontMetrics rowMetrics(rowFont);
    const int line = rowMetrics.height() + 6;
    const int margin = 40;

    p.setFont(titleFont);
    p.setPen(QColor(235, 238, 242));
    p.drawText(QRect(margin, margin / 2, width() - 2 * margin, QFontMetrics(titleFont).height() + 10),
               Qt::AlignLeft | Qt::AlignVCenter, tr("Keyboard shortcuts"));
    p.setFont(rowFont);
    p.setPen(QColor(150, 156, 165));
    p.drawText(QRect(margin, margin / 2, width() - 2 * margin, QFontMetrics(titleFont).height() + 10),
               Qt::AlignRight | Qt::AlignVCenter, tr("Settings > Shortcuts changes them. Any key closes this."));

    // Column width from the widest row; groups are never split across columns.
    int keyWidth = 0, titleWidth = 0;
    for (const auto& e : entries_) {
        keyWidth = std::max(keyWidth, rowMetrics.horizontalAdvance(e.keys));
        titleWidth = std::max(titleWidth, rowMetrics.horizontalAdvance(e.title));
    }
    keyWidth = std::max(keyWidth + 24, 90);
    const int columnWidth = keyWidth + titleWidth + 48;
    const int top = margin + QFontMetrics(titleFont).height() + 10;
    int x = margin, y = top;
    QString group;
    std::size_t i = 0;
    while (i < entries_.size()) {
        // The group's height: move to the next column when it does not fit.
        std::size_t end = i;
        while (end < entries_.size() && entries_[end].group == entries_[i].group) ++end;
        const int needed = line * int(end - i + 1) + line / 2;
        if (y + needed > height() - margin / 2 && y > top) {
            x += columnWidth;
            y = top;
        }
        p.setFont(groupFont);
        p.setPen(QColor(110, 170, 255));
        p.drawText(QPoint(x, y + rowMetrics.ascent()), entries_[i].group);
        y += line;
        p.setFont(rowFont);
        for (; i < end; ++i) {
            const auto& e = entries_[i];
            // Keys in small key caps, then what they do.
            const QRect cap(x, y - 2, rowMetrics.horizontalAdvance(e.keys) + 14, rowMetrics.height() + 4);
            if (!e.keys.isEmpty()) {
                p.setPen(QColor(90, 96, 106));
                p.setBrush(QColor(38, 42, 50));
                p.drawRoundedRect(cap, 4, 4);
                p.setPen(QColor(240, 240, 240));
                p.drawText(cap, Qt::AlignCenter, e.keys);
            } else {
                p.setPen(QColor(110, 110, 110));
                p.drawText(QPoint(x + 7, y + rowMetrics.ascent()), tr("(none)"));
            }
            p.setPen(QColor(210, 214, 220));
            p.drawText(QPoint(x + keyWidth, y + rowMetrics.ascent()), e.title);
            y += line;
        }
        y += line / 2;
    }
}

}  // namespace lightbox::viewer
