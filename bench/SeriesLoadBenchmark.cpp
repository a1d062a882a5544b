// Loading one series into one volume, files in the page cache:
//   Lightbox      scanForSeries + loadVolume (all cores, slices read in place)
//   ITK           GDCMSeriesFileNames + ImageSeriesReader<short,3> + GDCMImageIO
//   GDCM loop     one thread: gdcm::ImageReader + GetBuffer per file (the decoding floor)
// Each is run --repeat times after one warm-up; the median is reported, and
// the volumes are checked to hold the same voxels (same work, same answer).

#include "lightbox/core/Series.h"
#include "lightbox/core/Volume.h"

#include <gdcmImageReader.h>
#include <itkGDCMImageIO.h>
#include <itkGDCMSeriesFileNames.h>
#include <itkImage.h>
#include <itkImageSeriesReader.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <numeric>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Run {
    double total = 0;
    double firstSlice = 0;      // from the start of the scan
    double scan = 0;            // header scan + sort
    double firstAfterScan = 0;  // from the start of loadVolume
    long long checksum = 0;
};

Run runLightbox(const std::string& dir, unsigned threads) {
    Run r;
    auto t0 = Clock::now();
    lightbox::core::ScanOptions scan;
    scan.threads = threads;
    auto result = lightbox::core::scanForSeries(dir, scan);
    const auto scanned = Clock::now();
    std::atomic<bool> first{false};
    Clock::time_point firstAt{};
    lightbox::core::LoadOptions load;
    load.threads = threads;
    // The viewer shows the middle slice first; any slice counts as "first ready".
    load.sliceReady = [&](int) {
        bool expected = false;
        if (first.compare_exchange_strong(expected, true)) firstAt = Clock::now();
    };
    lightbox::core::Volume v = lightbox::core::loadVolume(result.series.at(0), load);
    auto t1 = Clock::now();
    r.total = seconds(t0, t1);
    r.firstSlice = seconds(t0, firstAt);
    r.scan = seconds(t0, scanned);
    r.firstAfterScan = seconds(scanned, firstAt);
    r.checksum = std::accumulate(v.int16Voxels.begin(), v.int16Voxels.end(), 0LL);
    return r;
}

Run runItk(const std::string& dir) {
    Run r;
    auto t0 = Clock::now();
    using ImageType = itk::Image<short, 3>;
    auto names = itk::GDCMSeriesFileNames::New();
    names->SetUseSeriesDetails(true);
    names->SetDirectory(dir);
    const auto& uids = names->GetSeriesUIDs();
    auto reader = itk::ImageSeriesReader<ImageType>::New();
    reader->SetImageIO(itk::GDCMImageIO::New());
    reader->SetFileNames(names->GetFileNames(uids.front()));
    reader->Update();
    r.total = seconds(t0, Clock::now());
    ImageType* image = reader->GetOutput();
    const std::size_t n = image->GetLargestPossibleRegion().GetNumberOfPixels();
    r.checksum = std::accumulate(image->GetBufferPointer(), image->GetBufferPointer() + n, 0LL);
    return r;
}

Run runGdcmLoop(const std::vector<std::string>& files) {
    Run r;
    auto t0 = Clock::now();
    std::vector<char> volume;
    std::size_t offset = 0;
    for (const auto& f : files) {
        gdcm::ImageReader reader;
        reader.SetFileName(f.c_str());
        if (!reader.Read()) continue;
        const gdcm::Image& image = reader.GetImage();
        const std::size_t len = image.GetBufferLength();
        if (volume.empty()) volume.resize(len * files.size());
        image.GetBuffer(volume.data() + offset);
        offset += len;
    }
    r.total = seconds(t0, Clock::now());
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: lightbox-bench-series DIR [--repeat N] [--json]\n";
        return 2;
    }
    const std::string dir = argv[1];
    int repeat = 5;
    bool json = false;
    for (int i = 2; i < argc; ++i) {
        if (std::string(argv[i]) == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
        if (std::string(argv[i]) == "--json") json = true;
    }
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.is_regular_file() && e.path().filename() != "DIRFILE") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());

    // Warm the page cache and every code path once.
    Run lb = runLightbox(dir, 0), itkRun = runItk(dir);
    runGdcmLoop(files);
    const bool sameVoxels = lb.checksum == itkRun.checksum;

    std::vector<double> tLb, tFirst, tLb1, tItk, tGdcm, tScan, tFirstAfterScan;
    for (int i = 0; i < repeat; ++i) {
        Run a = runLightbox(dir, 0);
        tLb.push_back(a.total);
        tFirst.push_back(a.firstSlice);
        tScan.push_back(a.scan);
        tFirstAfterScan.push_back(a.firstAfterScan);
        tLb1.push_back(runLightbox(dir, 1).total);
        tItk.push_back(runItk(dir).total);
        tGdcm.push_back(runGdcmLoop(files).total);
    }
    const double lbm = median(tLb), itkm = median(tItk), gdcmm = median(tGdcm);
    nlohmann::json out = {
        {"directory", dir},
        {"files", files.size()},
        {"repeat", repeat},
        {"threads", std::thread::hardware_concurrency()},
        {"lightbox_s", lbm},
        {"lightbox_first_slice_s", median(tFirst)},
        {"lightbox_scan_s", median(tScan)},
        {"lightbox_first_slice_after_scan_s", median(tFirstAfterScan)},
        {"lightbox_one_thread_s", median(tLb1)},
        {"itk_s", itkm},
        {"gdcm_loop_s", gdcmm},
        {"speedup_vs_itk", itkm / lbm},
        {"ratio_to_gdcm_loop", lbm / gdcmm},
        {"same_voxels_as_itk", sameVoxels},
    };
    if (json) {
        std::cout << out.dump(2) << "\n";
    } else {
        std::printf("%s: %zu files, median of %d\n", dir.c_str(), files.size(), repeat);
        std::printf("  Lightbox (all cores)  %.3f s   first slice %.1f ms\n", lbm, 1000 * median(tFirst));
        std::printf("  Lightbox (1 thread)   %.3f s\n", median(tLb1));
        std::printf("  ITK series reader     %.3f s   -> Lightbox %.1fx faster\n", itkm, itkm / lbm);
        std::printf("  GDCM loop (1 thread)  %.3f s   -> Lightbox at %.2fx its time\n", gdcmm, lbm / gdcmm);
        std::printf("  voxels identical to ITK's: %s\n", sameVoxels ? "yes" : "NO");
    }
    return sameVoxels ? 0 : 1;
}
