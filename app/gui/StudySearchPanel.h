#pragma once
// The study browser's search: patient name (wildcards * and ?, case-
// insensitive, as archive queries match; a name without wildcards matches
// as a prefix), patient ID, accession number, study date range (with quick
// ranges), modality; over the local archive and the configured remote nodes
// (C-FIND or QIDO-RS, off the GUI thread, each row marked with its node).
// Local results follow the archive: when its index changes (a C-STORE to the
// listener, an import, another program) the search runs again and the
// selection stays. The selected study's series are listed with a thumbnail
// of each series' middle image, decoded in the background.
//
// Opening a local study emits openRequested; a remote study is retrieved
// into the archive as a task in the task panel.

#include "BackgroundWork.h"
#include "ArchiveTasks.h"

#include "lightbox/pacsclient/RemoteNode.h"

#include <QDate>
#include <QIcon>
#include <QWidget>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace lightbox::archive {
class Archive;
}

namespace lightbox::app {

class TaskPanel;

// The search as the user typed it (what the panel's fields hold).
struct StudySearch {
    QString patientName, patientId, accession, modality;
    std::optional<QDate> from, to;  // inclusive; unset: open
    // C-FIND matching keys (keyword -> value) for a study-level search.
    std::vector<std::pair<std::string, std::string>> matchKeys() const;
};

class StudySearchPanel : public QWidget {
    Q_OBJECT
public:
    explicit StudySearchPanel(QWidget* parent = nullptr);
    ~StudySearchPanel() override;

    // The archive searched and watched (not owned; nullptr: none).
    void setArchive(archive::Archive* archive);
    // Where remote nodes are configured (re-read at every search), and our AE title.
    void setRemoteNodesFile(std::filesystem::path file);
    void setLocalAeTitle(const QString& aeTitle);
    void setRetrieveTarget(const RetrieveTarget& target) { retrieveTarget_ = target; }
    // Retrieves run here (not owned).
    void setTaskPanel(TaskPanel* panel) { tasks_ = panel; }

    // The fields.
    StudySearch search() const;
    void setSearch(const StudySearch& search);
    // Quick date ranges: days back from today (0 = today only); -1 = any date.
    void setDateRangeDays(int days);
    // Where to search: "" the local archive only, "*" local and every node, or a node name.
    void setScope(const QString& scope);
    QString scope() const;

    // Runs the search now (local at once in the background, remote nodes in parallel).
    void runSearch();
    // Runs the local part again, keeping the selection (the archive changed).
    void refreshLocal();
    void focusSearch();

    // Results: local rows have an empty node name.
    struct Row {
        QString node;  // "" = local archive
        std::map<std::string, std::string> values;
        QString value(const char* keyword) const;
    };
    const std::vector<Row>& rows() const { return rows_; }
    QTreeWidget* resultsView() const { return results_; }
    QListWidget* seriesView() const { return series_; }
    // The selected study (UID, node) or empty.
    QString selectedStudy() const;
    QString selectedNode() const;
    bool selectStudy(const QString& studyUid, const QString& node = {});
    // Moves the selection to the next / previous study in the list; false at the end.
    bool selectAdjacent(int step);
    // Thumbnails decoded so far (series UID -> image), for tests.
    int thumbnailCount() const { return int(thumbnails_.size()); }
    // The thumbnail of a series shown in the details (null until decoded).
    QImage thumbnail(const QString& seriesUid) const;

    void openSelected();
    void retrieveSelected();

signals:
    void openRequested(const QString& studyUid);
    // A search (local and every remote node asked) has all its answers.
    void searchFinished();
    void localResultsChanged();
    void selectedStudyChanged(const QString& studyUid);

private:
    void buildUi();
    void scheduleLocal();
    void startLocal(bool keepSelection);
    void localAnswered(int generation, std::vector<Row> rows, QString error);
    void remoteAnswered(int generation, QString node, std::vector<Row> rows, QString error);
    void populate();
    void showDetails();
    void detailsAnswered(QString studyUid, std::vector<Row> series, QString error);
    void thumbnailDecoded(QString seriesUid, QImage image);
    void pollArchive();
    void updateStatus();
    void updateButtons();
    std::vector<pacs::RemoteNode> readNodes(QString* error) const;

    archive::Archive* archive_ = nullptr;
    std::filesystem::path nodesFile_;
    QString localAe_ = QStringLiteral("LIGHTBOX");
    RetrieveTarget retrieveTarget_;
    TaskPanel* tasks_ = nullptr;

    QLineEdit *name_ = nullptr, *patientId_ = nullptr, *accession_ = nullptr;
    QComboBox* modality_ = nullptr;
    QCheckBox* dateOn_ = nullptr;
    QDateEdit *from_ = nullptr, *to_ = nullptr;
    QComboBox* scope_ = nullptr;
    QPushButton *searchButton_ = nullptr, *openButton_ = nullptr, *retrieveButton_ = nullptr;
    QTreeWidget* results_ = nullptr;
    QListWidget* series_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* detailsTitle_ = nullptr;
    QTimer* typing_ = nullptr;  // debounces typing into a local search
    QTimer* poll_ = nullptr;    // watches the archive's index files

    int generation_ = 0;        // the current search; older answers are dropped
    int localGeneration_ = 0;
    int pendingRemote_ = 0;
    bool localPending_ = false;
    std::vector<Row> local_;
    std::map<QString, std::vector<Row>> remote_;  // node -> rows
    std::map<QString, QString> remoteErrors_;
    QString localError_;
    std::vector<Row> rows_;
    QString detailsStudy_;
    std::map<QString, QImage> thumbnails_;
    QString archiveStamp_;
    std::shared_ptr<std::atomic<bool>> remoteCancel_;
    BackgroundWork work_;  // last: joined first, while the widgets still exist
};

}  // namespace lightbox::app
