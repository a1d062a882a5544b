// The workstation window on a real X display (Xvfb): open a folder in the
// background, list patient / study / series, show the first image through the
// grayscale pipeline, scroll with the keyboard and the wheel.

#include "MainWindow.h"
#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Tag.h"
#include "lightbox/viewer/ImageView.h"
#include "lightbox/viewer/StudyBrowser.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace lightbox;
using namespace lightbox::core;

namespace {

// 16 x 16 CT slice; every pixel of slice n is HU (n * 100 - 500): a 0..1000 ramp
// across slices displayed with W 1000 / L 0.
void writeCt(const QString& path, int n, const std::string& study, const std::string& date) {
    DatasetBuilder b;
    b.text(tags::SpecificCharacterSet, "CS", "ISO_IR 192")
        .text(tags::SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.2")
        .text(tags::SOPInstanceUID, "UI", uidFromName(study + std::to_string(n)))
        .text(tags::StudyInstanceUID, "UI", uidFromName(study))
        .text(tags::SeriesInstanceUID, "UI", uidFromName(study + "/series"))
        .text(tags::StudyDate, "DA", date)
        .text(tags::StudyDescription, "LO", "CT " + study)
        .text(tags::SeriesDescription, "LO", "Axial")
        .text(tags::SeriesNumber, "IS", "2")
        .text(tags::Modality, "CS", "CT")
        .text(tags::PatientName, "PN", "MÜLLER^ANNA")
        .text(tags::PatientID, "LO", "GUI-1")
        .text(tags::InstanceNumber, "IS", std::to_string(n))
        .text(tags::ImagePositionPatient, "DS", formatDsList({0, 0, double(n) * 3}))
        .text(tags::ImageOrientationPatient, "DS", "1\\0\\0\\0\\1\\0")
        .text(tags::PixelSpacing, "DS", "1\\1")
        .text(tags::WindowCenter, "DS", "0").text(tags::WindowWidth, "DS", "1000")
        .text(tags::RescaleIntercept, "DS", "-1024").text(tags::RescaleSlope, "DS", "1")
        .us(tags::SamplesPerPixel, 1).text(tags::PhotometricInterpretation, "CS", "MONOCHROME2")
        .us(tags::Rows, 16).us(tags::Columns, 16)
        .us(tags::BitsAllocated, 16).us(tags::BitsStored, 12).us(tags::HighBit, 11).us(tags::PixelRepresentation, 0);
    const int stored = n * 100 - 500 + 1024;
    std::vector<std::uint8_t> px;
    for (int i = 0; i < 256; ++i) { px.push_back(std::uint8_t(stored & 0xFF)); px.push_back(std::uint8_t(stored >> 8)); }
    b.binary(tags::PixelData, "OW", px);
    b.write(path.toStdString());
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void opensFolderAndShowsImages() {
        QTemporaryDir dir;
        for (int n = 0; n <= 10; ++n) writeCt(dir.filePath(QString("cur%1.dcm").arg(n)), n, "current", "20261120");
        for (int n = 0; n <= 2; ++n) writeCt(dir.filePath(QString("pri%1.dcm").arg(n)), n, "prior", "20241001");

        app::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        bool done = false;
        window.openFolder(dir.path(), [&] { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);

        viewer::StudyBrowser* browser = window.studyBrowser();
        QCOMPARE(browser->patientCount(), 1);
        QTreeWidgetItem* patient = browser->topLevelItem(0);
        QCOMPARE(patient->text(0), QString::fromUtf8("MÜLLER, ANNA"));
        QCOMPARE(patient->childCount(), 2);
        QCOMPARE(patient->child(0)->text(1), QString("2026-11-20"));  // newest study first
        QCOMPARE(patient->child(1)->text(1), QString("2024-10-01"));

        // The first series of the newest study is shown: slice 0 (HU -500) sorted
        // first along +z, W 1000 / L 0 -> P = 0 (PS3.3 linear: at the lower bound).
        viewer::ImageView* view = window.imageView();
        QCOMPARE(view->imageCount(), 11);
        QCOMPARE(view->currentIndex(), 0);
        QImage first = view->displayed().image;
        QVERIFY(!first.isNull());
        QCOMPARE(first.pixelColor(8, 8).red(), 0);

        // Keyboard: down arrow to slice 5 (HU 0 -> mid gray 128).
        QSignalSpy changed(view, &viewer::ImageView::imageChanged);
        view->setFocus();
        for (int i = 0; i < 5; ++i) QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(changed.count(), 5);
        QCOMPARE(view->currentIndex(), 5);
        QVERIFY(std::abs(view->displayed().image.pixelColor(8, 8).red() - 128) <= 1);
        QTest::keyClick(view, Qt::Key_End);
        QCOMPARE(view->currentIndex(), 10);
        QCOMPARE(view->displayed().image.pixelColor(8, 8).red(), 255);
        // What is on the screen is that image: the view's centre is white.
        QImage shot = window.grab().toImage();
        const QPoint centre = view->mapTo(&window, view->rect().center());
        QVERIFY2(shot.pixelColor(centre).lightness() >= 250, qPrintable(QString::number(shot.pixelColor(centre).lightness())));

        // Selecting the prior's series shows it.
        browser->setCurrentItem(patient->child(1)->child(0));
        QCOMPARE(view->imageCount(), 3);
        QCOMPARE(view->displayed().image.pixelColor(8, 8).red(), 0);
    }

    // The GUI hosts the same Storage SCP as `archive serve`: studies pushed
    // to it appear in the running window without a restart.
    void receivedStudiesAppearWithoutRestart() {
        if (!test::haveProgram("storescu")) QSKIP("storescu not installed");
        QTemporaryDir dir;
        for (int n = 0; n <= 4; ++n) writeCt(dir.filePath(QString("cur%1.dcm").arg(n)), n, "pushed", "20261128");
        std::unique_ptr<archive::Archive> store = archive::Archive::open(dir.filePath("archive").toStdString());
        app::MainWindow window;
        window.show();
        bool loaded = false;
        window.setArchive(store.get(), [&] { loaded = true; });
        QTRY_VERIFY_WITH_TIMEOUT(loaded, 10000);
        QCOMPARE(window.studyBrowser()->patientCount(), 0);
        const quint16 port = test::freeTcpPort();
        QString error;
        QVERIFY2(window.startListening("LIGHTBOX", port, &error), qPrintable(error));
        test::ProcessResult sent = test::run("storescu", {"-aec", "LIGHTBOX", "+sd", "+sp", "*.dcm", "127.0.0.1",
                                                          QString::number(port), dir.path()});
        QCOMPARE(sent.exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(window.studyBrowser()->patientCount(), 1, 15000);
        // The first series is shown, read back from the archive's files.
        QTRY_COMPARE_WITH_TIMEOUT(window.imageView()->imageCount(), 5, 15000);
        QCOMPARE(window.imageView()->displayed().image.pixelColor(8, 8).red(), 0);  // slice 0: HU -500 at W1000/L0
        window.stopListening();
        QVERIFY(!window.isListening());
    }

    void emptyFolderSaysSo() {
        QTemporaryDir dir;
        app::MainWindow window;
        bool done = false;
        window.openFolder(dir.path(), [&] { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(window.studyBrowser()->patientCount(), 0);
        QCOMPARE(window.imageView()->imageCount(), 0);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
