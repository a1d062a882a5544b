#include "RegistrationTestSupport.h"

#include "TestSupport.h"

#include "lightbox/core/DatasetEditor.h"
#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/Tag.h"
#include "lightbox/core/Synthetic.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace lightbox::test {

using core::Vec3;

LoadedSeries loadLargestSeries(const QString& dir) {
    core::ScanResult scan = core::scanForSeries(dir.toStdString());
    if (scan.series.empty()) throw core::Error(core::ErrorCode::NoPixelData, dir.toStdString() + ": no series");
    auto largest = std::max_element(scan.series.begin(), scan.series.end(),
                                    [](const auto& a, const auto& b) { return a.imageCount() < b.imageCount(); });
    LoadedSeries out;
    out.info = *largest;
    out.volume = core::loadVolume(out.info);
    return out;
}

SyntheticChestPair writeSyntheticChestPair(int matrix, int slices) {
    SyntheticChestPair pair;
    pair.dir = std::make_unique<QTemporaryDir>();
    core::SynthOptions options;
    options.matrix = matrix;
    options.slices = slices;
    nlohmann::json truth;
    for (const char* item : {"ct-current", "ct-prior"}) {
        options.only = item;
        const QString out = pair.dir->filePath(item);
        truth = nlohmann::json::parse(core::writeSyntheticPatients(out.toStdString(), options));
        (std::string(item) == "ct-current" ? pair.currentDir : pair.priorDir) = out;
    }
    std::array<double, 16> m{};
    const auto& values = truth.at("chestPhantom").at("priorFromCurrent");
    for (std::size_t i = 0; i < 16; ++i) m[i] = values.at(i).get<double>();
    pair.priorToCurrent = core::RigidTransform::fromMatrix4x4(m).inverse();
    return pair;
}

TransformError transformError(const core::RigidTransform& estimate, const core::RigidTransform& truth,
                              const core::Volume& fixed) {
    // Corners of the fixed volume, taken back into the moving volume by each
    // transform: where each says the fixed corner's anatomy lies in the prior.
    const core::RigidTransform a = estimate.inverse(), b = truth.inverse();
    TransformError e;
    for (int corner = 0; corner < 8; ++corner) {
        const Vec3 p = fixed.patientPoint((corner & 1) ? fixed.columns - 1 : 0, (corner & 2) ? fixed.rows - 1 : 0,
                                          (corner & 4) ? fixed.slices - 1 : 0);
        e.maxCornerMm = std::max(e.maxCornerMm, core::norm(core::operator-(a.apply(p), b.apply(p))));
    }
    e.rotationDegrees = (estimate * truth.inverse()).rotationDegrees();
    return e;
}

QString describe(const core::RigidTransform& t) {
    const Vec3 tr = t.translation();
    return QString("rotation %1 deg, translation (%2, %3, %4) mm")
        .arg(t.rotationDegrees(), 0, 'f', 3)
        .arg(tr[0], 0, 'f', 3)
        .arg(tr[1], 0, 'f', 3)
        .arg(tr[2], 0, 'f', 3);
}

QString realCtSeriesDir() {
    const QString dir = sharedFile("dcm_qa_ct/In/Philips/S21570/S2020");
    return !dir.isEmpty() && QFileInfo(dir).isDir() ? dir : QString();
}

core::RigidTransform obliqueMotion(const core::Vec3& centre) {
    const core::RigidTransform toCentre = core::RigidTransform::rotation({0, 0, 1}, 0, centre);
    return core::RigidTransform::rotation({0, 0, 1}, 0, {12, -7, 9}) * toCentre *
           core::RigidTransform::rotation({1, 2, 3}, 4.0, {0, 0, 0}) * toCentre.inverse();
}

void writeMovedCopy(const QString& seriesDir, const QString& outDir, const core::RigidTransform& move) {
    QDir().mkpath(outDir);
    const std::string seriesUid = core::generateUid();
    const QStringList files = QDir(seriesDir).entryList(QDir::Files, QDir::Name);
    for (const QString& name : files) {
        QFile in(QDir(seriesDir).filePath(name));
        if (!in.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot read " + in.fileName().toStdString());
        const QByteArray bytes = in.readAll();
        core::DatasetEditor editor = core::DatasetEditor::fromBytes(bytes.toStdString(), name.toStdString());
        const auto position = editor.text(core::tags::ImagePositionPatient);
        const auto orientation = editor.text(core::tags::ImageOrientationPatient);
        if (!position || !orientation) continue;  // DIRFILE and other non-images
        auto numbers = [](const std::string& text) {
            std::vector<double> out;
            for (const QString& part : QString::fromStdString(text).split('\\')) out.push_back(part.toDouble());
            return out;
        };
        const std::vector<double> p = numbers(*position), o = numbers(*orientation);
        if (p.size() != 3 || o.size() != 6) throw std::runtime_error("bad geometry in " + name.toStdString());
        const Vec3 movedPosition = move.apply({p[0], p[1], p[2]});
        const Vec3 row = move.applyToDirection({o[0], o[1], o[2]}), column = move.applyToDirection({o[3], o[4], o[5]});
        editor.setText(core::tags::ImagePositionPatient,
                       core::formatDsList({movedPosition[0], movedPosition[1], movedPosition[2]}));
        editor.setText(core::tags::ImageOrientationPatient,
                       core::formatDsList({row[0], row[1], row[2], column[0], column[1], column[2]}));
        editor.setText(core::tags::SeriesInstanceUID, seriesUid);
        editor.setText(core::tags::SOPInstanceUID, core::generateUid());
        QFile out(QDir(outDir).filePath(name + ".dcm"));
        const std::string written = editor.toBytes();
        if (!out.open(QIODevice::WriteOnly) || out.write(written.data(), qint64(written.size())) != qint64(written.size()))
            throw std::runtime_error("cannot write " + out.fileName().toStdString());
    }
}

}  // namespace lightbox::test
