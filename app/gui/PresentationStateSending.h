#pragma once
// Where a saved presentation state goes: a list of destinations, each a
// remote node (by its name in the nodes file) and a method - C-STORE for a
// DIMSE node, STOW-RS for a DICOMweb one. Settings keeps the default list
// ("Send presentation states to", QSettings key presentationStates/sendTo);
// File > Save && Send Presentation State... asks for this save's list with
// the same widget. Each send is a job of the Tasks dock (progress, its
// error, Cancel) or, without a task panel, a background thread.

#include "lightbox/pacsclient/RemoteNode.h"

#include <QDialog>
#include <QList>
#include <QString>
#include <QWidget>

#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

class QCheckBox;
class QLabel;
class QSettings;
class QTreeWidget;

namespace lightbox::app {

class TaskContext;

struct PresentationStateDestination {
    enum class Method { CStore, StowRs };
    QString node;  // RemoteNode::name
    Method method = Method::CStore;
    bool operator==(const PresentationStateDestination&) const = default;

    QString methodName() const;     // "C-STORE", "STOW-RS"
    QString describe() const;       // "pacs (STOW-RS)"
    QString key() const;            // "stow:pacs" as kept in the settings
    static std::optional<PresentationStateDestination> fromKey(const QString& key);
};
using PresentationStateDestinations = QList<PresentationStateDestination>;

// The default list from the settings (empty: saved states stay local).
PresentationStateDestinations defaultPresentationStateDestinations(QSettings& settings);
PresentationStateDestinations defaultPresentationStateDestinations();  // the application's QSettings
void saveDefaultPresentationStateDestinations(QSettings& settings, const PresentationStateDestinations& list);

// Sends one Part 10 file to a destination (blocking: run it off the GUI
// thread). Returns the summary line; throws core::Error when the node is
// unknown, lacks the method's half (no AE title / no DICOMweb URL) or the
// peer refused the object.
QString sendPresentationStateFile(const std::filesystem::path& file, const PresentationStateDestination& to,
                                  const std::vector<pacs::RemoteNode>& nodes, const std::string& callingAeTitle,
                                  TaskContext* context = nullptr);

// Every method each node offers, as check boxes; the checked ones are the list.
class PresentationStateDestinationsWidget : public QWidget {
    Q_OBJECT
public:
    PresentationStateDestinationsWidget(const std::vector<pacs::RemoteNode>& nodes,
                                        const PresentationStateDestinations& checked, QWidget* parent = nullptr);
    PresentationStateDestinations destinations() const;
    void setChecked(const PresentationStateDestination& destination, bool checked);
    int rowCount() const;
    // The node list changed (Remote Nodes edited): rows again, the checked ones kept.
    void setNodes(const std::vector<pacs::RemoteNode>& nodes);

private:
    void fill(const std::vector<pacs::RemoteNode>& nodes, const PresentationStateDestinations& checked);

    QTreeWidget* list_ = nullptr;
    QLabel* none_ = nullptr;
};

// Save & Send: choose this save's destinations (the defaults checked),
// optionally keeping them as the new defaults.
class SaveAndSendDialog : public QDialog {
    Q_OBJECT
public:
    SaveAndSendDialog(const std::vector<pacs::RemoteNode>& nodes, const PresentationStateDestinations& defaults,
                      QWidget* parent = nullptr);
    PresentationStateDestinationsWidget* destinationsWidget() const { return widget_; }
    PresentationStateDestinations destinations() const;
    bool keepAsDefault() const;

private:
    PresentationStateDestinationsWidget* widget_ = nullptr;
    QCheckBox* keep_ = nullptr;
};

}  // namespace lightbox::app
