#include "PresentationStateSending.h"

#include "TaskPanel.h"

#include "lightbox/core/Error.h"
#include "lightbox/pacsclient/DicomWebClient.h"
#include "lightbox/pacsclient/DimseClient.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lightbox::app {

namespace {

const char* kSettingsKey = "presentationStates/sendTo";
constexpr int kMethodRole = Qt::UserRole + 1;

}  // namespace

QString PresentationStateDestination::methodName() const {
    return method == Method::StowRs ? QStringLiteral("STOW-RS") : QStringLiteral("C-STORE");
}

QString PresentationStateDestination::describe() const { return node + " (" + methodName() + ")"; }

QString PresentationStateDestination::key() const {
    return (method == Method::StowRs ? QStringLiteral("stow:") : QStringLiteral("store:")) + node;
}

std::optional<PresentationStateDestination> PresentationStateDestination::fromKey(const QString& key) {
    const qsizetype colon = key.indexOf(':');
    if (colon <= 0 || colon + 1 >= key.size()) return std::nullopt;
    const QString method = key.left(colon);
    PresentationStateDestination d;
    d.node = key.mid(colon + 1);
    if (method == QLatin1String("stow")) d.method = Method::StowRs;
    else if (method == QLatin1String("store")) d.method = Method::CStore;
    else return std::nullopt;
    return d;
}

PresentationStateDestinations defaultPresentationStateDestinations(QSettings& settings) {
    PresentationStateDestinations list;
    for (const QString& key : settings.value(QLatin1String(kSettingsKey)).toStringList())
        if (auto d = PresentationStateDestination::fromKey(key); d && !list.contains(*d)) list.push_back(*d);
    return list;
}

PresentationStateDestinations defaultPresentationStateDestinations() {
    QSettings settings;
    return defaultPresentationStateDestinations(settings);
}

void saveDefaultPresentationStateDestinations(QSettings& settings, const PresentationStateDestinations& list) {
    QStringList keys;
    for (const PresentationStateDestination& d : list) keys << d.key();
    settings.setValue(QLatin1String(kSettingsKey), keys);
}

QString sendPresentationStateFile(const std::filesystem::path& file, const PresentationStateDestination& to,
                                  const std::vector<pacs::RemoteNode>& nodes, const std::string& callingAeTitle,
                                  TaskContext* context) {
    const pacs::RemoteNode* node = pacs::findNode(nodes, to.node.toStdString());
    if (!node)
        throw core::Error(core::ErrorCode::InvalidArgument,
                          QObject::tr("There is no remote node called \"%1\" (File > Remote Nodes).").arg(to.node).toStdString());
    const bool stow = to.method == PresentationStateDestination::Method::StowRs;
    if (stow && !node->hasDicomWeb())
        throw core::Error(core::ErrorCode::InvalidArgument,
                          QObject::tr("%1 has no DICOMweb address: it cannot take STOW-RS.").arg(to.node).toStdString());
    if (!stow && !node->hasDimse())
        throw core::Error(core::ErrorCode::InvalidArgument,
                          QObject::tr("%1 has no AE title and host: it cannot take C-STORE.").arg(to.node).toStdString());
    if (context) context->progress(0, 1, QObject::tr("Sending to %1 by %2").arg(to.node, to.methodName()));
    const pacs::CancelFlag* cancel = context ? context->cancelFlag() : nullptr;
    const pacs::TransferReport r = stow ? pacs::DicomWebClient(*node).store({file}, {}, cancel)
                                        : pacs::DimseClient(*node, callingAeTitle).store({file}, {}, cancel);
    if (r.cancelled) throw core::Error(core::ErrorCode::Cancelled, QObject::tr("Cancelled").toStdString());
    if (r.failed || r.completed != 1)
        throw core::Error(core::ErrorCode::Io,
                          QObject::tr("%1 did not take the presentation state: %2")
                              .arg(QString::fromStdString(node->describe()),
                                   QString::fromStdString(r.statusText.empty() ? "refused" : r.statusText))
                              .toStdString());
    if (context) context->progress(1, 1, {});
    return QObject::tr("Presentation state sent to %1").arg(to.describe());
}

PresentationStateDestinationsWidget::PresentationStateDestinationsWidget(const std::vector<pacs::RemoteNode>& nodes,
                                                                         const PresentationStateDestinations& checked,
                                                                         QWidget* parent)
    : QWidget(parent) {
    list_ = new QTreeWidget(this);
    list_->setObjectName(QStringLiteral("presentationStateDestinations"));
    list_->setRootIsDecorated(false);
    list_->setHeaderLabels({tr("Node"), tr("Method"), tr("Address")});
    list_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    none_ = new QLabel(tr("No remote nodes are configured (File > Remote Nodes): saved presentation states stay in the archive."), this);
    none_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(none_);
    layout->addWidget(list_);
    fill(nodes, checked);
}

void PresentationStateDestinationsWidget::setNodes(const std::vector<pacs::RemoteNode>& nodes) { fill(nodes, destinations()); }

void PresentationStateDestinationsWidget::fill(const std::vector<pacs::RemoteNode>& nodes, const PresentationStateDestinations& checked) {
    list_->clear();
    for (const pacs::RemoteNode& n : nodes) {
        auto add = [&](PresentationStateDestination::Method method, const std::string& address) {
            const PresentationStateDestination d{QString::fromStdString(n.name), method};
            auto* item = new QTreeWidgetItem(list_, {d.node, d.methodName(), QString::fromStdString(address)});
            item->setData(0, kMethodRole, d.key());
            item->setCheckState(0, checked.contains(d) ? Qt::Checked : Qt::Unchecked);
        };
        if (n.hasDimse())
            add(PresentationStateDestination::Method::CStore, n.aeTitle + "@" + n.host + ":" + std::to_string(n.port));
        if (n.hasDicomWeb()) add(PresentationStateDestination::Method::StowRs, n.dicomWeb.baseUrl);
    }
    none_->setVisible(nodes.empty());
}

PresentationStateDestinations PresentationStateDestinationsWidget::destinations() const {
    PresentationStateDestinations out;
    for (int i = 0; i < list_->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = list_->topLevelItem(i);
        if (item->checkState(0) != Qt::Checked) continue;
        if (auto d = PresentationStateDestination::fromKey(item->data(0, kMethodRole).toString())) out.push_back(*d);
    }
    return out;
}

void PresentationStateDestinationsWidget::setChecked(const PresentationStateDestination& destination, bool checked) {
    for (int i = 0; i < list_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = list_->topLevelItem(i);
        if (item->data(0, kMethodRole).toString() == destination.key())
            item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
    }
}

int PresentationStateDestinationsWidget::rowCount() const { return list_->topLevelItemCount(); }

SaveAndSendDialog::SaveAndSendDialog(const std::vector<pacs::RemoteNode>& nodes, const PresentationStateDestinations& defaults,
                                     QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Save and Send Presentation State"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The presentation state is stored in the archive and sent to the checked destinations:"), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    widget_ = new PresentationStateDestinationsWidget(nodes, defaults, this);
    layout->addWidget(widget_);
    keep_ = new QCheckBox(tr("Send future presentation states (Ctrl+S) to these too"), this);
    keep_->setObjectName(QStringLiteral("keepAsDefault"));
    layout->addWidget(keep_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Save && Send"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 320);
}

PresentationStateDestinations SaveAndSendDialog::destinations() const { return widget_->destinations(); }

bool SaveAndSendDialog::keepAsDefault() const { return keep_->isChecked(); }

}  // namespace lightbox::app
