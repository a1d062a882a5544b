#include "PresentationStateSaving.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/Error.h"
#include "lightbox/pacsclient/DimseClient.h"
#include "lightbox/viewer/ReadingArea.h"

#include <QCoreApplication>
#include <QPointer>
#include <QStatusBar>
#include <QThread>

namespace lightbox::app {

namespace {

// The context lupdate files this file's tr() calls under (the namespace).
QString tr(const char* text) { return QCoreApplication::translate("lightbox::app", text); }

// C-STORE of the stored file to `node` on a worker thread; the outcome comes
// back to the GUI thread.
void sendInBackground(const pacs::RemoteNode& node, const std::string& callingAe, const std::filesystem::path& file,
                      QStatusBar* status, std::function<void(const QString&)> sent) {
    QPointer<QStatusBar> bar = status;
    const QString name = QString::fromStdString(node.describe());
    QThread* thread = QThread::create([node, callingAe, file, bar, name, sent] {
        QString problem;
        try {
            const pacs::TransferReport r = pacs::DimseClient(node, callingAe).store({file});
            if (r.failed || r.completed != 1) problem = QString::fromStdString(r.statusText.empty() ? "refused" : r.statusText);
        } catch (const core::Error& e) {
            problem = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [bar, name, problem, sent] {
            if (bar)
                bar->showMessage(problem.isEmpty() ? tr("Presentation state sent to %1").arg(name)
                                                   : tr("The presentation state was not sent to %1: %2").arg(name, problem),
                                 10000);
            if (sent) sent(problem);
        }, Qt::QueuedConnection);
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

}  // namespace

std::vector<pacs::RemoteNode> configuredRemoteNodes() {
    try {
        return pacs::readRemoteNodes(pacs::defaultRemoteNodesFile());
    } catch (const core::Error&) {
        return {};
    }
}

void installPresentationStateSaving(viewer::ReadingArea* area, QStatusBar* status, PresentationStateSaving how) {
    QObject::connect(area, &viewer::ReadingArea::presentationStateFailed, status,
                     [status](const QString& error) { status->showMessage(error, 10000); });
    QObject::connect(area, &viewer::ReadingArea::presentationStateSaved, status,
                     [how, status](const QByteArray& part10, const QString& summary) {
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
        status->showMessage(summary + " " + tr("(stored in the archive)"), 10000);
        if (how.stored) how.stored();
        const std::vector<pacs::RemoteNode> nodes = how.remoteNodes ? how.remoteNodes() : std::vector<pacs::RemoteNode>{};
        for (const pacs::RemoteNode& node : nodes)
            if (node.hasDimse() && !r.path.empty()) {
                sendInBackground(node, how.callingAeTitle, r.path, status, how.sent);
                break;
            }
    });
}

}  // namespace lightbox::app
