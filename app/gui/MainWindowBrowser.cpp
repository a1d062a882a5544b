// The main window's study browser, task panel, recent studies, settings and
// keyboard help: the composition only (each part is its own class).

#include "MainWindow.h"

#include "ArchiveTasks.h"
#include "RecentStudies.h"
#include "SettingsDialog.h"
#include "StudySearchPanel.h"
#include "TaskPanel.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/viewer/ShortcutHelpOverlay.h"
#include "lightbox/viewer/ShortcutMap.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QTreeWidget>

namespace lightbox::app {

void MainWindow::installBrowser(QMenu* file) {
    QSettings settings;
    const WorkstationSettings local = WorkstationSettings::load(settings);

    tasks_ = new TaskPanel(this);
    auto* taskDock = new QDockWidget(tr("Tasks"), this);
    taskDock->setObjectName("tasks");
    taskDock->setWidget(tasks_);
    taskDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::BottomDockWidgetArea, taskDock);
    // Compact until jobs arrive (the dock's size is settled once the window is laid out).
    QTimer::singleShot(0, this, [this, taskDock] { resizeDocks({taskDock}, {110}, Qt::Vertical); });
    connect(tasks_, &TaskPanel::jobStarted, taskDock, [taskDock] {
        taskDock->show();
        taskDock->raise();
    });

    search_ = new StudySearchPanel(this);
    search_->setRemoteNodesFile(pacs::defaultRemoteNodesFile());
    search_->setLocalAeTitle(local.aeTitle);
    search_->setRetrieveTarget({local.aeTitle, local.port});
    search_->setTaskPanel(tasks_);
    auto* searchDock = new QDockWidget(tr("Search"), this);
    searchDock->setObjectName("search");
    searchDock->setWidget(search_);
    searchDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, searchDock);
    if (auto* studies = findChild<QDockWidget*>("studies")) {
        tabifyDockWidget(studies, searchDock);
        searchDock->raise();
    }
    connect(search_, &StudySearchPanel::openRequested, this, &MainWindow::openFromBrowser);

    recent_ = new RecentStudies(10, this);
    recentMenu_ = file->addMenu(tr("Recent &Studies"));
    connect(recentMenu_, &QMenu::aboutToShow, this, [this] { recent_->fillMenu(recentMenu_); });
    recent_->fillMenu(recentMenu_);
    connect(recent_, &RecentStudies::openRequested, this, &MainWindow::openFromBrowser);
    viewer::bindShortcut(file->addAction(tr("&Settings..."), this, &MainWindow::openSettings), "app.settings")
        ->setMenuRole(QAction::PreferencesRole);

    QMenu* study = menuBar()->addMenu(tr("&Study"));
    viewer::bindShortcut(study->addAction(tr("&Find Studies"), this, [this, searchDock] {
        searchDock->show();
        searchDock->raise();
        search_->focusSearch();
    }), "study.search");
    viewer::bindShortcut(study->addAction(tr("&Open Selected Study"), search_, &StudySearchPanel::openSelected), "study.open");
    auto adjacent = [this](int step) {
        if (search_->selectAdjacent(step) && search_->selectedNode().isEmpty()) openFromBrowser(search_->selectedStudy());
    };
    viewer::bindShortcut(study->addAction(tr("&Next Study"), this, [adjacent] { adjacent(1); }), "study.next");
    viewer::bindShortcut(study->addAction(tr("&Previous Study"), this, [adjacent] { adjacent(-1); }), "study.previous");
    study->addAction(tr("&Retrieve Selected Study"), search_, &StudySearchPanel::retrieveSelected);

    help_ = new viewer::ShortcutHelpOverlay(viewer::ShortcutMap::global(), this);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    viewer::bindShortcut(help->addAction(tr("&Keyboard Shortcuts"), help_, &viewer::ShortcutHelpOverlay::toggle), "app.help");
}

void MainWindow::openFromBrowser(const QString& studyUid) {
    if (studyUid.isEmpty()) return;
    // The label the recent list shows: from the search results when listed there.
    QString label;
    for (const auto& row : search_->rows())
        if (row.node.isEmpty() && row.value("StudyInstanceUID") == studyUid) {
            label = tr("%1 · %2 · %3").arg(row.value("PatientName").section('^', 0, 1).replace('^', ", "),
                                           row.value("StudyDate"), row.value("StudyDescription"));
            break;
        }
    if (label.isEmpty())
        for (const auto& e : recent_->entries())
            if (e.studyUid == studyUid) label = e.label;
    QPointer<MainWindow> self = this;
    statusBar()->showMessage(tr("Opening %1...").arg(label.isEmpty() ? studyUid : label));
    openStudy(studyUid, QString(), [self, studyUid, label](const QString& error) {
        if (!self) return;
        if (error.isEmpty()) {
            self->recent_->add(studyUid, label);
            self->statusBar()->clearMessage();
        } else {
            self->statusBar()->showMessage(error, 10000);
        }
    });
}

void MainWindow::chooseImportFiles() {
    if (!archive_) {
        QMessageBox::information(this, tr("Lightbox"), tr("No archive is open."));
        return;
    }
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import DICOM files, DICOMDIR or zip into the archive"), QString(),
                                                            tr("DICOM, DICOMDIR and zip (*.dcm *.DCM DICOMDIR *.zip);;All files (*)"));
    if (!files.isEmpty()) importIntoArchive(files);
}

void MainWindow::openSettings() {
    QSettings settings;
    const WorkstationSettings before = WorkstationSettings::load(settings);
    QList<QAction*> display;
    for (const char* name : {"qcWizard", "qcHistory"})
        if (auto* a = findChild<QAction*>(name)) display << a;
    SettingsDialog dialog(before, viewer::ShortcutMap::global(), pacs::defaultRemoteNodesFile(), display, this);
    if (dialog.exec() != QDialog::Accepted) return;
    const WorkstationSettings after = dialog.settings();
    search_->setRemoteNodesFile(pacs::defaultRemoteNodesFile());  // the node list may have changed
    search_->setLocalAeTitle(after.aeTitle);
    if (!isListening()) search_->setRetrieveTarget({after.aeTitle, after.port});
    if (isListening() && (after.aeTitle != before.aeTitle || after.port != before.port)) {
        QString error;
        if (!startListening(after.aeTitle, after.port, &error)) QMessageBox::warning(this, tr("Settings"), error);
    }
    if (after.archiveLocation != before.archiveLocation)
        statusBar()->showMessage(tr("The new archive location is used from the next start."), 10000);
}

}  // namespace lightbox::app
