// lightbox: the reading workstation (GUI).

#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("Lightbox");
    QApplication::setOrganizationName("Lightbox");
    QApplication::setApplicationVersion(LIGHTBOX_VERSION);

    QTranslator translator;
    if (translator.load(QLocale(), "lightbox", "_", ":/translations")) app.installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Lightbox diagnostic reading workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption archive("archive", QApplication::translate("main", "Folder of DICOM files to open."), "folder");
    QCommandLineOption screenshot("screenshot", QApplication::translate("main", "Save a screenshot after loading and quit."), "png");
    parser.addOption(archive);
    parser.addOption(screenshot);
    parser.process(app);

    lightbox::app::MainWindow window;
    window.show();
    QString folder = parser.value(archive);
    if (folder.isEmpty()) folder = qEnvironmentVariable("LIGHTBOX_ARCHIVE");
    if (folder.isEmpty())
        folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/archive";
    const QString shotPath = parser.value(screenshot);
    if (QDir(folder).exists()) {
        window.openFolder(folder, [&window, shotPath] {
            if (shotPath.isEmpty()) return;
            QTimer::singleShot(300, &window, [&window, shotPath] {
                const bool ok = window.grab().save(shotPath);
                QApplication::exit(ok ? 0 : 1);
            });
        });
    } else if (!shotPath.isEmpty()) {
        QTimer::singleShot(300, &window, [&window, shotPath] { QApplication::exit(window.grab().save(shotPath) ? 0 : 1); });
    }
    return app.exec();
}
