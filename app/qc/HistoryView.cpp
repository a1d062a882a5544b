#include "HistoryView.h"

#include "DisplayDescription.h"
#include "QcReport.h"

#include "lightbox/core/Error.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScatterSeries>
#include <QSplitter>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <fstream>

namespace lightbox::qc {

namespace cal = lightbox::calibration;

namespace {

// A trend chart: each series (name, values per session) over the session dates.
QChart* trendChart(const QString& title, const std::vector<cal::TrendPoint>& points,
                   const std::vector<std::pair<QString, std::function<std::optional<double>(const cal::TrendPoint&)>>>& series) {
    auto* chart = new QChart;
    chart->setTitle(title);
    auto* x = new QDateTimeAxis;
    x->setFormat("yyyy-MM-dd");
    x->setTitleText(QObject::tr("date"));
    auto* y = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double lo = 0, hi = 1;
    bool first = true;
    qint64 t0 = 0, t1 = 0;
    for (const auto& [name, value] : series) {
        auto* line = new QLineSeries;
        line->setName(name);
        line->setPointsVisible(true);
        for (const auto& p : points) {
            const auto v = value(p);
            if (!v) continue;
            const qint64 t = QDateTime::fromString(QString::fromStdString(p.performedAt), Qt::ISODate).toMSecsSinceEpoch();
            line->append(double(t), *v);
            if (first) {
                lo = hi = *v;
                t0 = t1 = t;
                first = false;
            }
            lo = std::min(lo, *v);
            hi = std::max(hi, *v);
            t0 = std::min(t0, t);
            t1 = std::max(t1, t);
        }
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
    }
    const double pad = (hi - lo) * 0.1 + 1e-6;
    y->setRange(std::max(0.0, lo - pad), hi + pad);
    if (!first) x->setRange(QDateTime::fromMSecsSinceEpoch(t0 - 86400000LL * 5), QDateTime::fromMSecsSinceEpoch(t1 + 86400000LL * 5));
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

void replaceChart(QChartView* view, QChart* chart) {
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
}

}  // namespace

HistoryView::HistoryView(std::shared_ptr<cal::QcHistory> history, QWidget* parent)
    : QWidget(parent), history_(std::move(history)) {
    setWindowTitle(tr("Display QC history"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    display_ = new QComboBox;
    top->addWidget(new QLabel(tr("Display:")));
    top->addWidget(display_, 1);
    auto* pdf = new QPushButton(tr("PDF report of the selected test..."));
    auto* json = new QPushButton(tr("Export as DICOM Display System JSON..."));
    top->addWidget(pdf);
    top->addWidget(json);
    layout->addLayout(top);
    due_ = new QListWidget;
    due_->setMaximumHeight(90);
    layout->addWidget(due_);
    auto* split = new QSplitter(Qt::Vertical);
    table_ = new QTableWidget(0, 7);
    table_->setHorizontalHeaderLabels({tr("Date"), tr("Test"), tr("Profile"), tr("Performed by"), tr("Meter"),
                                       tr("Readings"), tr("Result")});
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    split->addWidget(table_);
    auto* charts = new QWidget;
    auto* chartRow = new QHBoxLayout(charts);
    luminance_ = new QChartView;
    errors_ = new QChartView;
    chartRow->addWidget(luminance_);
    chartRow->addWidget(errors_);
    split->addWidget(charts);
    layout->addWidget(split, 1);

    connect(display_, &QComboBox::currentIndexChanged, this, &HistoryView::showDisplay);
    connect(pdf, &QPushButton::clicked, this, [this] {
        const int row = table_->currentRow();
        if (row < 0) return;
        const QString path = QFileDialog::getSaveFileName(this, tr("QC report"), "qc-report.pdf", tr("PDF (*.pdf)"));
        QString error;
        if (!path.isEmpty() && !exportSessionPdf(row, path, &error)) QMessageBox::warning(this, tr("QC report"), error);
    });
    connect(json, &QPushButton::clicked, this, [this] {
        const int i = display_->currentIndex();
        if (i < 0 || i >= int(displays_.size())) return;
        const QString path = QFileDialog::getSaveFileName(this, tr("Display System JSON"), "display-qc.json", tr("JSON (*.json)"));
        if (path.isEmpty()) return;
        std::ofstream(path.toStdString()) << history_->exportDisplaySystemJson(displays_[std::size_t(i)].key);
    });
    resize(1100, 760);
    reload();
}

void HistoryView::reload() {
    displays_ = history_->displays();
    display_->blockSignals(true);
    display_->clear();
    for (const auto& d : displays_) display_->addItem(describeDisplay(d.identity));
    display_->blockSignals(false);
    showDisplay(displays_.empty() ? -1 : 0);
}

void HistoryView::showDisplay(int index) {
    sessions_.clear();
    table_->setRowCount(0);
    due_->clear();
    if (index < 0 || index >= int(displays_.size())) {
        replaceChart(luminance_, new QChart);
        replaceChart(errors_, new QChart);
        return;
    }
    const std::string key = displays_[std::size_t(index)].key;
    sessions_ = history_->sessions(key);
    table_->setRowCount(int(sessions_.size()));
    for (int i = 0; i < int(sessions_.size()); ++i) {
        const auto& s = sessions_[std::size_t(i)];
        const QStringList cells = {QString::fromStdString(s.performedAt), QString::fromStdString(s.test),
                                   QString::fromStdString(s.profile), QString::fromStdString(s.person),
                                   QString::fromStdString(s.meter), QString::number(s.readings.readings.size()),
                                   s.passed ? tr("pass") : tr("FAIL")};
        for (int c = 0; c < cells.size(); ++c) table_->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
    const auto trend = history_->trend(key);
    replaceChart(luminance_, trendChart(tr("L'max (cd/m\u00b2) and LR'"), trend,
                                        {{tr("L'max"), [](const cal::TrendPoint& p) { return p.lmax; }},
                                         {tr("LR'"), [](const cal::TrendPoint& p) { return p.luminanceRatio; }}}));
    replaceChart(errors_, trendChart(tr("contrast-response error (%) and ambient (cd/m\u00b2 x 100)"), trend,
                                     {{tr("max |dL/L error| %"),
                                       [](const cal::TrendPoint& p) {
                                           return p.maxDeviation ? std::optional<double>(*p.maxDeviation * 100) : std::nullopt;
                                       }},
                                      {tr("ambient x 100"),
                                       [](const cal::TrendPoint& p) { return std::optional<double>(p.ambient * 100); }}}));
    // Reminders: the schedule of the display's latest profile.
    std::string profile = "aapm-tg18-primary";
    for (const auto& s : sessions_)
        if (s.test != "visual" && !s.profile.empty()) profile = s.profile;
    try {
        const auto today = QDate::currentDate().toString(Qt::ISODate).toStdString();
        for (const auto& d : history_->dueDates(key, cal::CriteriaProfile::load(profile), today)) {
            QString text = tr("%1 test: due %2").arg(QString::fromStdString(d.test), QString::fromStdString(d.due));
            if (d.lastDone.empty()) text += tr(" (never done)");
            else if (d.daysLeft < 0) text += tr(" - OVERDUE by %1 days").arg(-d.daysLeft);
            else text += tr(" (in %1 days)").arg(d.daysLeft);
            auto* item = new QListWidgetItem(text, due_);
            if (d.reminder) item->setForeground(QColor(170, 0, 0));
        }
    } catch (const core::Error& e) {
        new QListWidgetItem(QString::fromStdString(e.what()), due_);
    }
}

int HistoryView::displayCount() const { return int(displays_.size()); }
int HistoryView::sessionCount() const { return int(sessions_.size()); }
int HistoryView::reminderCount() const {
    int n = 0;
    for (int i = 0; i < due_->count(); ++i) n += due_->item(i)->foreground().color() == QColor(170, 0, 0) ? 1 : 0;
    return n;
}

bool HistoryView::exportSessionPdf(int row, const QString& path, QString* error) {
    if (row < 0 || row >= int(sessions_.size())) return false;
    const auto& s = sessions_[std::size_t(row)];
    try {
        QcReportInput in;
        in.display = displays_[std::size_t(display_->currentIndex())].identity;
        in.test = s.test;
        in.person = s.person;
        in.meter = s.meter;
        in.performedAt = s.performedAt;
        in.notes = s.notes;
        in.ambientLux = s.ambientLux;
        in.profile = cal::CriteriaProfile::load(s.profile);
        in.readings = s.readings;
        in.evaluation.profile = s.profile;
        in.evaluation.profileTitle = in.profile.title;
        in.evaluation.ambient = s.ambient;
        in.evaluation.criteria = s.results;
        in.evaluation.displays = cal::measureDisplays(s.readings, s.ambient);
        writeQcReport(in, path);
        return true;
    } catch (const core::Error& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
}

}  // namespace lightbox::qc
