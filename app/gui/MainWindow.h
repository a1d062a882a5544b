#pragma once
// The workstation's main window: the composition root of the GUI. It wires
// the study browser and the image view to the archive folder it reads.

#include "lightbox/core/Series.h"

#include <QMainWindow>

#include <atomic>
#include <filesystem>
#include <memory>

class QLabel;
class QMenu;
class QProgressDialog;

namespace lightbox::archive {
class Archive;
}
namespace lightbox::pacs {
class DicomNode;
}

namespace lightbox::viewer {
class ImageView;
class ReadingArea;
class ShortcutHelpOverlay;
class StudyBrowser;
}  // namespace lightbox::viewer
class QTabWidget;

namespace lightbox::app {

class RecentStudies;
class StudySearchPanel;
class TaskPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Scans `folder` in the background (progress dialog with Cancel) and
    // shows what it finds; `onDone` runs on the GUI thread afterwards.
    void openFolder(const QString& folder, std::function<void()> onDone = {});

    // The embedded archive: its studies fill the browser; imports and the
    // DICOM listener store into it. Not owned.
    void setArchive(archive::Archive* archive, std::function<void()> onLoaded = {});
    void reloadArchive(std::function<void()> onLoaded = {});
    // Imports files/folders into the archive in the background (progress, Cancel).
    void importIntoArchive(const QStringList& paths, std::function<void()> onDone = {});
    // Starts / stops the Storage SCP (the same node as `archive serve`) on the archive.
    bool startListening(const QString& aeTitle, quint16 port, QString* error = nullptr);
    void stopListening();
    bool isListening() const { return node_ != nullptr; }
    viewer::StudyBrowser* studyBrowser() const { return browser_; }
    viewer::ImageView* imageView() const { return view_; }
    // The GPU reading area (viewports, layouts, MPR) beside the image view.
    viewer::ReadingArea* readingArea() const { return reading_; }
    // Opens a study of the archive in the reading area: its series read from
    // the archive's files, the first volume shown in `layout` ("1x1", "1x2",
    // "2x2", "3x3", "mpr"); an empty `layout` hangs it by hanging protocol
    // with its priors (StudyOpening.cpp). `onShown` gets an empty string on
    // success, once every viewport holds its image.
    void openStudy(const QString& studyUid, const QString& layout, std::function<void(QString error)> onShown = {});
    // Prints the opening's timings (ms) on stderr (`lightbox --timing`, or LIGHTBOX_TIMING=1).
    void setTimingReport(bool on);

    // The browser's parts (MainWindowBrowser.cpp composes them): search over
    // the archive and remote nodes, the task panel, recent studies, the
    // settings dialog and the keyboard help overlay.
    StudySearchPanel* studySearch() const { return search_; }
    TaskPanel* taskPanel() const { return tasks_; }
    RecentStudies* recentStudies() const { return recent_; }
    viewer::ShortcutHelpOverlay* shortcutHelp() const { return help_; }
    void openSettings();

private:
    void installBrowser(QMenu* fileMenu);
    void openFromBrowser(const QString& studyUid);
    void chooseImportFiles();
    void chooseFolder();
    void chooseImport();
    void toggleListening(bool on);
    void showSeries(const core::SeriesInfo& series);
    void openStudyByProtocol(const QString& studyUid, std::function<void(QString error)> onShown);
    void startRemotePriorFetch();
    void scanFinished(std::shared_ptr<core::ScanResult> result, QString error, std::function<void()> onDone);

    viewer::StudyBrowser* browser_ = nullptr;
    viewer::ImageView* view_ = nullptr;
    viewer::ReadingArea* reading_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    std::vector<core::SeriesInfo> readingPending_;  // shown in the reading area when its tab opens
    void showInReadingArea(std::vector<core::SeriesInfo> study, const core::SeriesInfo& series);
    QLabel* status_ = nullptr;
    QLabel* calibrationStatus_ = nullptr;  // what the reading viewports' calibration is
    QProgressDialog* progress_ = nullptr;
    std::shared_ptr<std::atomic<bool>> cancel_;
    archive::Archive* archive_ = nullptr;
    std::unique_ptr<pacs::DicomNode> node_;
    std::unique_ptr<class ArchiveNodeServices> services_;
    QAction* listenAction_ = nullptr;
    class QTimer* refreshTimer_ = nullptr;
    int seriesRequest_ = 0;
    std::unique_ptr<struct StudyOpening> opening_;  // the study being opened by protocol, its priors
    StudySearchPanel* search_ = nullptr;
    TaskPanel* tasks_ = nullptr;
    RecentStudies* recent_ = nullptr;
    viewer::ShortcutHelpOverlay* help_ = nullptr;
    QMenu* recentMenu_ = nullptr;
};

}  // namespace lightbox::app
