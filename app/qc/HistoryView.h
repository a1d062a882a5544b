#pragma once
// The QC history of the workstation's displays: per display its sessions,
// trends of L'max, LR', contrast-response error and ambient over time, the
// tests due (reminders from the profile's schedule), a PDF report of any
// session and the Display System JSON export.

#include "lightbox/calibration/QcHistory.h"

#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QChartView;
class QComboBox;
class QListWidget;
class QTableWidget;
QT_END_NAMESPACE

namespace lightbox::qc {

class HistoryView : public QWidget {
    Q_OBJECT
public:
    explicit HistoryView(std::shared_ptr<calibration::QcHistory> history, QWidget* parent = nullptr);

    void reload();
    int displayCount() const;
    int sessionCount() const;
    int reminderCount() const;
    // PDF of the session in row `row` (oldest first).
    bool exportSessionPdf(int row, const QString& path, QString* error = nullptr);

private:
    void showDisplay(int index);

    std::shared_ptr<calibration::QcHistory> history_;
    std::vector<calibration::DisplayRecord> displays_;
    std::vector<calibration::QcSession> sessions_;
    QComboBox* display_ = nullptr;
    QTableWidget* table_ = nullptr;
    QChartView* luminance_ = nullptr;
    QChartView* errors_ = nullptr;
    QListWidget* due_ = nullptr;
};

}  // namespace lightbox::qc
