#pragma once
// The GUI's translations for a locale: Lightbox's own catalogue and Qt's, for
// the texts of its standard dialogs and buttons (Cancel, the wizard's Next and
// Finish, "Press shortcut").

#include <QList>
#include <QLocale>

class QObject;
class QTranslator;

namespace lightbox::app {

// Loads lightbox_<language>.qm from :/translations (compiled from
// translations/ and embedded by the build) and Qt's qtbase_<language>.qm from
// Qt's translations folder (Debian: qt6-translations-l10n), installs them in
// the application, and returns the translators (children of `parent`).
// Nothing is installed for a language without a Lightbox catalogue (English).
QList<QTranslator*> installTranslations(const QLocale& locale, QObject* parent);

}  // namespace lightbox::app
