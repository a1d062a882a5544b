#include "AnnotationMeasure.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/viewer/LoadedSeries.h"

#include <QCoreApplication>
#include <QString>

#include <algorithm>
#include <cmath>

namespace lightbox::viewer {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("lightbox::viewer::AnnotationMeasurer", text); }

QString number(double v, int decimals = 1) { return QString::number(v, 'f', decimals); }

// core states the basis in the unit ("mm (at detector)", "px"); a
// magnification-corrected value says so too, because the reader must know
// that an estimate went into it.
QString withBasis(std::string formatted, const core::Calibration& c) {
    QString s = QString::fromStdString(formatted);
    if (c.basis == core::CalibrationBasis::MagnificationCorrected) s += " " + QCoreApplication::translate("lightbox::viewer::AnnotationMeasurer", "(magnification corrected)");
    return s;
}

QString lengthText(double value, const core::Calibration& c) { return withBasis(core::formatLength(value, c), c); }
QString areaText(double value, const core::Calibration& c) { return withBasis(core::formatArea(value, c), c); }

QString valueText(double v, const std::string& unit) {
    return unit.empty() ? number(v) : number(v) + " " + QString::fromStdString(unit);
}

// The plane's modality values as a frame core's statistics can read: scaled
// integers (the resliced values are floats) with the matching rescale.
core::Frame planeFrame(const render::SliceImage& slice, core::ModalityTransform& modality) {
    core::Frame f;
    f.rows = slice.plane.height;
    f.columns = slice.plane.width;
    const double largest = std::max({std::abs(slice.minValue), std::abs(slice.maxValue), 1.0});
    const double scale = std::pow(2.0, std::floor(std::log2(double(1 << 30) / largest)));
    f.values.resize(slice.values.size());
    std::transform(slice.values.begin(), slice.values.end(), f.values.begin(),
                   [scale](float v) { return std::int32_t(std::lround(double(v) * scale)); });
    modality.slope = 1.0 / scale;
    modality.intercept = 0;
    return f;
}

}  // namespace

bool isRoi(MeasurementTool tool) {
    return tool == MeasurementTool::EllipseRoi || tool == MeasurementTool::RectangleRoi ||
           tool == MeasurementTool::PolygonRoi || tool == MeasurementTool::FreehandRoi;
}

