#include "DisplayDescription.h"

#include <QCoreApplication>

namespace lightbox::qc {

QString describeDisplay(const calibration::DisplayIdentity& d) {
    QString name = QString::fromStdString(d.manufacturer);
    if (!d.modelName.empty()) name += (name.isEmpty() ? "" : " ") + QString::fromStdString(d.modelName);
    const QString serial = !d.serialText.empty() ? QString::fromStdString(d.serialText)
                           : d.serialNumber      ? QString::number(d.serialNumber)
                                                 : QString();
    if (!serial.isEmpty()) name = QCoreApplication::translate("DisplayIdentity", "%1 (S/N %2)").arg(name, serial).trimmed();
    if (name.isEmpty()) name = QCoreApplication::translate("DisplayIdentity", "unidentified display");
    if (!d.connector.empty()) name = QCoreApplication::translate("DisplayIdentity", "%1 on %2").arg(name, QString::fromStdString(d.connector));
    return name;
}

}  // namespace lightbox::qc
