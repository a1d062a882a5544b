#include "QcReport.h"

#include "ContrastResponseChart.h"
#include "DisplayDescription.h"
#include "UniformityMap.h"

#include "lightbox/core/Error.h"

#include <QChart>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <functional>
#include <vector>

namespace lightbox::qc {
namespace {

// The context lupdate files this file's tr() calls under (the namespace).
QString tr(const char* text) { return QCoreApplication::translate("lightbox::qc", text); }
QString q(const std::string& s) { return QString::fromStdString(s); }

QString number(const std::optional<double>& v, int digits = 4) { return v ? QString::number(*v, 'g', digits) : "-"; }

// A page-flowing writer: a cursor down the page, new pages as needed.
class Flow {
public:
    Flow(QPdfWriter& writer, QPainter& painter) : writer_(writer), p_(painter) {
        const QRect page = painter.viewport();
        width_ = page.width();
        height_ = page.height();
    }
    QPainter& painter() { return p_; }
    double width() const { return width_; }
    double remaining() const { return height_ - y_; }
    double y() const { return y_; }
    void advance(double dy) { y_ += dy; }
    int pages() const { return pages_; }
    void newPage() {
        writer_.newPage();
        ++pages_;
        y_ = 0;
    }
    void need(double h) {
        if (y_ + h > height_) newPage();
    }
    void font(double points, bool bold = false) {
        QFont f("DejaVu Sans");
        f.setPointSizeF(points);
        f.setBold(bold);
        p_.setFont(f);
    }
    double lineHeight() const { return p_.fontMetrics().height() * 1.25; }
    void line(const QString& text) {
        need(lineHeight());
        p_.drawText(QRectF(0, y_, width_, lineHeight()), Qt::AlignLeft | Qt::AlignVCenter, text);
        y_ += lineHeight();
    }
    void heading(const QString& text) {
        y_ += lineHeight() * 0.5;
        font(13, true);
        need(lineHeight() * 3);
        line(text);
        font(9);
    }
    // A table: column fractions of the width, a header row, rows.
    void table(const std::vector<double>& columns, const QStringList& header, const std::vector<QStringList>& rows,
               const std::function<QColor(int row)>& background = {}) {
        auto row = [&](const QStringList& cells, bool bold, QColor fill) {
            need(lineHeight());
            if (fill.isValid()) p_.fillRect(QRectF(0, y_, width_, lineHeight()), fill);
            QFont f = p_.font();
            f.setBold(bold);
            p_.setFont(f);
            double x = 0;
            for (int i = 0; i < cells.size() && i < int(columns.size()); ++i) {
                const double w = columns[std::size_t(i)] * width_;
                p_.drawText(QRectF(x + 3, y_, w - 6, lineHeight()), Qt::AlignLeft | Qt::AlignVCenter,
                            p_.fontMetrics().elidedText(cells[i], Qt::ElideRight, int(w - 6)));
                x += w;
            }
            y_ += lineHeight();
        };
        row(header, true, QColor(225, 225, 225));
        for (int i = 0; i < int(rows.size()); ++i) {
            if (y_ + lineHeight() > height_) {
                newPage();
                row(header, true, QColor(225, 225, 225));
            }
            row(rows[std::size_t(i)], false, background ? background(i) : QColor());
        }
    }

private:
    QPdfWriter& writer_;
    QPainter& p_;
    double width_ = 0, height_ = 0, y_ = 0;
    int pages_ = 1;
};

QString testName(const std::string& test) {
    if (test == "constancy") return tr("constancy test");
    if (test == "visual") return tr("visual check");
    return tr("acceptance test");
}

}  // namespace

int writeQcReport(const QcReportInput& in, const QString& pdfPath) {
    QPdfWriter writer(pdfPath);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(150);
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setTitle(tr("Display QC report"));
    writer.setCreator("Lightbox");
    QPainter painter;
    if (!painter.begin(&writer))
        throw core::Error(core::ErrorCode::Io, pdfPath.toStdString() + ": cannot write the PDF report");
    Flow f(writer, painter);
    const auto& e = in.evaluation;

    f.font(17, true);
    f.line(tr("Display QC report: %1").arg(testName(in.test)));
    f.font(10);
    f.line(q(e.profileTitle.empty() ? in.profile.title : e.profileTitle) +
           (in.profile.source.empty() ? QString() : " (" + q(in.profile.source) + ")"));
    f.font(16, true);
    painter.setPen(e.passed() ? QColor(0, 120, 0) : QColor(180, 0, 0));
    f.line(e.passed() ? tr("Result: PASS") : tr("Result: FAIL"));
    painter.setPen(Qt::black);

    f.heading(tr("Display"));
    const auto& d = in.display;
    std::vector<QStringList> identity = {
        {tr("Display"), describeDisplay(d)},
        {tr("Identity key"), q(d.key())},
        {tr("Manufacturer / product code"), q(d.manufacturer) + (d.productCode ? QString(" / %1").arg(d.productCode, 4, 16, QChar('0')).toUpper() : QString())},
        {tr("Serial number"), q(!d.serialText.empty() ? d.serialText : d.serialNumber ? std::to_string(d.serialNumber) : "-")},
        {tr("Manufactured"), d.year ? QString("%1 (week %2)").arg(d.year).arg(d.week) : "-"},
        {tr("Native size / screen size"), d.nativeWidth ? QString("%1 x %2 px, %3 x %4 cm").arg(d.nativeWidth).arg(d.nativeHeight).arg(d.widthCm).arg(d.heightCm) : "-"},
    };
    f.table({0.35, 0.65}, {tr("Item"), tr("Value")}, identity);

    f.heading(tr("Conditions"));
    std::vector<QStringList> conditions = {
        {tr("Date"), q(in.performedAt)},
        {tr("Performed by"), q(in.person.empty() ? "-" : in.person)},
        {tr("Institution"), q(in.institution.empty() ? "-" : in.institution)},
        {tr("Meter"), q(in.meter.empty() ? "-" : in.meter)},
        {tr("Ambient luminance (reflected)"), QString("%1 cd/m\u00b2").arg(e.ambient, 0, 'g', 4)},
        {tr("Ambient illuminance"), in.ambientLux ? QString("%1 lx").arg(*in.ambientLux, 0, 'g', 4) : "-"},
        {tr("Criteria profile"), q(in.profile.name) + " (" + q(in.profile.kind) + ")"},
    };
    if (!e.displays.empty()) {
        const auto& fig = e.displays.front();
        conditions.push_back({tr("L'min / L'max / LR'"), number(fig.lmin) + " / " + number(fig.lmax) + " cd/m\u00b2 / " + number(fig.luminanceRatio)});
        conditions.push_back({tr("JNDs between L'min and L'max"), number(fig.totalJnd)});
    }
    if (!in.notes.empty()) conditions.push_back({tr("Notes"), q(in.notes)});
    f.table({0.35, 0.65}, {tr("Item"), tr("Value")}, conditions);

    f.heading(tr("Criteria"));
    std::vector<QStringList> rows;
    std::vector<calibration::Verdict> verdicts;
    for (const auto& c : e.criteria) {
        QString limit = q(c.limit.describe());
        if (c.limit.advisory) limit += tr(" (advisory)");
        if (c.limit.check) limit += " *";
        rows.push_back({q(c.display.empty() ? c.description : c.display + ": " + c.description),
                        c.value ? QString::number(*c.value, 'g', 4) + (c.unit.empty() ? "" : " " + q(c.unit)) : "-",
                        limit, q(calibration::verdictName(c.verdict))});
        verdicts.push_back(c.verdict);
    }
    f.table({0.5, 0.16, 0.22, 0.12}, {tr("Criterion"), tr("Value"), tr("Limit"), tr("Verdict")}, rows, [&](int i) {
        const auto v = verdicts[std::size_t(i)];
        return v == calibration::Verdict::Pass   ? QColor(225, 245, 225)
               : v == calibration::Verdict::Fail ? QColor(250, 215, 215)
                                                 : QColor(245, 245, 245);
    });
    f.font(8);
    f.line(tr("* limit marked for checking against the primary text (see the profile file)"));

    // Contrast response plot and uniformity map.
    f.newPage();
    f.heading(tr("Contrast response"));
    double tolerance = 0.1;
    if (const auto* l = in.profile.limit("contrastResponse"); l && l->max) tolerance = *l->max;
    if (!e.displays.empty() && !e.displays.front().intervals.empty()) {
        QChart* chart = makeContrastResponseChart(e.displays.front(), tolerance);
        QGraphicsScene scene;
        scene.addItem(chart);  // the scene owns it
        const double h = f.width() * 0.62;
        chart->resize(QSizeF(1000, 620));
        chart->setBackgroundVisible(false);
        scene.setSceneRect(QRectF(0, 0, 1000, 620));
        scene.render(&painter, QRectF(0, f.y(), f.width(), h), scene.sceneRect());
        f.advance(h + 10);
    } else {
        f.line(tr("No luminance-response readings."));
    }
    f.heading(tr("Uniformity"));
    f.need(f.width() * 0.36);
    const int fields = paintUniformityMap(painter, QRectF(0, f.y(), f.width(), f.width() * 0.34), in.readings);
    if (fields) f.advance(f.width() * 0.36);
    else f.line(tr("No uniformity readings."));

    // Every reading.
    f.heading(tr("Readings"));
    std::vector<QStringList> readings;
    for (const auto& r : in.readings.readings)
        readings.push_back({QString::number(r.ddl), QString::number(r.luminance, 'g', 5),
                            QString::number(r.luminance + e.ambient, 'g', 5), r.u ? QString::number(*r.u, 'f', 4) : "",
                            r.v ? QString::number(*r.v, 'f', 4) : "", q(r.position),
                            r.level ? QString::number(*r.level) : "", q(r.display)});
    f.table({0.09, 0.15, 0.2, 0.1, 0.1, 0.12, 0.09, 0.15},
            {tr("Level"), tr("L (cd/m\u00b2)"), tr("L' with ambient"), "u'", "v'", tr("Position"), tr("Field"), tr("Display")},
            readings);

    // Signature.
    f.advance(f.lineHeight() * 2);
    f.need(f.lineHeight() * 5);
    f.font(10);
    f.line(tr("Performed by: %1").arg(q(in.person)));
    f.advance(f.lineHeight() * 1.5);
    const double y = f.y();
    painter.drawLine(QPointF(0, y), QPointF(f.width() * 0.45, y));
    painter.drawLine(QPointF(f.width() * 0.55, y), QPointF(f.width(), y));
    f.advance(4);
    f.font(8);
    painter.drawText(QRectF(0, f.y(), f.width() * 0.45, f.lineHeight()), Qt::AlignLeft, tr("Signature"));
    painter.drawText(QRectF(f.width() * 0.55, f.y(), f.width() * 0.45, f.lineHeight()), Qt::AlignLeft, tr("Date"));
    f.advance(f.lineHeight());
    const int pages = f.pages();
    if (!painter.end()) throw core::Error(core::ErrorCode::Io, pdfPath.toStdString() + ": writing the PDF report failed");
    if (!QFileInfo(pdfPath).exists() || QFileInfo(pdfPath).size() == 0)
        throw core::Error(core::ErrorCode::Io, pdfPath.toStdString() + ": cannot write the PDF report");
    return pages;
}

}  // namespace lightbox::qc
