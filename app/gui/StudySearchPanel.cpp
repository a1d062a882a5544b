#include "StudySearchPanel.h"

#include "TaskPanel.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/Series.h"
#include "lightbox/pacsclient/DicomWebClient.h"
#include "lightbox/pacsclient/DimseClient.h"
#include "lightbox/viewer/SeriesImageSource.h"
#include "lightbox/viewer/StudyBrowser.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace lightbox::app {

namespace {

const std::vector<std::string>& studyReturnKeys() {
    static const std::vector<std::string> keys = {
        "PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "StudyDate", "StudyTime",
        "AccessionNumber", "StudyDescription", "ModalitiesInStudy", "NumberOfStudyRelatedSeries",
        "NumberOfStudyRelatedInstances"};
    return keys;
}

// Where a study is (local or which node) comes early: it decides Open or Retrieve.
enum Column { ColName, ColId, ColDate, ColModality, ColLocation, ColDescription, ColAccession, ColImages, ColCount };

QString dicomDate(const QDate& d) { return d.toString(QStringLiteral("yyyyMMdd")); }

constexpr std::size_t kLocalLimit = 5000;  // rows of one local search
constexpr int kRowRole = Qt::UserRole + 1;
constexpr int kSortRole = Qt::UserRole + 2;

// Sorts dates and counts by value, not by their text.
class ResultItem : public QTreeWidgetItem {
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem& other) const override {
        const int c = treeWidget() ? treeWidget()->sortColumn() : 0;
        const QVariant a = data(c, kSortRole), b = other.data(c, kSortRole);
        if (a.isValid() && b.isValid()) return QVariant::compare(a, b) == QPartialOrdering::Less;
        return text(c).localeAwareCompare(other.text(c)) < 0;
    }
};

QImage placeholderThumbnail(int size, const QString& text) {
    QImage image(size, size, QImage::Format_RGB888);
    image.fill(QColor(24, 26, 30));
    QPainter p(&image);
    p.setPen(QColor(120, 126, 136));
    p.drawText(image.rect(), Qt::AlignCenter, text);
    return image;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> StudySearch::matchKeys() const {
    std::vector<std::pair<std::string, std::string>> match;
    const QString name = patientName.trimmed();
    if (!name.isEmpty()) {
        // Radiologists type the start of the family name; wildcards as typed otherwise.
        const bool wild = name.contains('*') || name.contains('?');
        match.emplace_back("PatientName", (wild ? name : name + '*').toStdString());
    }
    if (!patientId.trimmed().isEmpty()) match.emplace_back("PatientID", patientId.trimmed().toStdString());
    if (!accession.trimmed().isEmpty()) match.emplace_back("AccessionNumber", accession.trimmed().toStdString());
    if (from || to)
        match.emplace_back("StudyDate", ((from ? dicomDate(*from) : QString()) + '-' + (to ? dicomDate(*to) : QString())).toStdString());
    if (!modality.trimmed().isEmpty()) match.emplace_back("ModalitiesInStudy", modality.trimmed().toUpper().toStdString());
    return match;
}

QString StudySearchPanel::Row::value(const char* keyword) const {
    auto it = values.find(keyword);
    return it == values.end() ? QString() : QString::fromStdString(it->second);
}

StudySearchPanel::StudySearchPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("studySearch"));
    buildUi();
    typing_ = new QTimer(this);
    typing_->setSingleShot(true);
    typing_->setInterval(250);
    connect(typing_, &QTimer::timeout, this, [this] { startLocal(false); });
    // The archive has no change signal across processes: watch its index
    // files (the WAL grows with every commit) - two stat() calls a second.
    poll_ = new QTimer(this);
    poll_->setInterval(1000);
    connect(poll_, &QTimer::timeout, this, &StudySearchPanel::pollArchive);
}

StudySearchPanel::~StudySearchPanel() {
    if (remoteCancel_) remoteCancel_->store(true);
}

