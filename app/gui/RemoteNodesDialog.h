#pragma once
// Settings for the remote nodes the workstation talks to (PACS over DIMSE
// and DICOMweb): a list of nodes, a form for the selected one, and "Test
// Connection" (C-ECHO and/or a QIDO-RS check, off the GUI thread). OK writes
// the nodes file (pacs::writeRemoteNodes) - the same file lightbox-cli pacs
// reads.

#include "lightbox/pacsclient/RemoteNode.h"

#include <QDialog>

#include <atomic>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace lightbox::app {

class RemoteNodesDialog : public QDialog {
    Q_OBJECT
public:
    // Reads `file` when it exists (a malformed file is reported and starts empty).
    RemoteNodesDialog(std::filesystem::path file, QString localAeTitle, QWidget* parent = nullptr);
    ~RemoteNodesDialog() override;

    const std::vector<pacs::RemoteNode>& nodes() const { return nodes_; }
    // Validates every node and writes the file; false (with a message box
    // unless `quiet`) when something is wrong.
    bool save(bool quiet = false, QString* error = nullptr);
    void accept() override;

    // Starts a connection test of the node in the form; testFinished() follows.
    void testConnection();
    // Stops waiting for the running test (Cancel Test): testFinished(false, "cancelled") at once.
    void cancelTest();
    bool isTesting() const;

signals:
    void testFinished(bool ok, const QString& message);

private:
    void addNode();
    void removeNode();
    void select(int row);
    void storeForm();  // form -> nodes_[current_]
    void loadForm();   // nodes_[current_] -> form
    void updateEnabled();

    std::filesystem::path file_;
    QString localAe_;
    std::vector<pacs::RemoteNode> nodes_;
    int current_ = -1;
    bool loading_ = false;

    QListWidget* list_ = nullptr;
    QLineEdit *name_ = nullptr, *aeTitle_ = nullptr, *host_ = nullptr;
    QSpinBox* port_ = nullptr;
    QCheckBox* tls_ = nullptr;
    QLineEdit *certificate_ = nullptr, *privateKey_ = nullptr, *caCertificates_ = nullptr;
    QComboBox* method_ = nullptr;
    QLineEdit* url_ = nullptr;
    QComboBox* auth_ = nullptr;
    QLineEdit *user_ = nullptr, *password_ = nullptr, *token_ = nullptr;
    QSpinBox *connectTimeout_ = nullptr, *dimseTimeout_ = nullptr;
    QPushButton *testButton_ = nullptr, *removeButton_ = nullptr, *cancelTestButton_ = nullptr;
    QLabel* testResult_ = nullptr;
    std::thread tester_;
    std::shared_ptr<std::atomic<bool>> testAbandoned_;
};

}  // namespace lightbox::app
