#pragma once
// Series assembly: group images into series, sort them along the slice
// normal, and describe the stack - spacing and its irregularities, gantry
// tilt (a sheared stack), Enhanced multi-frame objects frame by frame.

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/ImageGeometry.h"
#include "lightbox/core/PixelData.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace lightbox::core {

// One 2-D image: a single-frame file or one frame of a multi-frame file.
struct SliceRef {
    std::filesystem::path path;
    int frame = 0;  // 0-based
    int instanceNumber = 0;
    std::string sopInstanceUid;
    ImageGeometry geometry;
    double positionAlongNormal = 0.0;  // IPP . normal (mm)
    std::optional<DicomFile::ValueLocation> nativePixels;  // for direct reads
    PixelDescription pixel;        // as the header says (frames: of the whole object)
    bool pixelValid = false;       // the Image Pixel module was usable
    double rescaleSlope = 1.0;     // Modality LUT module, or the frame's functional group
    double rescaleIntercept = 0.0;
    bool hasModalityLut = false;
    // Projection images (CR, DX, MG): what the hanging protocols place by.
    std::string viewPosition;        // (0018,5101) PA, LL, CC, MLO...
    std::string imageLaterality;     // (0020,0062), else the series' Laterality (0020,0060)
    std::string patientOrientation;  // (0020,0020) row and column directions, e.g. P\L
};

struct SeriesInfo {
    std::string seriesInstanceUid;
    std::string studyInstanceUid;
    std::string frameOfReferenceUid;
    std::string modality;
    std::string seriesDescription;
    std::string studyDate;         // YYYYMMDD
    std::string studyDescription;
    std::string accessionNumber;
    std::string patientName;
    std::string patientId;
    std::string issuerOfPatientId;
    std::string bodyPartExamined;    // (0018,0015) as recorded
    std::string contrastBolusAgent;  // (0018,0010); empty: no contrast recorded
    int seriesNumber = 0;
    int rows = 0;
    int columns = 0;
    std::vector<SliceRef> slices;  // sorted along the normal (or by instance number)
    // Images known from an index before their headers are read (slices empty until then).
    std::size_t instanceCount = 0;
    std::size_t imageCount() const { return slices.empty() ? instanceCount : slices.size(); }

    // Stack analysis (valid when isVolume()).
    bool sortedByPosition = false;  // false: no usable geometry, instance order
    Vec3 normal{0, 0, 1};           // row x column direction
    Vec3 stackDirection{0, 0, 1};   // unit vector from first to last slice position
    double sliceStep = 0.0;         // median distance between consecutive positions (mm)
    double spacingAlongNormal = 0.0;  // median spacing projected on the normal (mm)
    double minStep = 0.0, maxStep = 0.0;
    bool irregularSpacing = false;
    std::vector<std::string> spacingIssues;  // "gap of 10.0 mm between slices 12 and 13", duplicates
    double tiltDegrees = 0.0;       // angle between stack direction and normal
    bool sheared = false;           // tilt beyond 0.01 degrees
    std::optional<double> gantryTiltAttribute;  // (0018,1120) as the scanner recorded it
    std::vector<std::string> warnings;  // mixed orientation, sizes, missing geometry

    bool isVolume() const { return sortedByPosition && slices.size() >= 2; }
};

struct ScanOptions {
    bool recursive = true;
    unsigned threads = 0;  // 0 = hardware concurrency
    std::function<void(std::size_t done, std::size_t total)> progress;
    const std::atomic<bool>* cancel = nullptr;
};

struct ScanResult {
    std::vector<SeriesInfo> series;
    std::vector<std::string> skipped;  // "path: reason" for files that are not images
};

// Reads the headers of every file under `root` (or the one file), in parallel.
// DICOMDIR files are followed to the files they reference.
ScanResult scanForSeries(const std::filesystem::path& root, const ScanOptions& options = {});

// Reads the headers of the given files (in parallel) and assembles them.
ScanResult scanFiles(const std::vector<std::filesystem::path>& files, const ScanOptions& options = {});

// Groups and sorts already-read headers (header-only DicomFiles are enough).
class SeriesAssembler {
public:
    void add(const DicomFile& file);
    std::vector<SeriesInfo> assemble() const;

private:
    struct Entry {
        SliceRef slice;
        std::optional<double> gantryTilt;
        std::string seriesUid, studyUid, frameOfReference, modality, description, patientName, patientId;
        std::string studyDate, studyDescription, accessionNumber, issuer, bodyPart, contrastAgent;
        int seriesNumber = 0, rows = 0, columns = 0;
    };
    std::vector<Entry> entries_;
};

// Analyses an assembled stack (sorting, spacing, tilt); used by assemble().
void analyseStack(SeriesInfo& series);

}  // namespace lightbox::core
