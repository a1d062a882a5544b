#include "RemoteNodesDialog.h"

#include "lightbox/core/Error.h"
#include "lightbox/pacsclient/DicomWebClient.h"
#include "lightbox/pacsclient/DimseClient.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace lightbox::app {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

// A line edit with a "..." button choosing a PEM file.
QWidget* withBrowse(QLineEdit* edit, QWidget* parent, const QString& title) {
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto* browse = new QPushButton(QObject::tr("..."), row);
    browse->setToolTip(title);
    QObject::connect(browse, &QPushButton::clicked, row, [edit, parent, title] {
        const QString file = QFileDialog::getOpenFileName(parent, title, edit->text(),
                                                          QObject::tr("PEM files (*.pem *.crt *.key *.cer);;All files (*)"));
        if (!file.isEmpty()) edit->setText(file);
    });
    layout->addWidget(browse);
    return row;
}

}  // namespace

RemoteNodesDialog::RemoteNodesDialog(std::filesystem::path file, QString localAeTitle, QWidget* parent)
    : QDialog(parent), file_(std::move(file)), localAe_(std::move(localAeTitle)) {
    setWindowTitle(tr("Remote Nodes"));
    std::error_code ec;
    if (std::filesystem::exists(file_, ec)) {
        try {
            nodes_ = pacs::readRemoteNodes(file_);
        } catch (const core::Error& e) {
            QMessageBox::warning(this, tr("Remote Nodes"), tr("The nodes file cannot be read:\n%1").arg(q(e.what())));
        }
    }

    list_ = new QListWidget(this);
    list_->setObjectName("nodeList");
    auto* add = new QPushButton(tr("&Add"), this);
    add->setObjectName("addNode");
    removeButton_ = new QPushButton(tr("&Remove"), this);
    removeButton_->setObjectName("removeNode");
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(removeButton_);
    auto* left = new QVBoxLayout;
    left->addWidget(list_, 1);
    left->addLayout(listButtons);

    auto make = [this](const char* objectName) {
        auto* e = new QLineEdit(this);
        e->setObjectName(objectName);
        return e;
    };
    name_ = make("name");
    aeTitle_ = make("aeTitle");
    aeTitle_->setMaxLength(16);
    host_ = make("host");
    port_ = new QSpinBox(this);
    port_->setObjectName("port");
    port_->setRange(1, 65535);
    tls_ = new QCheckBox(tr("Use TLS"), this);
    tls_->setObjectName("tls");
    certificate_ = make("certificate");
    privateKey_ = make("privateKey");
    caCertificates_ = make("caCertificates");
    method_ = new QComboBox(this);
    method_->setObjectName("retrieveMethod");
    method_->addItem(tr("C-MOVE"), "move");
    method_->addItem(tr("C-GET"), "get");
    method_->addItem(tr("WADO-RS"), "wado");
    url_ = make("dicomWebUrl");
    url_->setPlaceholderText(tr("http://pacs.example.org:8042/dicom-web"));
    auth_ = new QComboBox(this);
    auth_->setObjectName("auth");
    auth_->addItem(tr("None"));
    auth_->addItem(tr("Basic (user and password)"));
    auth_->addItem(tr("Bearer token"));
    user_ = make("user");
    password_ = make("password");
    password_->setEchoMode(QLineEdit::Password);
    token_ = make("token");
    token_->setEchoMode(QLineEdit::Password);
    connectTimeout_ = new QSpinBox(this);
    connectTimeout_->setObjectName("connectTimeout");
    connectTimeout_->setRange(1, 600);
    connectTimeout_->setSuffix(tr(" s"));
    dimseTimeout_ = new QSpinBox(this);
    dimseTimeout_->setObjectName("dimseTimeout");
    dimseTimeout_->setRange(1, 3600);
    dimseTimeout_->setSuffix(tr(" s"));

    auto* dimse = new QGroupBox(tr("DICOM (DIMSE)"), this);
    auto* dimseForm = new QFormLayout(dimse);
    dimseForm->addRow(tr("AE title:"), aeTitle_);
    dimseForm->addRow(tr("Host:"), host_);
    dimseForm->addRow(tr("Port:"), port_);
    dimseForm->addRow(QString(), tls_);
    dimseForm->addRow(tr("Certificate:"), withBrowse(certificate_, this, tr("Our TLS certificate (PEM)")));
    dimseForm->addRow(tr("Private key:"), withBrowse(privateKey_, this, tr("Its private key (PEM)")));
    dimseForm->addRow(tr("Trusted CAs:"), withBrowse(caCertificates_, this, tr("Trusted CA certificates (PEM)")));
    auto* webBox = new QGroupBox(tr("DICOMweb"), this);
    auto* webForm = new QFormLayout(webBox);
    webForm->addRow(tr("Base URL:"), url_);
    webForm->addRow(tr("Authentication:"), auth_);
    webForm->addRow(tr("User:"), user_);
    webForm->addRow(tr("Password:"), password_);
    webForm->addRow(tr("Token:"), token_);
    auto* general = new QFormLayout;
    general->addRow(tr("Name:"), name_);
    general->addRow(tr("Retrieve by:"), method_);
    general->addRow(tr("Connect timeout:"), connectTimeout_);
    general->addRow(tr("Response timeout:"), dimseTimeout_);

    testButton_ = new QPushButton(tr("&Test Connection"), this);
    testButton_->setObjectName("testConnection");
    testResult_ = new QLabel(this);
    testResult_->setObjectName("testResult");
    testResult_->setWordWrap(true);
    testResult_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    cancelTestButton_ = new QPushButton(tr("Cancel Test"), this);
    cancelTestButton_->setObjectName("cancelTest");
    cancelTestButton_->hide();
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(testButton_);
    testRow->addWidget(cancelTestButton_);
    testRow->addWidget(testResult_, 1);

    auto* right = new QVBoxLayout;
    right->addLayout(general);
    right->addWidget(dimse);
    right->addWidget(webBox);
    right->addLayout(testRow);
    right->addStretch(1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &RemoteNodesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RemoteNodesDialog::reject);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    for (const auto& n : nodes_) list_->addItem(q(n.name));
    connect(list_, &QListWidget::currentRowChanged, this, &RemoteNodesDialog::select);
    connect(add, &QPushButton::clicked, this, &RemoteNodesDialog::addNode);
    connect(removeButton_, &QPushButton::clicked, this, &RemoteNodesDialog::removeNode);
    connect(testButton_, &QPushButton::clicked, this, &RemoteNodesDialog::testConnection);
    connect(name_, &QLineEdit::textEdited, this, [this](const QString& text) {
        if (current_ >= 0) list_->item(current_)->setText(text);
    });
    connect(tls_, &QCheckBox::toggled, this, &RemoteNodesDialog::updateEnabled);
    connect(auth_, &QComboBox::currentIndexChanged, this, &RemoteNodesDialog::updateEnabled);
    connect(cancelTestButton_, &QPushButton::clicked, this, &RemoteNodesDialog::cancelTest);
    connect(this, &RemoteNodesDialog::testFinished, this, [this](bool ok, const QString& message) {
        cancelTestButton_->hide();
        testButton_->setEnabled(current_ >= 0);
        testResult_->setText((ok ? tr("Success: ") : tr("Failed: ")) + message);
        if (tester_.joinable()) tester_.join();
    });
    if (nodes_.empty()) select(-1);
    else list_->setCurrentRow(0);
    resize(760, 560);
}

