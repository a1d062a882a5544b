#include "MainWindow.h"

#include "ArchiveTasks.h"
#include "RemoteNodesDialog.h"
#include "SettingsDialog.h"
#include "StudySearchPanel.h"
#include "TaskPanel.h"

#include "ArchiveNodeServices.h"
#include "DisplayCalibration.h"
#include "OutputDepthDialog.h"
#include "PresentationStateListing.h"
#include "PresentationStateSaving.h"
#include "QcActions.h"
#include "RegistrationWiring.h"
#include "StudyOpening.h"
#include "lightbox/archive/Archive.h"
#include "lightbox/core/Error.h"
#include "lightbox/pacsclient/DicomNode.h"
#include "lightbox/viewer/ImageView.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/ShortcutMap.h"
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
#include <QTabWidget>
#include <QSettings>
#include <QThread>
#include <QTimer>

namespace lightbox::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("Lightbox"));
    view_ = new viewer::ImageView(this);
    reading_ = new viewer::ReadingArea(this);
    tabs_ = new QTabWidget(this);
    tabs_->addTab(view_, tr("Images"));
    tabs_->addTab(reading_, tr("Reading (MPR, 3D)"));
    setCentralWidget(tabs_);
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int index) {
        if (tabs_->widget(index) != reading_ || readingPending_.empty()) return;
        const core::SeriesInfo series = readingPending_.front();
        showInReadingArea(std::move(readingPending_), series);
        readingPending_.clear();
    });
    connect(reading_, &viewer::ReadingArea::seriesShown, this, [this](const QString& error) {
        if (!error.isEmpty()) statusBar()->showMessage(error, 8000);
    });

    browser_ = new viewer::StudyBrowser(this);
    auto* dock = new QDockWidget(tr("Studies"), this);
    dock->setObjectName("studies");
    dock->setWidget(browser_);
    browser_->setMinimumWidth(420);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    connect(browser_, &viewer::StudyBrowser::seriesActivated, this, &MainWindow::showSeries);
    refreshTimer_ = new QTimer(this);
    refreshTimer_->setSingleShot(true);
    refreshTimer_->setInterval(400);  // objects arrive in bursts: refresh once per burst
    connect(refreshTimer_, &QTimer::timeout, this, [this] {
        reloadArchive();
        search_->refreshLocal();
    });

    QMenu* file = menuBar()->addMenu(tr("&File"));
    viewer::bindShortcut(file->addAction(tr("&Open Folder or DICOMDIR..."), this, &MainWindow::chooseFolder), "app.openFolder");
    viewer::bindShortcut(file->addAction(tr("&Import Folder into Archive..."), this, &MainWindow::chooseImport), "archive.import");
    file->addAction(tr("Import &Files, DICOMDIR or Zip..."), this, &MainWindow::chooseImportFiles);
    listenAction_ = file->addAction(tr("&Receive from Network (Storage SCP)"));
    listenAction_->setCheckable(true);
    connect(listenAction_, &QAction::toggled, this, &MainWindow::toggleListening);
    file->addAction(tr("Remote &Nodes..."), this, [this] { RemoteNodesDialog(pacs::defaultRemoteNodesFile(), "LIGHTBOX", this).exec(); });
    installBrowser(file);
    QAction* quitSeparator = file->addSeparator();
    viewer::bindShortcut(file->addAction(tr("&Quit"), qApp, &QApplication::quit), "app.quit");
    QMenu* qcMenu = menuBar()->addMenu(tr("&Display QC"));
    qcMenu->addAction(tr("QC &Wizard..."), this, [this] {
        // A saved calibration applies at once: ask the history again when the wizard closes.
        if (QWidget* wizard = qc::openQcWizard(this)) {
            connect(wizard, &QObject::destroyed, reading_, &viewer::ReadingArea::reapplyCalibration);
            connect(wizard, &QObject::destroyed, view_, &viewer::ImageView::reapplyCalibration);
        }
    });
    qcMenu->addAction(tr("QC &History..."), this, [this] { qc::openQcHistory(this); })->setObjectName("qcHistory");
    qcMenu->actions().front()->setObjectName("qcWizard");
    qcMenu->addAction(tr("10-bit &Output Check (TG18-MP)..."), this, [this] {
        auto* check = new OutputDepthDialog(this);
        check->setAttribute(Qt::WA_DeleteOnClose);
        check->show();
    });

    status_ = new QLabel(tr("No archive open"), this);
    statusBar()->addWidget(status_, 1);
    calibrationStatus_ = new QLabel(this);
    calibrationStatus_->setObjectName("calibrationStatus");
    statusBar()->addPermanentWidget(calibrationStatus_);
    installDisplayCalibration(reading_, view_, calibrationStatus_);
    installRegistrationWiring(reading_, statusBar());  // priors in another frame: registered, cached by pair
    file->insertAction(quitSeparator, installPresentationStateSaving(reading_, statusBar(), {[this] { return archive_; }, configuredRemoteNodes, {}, "LIGHTBOX", tasks_, [this] { refreshTimer_->start(); }, {}}));
    reading_->setPresentationStateProvider(presentationStatesFromArchive([this] { return archive_; }));
    connect(view_, &viewer::ImageView::imageChanged, this, [this](int index, int count) {
        statusBar()->showMessage(tr("Image %1 of %2").arg(index + 1).arg(count), 3000);
    });
    resize(1400, 900);
}