void StudySearchPanel::buildUi() {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 6, 6, 6);
    outer->setSpacing(6);

    auto* form = new QGridLayout;
    form->setHorizontalSpacing(6);
    form->setVerticalSpacing(4);
    name_ = new QLineEdit(this);
    name_->setObjectName(QStringLiteral("patientName"));
    name_->setPlaceholderText(tr("Patient name (SMITH, SM*TH, *ANNA)"));
    name_->setClearButtonEnabled(true);
    patientId_ = new QLineEdit(this);
    patientId_->setObjectName(QStringLiteral("patientId"));
    patientId_->setPlaceholderText(tr("Patient ID"));
    patientId_->setClearButtonEnabled(true);
    accession_ = new QLineEdit(this);
    accession_->setObjectName(QStringLiteral("accession"));
    accession_->setPlaceholderText(tr("Accession"));
    accession_->setClearButtonEnabled(true);
    modality_ = new QComboBox(this);
    modality_->setObjectName(QStringLiteral("modality"));
    modality_->setEditable(true);
    modality_->addItem(tr("Any modality"), QString());
    for (const char* m : {"CT", "MR", "CR", "DX", "MG", "US", "PT", "NM", "XA", "RF", "OT", "SR"})
        modality_->addItem(QString::fromLatin1(m), QString::fromLatin1(m));
    form->addWidget(name_, 0, 0, 1, 2);
    form->addWidget(patientId_, 0, 2);
    form->addWidget(accession_, 0, 3);
    form->addWidget(modality_, 0, 4);

    dateOn_ = new QCheckBox(tr("Study date"), this);
    dateOn_->setObjectName(QStringLiteral("dateOn"));
    from_ = new QDateEdit(QDate::currentDate().addDays(-7), this);
    to_ = new QDateEdit(QDate::currentDate(), this);
    for (QDateEdit* e : {from_, to_}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        e->setEnabled(false);
    }
    auto* dates = new QHBoxLayout;
    dates->setSpacing(4);
    dates->addWidget(dateOn_);
    dates->addWidget(from_);
    dates->addWidget(new QLabel(QStringLiteral("–"), this));
    dates->addWidget(to_);
    const std::pair<QString, int> quick[] = {{tr("Today"), 0}, {tr("Yesterday"), 1}, {tr("7 days"), 7},
                                             {tr("30 days"), 30}, {tr("1 year"), 365}, {tr("Any"), -1}};
    for (const auto& [label, days] : quick) {
        auto* b = new QToolButton(this);
        b->setText(label);
        b->setAutoRaise(true);
        b->setObjectName(QStringLiteral("days%1").arg(days));
        const int d = days;
        connect(b, &QToolButton::clicked, this, [this, d] {
            setDateRangeDays(d);
            runSearch();
        });
        dates->addWidget(b);
    }
    dates->addStretch(1);
    form->addLayout(dates, 1, 0, 1, 5);

    auto* where = new QHBoxLayout;
    where->addWidget(new QLabel(tr("Search in"), this));
    scope_ = new QComboBox(this);
    scope_->setObjectName(QStringLiteral("scope"));
    scope_->addItem(tr("Local archive"), QString());
    scope_->addItem(tr("Local archive and all remote nodes"), QStringLiteral("*"));
    where->addWidget(scope_, 1);
    searchButton_ = new QPushButton(tr("Search"), this);
    searchButton_->setObjectName(QStringLiteral("search"));
    searchButton_->setDefault(true);
    where->addWidget(searchButton_);
    form->addLayout(where, 2, 0, 1, 5);
    form->setColumnStretch(1, 1);
    outer->addLayout(form);

    results_ = new QTreeWidget(this);
    results_->setObjectName(QStringLiteral("results"));
    results_->setColumnCount(ColCount);
    results_->setHeaderLabels({tr("Patient"), tr("Patient ID"), tr("Study date"), tr("Modality"), tr("Location"),
                               tr("Description"), tr("Accession"), tr("Images")});
    results_->setRootIsDecorated(false);
    results_->setUniformRowHeights(true);
    results_->setAlternatingRowColors(true);
    results_->setSortingEnabled(true);
    results_->sortByColumn(ColDate, Qt::DescendingOrder);
    results_->setSelectionMode(QAbstractItemView::SingleSelection);
    results_->header()->setSectionResizeMode(QHeaderView::Interactive);
    results_->header()->setStretchLastSection(true);

    auto* details = new QWidget(this);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsTitle_ = new QLabel(details);
    detailsTitle_->setTextFormat(Qt::PlainText);
    series_ = new QListWidget(details);
    series_->setObjectName(QStringLiteral("seriesThumbnails"));
    series_->setViewMode(QListView::IconMode);
    series_->setIconSize(QSize(96, 96));
    series_->setGridSize(QSize(136, 172));
    series_->setMinimumHeight(190);
    series_->setResizeMode(QListView::Adjust);
    series_->setMovement(QListView::Static);
    series_->setWordWrap(true);
    series_->setUniformItemSizes(true);
    detailsLayout->addWidget(detailsTitle_);
    detailsLayout->addWidget(series_, 1);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(results_);
    split->addWidget(details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    outer->addWidget(split, 1);

    auto* bottom = new QHBoxLayout;
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("searchStatus"));
    bottom->addWidget(status_, 1);
    retrieveButton_ = new QPushButton(tr("Retrieve"), this);
    retrieveButton_->setObjectName(QStringLiteral("retrieve"));
    openButton_ = new QPushButton(tr("Open"), this);
    openButton_->setObjectName(QStringLiteral("open"));
    bottom->addWidget(retrieveButton_);
    bottom->addWidget(openButton_);
    outer->addLayout(bottom);

    for (QLineEdit* e : {name_, patientId_, accession_}) {
        connect(e, &QLineEdit::textEdited, this, [this] { scheduleLocal(); });
        connect(e, &QLineEdit::returnPressed, this, &StudySearchPanel::runSearch);
    }
    connect(modality_, &QComboBox::currentTextChanged, this, [this] { scheduleLocal(); });
    connect(dateOn_, &QCheckBox::toggled, this, [this](bool on) {
        from_->setEnabled(on);
        to_->setEnabled(on);
        scheduleLocal();
    });
    connect(from_, &QDateEdit::dateChanged, this, [this] { scheduleLocal(); });
    connect(to_, &QDateEdit::dateChanged, this, [this] { scheduleLocal(); });
    connect(searchButton_, &QPushButton::clicked, this, &StudySearchPanel::runSearch);
    connect(openButton_, &QPushButton::clicked, this, &StudySearchPanel::openSelected);
    connect(retrieveButton_, &QPushButton::clicked, this, &StudySearchPanel::retrieveSelected);
    connect(results_, &QTreeWidget::itemActivated, this, [this] {
        if (selectedNode().isEmpty()) openSelected();
        else retrieveSelected();
    });
    connect(results_, &QTreeWidget::currentItemChanged, this, [this] {
        updateButtons();
        showDetails();
        emit selectedStudyChanged(selectedStudy());
    });
    updateButtons();
}

