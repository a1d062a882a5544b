#include "lightbox/viewer/ShortcutHelpOverlay.h"

#include "lightbox/viewer/ShortcutMap.h"

#include <QEvent>
#include <QKeyEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

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
    const int margin = 40;

    // The groups: [begin, end) ranges of entries_.
    std::vector<std::pair<std::size_t, std::size_t>> groups;
    for (std::size_t i = 0; i < entries_.size();) {
        std::size_t end = i;
        while (end < entries_.size() && entries_[end].group == entries_[i].group) ++end;
        groups.emplace_back(i, end);
        i = end;
    }

    // The sheet at a text scale: fonts, columns (at most four, groups in
    // table order, each filled up to an equal share of the total height).
    struct Plan {
        QFont titleFont, groupFont, rowFont;
        int line = 0, keyWidth = 0, columnWidth = 0, tallest = 0, headerHeight = 0;
        std::vector<std::vector<std::size_t>> layout;
    };
    auto plan = [&](double scale) {
        Plan pl;
        pl.rowFont = font();
        pl.rowFont.setPointSizeF(font().pointSizeF() * scale);
        pl.groupFont = pl.rowFont;
        pl.groupFont.setBold(true);
        pl.titleFont = pl.groupFont;
        pl.titleFont.setPointSizeF(pl.rowFont.pointSizeF() * 1.5);
        const QFontMetrics rowMetrics(pl.rowFont);
        pl.line = rowMetrics.height() + int(std::lround(8 * scale));
        pl.headerHeight = QFontMetrics(pl.titleFont).height() + 24;
        int titleWidth = 0;
        for (const auto& e : entries_) {
            pl.keyWidth = std::max(pl.keyWidth, rowMetrics.horizontalAdvance(e.keys));
            titleWidth = std::max(titleWidth, rowMetrics.horizontalAdvance(e.title));
        }
        pl.keyWidth = std::max(pl.keyWidth + 28, 80);
        pl.columnWidth = pl.keyWidth + titleWidth + 56;
        auto groupHeight = [&](const std::pair<std::size_t, std::size_t>& g) {
            return pl.line * int(g.second - g.first + 1) + pl.line / 2;
        };
        const int columns = std::clamp((width() - 2 * margin) / std::max(pl.columnWidth, 1), 1, 4);
        int total = 0;
        for (const auto& g : groups) total += groupHeight(g);
        const int share = (total + columns - 1) / columns;
        pl.layout.assign(static_cast<std::size_t>(columns), {});
        std::size_t column = 0;
        int used = 0;
        for (std::size_t g = 0; g < groups.size(); ++g) {
            const int h = groupHeight(groups[g]);
            if (used > 0 && used + h / 2 > share && column + 1 < pl.layout.size()) {
                ++column;
                used = 0;
            }
            pl.layout[column].push_back(g);
            used += h;
        }
        for (const auto& c : pl.layout) {
            int h = 0;
            for (std::size_t g : c) h += groupHeight(groups[g]);
            pl.tallest = std::max(pl.tallest, h);
        }
        return pl;
    };
    // The largest scale (down to half) at which every line is on the sheet.
    Plan pl = plan(1.0);
    for (double scale = 0.92; scale >= 0.5 && pl.tallest + pl.headerHeight + margin > height(); scale -= 0.08)
        pl = plan(scale);

    const QFontMetrics rowMetrics(pl.rowFont);
    const QFontMetrics titleMetrics(pl.titleFont);
    const int usedColumns = int(std::count_if(pl.layout.begin(), pl.layout.end(), [](const auto& c) { return !c.empty(); }));
    const int panelWidth = usedColumns * pl.columnWidth;
    const int left = std::max(margin, (width() - panelWidth) / 2);
    const int top = std::max(margin / 2, (height() - pl.tallest - titleMetrics.height() - 40) / 2);

    p.setFont(pl.titleFont);
    p.setPen(QColor(235, 238, 242));
    p.drawText(QPoint(left, top + titleMetrics.ascent()), tr("Keyboard shortcuts"));
    p.setFont(pl.rowFont);
    p.setPen(QColor(140, 146, 156));
    const QString hint = tr("Settings > Shortcuts changes them. Any key closes this.");
    p.drawText(QPoint(std::max(left, left + panelWidth - rowMetrics.horizontalAdvance(hint) - 40), top + titleMetrics.ascent()), hint);

    entryRects_.assign(entries_.size(), QRect());
    const int bodyTop = top + pl.headerHeight;
    for (std::size_t c = 0; c < pl.layout.size(); ++c) {
        const int x = left + int(c) * pl.columnWidth;
        int y = bodyTop;
        for (std::size_t g : pl.layout[c]) {
            p.setFont(pl.groupFont);
            p.setPen(QColor(110, 170, 255));
            p.drawText(QPoint(x, y + rowMetrics.ascent()), entries_[groups[g].first].group);
            y += pl.line;
            p.setFont(pl.rowFont);
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
                p.drawText(QPoint(x + pl.keyWidth, y + rowMetrics.ascent()), e.title);
                entryRects_[i] = QRect(x, y - 3, pl.keyWidth + rowMetrics.horizontalAdvance(e.title), rowMetrics.height() + 5);
                y += pl.line;
            }
            y += pl.line / 2;
        }
    }
}

}  // namespace lightbox::viewer
