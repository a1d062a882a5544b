// lightbox-bench-archive: the archive at 100,000 studies / 10 million
// instances. Generates the index rows directly (no pixel files), times
// study-level C-FIND by patient-name wildcard and by date range (median of
// several runs), and the store() rate of 1,000 synthetic CT instances into an
// empty archive versus into the full one. Prints JSON.
//
//   lightbox-bench-archive [--work DIR] [--studies N] [--series-per-study K]
//                          [--instances-per-series M] [--repeat R] [--threads T] [--store-rounds S] [--keep]

#include "lightbox/archive/Archive.h"
#include "lightbox/core/DatasetEditor.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/Tag.h"
#include "lightbox/core/Synthetic.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace {

namespace fs = std::filesystem;
using namespace lightbox;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The synthetic CT objects, loaded into memory so that only store() is timed.
std::vector<std::string> loadObjects(const fs::path& folder) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(folder))
        if (e.is_regular_file() && e.path().extension() == ".dcm") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const auto& f : files) out.push_back(readFile(f));
    return out;
}

// The objects again under new Study/Series/SOP Instance UIDs (suffix ".round"),
// so that every measuring round stores objects new to the archive.
std::vector<std::string> renamed(const std::vector<std::string>& objects, int round) {
    std::vector<std::string> out;
    for (const std::string& bytes : objects) {
        core::DatasetEditor editor = core::DatasetEditor::fromBytes(bytes);
        editor.edit([&](const core::DatasetEditor::Element& e) {
            core::DatasetEditor::Decision d;
            if (e.depth == 0 && (e.tag == core::tags::SOPInstanceUID || e.tag == core::tags::SeriesInstanceUID ||
                                 e.tag == core::tags::StudyInstanceUID)) {
                d.action = core::DatasetEditor::Action::Replace;
                d.value = e.text + "." + std::to_string(round);
            }
            return d;
        });
        out.push_back(editor.toBytes());
    }
    return out;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Stores every object from `threads` concurrent callers (as network
// associations would); objects per second.
nlohmann::json storeRate(archive::Archive& a, const std::vector<std::string>& objects, unsigned threads) {
    ::sync();  // start from a quiet disk: earlier writes must not be flushed on our fsyncs' time
    std::atomic<std::size_t> next{0}, stored{0};
    const auto t0 = Clock::now();
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (std::size_t i = next++; i < objects.size(); i = next++)
                if (a.store(objects[i], {"bench", {}}).status == archive::StoreStatus::Stored) ++stored;
        });
    for (auto& t : pool) t.join();
    const double ms = msSince(t0);
    return {{"objects", objects.size()}, {"stored", stored.load()}, {"threads", threads}, {"seconds", ms / 1000.0},
            {"objectsPerSecond", double(objects.size()) / (ms / 1000.0)}};
}

nlohmann::json timeQuery(archive::Archive& a, const std::string& label, archive::Query q, int repeat) {
    a.query(q);  // warm the page cache the way a working archive is warm
    std::vector<double> times;
    std::size_t matches = 0;
    for (int i = 0; i < repeat; ++i) {
        const auto t0 = Clock::now();
        matches = a.query(q).size();
        times.push_back(msSince(t0));
    }
    std::sort(times.begin(), times.end());
    std::string match;
    for (const auto& [k, v] : q.match) match += (match.empty() ? "" : " ") + k + "=" + v;
    return {{"query", label}, {"match", match}, {"matches", matches}, {"medianMs", times[times.size() / 2]},
            {"minMs", times.front()}, {"maxMs", times.back()}};
}

long option(int argc, char** argv, const char* name, long fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (!std::strcmp(argv[i], name)) return std::strtol(argv[i + 1], nullptr, 10);
    return fallback;
}