std::vector<core::Point2> roiOutline(MeasurementTool tool, const std::vector<core::Point2>& p) {
    if ((tool == MeasurementTool::EllipseRoi || tool == MeasurementTool::RectangleRoi) && p.size() >= 2) {
        if (tool == MeasurementTool::RectangleRoi) return core::rectangleRoi(p[0], p[1]);
        const core::Point2 centre{(p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2};
        return core::ellipseRoi(centre, std::abs(p[1].x - p[0].x) / 2, std::abs(p[1].y - p[0].y) / 2);
    }
    return p;
}

std::vector<core::Point2> AnnotationMeasurer::points2D(const Annotation& a, const render::SlicePlane* plane) {
    std::vector<core::Point2> out;
    out.reserve(a.points.size());
    for (const core::Vec3& p : a.points) {
        if (a.target.isImage() || !plane) {
            out.push_back({p[0], p[1]});
        } else {
            const auto ij = plane->patientToPixel(p);
            out.push_back({ij[0] + 0.5, ij[1] + 0.5});
        }
    }
    return out;
}

const AnnotationMeasurer::ImageData* AnnotationMeasurer::image(const LoadedSeries& series, const AnnotationTarget& target) {
    const std::string key = target.sopInstanceUid + "#" + std::to_string(target.frame);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second.get();
    const auto slice = std::find_if(series.series.slices.begin(), series.series.slices.end(), [&](const core::SliceRef& s) {
        return s.sopInstanceUid == target.sopInstanceUid && s.frame == target.frame;
    });
    if (slice == series.series.slices.end()) return nullptr;
    auto data = std::make_shared<ImageData>();
    core::DicomFile file = core::DicomFile::open(slice->path);
    const core::PixelDescription pixel = core::PixelDescription::from(file, slice->path.string());
    data->modality = core::ImageLuts::from(file, pixel.photometric, slice->frame).modality;
    data->valueUnit = core::modalityValueUnit(file, data->modality);
    data->header = file;
    data->frame = core::PixelDecoder(std::move(file)).decode(slice->frame);
    if (cache_.size() >= 8) cache_.clear();  // a few images: the ones being measured now
    return cache_.emplace(key, std::move(data)).first->second.get();
}

std::string AnnotationMeasurer::label(const Annotation& a, const LoadedSeries& series, const render::SliceImage* plane) {
    if (a.tool == MeasurementTool::Text) return a.text;
    if (a.tool == MeasurementTool::Arrow || isShutter(a.tool) || a.points.empty()) return {};
    const std::vector<core::Point2> p = points2D(a, plane ? &plane->plane : nullptr);

    // The calibration and the values: the image's, or the plane's (patient mm).
    core::Calibration c;
    const core::Frame* frame = nullptr;
    core::ModalityTransform modality;
    std::string valueUnit;
    core::Frame planeValues;
    const bool needsValues = isRoi(a.tool) || a.tool == MeasurementTool::Probe;
    if (a.target.isImage()) {
        const ImageData* data = nullptr;
        try {
            data = image(series, a.target);
        } catch (const core::Error& e) {
            return tr("no measurement: %1").arg(QString::fromStdString(e.what())).toStdString();
        }
        if (!data) return {};
        c = core::Calibration::of(data->header, a.target.frame, p.front());
        frame = &data->frame;
        modality = data->modality;
        valueUnit = data->valueUnit;
    } else {
        if (!plane) return {};
        c.basis = core::CalibrationBasis::PixelSpacing;
        c.rowSpacing = c.columnSpacing = plane->plane.spacing;
        if (needsValues) {
            planeValues = planeFrame(*plane, modality);
            frame = &planeValues;
            valueUnit = series.volume.rescaleType.empty() && series.series.modality == "CT" ? "HU" : series.volume.rescaleType;
        }
    }

    QString text;
    switch (a.tool) {
        case MeasurementTool::Length:
            if (p.size() >= 2) text = lengthText(core::distance(p[0], p[1], c), c);
            break;
        case MeasurementTool::Polyline: text = lengthText(core::polylineLength(p, c), c); break;
        case MeasurementTool::Angle:
            if (p.size() >= 3) text = number(core::angleDegrees(p[0], p[1], p[2], c)) + QString::fromUtf8("°");
            break;
        case MeasurementTool::CobbAngle:
            if (p.size() >= 4) text = tr("Cobb") + " " + number(core::cobbAngleDegrees(p[0], p[1], p[2], p[3], c)) + QString::fromUtf8("°");
            break;
        case MeasurementTool::Probe:
            if (auto v = core::probe(*frame, modality, p[0])) text = valueText(*v, valueUnit);
            else text = tr("outside the image");
            break;
        case MeasurementTool::EllipseRoi:
        case MeasurementTool::RectangleRoi:
        case MeasurementTool::PolygonRoi:
        case MeasurementTool::FreehandRoi: {
            const core::RoiStatistics s = core::roiStatistics(*frame, modality, roiOutline(a.tool, p), c);
            if (s.pixels == 0) {
                text = tr("area %1, no pixel inside").arg(areaText(s.area, c));
                break;
            }
            const QString unit = valueUnit.empty() ? QString() : " " + QString::fromStdString(valueUnit);
            text = tr("mean %1 SD %2%3").arg(number(s.mean), number(s.standardDeviation), unit) + "\n" +
                   tr("min %1 max %2%3").arg(number(s.minimum), number(s.maximum), unit) + "\n" +
                   tr("area %1").arg(areaText(s.area, c));
            break;
        }
        case MeasurementTool::None:
        case MeasurementTool::Select:
        case MeasurementTool::Text:
        case MeasurementTool::Arrow:
        case MeasurementTool::RectangleShutter:
        case MeasurementTool::CircleShutter:
        case MeasurementTool::PolygonShutter: break;
    }
    return text.toStdString();
}

}  // namespace lightbox::viewer
