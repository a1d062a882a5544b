#include "SettingsDialog.h"

#include "PresentationStateSending.h"
#include "RemoteNodesDialog.h"

#include "lightbox/core/Error.h"

#include "lightbox/viewer/ShortcutMap.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lightbox::app {

WorkstationSettings WorkstationSettings::load(QSettings& s) {
    WorkstationSettings w;
    w.aeTitle = s.value(QStringLiteral("network/aeTitle"), w.aeTitle).toString();
    const int port = s.value(QStringLiteral("network/port"), int(w.port)).toInt();
    if (port > 0 && port < 65536) w.port = quint16(port);
    w.archiveLocation = s.value(QStringLiteral("archive/location")).toString();
    return w;
}

void WorkstationSettings::save(QSettings& s) const {
    s.setValue(QStringLiteral("network/aeTitle"), aeTitle);
    s.setValue(QStringLiteral("network/port"), int(port));
    if (archiveLocation.isEmpty()) s.remove(QStringLiteral("archive/location"));
    else s.setValue(QStringLiteral("archive/location"), archiveLocation);
}

SettingsDialog::SettingsDialog(const WorkstationSettings& settings, viewer::ShortcutMap& shortcuts,
                               std::filesystem::path nodesFile, QList<QAction*> displayActions, QWidget* parent)
    : QDialog(parent), initial_(settings), shortcuts_(shortcuts), working_(std::make_unique<viewer::ShortcutMap>()),
      nodesFile_(std::move(nodesFile)) {
    setWindowTitle(tr("Settings"));
    working_->copyKeysFrom(shortcuts_);
    pages_ = new QTabWidget(this);
    pages_->addTab(networkPage(), tr("Network"));
    pages_->addTab(archivePage(), tr("Archive"));
    pages_->addTab(displayPage(displayActions), tr("Display"));
    pages_->addTab(shortcutsPage(), tr("Shortcuts"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pages_);
    layout->addWidget(buttons);
    resize(760, 560);
}

SettingsDialog::~SettingsDialog() = default;

QWidget* SettingsDialog::networkPage() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    aeTitle_ = new QLineEdit(initial_.aeTitle, page);
    aeTitle_->setObjectName(QStringLiteral("aeTitle"));
    aeTitle_->setMaxLength(16);
    // PS3.5: AE titles are up to 16 characters of the default repertoire, no backslash or control characters.
    aeTitle_->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[ -\\[\\]-~]{1,16}")), aeTitle_));
    port_ = new QSpinBox(page);
    port_->setObjectName(QStringLiteral("port"));
    port_->setRange(1, 65535);
    port_->setValue(initial_.port);
    form->addRow(tr("Local AE title:"), aeTitle_);
    form->addRow(tr("Listening port (Storage SCP, C-MOVE destination):"), port_);
    auto* nodes = new QPushButton(tr("Remote Nodes..."), page);
    connect(nodes, &QPushButton::clicked, this, [this] {
        RemoteNodesDialog(nodesFile_, aeTitle_->text(), this).exec();
        if (!sendTo_) return;
        try {
            sendTo_->setNodes(pacs::readRemoteNodes(nodesFile_));  // the destinations follow the edited list
        } catch (const core::Error&) {
        }
    });
    form->addRow(tr("PACS and other nodes:"), nodes);
    auto* note = new QLabel(tr("Remote nodes must know this AE title, host and port to send retrieved studies here (C-MOVE)."), page);
    note->setWordWrap(true);
    note->setEnabled(false);
    form->addRow(note);
    // Where Ctrl+S sends a saved presentation state (PresentationStateSending.h).
    std::vector<pacs::RemoteNode> known;
    try {
        known = pacs::readRemoteNodes(nodesFile_);
    } catch (const core::Error&) {
    }
    QSettings settings;
    sendTo_ = new PresentationStateDestinationsWidget(known, defaultPresentationStateDestinations(settings), page);
    form->addRow(tr("Send presentation states to:"), sendTo_);
    return page;
}

QWidget* SettingsDialog::archivePage() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    auto* row = new QHBoxLayout;
    archive_ = new QLineEdit(initial_.archiveLocation, page);
    archive_->setObjectName(QStringLiteral("archiveLocation"));
    archive_->setPlaceholderText(tr("Default (the user's data folder)"));
    auto* browse = new QPushButton(tr("Browse..."), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Archive folder"), archive_->text());
        if (!folder.isEmpty()) archive_->setText(folder);
    });
    row->addWidget(archive_, 1);
    row->addWidget(browse);
    form->addRow(tr("Archive folder:"), row);
    auto* note = new QLabel(tr("A new location takes effect the next time Lightbox starts; the --archive option overrides it."), page);
    note->setWordWrap(true);
    note->setEnabled(false);
    form->addRow(note);
    return page;
}

QWidget* SettingsDialog::displayPage(const QList<QAction*>& actions) {
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* text = new QLabel(tr("Diagnostic displays are calibrated to the DICOM Grayscale Standard Display Function "
                               "and checked by the QC tests; the reading viewports apply each display's calibration."),
                            page);
    text->setWordWrap(true);
    layout->addWidget(text);
    for (QAction* action : actions) {
        auto* button = new QPushButton(action->text().remove('&'), page);
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        layout->addWidget(button, 0, Qt::AlignLeft);
    }
    layout->addStretch(1);
    return page;
}

