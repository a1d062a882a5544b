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
    p.fillRect(rect(), QColor(8, 10, 13, 245));

    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    QFont groupFont = font();
    groupFont.setBold(true);
    const QFont rowFont = font();
    const QFontMetrics rowMetrics(rowFont);
    const int line = rowMetrics.height() + 8;
    const int margin = 40;

    // The groups: [begin, end) ranges of entries_.
    std::vector<std::pair<std::size_t, std::size_t>> groups;
    for (std::size_t i = 0; i < entries_.size();) {
        std::size_t end = i;
        while (end < entries_.size() && entries_[end].group == entries_[i].group) ++end;
        groups.emplace_back(i, end);
        i = end;
    }
    auto groupHeight = [&](const std::pair<std::size_t, std::size_t>& g) { return line * int(g.second - g.first + 1) + line / 2; };

    int keyWidth = 0, titleWidth = 0;
    for (const auto& e : entries_) {
        keyWidth = std::max(keyWidth, rowMetrics.horizontalAdvance(e.keys));
        titleWidth = std::max(titleWidth, rowMetrics.horizontalAdvance(e.title));
    }
    keyWidth = std::max(keyWidth + 28, 80);
    const int columnWidth = keyWidth + titleWidth + 56;
    // As many columns as fit (at most four), groups in table order, each
    // column filled up to an equal share of the total height.
    const int columns = std::clamp((width() - 2 * margin) / std::max(columnWidth, 1), 1, 4);
    int total = 0;
    for (const auto& g : groups) total += groupHeight(g);
    const int share = (total + columns - 1) / columns;
    std::vector<std::vector<std::size_t>> layout(static_cast<std::size_t>(columns));
    std::size_t column = 0;
    int used = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const int h = groupHeight(groups[g]);
        if (used > 0 && used + h / 2 > share && column + 1 < layout.size()) {
            ++column;
            used = 0;
        }
        layout[column].push_back(g);
        used += h;
    }
    int tallest = 0;
    for (const auto& c : layout) {
        int h = 0;
        for (std::size_t g : c) h += groupHeight(groups[g]);
        tallest = std::max(tallest, h);
    }

    const QFontMetrics titleMetrics(titleFont);
    const int usedColumns = int(std::count_if(layout.begin(), layout.end(), [](const auto& c) { return !c.empty(); }));
    const int panelWidth = usedColumns * columnWidth;
    const int left = std::max(margin, (width() - panelWidth) / 2);
    const int top = std::max(margin / 2, (height() - tallest - titleMetrics.height() - 40) / 2);

    p.setFont(titleFont);
    p.setPen(QColor(235, 238, 242));
    p.drawText(QPoint(left, top + titleMetrics.ascent()), tr("Keyboard shortcuts"));
    p.setFont(rowFont);
    p.setPen(QColor(140, 146, 156));
    const QString hint = tr("Settings > Shortcuts changes them. Any key closes this.");
    p.drawText(QPoint(std::max(left, left + panelWidth - rowMetrics.horizontalAdvance(hint) - 40), top + titleMetrics.ascent()), hint);

    const int bodyTop = top + titleMetrics.height() + 24;
    for (std::size_t c = 0; c < layout.size(); ++c) {
        const int x = left + int(c) * columnWidth;
        int y = bodyTop;
        for (std::size_t g : layout[c]) {
            p.setFont(groupFont);
            p.setPen(QColor(110, 170, 255));
            p.drawText(QPoint(x, y + rowMetrics.ascent()), entries_[groups[g].first].group);
            y += line;
            p.setFont(rowFont);
            for (std::size_t i = groups[g].first; i < groups[g].second; ++i) {
                const auto& e = entries_[i];
                // Keys in small key caps, then what they do.
                if (!e.keys.isEmpty()) {
                    const QRect cap(x, y - 3, rowMetrics.horizontalAdvance(e.keys) + 14, rowMetrics.height() + 5);
                    p.setPen(QColor(92, 98, 110));
                    p.setBrush(QColor(36, 40, 48));
                    p.drawRoundedRect(cap, 4, 4);
                    p.setPen(QColor(242, 242, 242));
                    p.drawText(cap, Qt::AlignCenter, e.keys);
                } else {
                    p.setPen(QColor(110, 110, 110));
                    p.drawText(QPoint(x + 7, y + rowMetrics.ascent()), tr("(none)"));
                }
                p.setPen(QColor(212, 216, 222));
                p.drawText(QPoint(x + keyWidth, y + rowMetrics.ascent()), e.title);
                y += line;
            }
            y += line / 2;
        }
    }
}

}  // namespace lightbox::viewer
