#include "PresentationStateSaving.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/Error.h"
#include "lightbox/viewer/ReadingArea.h"

#include <QStatusBar>

namespace lightbox::app {

void installPresentationStateSaving(viewer::ReadingArea* area, std::function<archive::Archive*()> archive,
                                    QStatusBar* status, std::function<void()> stored) {
    QObject::connect(area, &viewer::ReadingArea::presentationStateFailed, status,
                     [status](const QString& error) { status->showMessage(error, 10000); });
    QObject::connect(area, &viewer::ReadingArea::presentationStateSaved, status,
                     [archive, status, stored](const QByteArray& part10, const QString& summary) {
                         archive::Archive* a = archive();
                         if (!a) {
                             status->showMessage(QStatusBar::tr("No archive is open: the presentation state was not stored."), 10000);
                             return;
                         }
                         try {
                             // One small object: stored on the GUI thread (store() returns once durable).
                             const archive::StoreResult r =
                                 a->store(std::string_view(part10.constData(), std::size_t(part10.size())), {"gui:presentation state", ""});
                             if (r.status == archive::StoreStatus::Stored || r.status == archive::StoreStatus::Duplicate) {
                                 status->showMessage(summary + " " + QStatusBar::tr("(stored in the archive)"), 10000);
                                 if (stored) stored();
                             } else {
                                 status->showMessage(QStatusBar::tr("The presentation state was not stored: %1")
                                                         .arg(QString::fromStdString(r.reason)), 10000);
                             }
                         } catch (const core::Error& e) {
                             status->showMessage(QStatusBar::tr("The presentation state was not stored: %1")
                                                     .arg(QString::fromStdString(e.what())), 10000);
                         }
                     });
}

}  // namespace lightbox::app
