#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace lightbox::app {

QList<QTranslator*> installTranslations(const QLocale& locale, QObject* parent) {
    QList<QTranslator*> installed;
    auto* own = new QTranslator(parent);
    if (!own->load(locale, QStringLiteral("lightbox"), QStringLiteral("_"), QStringLiteral(":/translations"))) {
        delete own;
        return installed;
    }
    QCoreApplication::installTranslator(own);
    installed << own;
    auto* qt = new QTranslator(parent);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        installed << qt;
    } else {
        delete qt;
    }
    return installed;
}

}  // namespace lightbox::app
