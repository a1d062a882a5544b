#include "QcActions.h"

#include "HistoryView.h"
#include "QcWizard.h"
#include "ScreenIdentity.h"

#include "lightbox/core/Error.h"

#include <QMessageBox>

namespace lightbox::qc {
namespace {

std::shared_ptr<calibration::QcHistory> openHistory(QWidget* parent) {
    try {
        return std::make_shared<calibration::QcHistory>(defaultHistoryPath().toStdString());
    } catch (const core::Error& e) {
        QMessageBox::critical(parent, QObject::tr("Display QC"),
                              QObject::tr("The QC history cannot be opened:\n%1").arg(QString::fromStdString(e.what())));
        return nullptr;
    }
}

}  // namespace

QWidget* openQcWizard(QWidget* parent) {
    auto history = openHistory(parent);
    if (!history) return nullptr;
    auto* wizard = new QcWizard(history, parent);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->show();
    return wizard;
}

void openQcHistory(QWidget* parent) {
    auto history = openHistory(parent);
    if (!history) return;
    auto* view = new HistoryView(history, parent);
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->show();
}

}  // namespace lightbox::qc
