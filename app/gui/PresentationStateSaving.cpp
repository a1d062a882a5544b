#include "PresentationStateSaving.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/Error.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/PresentationStateExport.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/Viewport.h"

#include "TaskPanel.h"

#include <QAction>
#include <QCoreApplication>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QStatusBar>
#include <QThread>

#include <memory>
#include <optional>

namespace lightbox::app {

namespace {

// The context lupdate files this file's tr() calls under (the namespace).
QString tr(const char* text) { return QCoreApplication::translate("lightbox::app", text); }
QString tr(const char* text, const char* disambiguation, int n) {
    return QCoreApplication::translate("lightbox::app", text, disambiguation, n);
}

// One send on a worker thread (no task panel): the outcome comes back to
// the GUI thread.
void sendInBackground(const std::filesystem::path& file, const PresentationStateDestination& to,
                      const std::vector<pacs::RemoteNode>& nodes, const std::string& callingAe, QStatusBar* status,
                      std::function<void(const PresentationStateDestination&, const QString&)> sent) {
    QPointer<QStatusBar> bar = status;
    QThread* thread = QThread::create([file, to, nodes, callingAe, bar, sent] {
        QString summary, problem;
        try {
            summary = sendPresentationStateFile(file, to, nodes, callingAe);
        } catch (const core::Error& e) {
            problem = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [bar, to, summary, problem, sent] {
            if (bar)
                bar->showMessage(problem.isEmpty() ? summary
                                                   : tr("The presentation state was not sent to %1: %2").arg(to.describe(), problem),
                                 10000);
            if (sent) sent(to, problem);
        }, Qt::QueuedConnection);
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void send(const std::filesystem::path& file, const PresentationStateDestinations& destinations, const PresentationStateSaving& how,
          QStatusBar* status, const QString& what = tr("presentation state")) {
    if (destinations.isEmpty() || file.empty()) return;
    const std::vector<pacs::RemoteNode> nodes = how.remoteNodes ? how.remoteNodes() : std::vector<pacs::RemoteNode>{};
    for (const PresentationStateDestination& to : destinations) {
        if (!how.tasks) {
            sendInBackground(file, to, nodes, how.callingAeTitle, status, how.sent);
            continue;
        }
        const std::string callingAe = how.callingAeTitle;
        auto problem = std::make_shared<QString>();
        auto sent = how.sent;
        how.tasks->start(
            tr("Send %1 to %2").arg(what, to.describe()),
            [file, to, nodes, callingAe, problem](TaskContext& context) {
                try {
                    return sendPresentationStateFile(file, to, nodes, callingAe, &context);
                } catch (const std::exception& e) {
                    *problem = QString::fromStdString(e.what());  // read on the GUI thread once the job ended
                    throw;
                }
            },
            [to, problem, sent](TaskPanel::State state) {
                if (!sent) return;
                if (state == TaskPanel::State::Succeeded) sent(to, {});
                else sent(to, problem->isEmpty() ? tr("cancelled") : *problem);
            });
    }
}

// Stores one object; its file, or empty with the problem in `problem`.
std::filesystem::path storeObject(archive::Archive& a, const std::string& part10, const char* source, QString& problem) {
    try {
        const archive::StoreResult r = a.store(std::string_view(part10), {source, ""});
        if (r.status == archive::StoreStatus::Stored || r.status == archive::StoreStatus::Duplicate) return r.path;
        problem = QString::fromStdString(r.reason);
    } catch (const core::Error& e) {
        problem = QString::fromStdString(e.what());
    }
    return {};
}

// Annotations on MPR planes that no stored slice takes: say so plainly and
// offer to save each plane as a derived image with a state of its own.
void offerPlaneImages(viewer::ReadingArea* area, const PresentationStateSaving& how, QStatusBar* status,
                      const PresentationStateDestinations& destinations) {
    viewer::Viewport* view = area->activeViewport();
    const viewer::LoadedSeries* series = view ? view->series() : nullptr;
    if (!series) return;
    const std::size_t planes = viewer::planesWithoutImage(*series, *area->annotations()).size();
    if (planes == 0) return;
    const auto answer = QMessageBox::question(
        area, tr("Annotations on MPR planes"),
        tr("%n MPR plane(s) carry annotations that lie on none of the series' stored images. A presentation state can only "
           "reference stored images, so they are not in the saved state.\n\nSave each such plane as a derived image (a new "
           "series of the study) with a presentation state of its own?", "", int(planes)),
        QMessageBox::Save | QMessageBox::Cancel, QMessageBox::Save);
    if (answer != QMessageBox::Save) return;
    savePlaneImages(area, how, status, destinations);
}

}  // namespace

int savePlaneImages(viewer::ReadingArea* area, const PresentationStateSaving& how, QStatusBar* status,
                    const PresentationStateDestinations& destinations) {
    viewer::Viewport* view = area->activeViewport();
    const viewer::LoadedSeries* series = view ? view->series() : nullptr;
    archive::Archive* a = how.openArchive ? how.openArchive() : nullptr;
    if (!series || !a) {
        status->showMessage(tr("No archive is open: the MPR planes were not saved."), 10000);
        return 0;
    }
    const core::WindowLevel window =
        view->sliceView() && view->series() == series ? view->sliceView()->chain().window : series->defaults.chain.window;
    std::vector<viewer::SavedPlaneImage> saved;
    try {
        saved = viewer::planeImagesOf(*series, *area->annotations(), window);
    } catch (const core::Error& e) {
        status->showMessage(tr("The MPR planes were not saved: %1").arg(QString::fromStdString(e.what())), 10000);
        return 0;
    }
    int stored = 0;
    for (const viewer::SavedPlaneImage& plane : saved) {
        QString problem;
        const std::filesystem::path image = storeObject(*a, plane.imagePart10, "gui:derived MPR image", problem);
        const std::filesystem::path state = image.empty() ? std::filesystem::path() : storeObject(*a, plane.state.part10, "gui:presentation state", problem);
        if (state.empty()) {
            status->showMessage(tr("An MPR plane was not saved: %1").arg(problem), 10000);
            continue;
        }
        ++stored;
        // The image before its state: a receiver can then resolve the reference at once.
        send(image, destinations, how, status, tr("derived MPR image"));
        send(state, destinations, how, status);
    }
    if (stored) {
        status->showMessage(tr("%n MPR plane(s) saved as derived images with their presentation states", "", stored), 10000);
        if (how.stored) how.stored();
    }
    return stored;
}

std::vector<pacs::RemoteNode> configuredRemoteNodes() {
    try {
        return pacs::readRemoteNodes(pacs::defaultRemoteNodesFile());
    } catch (const core::Error&) {
        return {};
    }
}

QAction* installPresentationStateSaving(viewer::ReadingArea* area, QStatusBar* status, PresentationStateSaving how) {
    // Destinations of the save under way: the Save & Send dialog's choice,
    // else the defaults (the save itself is synchronous, so one slot is enough).
    auto chosen = std::make_shared<std::optional<PresentationStateDestinations>>();
    QObject::connect(area, &viewer::ReadingArea::presentationStateFailed, status,
                     [area, how, status, chosen](const QString& error) {
        status->showMessage(error, 10000);
        // An MPR plane on screen: its annotations can still be saved with a derived image.
        offerPlaneImages(area, how, status,
                         chosen->has_value() ? **chosen : how.destinations ? how.destinations() : defaultPresentationStateDestinations());
    });
    QObject::connect(area, &viewer::ReadingArea::presentationStateSaved, status,
                     [area, how, status, chosen](const QByteArray& part10, const QString& summary) {
        const PresentationStateDestinations destinations =
            chosen->has_value() ? **chosen : how.destinations ? how.destinations() : defaultPresentationStateDestinations();
        archive::Archive* a = how.openArchive ? how.openArchive() : nullptr;
        if (!a) {
            status->showMessage(tr("No archive is open: the presentation state was not stored."), 10000);
            return;
        }
        archive::StoreResult r;
        try {
            // One small object: stored on the GUI thread (store() returns once durable).
            r = a->store(std::string_view(part10.constData(), std::size_t(part10.size())), {"gui:presentation state", ""});
        } catch (const core::Error& e) {
            status->showMessage(tr("The presentation state was not stored: %1").arg(QString::fromStdString(e.what())), 10000);
            return;
        }
        if (r.status != archive::StoreStatus::Stored && r.status != archive::StoreStatus::Duplicate) {
            status->showMessage(tr("The presentation state was not stored: %1").arg(QString::fromStdString(r.reason)), 10000);
            return;
        }
        QString message = summary + " " + tr("(stored in the archive)");
        if (!destinations.isEmpty()) {
            QStringList names;
            for (const PresentationStateDestination& d : destinations) names << d.describe();
            message += "; " + tr("sending to %1").arg(names.join(", "));
        }
        status->showMessage(message, 10000);
        if (how.stored) how.stored();
        send(r.path, destinations, how, status);
        offerPlaneImages(area, how, status, destinations);
    });
    auto* action = new QAction(QCoreApplication::translate("lightbox::app::PresentationStateSaving", "Save && Send Presentation State..."), area);
    action->setObjectName(QStringLiteral("saveAndSendPresentationState"));
    QObject::connect(action, &QAction::triggered, area, [area, how, chosen] {
        const std::vector<pacs::RemoteNode> nodes = how.remoteNodes ? how.remoteNodes() : std::vector<pacs::RemoteNode>{};
        SaveAndSendDialog dialog(nodes, how.destinations ? how.destinations() : defaultPresentationStateDestinations(), area);
        if (dialog.exec() != QDialog::Accepted) return;
        if (dialog.keepAsDefault()) {
            QSettings settings;
            saveDefaultPresentationStateDestinations(settings, dialog.destinations());
        }
        *chosen = dialog.destinations();
        area->savePresentationState();
        chosen->reset();
    });
    return action;
}

}  // namespace lightbox::app