void StudySearchPanel::setArchive(archive::Archive* archive) {
    archive_ = archive;
    archiveStamp_.clear();
    thumbnails_.clear();
    if (archive_ && !archive_->root().empty()) poll_->start();
    else poll_->stop();
    pollArchive();  // records the stamp
    startLocal(false);
}

void StudySearchPanel::setRemoteNodesFile(std::filesystem::path file) {
    nodesFile_ = std::move(file);
    // The scope list: local, everything, then each node by name.
    const QString keep = scope();
    while (scope_->count() > 2) scope_->removeItem(2);
    QString error;
    for (const auto& node : readNodes(&error)) {
        const QString name = QString::fromStdString(node.name);
        scope_->addItem(tr("Remote node %1").arg(name), name);
    }
    setScope(keep);
}

void StudySearchPanel::setLocalAeTitle(const QString& aeTitle) { localAe_ = aeTitle; }

std::vector<pacs::RemoteNode> StudySearchPanel::readNodes(QString* error) const {
    if (nodesFile_.empty()) return {};
    try {
        return pacs::readRemoteNodes(nodesFile_);
    } catch (const core::Error& e) {
        if (e.code() != core::ErrorCode::FileNotFound && error) *error = QString::fromStdString(e.what());
        return {};
    }
}

StudySearch StudySearchPanel::search() const {
    StudySearch s;
    s.patientName = name_->text();
    s.patientId = patientId_->text();
    s.accession = accession_->text();
    s.modality = modality_->currentIndex() == 0 && modality_->currentText() == modality_->itemText(0)
                     ? QString()
                     : modality_->currentText();
    if (dateOn_->isChecked()) {
        s.from = from_->date();
        s.to = to_->date();
    }
    return s;
}

