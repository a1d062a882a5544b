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
    viewer::StudyBrowser* studyBrowser() const { return browser_; }
    viewer::ImageView* imageView() const { return view_; }

private:
    void chooseFolder();
    void scanFinished(std::shared_ptr<core::ScanResult> result, QString error, std::function<void()> onDone);

    viewer::StudyBrowser* browser_ = nullptr;
    viewer::ImageView* view_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressDialog* progress_ = nullptr;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

}  // namespace lightbox::app
