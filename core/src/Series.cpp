#include "lightbox/core/Series.h"

#include "lightbox/core/Dicomdir.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/GrayscalePipeline.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace lightbox::core {
namespace {

std::string format(const char* fmt, double a, double b = 0, double c = 0) {
    char buf[160];
    std::snprintf(buf, sizeof buf, fmt, a, b, c);
    return buf;
}

// Orientation as a grouping key: direction cosines rounded to 1e-3.
std::string orientationKey(const ImageGeometry& g) {
    if (!g.hasOrientation) return "none";
    char buf[128];
    std::snprintf(buf, sizeof buf, "%.3f/%.3f/%.3f/%.3f/%.3f/%.3f", g.rowDirection[0], g.rowDirection[1],
                  g.rowDirection[2], g.columnDirection[0], g.columnDirection[1], g.columnDirection[2]);
    return buf;
}

}  // namespace

void SeriesAssembler::add(const DicomFile& file) {
    Entry base;
    base.seriesUid = file.stringOr(tags::SeriesInstanceUID, "");
    base.studyUid = file.stringOr(tags::StudyInstanceUID, "");
    base.frameOfReference = file.stringOr(tags::FrameOfReferenceUID, "");
    base.modality = file.stringOr(tags::Modality, "");
    base.description = file.stringOr(tags::SeriesDescription, "");
    base.patientName = file.stringOr(tags::PatientName, "");
    base.patientId = file.stringOr(tags::PatientID, "");
    base.studyDate = file.stringOr(tags::StudyDate, "");
    base.studyDescription = file.stringOr(tags::StudyDescription, "");
    base.accessionNumber = file.stringOr(tags::AccessionNumber, "");
    base.issuer = file.stringOr(Tag{0x0010, 0x0021}, "");  // Issuer of Patient ID
    base.bodyPart = file.stringOr(tags::BodyPartExamined, "");
    base.contrastAgent = file.stringOr(Tag{0x0018, 0x0010}, "");  // Contrast/Bolus Agent
    base.slice.viewPosition = file.stringOr(tags::ViewPosition, "");
    base.slice.imageLaterality = file.stringOr(tags::ImageLaterality, file.stringOr(tags::Laterality, ""));
    base.slice.patientOrientation = file.stringOr(Tag{0x0020, 0x0020}, "");  // Patient Orientation
    base.seriesNumber = int(file.integer(tags::SeriesNumber).value_or(0));
    base.rows = int(file.integer(tags::Rows).value_or(0));
    base.columns = int(file.integer(tags::Columns).value_or(0));
    base.gantryTilt = file.number(tags::GantryDetectorTilt);
    base.slice.path = file.path();
    base.slice.instanceNumber = int(file.integer(tags::InstanceNumber).value_or(0));
    base.slice.sopInstanceUid = file.stringOr(tags::SOPInstanceUID, "");
    base.slice.nativePixels = file.pixelDataLocation();
    try {
        base.slice.pixel = PixelDescription::from(file, file.path().string());
        base.slice.pixelValid = true;
    } catch (const Error&) {
    }
    auto setModality = [&](Entry& e) {
        ImageLuts luts = ImageLuts::from(file, e.slice.pixel.photometric, e.slice.frame);
        e.slice.rescaleSlope = luts.modality.slope;
        e.slice.rescaleIntercept = luts.modality.intercept;
        e.slice.hasModalityLut = luts.modality.lut.has_value();
    };
    const int frames = int(std::max<long long>(1, file.integer(tags::NumberOfFrames).value_or(1)));
    const bool enhanced = file.has(tags::PerFrameFunctionalGroupsSequence);
    if (frames > 1 && enhanced) {
        // Enhanced multi-frame: every frame has its own plane position.
        for (int f = 0; f < frames; ++f) {
            Entry e = base;
            e.slice.frame = f;
            e.slice.geometry = ImageGeometry::from(file, f);
            setModality(e);
            entries_.push_back(std::move(e));
        }
        return;
    }
    base.slice.geometry = ImageGeometry::from(file);
    setModality(base);
    if (frames > 1) {
        for (int f = 0; f < frames; ++f) {
            Entry e = base;
            e.slice.frame = f;
            // Classic multi-frame (US cine, NM, RT dose): positions are not per frame.
            if (f > 0) e.slice.geometry.position.reset();
            entries_.push_back(std::move(e));
        }
        return;
    }
    entries_.push_back(std::move(base));
}