MainWindow::~MainWindow() {
    if (cancel_) cancel_->store(true);
    opening_.reset();  // cancels the prior fetch
    stopListening();
}

void MainWindow::setArchive(archive::Archive* archive, std::function<void()> onLoaded) {
    archive_ = archive;
    search_->setArchive(archive);
    installRegistrationWiring(reading_)->setArchiveRoot(archive ? archive->root() : std::filesystem::path());
    reloadArchive(std::move(onLoaded));
}

void MainWindow::reloadArchive(std::function<void()> onLoaded) {
    if (!archive_) return;
    archive::Archive* a = archive_;
    QPointer<MainWindow> self = this;
    QThread* thread = QThread::create([a, self, onLoaded]() {
        auto series = std::make_shared<std::vector<core::SeriesInfo>>();
        QString error;
        try {
            archive::Query q;
            q.level = archive::Level::Series;
            q.returnKeys = {"PatientName", "PatientID", "StudyDate", "StudyDescription", "AccessionNumber", "Modality",
                            "SeriesNumber", "SeriesDescription", "NumberOfSeriesRelatedInstances"};
            for (const auto& row : a->query(q)) {
                auto get = [&](const char* k) { auto it = row.find(k); return it == row.end() ? std::string() : it->second; };
                core::SeriesInfo s;
                s.patientName = get("PatientName");
                s.patientId = get("PatientID");
                s.studyInstanceUid = get("StudyInstanceUID");
                s.studyDate = get("StudyDate");
                s.studyDescription = get("StudyDescription");
                s.accessionNumber = get("AccessionNumber");
                s.seriesInstanceUid = get("SeriesInstanceUID");
                s.modality = get("Modality");
                s.seriesNumber = std::atoi(get("SeriesNumber").c_str());
                s.seriesDescription = get("SeriesDescription");
                s.instanceCount = std::size_t(std::atoll(get("NumberOfSeriesRelatedInstances").c_str()));
                series->push_back(std::move(s));
            }
        } catch (const core::Error& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [self, series, error, onLoaded] {
            if (!self) return;
            if (!error.isEmpty()) self->status_->setText(error);
            else {
                const bool first = self->browser_->series().empty();
                self->browser_->setSeries(*series);
                self->status_->setText(tr("Archive: %n patient(s)", "", self->browser_->patientCount()) + ", " +
                                       tr("%n series", "", int(series->size())) +
                                       (self->isListening() ? "  " + tr("(receiving)") : QString()));
                // Not while a study opened for reading loads: that series would load for nothing.
                if (first && self->tabs_->currentWidget() != self->reading_) self->browser_->selectFirstSeries();
            }
            if (onLoaded) onLoaded();
        }, Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void MainWindow::showInReadingArea(std::vector<core::SeriesInfo> study, const core::SeriesInfo& series) {
    if (reading_->isHanging()) return;  // a study hung by protocol stays until another study is opened
    reading_->setStudySeries(std::move(study));
    if (series.isVolume()) reading_->showSeries(series);
}

void MainWindow::showSeries(const core::SeriesInfo& series) {
    auto forReading = [this](const core::SeriesInfo& s) {
        if (tabs_->currentWidget() == reading_) showInReadingArea({s}, s);
        else readingPending_ = {s};
    };
    if (!series.slices.empty() || !archive_) {
        view_->setSeries(series);
        forReading(series);
        return;
    }
    // A series from the index: read its headers (in the background) to sort it.
    const int request = ++seriesRequest_;
    archive::Archive* a = archive_;
    QPointer<MainWindow> self = this;
    const std::string studyUid = series.studyInstanceUid, seriesUid = series.seriesInstanceUid;
    QThread* thread = QThread::create([a, self, request, studyUid, seriesUid]() {
        auto result = std::make_shared<core::ScanResult>();
        try {
            std::vector<std::filesystem::path> files;
            for (const auto& i : a->locate(archive::Level::Series, {{"StudyInstanceUID", studyUid}, {"SeriesInstanceUID", seriesUid}}))
                files.push_back(i.path);
            *result = core::scanFiles(files);
        } catch (const core::Error&) {
        }
        QMetaObject::invokeMethod(qApp, [self, request, result] {
            if (!self || request != self->seriesRequest_) return;  // the user has moved on
            if (!result->series.empty()) {
                self->view_->setSeries(result->series.front());
                if (self->tabs_->currentWidget() == self->reading_)
                    self->showInReadingArea({result->series.front()}, result->series.front());
                else
                    self->readingPending_ = {result->series.front()};
            } else {
                self->view_->clear();
            }
        }, Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void MainWindow::chooseImport() {
    if (!archive_) {
        QMessageBox::information(this, tr("Lightbox"), tr("No archive is open."));
        return;
    }
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Import DICOM folder into the archive"));
    if (!folder.isEmpty()) importIntoArchive({folder});
}

void MainWindow::importIntoArchive(const QStringList& paths, std::function<void()> onDone) {
    if (!archive_) return;
    // A job in the task panel (progress, Cancel, errors listed); the browser follows the archive.
    QPointer<MainWindow> self = this;
    startImportTask(*tasks_, *archive_, paths, [self, onDone](TaskPanel::State) {
        if (self) self->reloadArchive(onDone);
    });
}

bool MainWindow::startListening(const QString& aeTitle, quint16 port, QString* error) {
    if (!archive_) {
        if (error) *error = tr("No archive is open.");
        return false;
    }
    stopListening();
    services_ = std::make_unique<ArchiveNodeServices>(*archive_);
    QPointer<MainWindow> self = this;
    services_->onStored([self](const archive::StoreResult&) {
        // Called on the association's thread: hop to the GUI thread.
        QMetaObject::invokeMethod(qApp, [self] { if (self) self->refreshTimer_->start(); }, Qt::QueuedConnection);
    });
    pacs::NodeConfig config;
    config.aeTitle = aeTitle.toStdString();
    config.port = port;
    config.spoolDirectory = archive_->root() / "incoming" / "network";
    try {
        node_ = std::make_unique<pacs::DicomNode>(config, *services_);
        node_->start();
    } catch (const core::Error& e) {
        node_.reset();
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    if (listenAction_) {
        const QSignalBlocker block(listenAction_);
        listenAction_->setChecked(true);
    }
    search_->setRetrieveTarget({aeTitle, port});  // C-MOVE destination: this listener
    statusBar()->showMessage(tr("Receiving as %1 on port %2").arg(aeTitle).arg(port), 5000);
    return true;
}

void MainWindow::stopListening() {
    if (node_) {
        node_->stop();
        node_->wait();
        node_.reset();
    }
    services_.reset();
    if (listenAction_) {
        const QSignalBlocker block(listenAction_);
        listenAction_->setChecked(false);
    }
}

void MainWindow::toggleListening(bool on) {
    if (!on) {
        stopListening();
        return;
    }
    // AE title and port come from Settings > Network.
    QSettings settings;
    const WorkstationSettings local = WorkstationSettings::load(settings);
    QString error;
    if (!startListening(local.aeTitle, local.port, &error)) {
        if (!error.isEmpty()) QMessageBox::warning(this, tr("Receive from Network"), error);
        const QSignalBlocker block(listenAction_);
        listenAction_->setChecked(false);
    }
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

void MainWindow::openStudy(const QString& studyUid, const QString& layout, std::function<void(QString)> onShown) {
    if (layout.isEmpty() && archive_) {
        openStudyByProtocol(studyUid, std::move(onShown));
        return;
    }
    const auto mode = viewer::ReadingArea::parseLayout(layout.isEmpty() ? "1x1" : layout);
    if (!mode || !archive_) {
        if (onShown) onShown(!mode ? tr("Unknown layout %1 (1x1, 1x2, 2x2, 3x3, mpr)").arg(layout) : tr("No archive is open"));
        return;
    }
    tabs_->setCurrentWidget(reading_);
    reading_->setLayoutMode(*mode);
    archive::Archive* a = archive_;
    QPointer<MainWindow> self = this;
    const std::string uid = studyUid.toStdString();
    QThread* thread = QThread::create([a, self, uid, onShown]() {
        auto result = std::make_shared<core::ScanResult>();
        QString error;
        try {
            std::vector<std::filesystem::path> files;
            for (const auto& i : a->locate(archive::Level::Study, {{"StudyInstanceUID", uid}})) files.push_back(i.path);
            if (files.empty()) error = tr("The archive has no study %1").arg(QString::fromStdString(uid));
            else *result = core::scanFiles(files);
        } catch (const core::Error& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [self, result, error, onShown] {
            if (!self) return;
            const core::SeriesInfo* first = nullptr;
            for (const auto& s : result->series)
                if (s.isVolume() && !first) first = &s;
            if (!error.isEmpty() || !first) {
                if (onShown) onShown(!error.isEmpty() ? error : tr("The study has no series that forms a volume"));
                return;
            }
            const core::SeriesInfo chosen = *first;
            if (onShown) {
                auto connection = std::make_shared<QMetaObject::Connection>();
                *connection = connect(self->reading_, &viewer::ReadingArea::seriesShown, self,
                                      [connection, onShown](const QString& e) {
                                          QObject::disconnect(*connection);
                                          onShown(e);
                                      });
            }
            self->showInReadingArea(result->series, chosen);
        }, Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

}  // namespace lightbox::app