void StudySearchPanel::setSearch(const StudySearch& s) {
    const QSignalBlocker b1(name_), b2(patientId_), b3(accession_), b4(modality_), b5(dateOn_), b6(from_), b7(to_);
    name_->setText(s.patientName);
    patientId_->setText(s.patientId);
    accession_->setText(s.accession);
    if (s.modality.isEmpty()) modality_->setCurrentIndex(0);
    else modality_->setCurrentText(s.modality);
    dateOn_->setChecked(s.from || s.to);
    from_->setEnabled(dateOn_->isChecked());
    to_->setEnabled(dateOn_->isChecked());
    if (s.from) from_->setDate(*s.from);
    if (s.to) to_->setDate(*s.to);
}

void StudySearchPanel::setDateRangeDays(int days) {
    const QSignalBlocker b1(dateOn_), b2(from_), b3(to_);
    const bool on = days >= 0;
    dateOn_->setChecked(on);
    from_->setEnabled(on);
    to_->setEnabled(on);
    if (!on) return;
    const QDate today = QDate::currentDate();
    // "Yesterday" is that day alone; the others end today.
    from_->setDate(today.addDays(-days));
    to_->setDate(days == 1 ? today.addDays(-1) : today);
}

void StudySearchPanel::setScope(const QString& scope) {
    const int i = scope_->findData(scope);
    scope_->setCurrentIndex(i < 0 ? 0 : i);
}

QString StudySearchPanel::scope() const { return scope_->currentData().toString(); }

void StudySearchPanel::focusSearch() {
    name_->setFocus(Qt::ShortcutFocusReason);
    name_->selectAll();
}

void StudySearchPanel::scheduleLocal() { typing_->start(); }

void StudySearchPanel::runSearch() {
    typing_->stop();
    ++generation_;
    if (remoteCancel_) remoteCancel_->store(true);
    remote_.clear();
    remoteErrors_.clear();
    pendingRemote_ = 0;
    startLocal(false);
    const QString where = scope();
    if (where.isEmpty()) return;

    QString error;
    std::vector<pacs::RemoteNode> nodes = readNodes(&error);
    if (!error.isEmpty()) remoteErrors_[tr("nodes file")] = error;
    if (where != QLatin1String("*"))
        std::erase_if(nodes, [&](const pacs::RemoteNode& n) { return QString::fromStdString(n.name) != where; });
    remoteCancel_ = std::make_shared<std::atomic<bool>>(false);
    pacs::QueryRequest request;
    request.level = pacs::QueryLevel::Study;
    request.match = search().matchKeys();
    for (const std::string& k : studyReturnKeys())
        if (std::none_of(request.match.begin(), request.match.end(), [&](const auto& m) { return m.first == k; }))
            request.match.emplace_back(k, "");
    for (const auto& [k, v] : request.match) request.returnKeys.push_back(k);
    const int generation = generation_;
    const std::string localAe = localAe_.toStdString();
    for (const pacs::RemoteNode& node : nodes) {
        ++pendingRemote_;
        auto cancel = remoteCancel_;
        work_.run([this, node, request, generation, localAe, cancel] {
            std::vector<Row> rows;
            QString failure;
            try {
                const std::vector<pacs::QueryMatch> matches =
                    node.hasDimse() ? pacs::DimseClient(node, localAe).find(request, cancel.get())
                                    : pacs::DicomWebClient(node).search(request, cancel.get());
                for (const auto& m : matches) rows.push_back({QString::fromStdString(node.name), m});
            } catch (const std::exception& e) {
                failure = QString::fromStdString(e.what());
            }
            const QString name = QString::fromStdString(node.name);
            QMetaObject::invokeMethod(
                this, [this, generation, name, rows = std::move(rows), failure]() mutable {
                    remoteAnswered(generation, name, std::move(rows), failure);
                },
                Qt::QueuedConnection);
        });
    }
    updateStatus();
}

void StudySearchPanel::refreshLocal() { startLocal(true); }

void StudySearchPanel::startLocal(bool keepSelection) {
    (void)keepSelection;  // the selection is always kept by study UID
    if (!archive_) return;
    const int generation = ++localGeneration_;
    localPending_ = true;
    archive::Query query;
    query.level = archive::Level::Study;
    query.match = search().matchKeys();
    query.returnKeys = studyReturnKeys();
    query.limit = kLocalLimit;  // the status says when there may be more
    archive::Archive* a = archive_;
    work_.run([this, a, query, generation] {
        std::vector<Row> rows;
        QString error;
        try {
            for (auto& r : a->query(query)) rows.push_back({QString(), std::move(r)});
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            this, [this, generation, rows = std::move(rows), error]() mutable { localAnswered(generation, std::move(rows), error); },
            Qt::QueuedConnection);
    });
    updateStatus();
}

