// lightbox: the reading workstation (GUI).

#include "MainWindow.h"
#include "RegistrationWiring.h"
#include "Translations.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/Error.h"
#include "lightbox/viewer/ShortcutMap.h"
#include "lightbox/viewer/Viewport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QSurfaceFormat>
#include <QTimer>

#include <cstdio>
#include <memory>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    // The viewports' OpenGL format (3.2 core, no multisampling; 10 bits per
    // channel on a 30-bit screen) for every GL widget, set before the first.
    QSurfaceFormat::setDefaultFormat(lightbox::viewer::Viewport::surfaceFormat(lightbox::viewer::Viewport::preferredOutputBits()));
    QApplication::setApplicationName("Lightbox");
    QApplication::setOrganizationName("Lightbox");
    QApplication::setApplicationVersion(LIGHTBOX_VERSION);

    lightbox::app::installTranslations(QLocale(), &app);  // the system locale: LANG=de_DE.UTF-8 is German

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Lightbox diagnostic reading workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption archiveOption("archive", QApplication::translate("main", "The embedded archive's folder (created if missing)."), "folder");
    QCommandLineOption openOption("open", QApplication::translate("main", "View a folder of DICOM files without importing it, or open a study of the archive by its Study Instance UID."), "folder|uid");
    QCommandLineOption layoutOption("layout", QApplication::translate("main", "Viewport layout for --open STUDY_UID: 1x1, 1x2, 2x2, 3x3 or mpr (default: the hanging protocol's, with priors)."), "layout");
    QCommandLineOption timingOption("timing", QApplication::translate("main", "Print how long opening the study took (first image, prior in place) on stderr."));
    QCommandLineOption listenOption("listen", QApplication::translate("main", "Receive DICOM objects on this port (Storage SCP)."), "port");
    QCommandLineOption aetOption("aet", QApplication::translate("main", "AE title of the listener (default LIGHTBOX)."), "aet", "LIGHTBOX");
    QCommandLineOption screenshot("screenshot", QApplication::translate("main", "Save a screenshot after loading and quit."), "png");
    parser.addOptions({archiveOption, openOption, layoutOption, listenOption, aetOption, screenshot, timingOption});
    parser.process(app);

    // The user's shortcuts (Settings > Shortcuts) before any widget asks for a key.
    {
        QSettings settings;
        lightbox::viewer::ShortcutMap::global().load(settings);
    }
    // Declared before the window: the window's background work (tasks,
    // searches) is joined when it is destroyed, before the archive closes.
    std::unique_ptr<lightbox::archive::Archive> archive;
    lightbox::app::MainWindow window;
    window.setTimingReport(parser.isSet(timingOption) || qEnvironmentVariableIntValue("LIGHTBOX_TIMING") != 0);
    window.show();
    const QString shotPath = parser.value(screenshot);
    auto afterLoad = [&window, shotPath] {
        if (shotPath.isEmpty()) return;
        // A prior being registered is shown where the registration puts it.
        lightbox::app::installRegistrationWiring(window.readingArea())->whenSettled([&window, shotPath] {
            QTimer::singleShot(600, &window, [&window, shotPath] { QApplication::exit(window.grab().save(shotPath) ? 0 : 1); });
        });
    };

    const bool openFolder = parser.isSet(openOption) && QFileInfo(parser.value(openOption)).isDir();
    if (openFolder) {
        window.openFolder(parser.value(openOption), afterLoad);
    } else {
        QString root = parser.value(archiveOption);
        if (root.isEmpty()) root = qEnvironmentVariable("LIGHTBOX_ARCHIVE");
        if (root.isEmpty()) root = QSettings().value("archive/location").toString();  // Settings > Archive
        if (root.isEmpty()) root = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/archive";
        try {
            archive = lightbox::archive::Archive::open(root.toStdString());
        } catch (const lightbox::core::Error& e) {
            QMessageBox::critical(&window, QApplication::translate("main", "Lightbox"),
                                  QApplication::translate("main", "The archive at %1 cannot be opened:\n%2")
                                      .arg(root, QString::fromStdString(e.what())));
            return 1;
        }
        if (parser.isSet(openOption)) {
            // A study of the archive in the reading area; the screenshot waits for its images.
            const QString uid = parser.value(openOption), layout = parser.value(layoutOption);
            window.setArchive(archive.get());
            window.openStudy(uid, layout, [&window, afterLoad, shotPath](const QString& error) {
                // Later, from the event loop: a bad --layout is reported before exec() runs.
                QTimer::singleShot(0, &window, [&window, afterLoad, shotPath, error] {
                    if (error.isEmpty()) {
                        afterLoad();
                    } else if (!shotPath.isEmpty()) {  // unattended: one line, a failing exit status
                        std::fprintf(stderr, "lightbox: %s\n", qPrintable(error));
                        QApplication::exit(1);
                    } else {
                        QMessageBox::warning(&window, QApplication::translate("main", "Lightbox"), error);
                    }
                });
            });
        } else {
            window.setArchive(archive.get(), afterLoad);
        }
        if (parser.isSet(listenOption)) {
            QString error;
            if (!window.startListening(parser.value(aetOption), quint16(parser.value(listenOption).toUInt()), &error))
                QMessageBox::warning(&window, QApplication::translate("main", "Lightbox"), error);
        }
    }
    const int rc = app.exec();
    window.stopListening();  // in-flight associations finish before the archive closes
    return rc;
}