QWidget* SettingsDialog::shortcutsPage() {
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    shortcutTable_ = new QTreeWidget(page);
    shortcutTable_->setObjectName(QStringLiteral("shortcutTable"));
    shortcutTable_->setColumnCount(2);
    shortcutTable_->setHeaderLabels({tr("Action"), tr("Shortcut")});
    shortcutTable_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    shortcutTable_->setUniformRowHeights(true);
    layout->addWidget(shortcutTable_, 1);

    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Shortcut:"), page));
    keyEdit_ = new QKeySequenceEdit(page);
    keyEdit_->setObjectName(QStringLiteral("keyEdit"));
    row->addWidget(keyEdit_, 1);
    auto* assign = new QPushButton(tr("Assign"), page);
    auto* clear = new QPushButton(tr("Remove"), page);
    auto* reset = new QPushButton(tr("Default"), page);
    auto* resetAll = new QPushButton(tr("Reset All"), page);
    for (QPushButton* b : {assign, clear, reset, resetAll}) {
        b->setAutoDefault(false);
        row->addWidget(b);
    }
    layout->addLayout(row);
    shortcutMessage_ = new QLabel(page);
    shortcutMessage_->setObjectName(QStringLiteral("shortcutMessage"));
    shortcutMessage_->setWordWrap(true);
    layout->addWidget(shortcutMessage_);

    connect(assign, &QPushButton::clicked, this, [this] {
        // QKeySequenceEdit records up to four chords; a shortcut is the first.
        const QKeySequence typed = keyEdit_->keySequence();
        if (!currentActionId().isEmpty() && !typed.isEmpty()) assignShortcut(currentActionId(), QKeySequence(typed[0]));
    });
    connect(clear, &QPushButton::clicked, this, [this] {
        if (!currentActionId().isEmpty()) assignShortcut(currentActionId(), QKeySequence());
    });
    connect(reset, &QPushButton::clicked, this, [this] {
        if (currentActionId().isEmpty()) return;
        working_->resetToDefault(currentActionId());
        fillShortcuts();
    });
    connect(resetAll, &QPushButton::clicked, this, [this] {
        working_->resetToDefaults();
        fillShortcuts();
    });
    connect(shortcutTable_, &QTreeWidget::currentItemChanged, this, [this] {
        keyEdit_->setKeySequence(working_->key(currentActionId()));
        shortcutMessage_->clear();
    });
    fillShortcuts();
    return page;
}

void SettingsDialog::fillShortcuts() {
    const QString keep = currentActionId();
    shortcutTable_->clear();
    for (const QString& group : working_->groups()) {
        auto* g = new QTreeWidgetItem(shortcutTable_, {group});
        g->setFlags(Qt::ItemIsEnabled);
        QFont bold = g->font(0);
        bold.setBold(true);
        g->setFont(0, bold);
        for (const auto& a : working_->actions()) {
            if (a.group != group) continue;
            auto* item = new QTreeWidgetItem(g, {a.title, viewer::shortcutText(a.keys)});
            item->setData(0, Qt::UserRole, a.id);
            if (a.keys != a.defaults) {
                QFont f = item->font(1);
                f.setBold(true);
                item->setFont(1, f);
                item->setToolTip(1, tr("Default: %1").arg(viewer::shortcutText(a.defaults)));
            }
        }
    }
    shortcutTable_->expandAll();
    if (!keep.isEmpty()) selectAction(keep);
}

QString SettingsDialog::currentActionId() const {
    QTreeWidgetItem* item = shortcutTable_ ? shortcutTable_->currentItem() : nullptr;
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

void SettingsDialog::selectAction(const QString& id) {
    for (int g = 0; g < shortcutTable_->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = shortcutTable_->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i)
            if (group->child(i)->data(0, Qt::UserRole).toString() == id) {
                shortcutTable_->setCurrentItem(group->child(i));
                return;
            }
    }
}

bool SettingsDialog::assignShortcut(const QString& id, const QKeySequence& key, QString* error) {
    QString conflict;
    if (!working_->setKey(id, key, &conflict)) {
        const viewer::ShortcutAction* other = working_->action(conflict);
        const QString message = tr("%1 is already the shortcut of \"%2\" (%3). Give that action another key first.")
                                    .arg(key.toString(QKeySequence::NativeText), other ? other->title : conflict,
                                         other ? other->group : QString());
        shortcutMessage_->setText(message);
        shortcutMessage_->setStyleSheet(QStringLiteral("color: #e06c60;"));
        if (error) *error = message;
        return false;
    }
    shortcutMessage_->setStyleSheet(QString());
    shortcutMessage_->setText(key.isEmpty() ? tr("Shortcut removed.") : tr("%1 assigned.").arg(key.toString(QKeySequence::NativeText)));
    fillShortcuts();
    selectAction(id);
    return true;
}

WorkstationSettings SettingsDialog::settings() const {
    WorkstationSettings w;
    w.aeTitle = aeTitle_->text().trimmed().isEmpty() ? initial_.aeTitle : aeTitle_->text().trimmed();
    w.port = quint16(port_->value());
    w.archiveLocation = archive_->text().trimmed();
    return w;
}

void SettingsDialog::accept() {
    shortcuts_.copyKeysFrom(*working_);
    QSettings settings;
    shortcuts_.save(settings);
    this->settings().save(settings);
    if (sendTo_) saveDefaultPresentationStateDestinations(settings, sendTo_->destinations());
    QDialog::accept();
}

}  // namespace lightbox::app
