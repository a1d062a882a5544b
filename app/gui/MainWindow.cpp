#include "MainWindow.h"

#include "lightbox/core/Error.h"
#include "lightbox/viewer/ImageView.h"
#include "lightbox/viewer/StudyBrowser.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QStatusBar>
#include <QThread>

namespace lightbox::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("Lightbox"));
    view_ = new viewer::ImageView(this);
    setCentralWidget(view_);

    browser_ = new viewer::StudyBrowser(this);
    auto* dock = new QDockWidget(tr("Studies"), this);
    dock->setObjectName("studies");
    dock->setWidget(browser_);
    browser_->setMinimumWidth(420);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    connect(browser_, &viewer::StudyBrowser::seriesActivated, view_, &viewer::ImageView::setSeries);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Folder or DICOMDIR..."), this, &MainWindow::chooseFolder);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    status_ = new QLabel(tr("No archive open"), this);
    statusBar()->addWidget(status_, 1);
    connect(view_, &viewer::ImageView::imageChanged, this, [this](int index, int count) {
        statusBar()->showMessage(tr("Image %1 of %2").arg(index + 1).arg(count), 3000);
    });
    resize(1400, 900);
}

MainWindow::~MainWindow() {
    if (cancel_) cancel_->store(true);
}

void MainWindow::chooseFolder() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open DICOM folder"));
    if (!folder.isEmpty()) openFolder(folder);
}

void MainWindow::openFolder(const QString& folder, std::function<void()> onDone) {
    if (cancel_) cancel_->store(true);
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    progress_ = new QProgressDialog(tr("Reading %1...").arg(folder), tr("Cancel"), 0, 100, this);
    progress_->setWindowModality(Qt::WindowModal);
    progress_->setMinimumDuration(400);
    progress_->setAttribute(Qt::WA_DeleteOnClose);
    auto cancel = cancel_;
    connect(progress_, &QProgressDialog::canceled, this, [cancel] { cancel->store(true); });

    QPointer<QProgressDialog> dialog = progress_;
    QPointer<MainWindow> self = this;
    QThread* thread = QThread::create([folder, cancel, dialog, self, onDone]() {
        auto result = std::make_shared<core::ScanResult>();
        QString error;
        try {
            core::ScanOptions options;
            options.cancel = cancel.get();
            options.progress = [dialog](std::size_t done, std::size_t total) {
                QMetaObject::invokeMethod(qApp, [dialog, done, total] {
                    if (dialog) {
                        dialog->setMaximum(int(total));
                        dialog->setValue(int(done));
                    }
                }, Qt::QueuedConnection);
            };
            *result = core::scanForSeries(folder.toStdString(), options);
        } catch (const core::Error& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [self, result, error, onDone] {
            if (self) self->scanFinished(result, error, onDone);
        }, Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void MainWindow::scanFinished(std::shared_ptr<core::ScanResult> result, QString error, std::function<void()> onDone) {
    if (progress_) progress_->close();
    if (!error.isEmpty()) {
        status_->setText(error);
        if (!cancel_ || !cancel_->load()) QMessageBox::warning(this, tr("Lightbox"), error);
    } else {
        browser_->setSeries(result->series);
        status_->setText(tr("%n patient(s)", "", browser_->patientCount()) + ", " +
                         tr("%n series", "", int(result->series.size())) +
                         (result->skipped.empty() ? QString() : ", " + tr("%n file(s) skipped", "", int(result->skipped.size()))));
        browser_->selectFirstSeries();
    }
    if (onDone) onDone();
}

}  // namespace lightbox::app
