#include "lightbox/viewer/StudyBrowser.h"

#include <QHeaderView>

#include <algorithm>
#include <map>
#include <set>

namespace lightbox::viewer {

QString formatPersonName(const std::string& pn) {
    // Alphabetic group only; "FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX" -> "FAMILY, GIVEN MIDDLE".
    const QString alphabetic = QString::fromStdString(pn).section('=', 0, 0);
    const QStringList parts = alphabetic.split('^');
    QString name = parts.value(0).trimmed();
    QStringList rest;
    for (int i : {3, 1, 2}) if (!parts.value(i).trimmed().isEmpty()) rest << parts.value(i).trimmed();
    if (!rest.isEmpty()) name += (name.isEmpty() ? "" : ", ") + rest.join(' ');
    if (!parts.value(4).trimmed().isEmpty()) name += ", " + parts.value(4).trimmed();
    return name;
}

QString formatDicomDate(const std::string& d) {
    if (d.size() != 8) return QString::fromStdString(d);
    return QString::fromStdString(d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2));
}

StudyBrowser::StudyBrowser(QWidget* parent) : QTreeWidget(parent) {
    setColumnCount(4);
    setHeaderLabels({tr("Patient / Study / Series"), tr("Date / ID"), tr("Modality"), tr("Images")});
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (!item) return;
        bool ok = false;
        const int index = item->data(0, Qt::UserRole).toInt(&ok);
        if (ok && index >= 0 && std::size_t(index) < series_.size()) emit seriesActivated(series_[std::size_t(index)]);
    });
}

void StudyBrowser::setSeries(std::vector<core::SeriesInfo> series) {
    clear();
    series_ = std::move(series);
    // patient id -> study uid -> series indices
    std::map<std::string, std::map<std::string, std::vector<int>>> tree;
    for (std::size_t i = 0; i < series_.size(); ++i)
        tree[series_[i].patientId + "\x1f" + series_[i].patientName][series_[i].studyInstanceUid].push_back(int(i));
    for (const auto& [patientKey, studies] : tree) {
        const auto& any = series_[std::size_t(studies.begin()->second.front())];
        auto* patient = new QTreeWidgetItem(this, {formatPersonName(any.patientName),
                                                   QString::fromStdString(any.patientId), QString(), QString()});
        patient->setData(0, Qt::UserRole, -1);
        std::vector<std::pair<std::string, std::string>> byDate;  // newest first
        for (const auto& [uid, indices] : studies) byDate.emplace_back(series_[std::size_t(indices.front())].studyDate, uid);
        std::sort(byDate.rbegin(), byDate.rend());
        for (const auto& [date, uid] : byDate) {
            const auto& indices = studies.at(uid);
            const auto& first = series_[std::size_t(indices.front())];
            std::set<std::string> modalities;
            for (int i : indices) modalities.insert(series_[std::size_t(i)].modality);
            QString mods;
            for (const auto& m : modalities) mods += (mods.isEmpty() ? "" : "/") + QString::fromStdString(m);
            auto* study = new QTreeWidgetItem(patient, {first.studyDescription.empty() ? tr("(no description)") : QString::fromStdString(first.studyDescription),
                                                        formatDicomDate(date), mods, QString()});
            study->setData(0, Qt::UserRole, -1);
            int images = 0;
            for (int i : indices) {
                const auto& s = series_[std::size_t(i)];
                images += int(s.imageCount());
                auto* item = new QTreeWidgetItem(study, {QString::number(s.seriesNumber) + "  " + QString::fromStdString(s.seriesDescription),
                                                         QString(), QString::fromStdString(s.modality), QString::number(s.imageCount())});
                item->setData(0, Qt::UserRole, i);
            }
            study->setText(3, QString::number(images));
        }
    }
    expandAll();
    resizeColumnToContents(1);
    resizeColumnToContents(2);
}

void StudyBrowser::selectFirstSeries() {
    if (topLevelItemCount() == 0) return;
    QTreeWidgetItem* patient = topLevelItem(0);
    if (patient->childCount() == 0 || patient->child(0)->childCount() == 0) return;
    setCurrentItem(patient->child(0)->child(0));
}

}  // namespace lightbox::viewer
