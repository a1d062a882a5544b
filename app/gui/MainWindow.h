#pragma once
// The workstation's main window: the composition root of the GUI. It wires
// the study browser and the image view to the archive folder it reads.

#include "lightbox/core/Series.h"

#include <QMainWindow>

#include <atomic>
#include <filesystem>
#include <memory>

class QLabel;
class QProgressDialog;

namespace lightbox::archive {
class Archive;
}
namespace lightbox::pacs {
class DicomNode;
}

namespace lightbox::viewer {
class ImageView;
class StudyBrowser;
}  // namespace lightbox::viewer

namespace lightbox::app {

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

private:
    void chooseFolder();
    void chooseImport();
    void toggleListening(bool on);
    void showSeries(const core::SeriesInfo& series);
    void scanFinished(std::shared_ptr<core::ScanResult> result, QString error, std::function<void()> onDone);

    viewer::StudyBrowser* browser_ = nullptr;
    viewer::ImageView* view_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressDialog* progress_ = nullptr;
    std::shared_ptr<std::atomic<bool>> cancel_;
    archive::Archive* archive_ = nullptr;
    std::unique_ptr<pacs::DicomNode> node_;
    std::unique_ptr<class ArchiveNodeServices> services_;
    QAction* listenAction_ = nullptr;
    class QTimer* refreshTimer_ = nullptr;
    int seriesRequest_ = 0;
};

}  // namespace lightbox::app
