#include "ArchiveTasks.h"

#include "ArchiveNodeServices.h"
#include "lightbox/archive/Archive.h"
#include "lightbox/core/Error.h"
#include "lightbox/pacsclient/StudyRetriever.h"

#include <QFileInfo>

namespace lightbox::app {

int startImportTask(TaskPanel& panel, archive::Archive& archive, const QStringList& paths,
                    std::function<void(TaskPanel::State)> onFinished) {
    std::vector<std::filesystem::path> sources;
    for (const QString& p : paths) sources.emplace_back(p.toStdString());
    const QString title = paths.size() == 1 ? TaskPanel::tr("Import %1").arg(QFileInfo(paths.front()).fileName())
                                            : TaskPanel::tr("Import of %1 items").arg(paths.size());
    archive::Archive* a = &archive;
    return panel.start(title, [a, sources](TaskContext& context) {
        archive::ImportOptions options;
        options.cancel = context.cancelFlag();
        options.progress = [&context](const archive::ImportProgress& p) {
            context.progress(qint64(p.done), qint64(p.total), TaskPanel::tr("%1 of %2 objects").arg(p.done).arg(p.total));
        };
        const archive::ImportSummary summary = a->importPaths(sources, options);
        for (const auto& item : summary.rejected)
            context.error(QString::fromStdString(item.source) + ": " + QString::fromStdString(item.reason));
        for (const auto& item : summary.conflicts)
            context.error(TaskPanel::tr("%1: kept aside as a conflict (%2)")
                              .arg(QString::fromStdString(item.source), QString::fromStdString(item.reason)));
        if (!summary.error.empty()) throw core::Error(core::ErrorCode::Io, summary.error);
        return TaskPanel::tr("%1 imported, %2 already held, %3 rejected")
            .arg(summary.imported).arg(summary.duplicates).arg(summary.rejected.size());
    }, std::move(onFinished));
}

int startRetrieveTask(TaskPanel& panel, archive::Archive& archive, const pacs::RemoteNode& node,
                      const QString& studyUid, const QString& description, const RetrieveTarget& target,
                      std::function<void(TaskPanel::State)> onFinished) {
    archive::Archive* a = &archive;
    const QString title = TaskPanel::tr("Retrieve %1 from %2")
                              .arg(description.isEmpty() ? studyUid : description, QString::fromStdString(node.name));
    const std::string uid = studyUid.toStdString();
    return panel.start(title, [a, node, uid, target](TaskContext& context) {
        ArchiveNodeServices services(*a);
        pacs::LocalArchive local;
        local.services = &services;
        local.spoolDirectory = a->root() / "incoming" / "network";  // adopted by rename
        local.aeTitle = target.localAeTitle.toStdString();
        local.port = target.localPort;
        std::filesystem::create_directories(local.spoolDirectory);
        pacs::RetrieveRequest request;
        request.studyInstanceUid = uid;
        request.method = node.retrieveMethod;
        const pacs::RetrieveOutcome outcome = pacs::StudyRetriever(node, local).retrieve(
            request,
            [&context](const pacs::RetrieveStatus& s) {
                const QString phase = s.phase == "listing"     ? TaskPanel::tr("Listing")
                                      : s.phase == "verifying" ? TaskPanel::tr("Verifying")
                                                               : TaskPanel::tr("Retrieving");
                context.progress(qint64(s.held), qint64(s.expected),
                                 TaskPanel::tr("%1: %2 of %3 objects").arg(phase).arg(s.held).arg(s.expected));
            },
            context.cancelFlag());
        return TaskPanel::tr("%1 retrieved, %2 already held (%3)")
            .arg(outcome.retrieved).arg(outcome.alreadyHeld)
            .arg(QString::fromStdString(pacs::retrieveMethodName(request.method)));
    }, std::move(onFinished));
}

}  // namespace lightbox::app