RemoteNodesDialog::~RemoteNodesDialog() {
    // Closing the dialog does not wait for an unreachable host's connect
    // timeout: the attempt is abandoned and ends by itself, unheard.
    if (tester_.joinable()) {
        testAbandoned_->store(true);
        tester_.detach();
    }
}

bool RemoteNodesDialog::isTesting() const { return tester_.joinable(); }

void RemoteNodesDialog::cancelTest() {
    if (!tester_.joinable()) return;
    // DCMTK's association request cannot be interrupted; the attempt runs
    // on to its timeout in the background and its answer is dropped.
    testAbandoned_->store(true);
    tester_.detach();
    emit testFinished(false, tr("cancelled"));
}

void RemoteNodesDialog::updateEnabled() {
    const bool any = current_ >= 0;
    for (QWidget* w : std::initializer_list<QWidget*>{name_, aeTitle_, host_, port_, tls_, method_, url_, auth_, connectTimeout_,
                                                      dimseTimeout_, testButton_, removeButton_})
        w->setEnabled(any);
    for (QWidget* w : std::initializer_list<QWidget*>{certificate_, privateKey_, caCertificates_}) w->setEnabled(any && tls_->isChecked());
    user_->setEnabled(any && auth_->currentIndex() == 1);
    password_->setEnabled(any && auth_->currentIndex() == 1);
    token_->setEnabled(any && auth_->currentIndex() == 2);
}

void RemoteNodesDialog::storeForm() {
    if (current_ < 0 || loading_) return;
    pacs::RemoteNode& n = nodes_[std::size_t(current_)];
    n.name = name_->text().trimmed().toStdString();
    n.aeTitle = aeTitle_->text().trimmed().toStdString();
    n.host = host_->text().trimmed().toStdString();
    n.port = port_->value();
    n.tls.enabled = tls_->isChecked();
    n.tls.certificate = certificate_->text().toStdString();
    n.tls.privateKey = privateKey_->text().toStdString();
    n.tls.caCertificates = caCertificates_->text().toStdString();
    n.retrieveMethod = pacs::parseRetrieveMethod(method_->currentData().toString().toStdString());
    n.dicomWeb.baseUrl = url_->text().trimmed().toStdString();
    n.dicomWeb.auth = static_cast<pacs::DicomWebSettings::Auth>(auth_->currentIndex());
    n.dicomWeb.user = user_->text().toStdString();
    n.dicomWeb.password = password_->text().toStdString();
    n.dicomWeb.token = token_->text().toStdString();
    n.connectTimeoutSeconds = connectTimeout_->value();
    n.dimseTimeoutSeconds = dimseTimeout_->value();
}