void StudySearchPanel::localAnswered(int generation, std::vector<Row> rows, QString error) {
    if (generation != localGeneration_) return;  // a newer local search is under way
    localPending_ = false;
    local_ = std::move(rows);
    localError_ = error;
    populate();
    emit localResultsChanged();
    if (pendingRemote_ == 0) emit searchFinished();
}

void StudySearchPanel::remoteAnswered(int generation, QString node, std::vector<Row> rows, QString error) {
    if (generation != generation_) return;
    --pendingRemote_;
    remote_[node] = std::move(rows);
    if (!error.isEmpty()) remoteErrors_[node] = error;
    populate();
    if (pendingRemote_ == 0 && !localPending_) emit searchFinished();
}

void StudySearchPanel::populate() {
    const QString keepStudy = selectedStudy(), keepNode = selectedNode();
    rows_ = local_;
    for (const auto& [node, rows] : remote_) rows_.insert(rows_.end(), rows.begin(), rows.end());

    const QSignalBlocker block(results_);
    results_->setSortingEnabled(false);
    results_->clear();
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        const Row& r = rows_[i];
        auto* item = new ResultItem(results_);
        const QString date = r.value("StudyDate");
        item->setText(ColName, viewer::formatPersonName(r.value("PatientName").toStdString()));
        item->setText(ColId, r.value("PatientID"));
        item->setText(ColDate, viewer::formatDicomDate(date.toStdString()));
        item->setData(ColDate, kSortRole, date + r.value("StudyTime"));
        item->setText(ColModality, r.value("ModalitiesInStudy").replace('\\', '/'));
        item->setText(ColDescription, r.value("StudyDescription"));
        item->setText(ColAccession, r.value("AccessionNumber"));
        const QString images = r.value("NumberOfStudyRelatedInstances");
        item->setText(ColImages, images);
        item->setData(ColImages, kSortRole, images.toLongLong());
        item->setTextAlignment(ColImages, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(ColLocation, r.node.isEmpty() ? tr("Local") : r.node);
        if (!r.node.isEmpty()) {
            item->setForeground(ColLocation, QColor(110, 170, 255));
            item->setToolTip(ColLocation, tr("On remote node %1: Retrieve copies it into the archive").arg(r.node));
        }
        item->setData(0, kRowRole, qulonglong(i));
    }
    results_->setSortingEnabled(true);
    // Columns fit their contents; a long description is cut, not the names.
    for (int c = 0; c < ColCount; ++c) results_->resizeColumnToContents(c);
    results_->setColumnWidth(ColDescription, std::min(results_->columnWidth(ColDescription), 200));
    results_->setColumnWidth(ColName, std::min(results_->columnWidth(ColName), 220));
    // The selection stays where it was (same study, same place); when that
    // study is not among the results, the first (newest) one is selected.
    bool reselected = !keepStudy.isEmpty() && selectStudy(keepStudy, keepNode);
    if (!reselected && results_->topLevelItemCount() > 0) results_->setCurrentItem(results_->topLevelItem(0));
    updateButtons();
    updateStatus();
    // Details follow the (kept) selection: a series that arrived shows up.
    showDetails();
    if (!reselected && selectedStudy() != keepStudy) emit selectedStudyChanged(selectedStudy());
}

void StudySearchPanel::updateStatus() {
    QStringList parts;
    if (localPending_) parts << tr("Searching the archive...");
    else if (!localError_.isEmpty()) parts << tr("Archive: %1").arg(localError_);
    else if (local_.size() >= kLocalLimit) parts << tr("Local archive: the first %1 (narrow the search)").arg(local_.size());
    else parts << tr("Local archive: %1").arg(local_.size());
    for (const auto& [node, rows] : remote_)
        if (!remoteErrors_.count(node)) parts << tr("%1: %2").arg(node).arg(rows.size());
    for (const auto& [node, error] : remoteErrors_) parts << tr("%1 failed: %2").arg(node, error);
    if (pendingRemote_ > 0) parts << tr("nodes still searching: %1").arg(pendingRemote_);
    status_->setText(parts.join(QStringLiteral(" · ")));
    status_->setToolTip(status_->text());
}

