// Annotations drawn on MPR planes and presentation states, which reference
// stored images only:
// - a length on an axial MPR plane a third of a slice away from a stored
//   axial slice (same orientation, within half a slice) is written against
//   that image, its points in the image's pixel coordinates;
// - a length on a coronal plane is not (counted as skipped), and saving the
//   plane as a derived image gives a derived CT (its own Image Plane module in
//   the series' frame) and a GSPS referencing it, both passing dciodvfy (and
//   the state dcmpschk), whose pixels are the plane's values and whose
//   annotation points lie on the same patient points; for a non-CT series
//   the image is a Secondary Capture, also valid.

#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/ImageGeometry.h"
#include "lightbox/core/PixelData.h"
#include "lightbox/core/PresentationState.h"
#include "lightbox/core/PresentationStateRender.h"
#include "lightbox/core/Series.h"
#include "lightbox/core/Synthetic.h"
#include "lightbox/core/Tag.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/AnnotationLayer.h"
#include "lightbox/viewer/MeasurementTools.h"
#include "lightbox/viewer/PresentationStateExport.h"
#include "lightbox/viewer/Viewport.h"

#include <QtTest>

#include <cmath>

using namespace lightbox;
using core::operator*;
using core::operator+;
using core::operator-;

namespace {

double distanceMm(const core::Vec3& a, const core::Vec3& b) { return core::norm(core::operator-(a, b)); }

QString writeFile(const QTemporaryDir& dir, const QString& name, const std::string& bytes) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(bytes.data(), qint64(bytes.size()));
    return path;
}

}  // namespace

