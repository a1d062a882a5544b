#pragma once
// The workstation's settings: network (local AE title and port, the remote
// nodes), the archive location, display (links to the calibration and QC
// actions) and the keyboard shortcuts (remapping with conflicts refused).
// Values are kept with QSettings; shortcuts go to the application's
// ShortcutMap when OK is pressed.

#include <QDialog>
#include <QList>
#include <QString>

#include <filesystem>
#include <memory>

class QAction;
class QKeySequenceEdit;
class QLabel;
class QLineEdit;
class QSettings;
class QSpinBox;
class QTabWidget;
class QTreeWidget;

namespace lightbox::viewer {
class ShortcutMap;
}

namespace lightbox::app {

class PresentationStateDestinationsWidget;

struct WorkstationSettings {
    QString aeTitle = QStringLiteral("LIGHTBOX");
    quint16 port = 11112;
    QString archiveLocation;  // empty: the default under AppDataLocation

    static WorkstationSettings load(QSettings& settings);
    void save(QSettings& settings) const;
};

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    // `shortcuts` is edited on a copy and changed on OK; `displayActions`
    // are offered as buttons on the Display page (the QC wizard and history).
    SettingsDialog(const WorkstationSettings& settings, viewer::ShortcutMap& shortcuts, std::filesystem::path nodesFile,
                   QList<QAction*> displayActions, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    WorkstationSettings settings() const;
    QTabWidget* pages() const { return pages_; }

    // The Shortcuts page: gives `id` the key; false (and the message shown
    // under the table) when another action holds it.
    bool assignShortcut(const QString& id, const QKeySequence& key, QString* error = nullptr);
    const viewer::ShortcutMap& workingShortcuts() const { return *working_; }
    void selectAction(const QString& id);

    void accept() override;

private:
    QWidget* networkPage();
    QWidget* archivePage();
    QWidget* displayPage(const QList<QAction*>& actions);
    QWidget* shortcutsPage();
    void fillShortcuts();
    QString currentActionId() const;

    WorkstationSettings initial_;
    viewer::ShortcutMap& shortcuts_;
    std::unique_ptr<viewer::ShortcutMap> working_;
    std::filesystem::path nodesFile_;
    QTabWidget* pages_ = nullptr;
    QLineEdit* aeTitle_ = nullptr;
    QSpinBox* port_ = nullptr;
    QLineEdit* archive_ = nullptr;
    QTreeWidget* shortcutTable_ = nullptr;
    QKeySequenceEdit* keyEdit_ = nullptr;
    QLabel* shortcutMessage_ = nullptr;
    PresentationStateDestinationsWidget* sendTo_ = nullptr;
};

}  // namespace lightbox::app