std::vector<SeriesInfo> SeriesAssembler::assemble() const {
    std::map<std::string, SeriesInfo> bySeries;
    std::map<std::string, std::set<std::string>> splitsOf;
    std::vector<std::string> order;
    for (const Entry& e : entries_) {
        const std::string uid = e.seriesUid.empty() ? ("(no series UID) " + e.slice.path.parent_path().string()) : e.seriesUid;
        const std::string key = uid + "|" + std::to_string(e.rows) + "x" + std::to_string(e.columns) + "|" +
                                orientationKey(e.slice.geometry);
        auto [it, inserted] = bySeries.try_emplace(key);
        SeriesInfo& s = it->second;
        if (inserted) {
            order.push_back(key);
            splitsOf[uid].insert(key);
            s.seriesInstanceUid = e.seriesUid;
            s.studyInstanceUid = e.studyUid;
            s.frameOfReferenceUid = e.frameOfReference;
            s.modality = e.modality;
            s.seriesDescription = e.description;
            s.patientName = e.patientName;
            s.patientId = e.patientId;
            s.studyDate = e.studyDate;
            s.studyDescription = e.studyDescription;
            s.accessionNumber = e.accessionNumber;
            s.issuerOfPatientId = e.issuer;
            s.bodyPartExamined = e.bodyPart;
            s.contrastBolusAgent = e.contrastAgent;
            s.seriesNumber = e.seriesNumber;
            s.rows = e.rows;
            s.columns = e.columns;
            s.gantryTiltAttribute = e.gantryTilt;
        }
        s.slices.push_back(e.slice);
    }
    std::vector<SeriesInfo> out;
    for (const std::string& key : order) {
        SeriesInfo s = std::move(bySeries[key]);
        const std::string uid = key.substr(0, key.find('|'));
        if (splitsOf[uid].size() > 1)
            s.warnings.push_back("series split into " + std::to_string(splitsOf[uid].size()) +
                                 " stacks by image size or orientation (e.g. localizers)");
        analyseStack(s);
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const SeriesInfo& a, const SeriesInfo& b) {
        return std::tie(a.studyInstanceUid, a.seriesNumber, a.seriesInstanceUid) <
               std::tie(b.studyInstanceUid, b.seriesNumber, b.seriesInstanceUid);
    });
    return out;
}

void analyseStack(SeriesInfo& s) {
    auto& slices = s.slices;
    const bool allPositioned = std::all_of(slices.begin(), slices.end(),
                                           [](const SliceRef& r) { return r.geometry.hasPatientGeometry(); });
    if (!allPositioned || slices.size() < 2) {
        std::stable_sort(slices.begin(), slices.end(), [](const SliceRef& a, const SliceRef& b) {
            return std::tie(a.instanceNumber, a.path, a.frame) < std::tie(b.instanceNumber, b.path, b.frame);
        });
        s.sortedByPosition = false;
        if (!allPositioned && slices.size() >= 2) s.warnings.push_back("no patient geometry on every image: sorted by instance number");
        return;
    }
    s.normal = slices.front().geometry.normal();
    for (auto& r : slices) r.positionAlongNormal = dot(*r.geometry.position, s.normal);
    std::stable_sort(slices.begin(), slices.end(), [](const SliceRef& a, const SliceRef& b) {
        if (a.positionAlongNormal != b.positionAlongNormal) return a.positionAlongNormal < b.positionAlongNormal;
        return a.instanceNumber < b.instanceNumber;
    });
    s.sortedByPosition = true;

    std::vector<double> steps, alongNormal;
    for (std::size_t i = 1; i < slices.size(); ++i) {
        const Vec3 d = *slices[i].geometry.position - *slices[i - 1].geometry.position;
        steps.push_back(norm(d));
        alongNormal.push_back(slices[i].positionAlongNormal - slices[i - 1].positionAlongNormal);
    }
    auto median = [](std::vector<double> v) {
        std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
        return v[v.size() / 2];
    };
    s.sliceStep = median(steps);
    s.spacingAlongNormal = median(alongNormal);
    s.minStep = *std::min_element(steps.begin(), steps.end());
    s.maxStep = *std::max_element(steps.begin(), steps.end());
    const double tolerance = std::max(0.01, 0.01 * s.sliceStep);
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i] < 1e-3) {
            s.spacingIssues.push_back(format("slices %.0f and %.0f at the same position (duplicate)", double(i + 1), double(i + 2)));
        } else if (std::fabs(steps[i] - s.sliceStep) > tolerance) {
            s.spacingIssues.push_back(format("step of %.3f mm between slices %.0f and %.0f", steps[i], double(i + 1), double(i + 2)) +
                                      format(" (median %.3f mm)", s.sliceStep));
        }
    }
    s.irregularSpacing = !s.spacingIssues.empty();

    const Vec3 span = *slices.back().geometry.position - *slices.front().geometry.position;
    if (norm(span) > 1e-6) {
        s.stackDirection = normalized(span);
        const double c = std::clamp(std::fabs(dot(s.stackDirection, s.normal)), 0.0, 1.0);
        s.tiltDegrees = std::acos(c) * 180.0 / M_PI;
        s.sheared = s.tiltDegrees > 0.01;
    } else {
        s.stackDirection = s.normal;
    }
}

