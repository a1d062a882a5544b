#pragma once
// The study list: Patient -> Study -> Series, newest study first, with
// modality, date, description and image count.

#include "lightbox/core/Series.h"

#include <QTreeWidget>

#include <vector>

namespace lightbox::viewer {

class StudyBrowser : public QTreeWidget {
    Q_OBJECT
public:
    explicit StudyBrowser(QWidget* parent = nullptr);

    void setSeries(std::vector<core::SeriesInfo> series);
    const std::vector<core::SeriesInfo>& series() const { return series_; }
    int patientCount() const { return topLevelItemCount(); }
    // Selects the first series of the newest study of the first patient.
    void selectFirstSeries();

signals:
    void seriesActivated(const lightbox::core::SeriesInfo& series);

private:
    std::vector<core::SeriesInfo> series_;
};

QString formatDicomDate(const std::string& yyyymmdd);
QString formatPersonName(const std::string& personName);

}  // namespace lightbox::viewer