std::string textOption(int argc, char** argv, const char* name, std::string fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (!std::strcmp(argv[i], name)) return argv[i + 1];
    return fallback;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const fs::path work = textOption(argc, argv, "--work", (fs::temp_directory_path() /
                                                                ("lightbox-bench-archive-" + std::to_string(::getpid())))
                                                                   .string());
        archive::SyntheticIndexSpec spec;
        spec.studies = std::size_t(option(argc, argv, "--studies", 100000));
        spec.seriesPerStudy = std::size_t(option(argc, argv, "--series-per-study", 4));
        spec.instancesPerSeries = std::size_t(option(argc, argv, "--instances-per-series", 25));
        const int repeat = int(option(argc, argv, "--repeat", 9));
        const unsigned threads = unsigned(option(argc, argv, "--threads", 4));
        bool keep = false;
        for (int i = 1; i < argc; ++i) keep = keep || !std::strcmp(argv[i], "--keep");
        fs::create_directories(work);

        nlohmann::json result;
        result["benchmark"] = "archive";
        result["index"] = {{"studies", spec.studies},
                           {"series", spec.studies * spec.seriesPerStudy},
                           {"instances", spec.studies * spec.seriesPerStudy * spec.instancesPerSeries}};

        // 1,000 synthetic CT instances, as `lightbox-cli synth --only ct-current --slices 1000` writes them.
        const fs::path ct = work / "ct";
        if (!fs::exists(ct / "truth.json")) {
            core::SynthOptions synth;
            synth.slices = 1000;
            synth.only = "ct-current";
            core::writeSyntheticPatients(ct, synth);
        }
        const std::vector<std::string> objects = loadObjects(ct);
        // fsync latency on shared disks varies from run to run: several rounds
        // per condition, alternating, each with objects new to the archive.
        const int rounds = int(option(argc, argv, "--store-rounds", 3));
        std::vector<std::vector<std::string>> variants;
        for (int r = 0; r < 2 * rounds; ++r) variants.push_back(renamed(objects, r + 1));

        // Store rate on an empty archive.
        nlohmann::json emptyRuns = nlohmann::json::array();
        std::vector<double> emptyRates;
        for (int r = 0; r < rounds; ++r) {
            const fs::path dir = work / ("empty-" + std::to_string(r));
            {
                auto empty = archive::Archive::open(dir);
                emptyRuns.push_back(storeRate(*empty, variants[std::size_t(r)], threads));
            }
            emptyRates.push_back(emptyRuns.back()["objectsPerSecond"].get<double>());
            // Removed only at the end: on ext4 without a journal, creating a
            // file scans past the inodes deleted in the last minute or more,
            // which would slow the store rounds that follow.
        }
        result["storeEmpty"] = {{"runs", emptyRuns}, {"medianObjectsPerSecond", median(emptyRates)}};

        // The full-size index.
        auto full = archive::Archive::open(work / "full");
        auto t0 = Clock::now();
        full->generateSyntheticIndex(spec, [&](std::size_t done) {
            if (done % 10000 == 0) std::cerr << "generated " << done << " studies\r" << std::flush;
        });
        std::cerr << "\n";
        result["generationSeconds"] = msSince(t0) / 1000.0;
        std::error_code ec;
        result["indexBytes"] = fs::file_size(work / "full" / "index.sqlite", ec);

        auto study = [](std::vector<std::pair<std::string, std::string>> match) {
            archive::Query q;
            q.level = archive::Level::Study;
            q.match = std::move(match);
            q.returnKeys = archive::levelKeywords(archive::Level::Study);
            return q;
        };
        nlohmann::json queries = nlohmann::json::array();
        queries.push_back(timeQuery(*full, "patient name, family name + wildcard", study({{"PatientName", "SMITH*"}}), repeat));
        queries.push_back(timeQuery(*full, "patient name, prefix wildcard", study({{"PatientName", "MA*"}}), repeat));
        queries.push_back(timeQuery(*full, "patient name, case-insensitive", study({{"PatientName", "jomann^e*"}}), repeat));
        queries.push_back(timeQuery(*full, "patient name, leading wildcard", study({{"PatientName", "*STEIN^A*"}}), repeat));
        queries.push_back(timeQuery(*full, "study date, one day", study({{"StudyDate", "20180315"}}), repeat));
        queries.push_back(timeQuery(*full, "study date range, one week", study({{"StudyDate", "20180301-20180307"}}), repeat));
        queries.push_back(timeQuery(*full, "study date range, one month", study({{"StudyDate", "20180301-20180331"}}), repeat));
        queries.push_back(timeQuery(*full, "study date range + modality",
                                    study({{"StudyDate", "20180301-20180331"}, {"ModalitiesInStudy", "CT"}}), repeat));
        queries.push_back(timeQuery(*full, "patient name + date range",
                                    study({{"PatientName", "S*"}, {"StudyDate", "20180101-20181231"}}), repeat));
        archive::Query accession = study({{"AccessionNumber", "A000054321"}});
        queries.push_back(timeQuery(*full, "accession number", accession, repeat));
        result["queries"] = queries;

        // Store rate at full size: the same objects (other UIDs), new to this archive.
        nlohmann::json fullRuns = nlohmann::json::array();
        std::vector<double> fullRates;
        for (int r = 0; r < rounds; ++r) {
            fullRuns.push_back(storeRate(*full, variants[std::size_t(rounds + r)], threads));
            fullRates.push_back(fullRuns.back()["objectsPerSecond"].get<double>());
        }
        result["storeFull"] = {{"runs", fullRuns}, {"medianObjectsPerSecond", median(fullRates)}};
        result["storeFullVsEmpty"] = median(fullRates) / median(emptyRates);
        full.reset();
        for (int r = 0; r < rounds; ++r) fs::remove_all(work / ("empty-" + std::to_string(r)));
        if (!keep) fs::remove_all(work / "full");
        std::cout << result.dump(2) << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "lightbox-bench-archive: " << e.what() << "\n";
        return 1;
    }
}