namespace {

bool looksLikeDicomdir(const DicomFile& f) {
    return f.meta().stringOr(tags::MediaStorageSOPClassUID, "") == "1.2.840.10008.1.3.10" ||
           f.has(tags::DirectoryRecordSequence);
}

}  // namespace

ScanResult scanForSeries(const std::filesystem::path& root, const ScanOptions& options) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
        auto addFile = [&](const fs::directory_entry& e) {
            if (e.is_regular_file(ec)) files.push_back(e.path());
        };
        if (options.recursive) {
            for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
                 it != fs::recursive_directory_iterator(); it.increment(ec))
                addFile(*it);
        } else {
            for (const auto& e : fs::directory_iterator(root, ec)) addFile(e);
        }
        std::sort(files.begin(), files.end());
    } else if (fs::exists(root, ec)) {
        files.push_back(root);
    } else {
        throw Error(ErrorCode::FileNotFound, root.string() + ": no such file or directory");
    }

    ScanResult result;
    // A DICOMDIR given as the root: read the files it references.
    if (files.size() == 1) {
        try {
            DicomFile only = DicomFile::open(files.front(), DicomFile::Extent::HeaderOnly);
            if (looksLikeDicomdir(only)) {
                Dicomdir dir = readDicomdir(root);
                files.clear();
                for (const auto& ref : dir.referencedFiles) files.push_back(ref.path);
                for (const auto& problem : dir.problems) result.skipped.push_back(problem);
            }
        } catch (const Error&) {
        }
    }

    ScanResult scanned = scanFiles(files, options);
    for (auto& skipped : scanned.skipped) result.skipped.push_back(std::move(skipped));
    result.series = std::move(scanned.series);
    return result;
}

ScanResult scanFiles(const std::vector<std::filesystem::path>& files, const ScanOptions& options) {
    ScanResult result;
    std::vector<std::optional<DicomFile>> headers(files.size());
    std::vector<std::string> errors(files.size());
    std::atomic<std::size_t> next{0}, done{0};
    std::mutex progressMutex;
    const unsigned threads = std::max(1u, options.threads ? options.threads : std::thread::hardware_concurrency());
    auto worker = [&] {
        for (std::size_t i = next++; i < files.size(); i = next++) {
            if (options.cancel && options.cancel->load()) return;
            try {
                DicomFile f = DicomFile::open(files[i], DicomFile::Extent::HeaderOnly);
                if (looksLikeDicomdir(f)) errors[i] = "DICOMDIR (media directory, no image)";
                else if (!f.pixelDataPresent()) errors[i] = "no pixel data (" + f.stringOr(tags::Modality, "non-image") + ")";
                else headers[i] = std::move(f);
            } catch (const Error& e) {
                errors[i] = e.what();
            }
            std::size_t n = ++done;
            if (options.progress) {
                std::lock_guard lock(progressMutex);
                options.progress(n, files.size());
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < std::min<std::size_t>(threads, files.size()); ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (options.cancel && options.cancel->load()) throw Error(ErrorCode::Cancelled, "scan cancelled");

    SeriesAssembler assembler;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (headers[i]) assembler.add(*headers[i]);
        else result.skipped.push_back(files[i].string() + ": " + errors[i]);
    }
    result.series = assembler.assemble();
    return result;
}

}  // namespace lightbox::core