class TestGspsPlanes : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        core::SynthOptions options;
        options.only = "ct-current";
        options.slices = 8;
        options.matrix = 96;
        core::writeSyntheticPatients(dir_.filePath("synth").toStdString(), options);
        const core::ScanResult scan = core::scanForSeries(dir_.filePath("synth").toStdString());
        QCOMPARE(scan.series.size(), std::size_t(1));
        ct_ = viewer::loadSeries(scan.series.front());
        QVERIFY(ct_);
    }

    void aPlaneOnAStoredSliceIsWrittenAgainstIt() {
        viewer::Viewport view;
        view.resize(300, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showPlane(ct_, render::PlaneKind::Axial, 0);
        const auto image = view.measurementTools()->currentTarget();
        QVERIFY(image && image->isImage());
        const core::Volume& v = ct_->volume;
        int k = -1;
        for (std::size_t i = 0; i < ct_->series.slices.size(); ++i)
            if (ct_->series.slices[i].sopInstanceUid == image->sopInstanceUid) k = int(i);
        QVERIFY(k >= 0);

        // A plane a third of a slice above slice k, parallel to it.
        const core::Vec3 normal = core::normalized(core::cross(v.axisX, v.axisY));
        const core::Vec3 shift = normal * (v.spacing[2] / 3);
        viewer::Annotation a;
        a.tool = viewer::MeasurementTool::Length;
        a.target.seriesInstanceUid = ct_->series.seriesInstanceUid;
        a.target.planeNormal = normal;
        a.target.planePoint = core::operator+(v.patientPoint(48, 48, k), shift);
        a.points = {core::operator+(v.patientPoint(30, 40, k), shift), core::operator+(v.patientPoint(70, 55, k), shift)};
        a.label = "length";
        const auto onSlice = viewer::onStoredSlice(a, *ct_);
        QVERIFY(onSlice);
        QCOMPARE(onSlice->target.sopInstanceUid, image->sopInstanceUid);
        QVERIFY(std::abs(onSlice->points[0][0] - 30.5) < 1e-6 && std::abs(onSlice->points[0][1] - 40.5) < 1e-6);
        QVERIFY(std::abs(onSlice->points[1][0] - 70.5) < 1e-6 && std::abs(onSlice->points[1][1] - 55.5) < 1e-6);

        // Two thirds of a slice away: nearer the next slice, all points there too.
        viewer::Annotation far = a;
        const core::Vec3 farShift = normal * (v.spacing[2] * 2 / 3);
        far.target.planePoint = core::operator+(v.patientPoint(48, 48, k), farShift);
        far.points = {core::operator+(v.patientPoint(30, 40, k), farShift), core::operator+(v.patientPoint(70, 55, k), farShift)};
        const auto next = viewer::onStoredSlice(far, *ct_);
        QVERIFY(!next || next->target.sopInstanceUid != image->sopInstanceUid);

        // Tilted by two degrees: not the same orientation.
        viewer::Annotation tilted = a;
        tilted.target.planeNormal = core::normalized(core::operator+(normal, core::Vec3{std::tan(2 * M_PI / 180), 0, 0}));
        QVERIFY(!viewer::onStoredSlice(tilted, *ct_));

        viewer::AnnotationLayer layer;
        layer.add(a);
        const viewer::SavedPresentationState saved = viewer::presentationStateOf(view, layer);
        QCOMPARE(saved.annotations, 1);
        QCOMPARE(saved.planeAnnotationsOnSlices, 1);
        QCOMPARE(saved.skippedPlaneAnnotations, 0);
        const core::PresentationState ps = core::PresentationState::from(core::DicomFile::fromBytes(saved.part10));
        QCOMPARE(ps.annotations.size(), std::size_t(1));
        QCOMPARE(ps.annotations[0].subset.images.front().sopInstanceUid, image->sopInstanceUid);
        const auto& points = ps.annotations[0].graphics.front().points;
        QVERIFY(std::abs(points[0].x - 30.5) < 1e-3 && std::abs(points[1].y - 55.5) < 1e-3);
    }

    void otherPlanesAreSavedWithADerivedImage() {
        if (!test::haveProgram("dciodvfy")) QSKIP("dciodvfy (dicom3tools) not installed");
        viewer::Viewport view;
        view.resize(300, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showPlane(ct_, render::PlaneKind::Coronal, 0);
        const auto coronal = view.measurementTools()->currentTarget();
        QVERIFY(coronal && !coronal->isImage());
        const render::SlicePlane plane = view.sliceView()->image().plane;
        viewer::Annotation a;
        a.tool = viewer::MeasurementTool::Length;
        a.target = *coronal;
        a.points = {plane.pixelToPatient(20, 3), plane.pixelToPatient(70, 12)};
        a.label = "42.0 mm";
        viewer::Annotation note;
        note.tool = viewer::MeasurementTool::Text;
        note.target = *coronal;
        note.points = {plane.pixelToPatient(40, 5)};
        note.text = note.label = "note";
        viewer::AnnotationLayer layer;
        layer.add(a);
        layer.add(note);

        // Ctrl+S on an axial image of the series leaves them out, and says how many.
        viewer::Viewport axial;
        axial.resize(200, 200);
        axial.show();
        QVERIFY(QTest::qWaitForWindowExposed(&axial));
        axial.showPlane(ct_, render::PlaneKind::Axial, 0);
        QCOMPARE(viewer::presentationStateOf(axial, layer).skippedPlaneAnnotations, 2);
        QCOMPARE(viewer::planesWithoutImage(*ct_, layer).size(), std::size_t(1));

        for (const std::string modality : {"CT", "MR"}) {
            const std::string original = ct_->series.modality;
            ct_->series.modality = modality;  // the Secondary Capture path for a non-CT series
            const core::WindowLevel window{40, 400, core::VoiFunction::Linear, {}};
            const std::vector<viewer::SavedPlaneImage> planes = viewer::planeImagesOf(*ct_, layer, window);
            ct_->series.modality = original;
            QCOMPARE(planes.size(), std::size_t(1));
            const viewer::SavedPlaneImage& saved = planes.front();
            QTemporaryDir out;
            const QString imageFile = writeFile(out, "image.dcm", saved.imagePart10);
            const QString stateFile = writeFile(out, "pr.dcm", saved.state.part10);
            for (const QString& f : {imageFile, stateFile}) {
                const QStringList errors = test::dciodvfyErrors(f);
                QVERIFY2(errors.isEmpty(), qPrintable(QString::fromStdString(modality) + ": " + errors.join('\n')));
            }
            if (test::haveProgram("dcmpschk")) {
                const QString failure = test::dcmpschkFailure(stateFile);
                QVERIFY2(failure.isEmpty(), qPrintable(failure));
            }
            const core::DicomFile image = core::DicomFile::open(imageFile.toStdString());
            QCOMPARE(image.stringOr(core::tags::SOPClassUID, ""),
                     std::string(modality == "CT" ? "1.2.840.10008.5.1.4.1.1.2" : "1.2.840.10008.5.1.4.1.1.7"));
            QCOMPARE(image.stringOr(core::tags::StudyInstanceUID, ""), ct_->series.studyInstanceUid);
            QVERIFY(image.stringOr(core::tags::SeriesInstanceUID, "") != ct_->series.seriesInstanceUid);
            const core::PresentationState ps = core::PresentationState::read(stateFile.toStdString());
            QVERIFY(ps.references(saved.imageSopInstanceUid));
            QCOMPARE(ps.annotations.size(), std::size_t(2));
            QCOMPARE(saved.state.annotations, 2);

            // The pixels are the plane's modality values.
            const render::SliceImage slice = ct_->reslicer->reslice(plane);
            core::PixelDecoder decoder(image);
            const core::Frame frame = decoder.decode(0);
            const double slope = image.number(core::tags::RescaleSlope).value_or(1), intercept = image.number(core::tags::RescaleIntercept).value_or(0);
            QCOMPARE(frame.columns, plane.width);
            QCOMPARE(frame.rows, plane.height);
            double worst = 0;
            for (std::size_t i = 0; i < slice.values.size(); ++i)
                worst = std::max(worst, std::abs(frame.values[i] * slope + intercept - double(slice.values[i])));
            QVERIFY2(worst <= 0.5 * slope + 1e-6, qPrintable(QString::number(worst)));

            // The state's points are the annotation's patient points on the derived image.
            if (modality == "CT") {
                const core::ImageGeometry g = core::ImageGeometry::from(image);
                QVERIFY(g.hasPatientGeometry());
                QCOMPARE(image.stringOr(core::tags::FrameOfReferenceUID, ""), ct_->series.frameOfReferenceUid);
                const auto& points = ps.annotations[0].graphics.front().points;
                QCOMPARE(points.size(), std::size_t(2));
                for (std::size_t i = 0; i < 2; ++i) {
                    const core::Vec3 p = g.patientPoint(points[i].x - 0.5, points[i].y - 0.5);
                    QVERIFY2(distanceMm(p, a.points[i]) < 1e-3, qPrintable(QString::number(distanceMm(p, a.points[i]))));
                }
            }
            // And core renders the derived image with its state.
            core::PixelDecoder again(image);
            const core::DisplayImage shown = core::renderWithPresentationState(again.decode(0), image, ps, 1);
            QVERIFY(shown.width > 0);
        }
    }

private:
    QTemporaryDir dir_;
    std::shared_ptr<viewer::LoadedSeries> ct_;
};

QTEST_MAIN(TestGspsPlanes)
#include "tst_gsps_planes.moc"
