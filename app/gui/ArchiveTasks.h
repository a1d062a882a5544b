#pragma once
// The task panel's jobs on the archive: import (files, folders, DICOMDIR,
// zip) and retrieve from a remote node (C-MOVE, C-GET or WADO-RS through
// pacsclient's StudyRetriever), each with progress, Cancel and its errors.

#include "TaskPanel.h"

#include "lightbox/pacsclient/RemoteNode.h"

#include <QStringList>

namespace lightbox::archive {
class Archive;
}

namespace lightbox::app {

// `archive` must outlive the panel's job (the panel joins its jobs when destroyed).
int startImportTask(TaskPanel& panel, archive::Archive& archive, const QStringList& paths,
                    std::function<void(TaskPanel::State)> onFinished = {});

struct RetrieveTarget {
    QString localAeTitle = QStringLiteral("LIGHTBOX");
    quint16 localPort = 11112;  // C-MOVE destination: the running listener, or a temporary SCP
};
int startRetrieveTask(TaskPanel& panel, archive::Archive& archive, const pacs::RemoteNode& node,
                      const QString& studyUid, const QString& description, const RetrieveTarget& target,
                      std::function<void(TaskPanel::State)> onFinished = {});

}  // namespace lightbox::app