void StudySearchPanel::updateButtons() {
    const bool any = !selectedStudy().isEmpty();
    const bool remote = any && !selectedNode().isEmpty();
    openButton_->setEnabled(any && !remote);
    retrieveButton_->setEnabled(remote && tasks_ && archive_);
}

QString StudySearchPanel::selectedStudy() const {
    QTreeWidgetItem* item = results_->currentItem();
    if (!item) return {};
    return rows_[item->data(0, kRowRole).toULongLong()].value("StudyInstanceUID");
}

QString StudySearchPanel::selectedNode() const {
    QTreeWidgetItem* item = results_->currentItem();
    if (!item) return {};
    return rows_[item->data(0, kRowRole).toULongLong()].node;
}

bool StudySearchPanel::selectStudy(const QString& studyUid, const QString& node) {
    for (int i = 0; i < results_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = results_->topLevelItem(i);
        const Row& r = rows_[item->data(0, kRowRole).toULongLong()];
        if (r.value("StudyInstanceUID") == studyUid && r.node == node) {
            results_->setCurrentItem(item);
            results_->scrollToItem(item);
            return true;
        }
    }
    return false;
}

bool StudySearchPanel::selectAdjacent(int step) {
    QTreeWidgetItem* item = results_->currentItem();
    const int index = item ? results_->indexOfTopLevelItem(item) + step : 0;
    if (index < 0 || index >= results_->topLevelItemCount()) return false;
    results_->setCurrentItem(results_->topLevelItem(index));
    return true;
}

void StudySearchPanel::openSelected() {
    const QString uid = selectedStudy();
    if (!uid.isEmpty() && selectedNode().isEmpty()) emit openRequested(uid);
}

void StudySearchPanel::retrieveSelected() {
    const QString uid = selectedStudy(), nodeName = selectedNode();
    if (uid.isEmpty() || nodeName.isEmpty() || !tasks_ || !archive_) return;
    QString error;
    const auto nodes = readNodes(&error);
    const pacs::RemoteNode* node = pacs::findNode(nodes, nodeName.toStdString());
    if (!node) return;
    QTreeWidgetItem* item = results_->currentItem();
    const QString description = item->text(ColName) + " " + item->text(ColDate);
    startRetrieveTask(*tasks_, *archive_, *node, uid, description, retrieveTarget_);
}

void StudySearchPanel::showDetails() {
    const QString uid = selectedStudy(), node = selectedNode();
    if (uid.isEmpty()) {
        detailsStudy_.clear();
        series_->clear();
        detailsTitle_->setText(QString());
        return;
    }
    QTreeWidgetItem* item = results_->currentItem();
    detailsTitle_->setText(tr("%1 · %2 · %3").arg(item->text(ColName), item->text(ColDate),
                                                   item->text(ColDescription).isEmpty() ? tr("(no description)")
                                                                                         : item->text(ColDescription)));
    if (!node.isEmpty()) {
        detailsStudy_.clear();
        series_->clear();
        detailsTitle_->setText(detailsTitle_->text() + "  " + tr("(on %1: Retrieve copies it here with its series)").arg(node));
        return;
    }
    if (!archive_) return;
    detailsStudy_ = uid;
    archive::Archive* a = archive_;
    work_.run([this, a, uid] {
        std::vector<Row> series;
        QString error;
        try {
            archive::Query q;
            q.level = archive::Level::Series;
            q.match = {{"StudyInstanceUID", uid.toStdString()}};
            q.returnKeys = {"Modality", "SeriesNumber", "SeriesDescription", "NumberOfSeriesRelatedInstances"};
            for (auto& r : a->query(q)) series.push_back({QString(), std::move(r)});
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            this, [this, uid, series = std::move(series), error]() mutable { detailsAnswered(uid, std::move(series), error); },
            Qt::QueuedConnection);
    });
}