void RemoteNodesDialog::loadForm() {
    loading_ = true;
    const pacs::RemoteNode empty;
    const pacs::RemoteNode& n = current_ >= 0 ? nodes_[std::size_t(current_)] : empty;
    name_->setText(q(n.name));
    aeTitle_->setText(q(n.aeTitle));
    host_->setText(q(n.host));
    port_->setValue(n.port);
    tls_->setChecked(n.tls.enabled);
    certificate_->setText(q(n.tls.certificate.string()));
    privateKey_->setText(q(n.tls.privateKey.string()));
    caCertificates_->setText(q(n.tls.caCertificates.string()));
    method_->setCurrentIndex(method_->findData(q(pacs::retrieveMethodName(n.retrieveMethod))));
    url_->setText(q(n.dicomWeb.baseUrl));
    auth_->setCurrentIndex(int(n.dicomWeb.auth));
    user_->setText(q(n.dicomWeb.user));
    password_->setText(q(n.dicomWeb.password));
    token_->setText(q(n.dicomWeb.token));
    connectTimeout_->setValue(n.connectTimeoutSeconds);
    dimseTimeout_->setValue(n.dimseTimeoutSeconds);
    testResult_->clear();
    loading_ = false;
    updateEnabled();
}

void RemoteNodesDialog::select(int row) {
    storeForm();
    current_ = row;
    loadForm();
}

void RemoteNodesDialog::addNode() {
    storeForm();
    pacs::RemoteNode n;
    n.name = tr("New node %1").arg(nodes_.size() + 1).toStdString();
    nodes_.push_back(n);
    list_->addItem(q(n.name));
    list_->setCurrentRow(int(nodes_.size()) - 1);
    name_->setFocus();
    name_->selectAll();
}

void RemoteNodesDialog::removeNode() {
    if (current_ < 0) return;
    const int row = current_;
    current_ = -1;  // nothing to store back
    nodes_.erase(nodes_.begin() + row);
    delete list_->takeItem(row);
    select(list_->currentRow());
}

bool RemoteNodesDialog::save(bool quiet, QString* error) {
    storeForm();
    try {
        pacs::writeRemoteNodes(file_, nodes_);  // validates every node first
        return true;
    } catch (const core::Error& e) {
        if (error) *error = q(e.what());
        if (!quiet) QMessageBox::warning(this, tr("Remote Nodes"), tr("The nodes cannot be saved:\n%1").arg(q(e.what())));
        return false;
    }
}

void RemoteNodesDialog::accept() {
    if (save()) QDialog::accept();
}

void RemoteNodesDialog::testConnection() {
    if (current_ < 0 || tester_.joinable()) return;
    storeForm();
    const pacs::RemoteNode node = nodes_[std::size_t(current_)];
    try {
        pacs::validate(node);
    } catch (const core::Error& e) {
        emit testFinished(false, q(e.what()));
        return;
    }
    testButton_->setEnabled(false);
    cancelTestButton_->show();
    testResult_->setText(tr("Testing %1...").arg(q(node.describe())));
    QPointer<RemoteNodesDialog> self(this);
    const std::string localAe = localAe_.toStdString();
    auto abandoned = std::make_shared<std::atomic<bool>>(false);
    testAbandoned_ = abandoned;
    // Off the GUI thread: an unreachable host takes the connect timeout.
    tester_ = std::thread([self, node, localAe, abandoned] {
        bool ok = true;
        QStringList said;
        try {
            if (node.hasDimse()) {
                pacs::DimseClient(node, localAe).echo();
                said << tr("C-ECHO answered");
            }
            if (node.hasDicomWeb()) {
                pacs::DicomWebClient(node).checkCapabilities();
                said << tr("QIDO-RS answered");
            }
        } catch (const std::exception& e) {
            ok = false;
            said << q(e.what());
        }
        const QString message = said.join(tr("; "));
        if (abandoned->load()) return;  // cancelled: nobody waits (and the application may be gone)
        QMetaObject::invokeMethod(
            qApp, [self, ok, message, abandoned] {
                if (self && !abandoned->load()) emit self->testFinished(ok, message);
            },
            Qt::QueuedConnection);
    });
}

}  // namespace lightbox::app