void StudySearchPanel::detailsAnswered(QString studyUid, std::vector<Row> series, QString error) {
    if (studyUid != detailsStudy_) return;
    series_->clear();
    if (!error.isEmpty()) {
        new QListWidgetItem(error, series_);
        return;
    }
    std::sort(series.begin(), series.end(), [](const Row& a, const Row& b) {
        return a.value("SeriesNumber").toInt() < b.value("SeriesNumber").toInt();
    });
    archive::Archive* a = archive_;
    for (const Row& s : series) {
        const QString uid = s.value("SeriesInstanceUID");
        const QString count = s.value("NumberOfSeriesRelatedInstances");
        auto* item = new QListWidgetItem(series_);
        item->setText(tr("%1 %2\n%3 · images: %4").arg(s.value("SeriesNumber"), s.value("SeriesDescription"), s.value("Modality"), count));
        item->setData(Qt::UserRole, uid);
        item->setToolTip(item->text());
        // Thumbnails are cached per series and image count (a series still
        // arriving gets a new one when it has grown).
        const QString key = uid + '#' + count;
        auto cached = thumbnails_.find(key);
        if (cached != thumbnails_.end()) {
            item->setIcon(QIcon(QPixmap::fromImage(cached->second)));
            continue;
        }
        item->setIcon(QIcon(QPixmap::fromImage(placeholderThumbnail(96, tr("...")))));
        const std::string study = studyUid.toStdString(), seriesUid = uid.toStdString();
        auto cancel = work_.cancelFlag();
        work_.run([this, a, study, seriesUid, key, cancel] {
            QImage thumb;
            try {
                // The middle image by Instance Number: one file read, whatever the series' size.
                archive::Query q;
                q.level = archive::Level::Instance;
                q.match = {{"StudyInstanceUID", study}, {"SeriesInstanceUID", seriesUid}};
                q.returnKeys = {"InstanceNumber"};
                std::vector<std::pair<int, std::string>> instances;
                for (const auto& r : a->query(q)) {
                    auto number = r.find("InstanceNumber");
                    instances.emplace_back(number == r.end() ? 0 : std::atoi(number->second.c_str()), r.at("SOPInstanceUID"));
                }
                std::sort(instances.begin(), instances.end());
                std::vector<std::filesystem::path> files;
                if (!instances.empty())
                    for (const auto& i : a->locate(archive::Level::Instance, {{"StudyInstanceUID", study},
                                                                              {"SeriesInstanceUID", seriesUid},
                                                                              {"SOPInstanceUID", instances[instances.size() / 2].second}}))
                        files.push_back(i.path);
                if (!files.empty() && !cancel->load()) {
                    // A multi-frame object: its middle frame.
                    const core::ScanResult scan = core::scanFiles(files);
                    if (!scan.series.empty() && !scan.series.front().slices.empty()) {
                        const auto& slices = scan.series.front().slices;
                        const viewer::DisplayedImage shown = viewer::renderSlice(slices[slices.size() / 2]);
                        if (!shown.image.isNull())
                            thumb = shown.image.scaled(96, 96, Qt::KeepAspectRatio, Qt::SmoothTransformation);
                    }
                }
            } catch (const std::exception&) {
            }
            if (thumb.isNull()) thumb = placeholderThumbnail(96, tr("no image"));
            QMetaObject::invokeMethod(this, [this, key, thumb] { thumbnailDecoded(key, thumb); }, Qt::QueuedConnection);
        });
    }
}

QImage StudySearchPanel::thumbnail(const QString& seriesUid) const {
    for (const auto& [key, image] : thumbnails_)
        if (key.section('#', 0, 0) == seriesUid) return image;
    return {};
}

void StudySearchPanel::thumbnailDecoded(QString key, QImage image) {
    thumbnails_[key] = image;
    const QString uid = key.section('#', 0, 0);
    for (int i = 0; i < series_->count(); ++i)
        if (series_->item(i)->data(Qt::UserRole).toString() == uid) series_->item(i)->setIcon(QIcon(QPixmap::fromImage(image)));
}

void StudySearchPanel::pollArchive() {
    if (!archive_ || archive_->root().empty()) return;
    QString stamp;
    for (const char* name : {"index.sqlite", "index.sqlite-wal"}) {
        const QFileInfo info(QString::fromStdString((archive_->root() / name).string()));
        stamp += QString::number(info.size()) + ':' + QString::number(info.lastModified().toMSecsSinceEpoch()) + ';';
    }
    if (stamp == archiveStamp_) return;
    const bool first = archiveStamp_.isEmpty();
    archiveStamp_ = stamp;
    if (!first) refreshLocal();
}

}  // namespace lightbox::app
