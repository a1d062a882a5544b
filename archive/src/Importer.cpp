// Archive::importPaths: files, folders, DICOMDIR media and zip archives,
// stored by several workers at once so that their index commits are shared.

#include "ArchiveImpl.h"
#include "ZipReader.h"

#include "lightbox/core/Dicomdir.h"
#include "lightbox/core/Error.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

namespace lightbox::archive {
namespace {

namespace fs = std::filesystem;
using core::Error;
using core::ErrorCode;

struct WorkItem {
    fs::path file;      // a file, or the zip archive
    std::string entry;  // zip entry name ("" for plain files)
    std::uint64_t zipIndex = 0, zipSize = 0;
    std::string source;  // for summaries and the index
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

bool isDicomdirName(const fs::path& p) { return lower(p.filename().string()) == "dicomdir"; }

bool isZip(const fs::path& p) { return lower(p.extension().string()) == ".zip" || ZipReader::looksLikeZip(p); }

bool isUnder(const fs::path& path, const fs::path& folder) {
    if (folder.empty()) return false;
    auto p = path.begin();
    for (auto f = folder.begin(); f != folder.end(); ++f, ++p)
        if (p == path.end() || *p != *f) return false;
    return true;
}

std::string readWhole(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::Io, path.string() + ": cannot open for reading");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size < 0) throw Error(ErrorCode::Io, path.string() + ": cannot tell its size");
    std::string bytes(std::size_t(size), '\0');
    if (!in.read(bytes.data(), size)) throw Error(ErrorCode::Io, path.string() + ": read failed");
    return bytes;
}

// What an import will look at, found before anything is stored so that
// progress can say "n of total".
struct Plan {
    std::vector<WorkItem> items;
    std::vector<ImportSummary::Item> rejected;
    std::size_t mediaDirectories = 0;
};

void planZip(const fs::path& path, Plan& plan) {
    try {
        ZipReader zip(path);
        for (const auto& e : zip.entries()) {
            if (isDicomdirName(e.name)) {
                ++plan.mediaDirectories;
                continue;
            }
            plan.items.push_back({path, e.name, e.index, e.size, path.string() + "!" + e.name});
        }
    } catch (const Error& e) {
        plan.rejected.push_back({path.string(), e.what()});
    }
}

void planPath(const fs::path& input, const fs::path& archiveRoot, Plan& plan) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
        std::vector<fs::path> files;
        const fs::path skip = archiveRoot.empty() ? fs::path() : fs::weakly_canonical(archiveRoot, ec);
        for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            // Never import the archive's own files (its staging folder least of all).
            if (it->is_directory(ec) && isUnder(fs::weakly_canonical(it->path(), ec), skip)) {
                it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file(ec)) files.push_back(it->path());
        }
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) {
            if (isDicomdirName(f)) ++plan.mediaDirectories;  // its objects are in the walk anyway
            else if (lower(f.extension().string()) == ".zip") planZip(f, plan);
            else plan.items.push_back({f, "", 0, 0, f.string()});
        }
        return;
    }
    if (!fs::exists(input, ec)) {
        plan.rejected.push_back({input.string(), input.string() + ": no such file or folder"});
        return;
    }
    if (isDicomdirName(input)) {
        try {
            core::Dicomdir dir = core::readDicomdir(input);
            for (const auto& e : dir.referencedFiles) plan.items.push_back({e.path, "", 0, 0, e.path.string()});
            for (const auto& p : dir.problems) plan.rejected.push_back({input.string(), p});
        } catch (const Error& e) {
            plan.rejected.push_back({input.string(), e.what()});
        }
        return;
    }
    if (isZip(input)) {
        planZip(input, plan);
        return;
    }
    plan.items.push_back({input, "", 0, 0, input.string()});
}

}  // namespace

ImportSummary Archive::importPaths(const std::vector<fs::path>& paths, const ImportOptions& options) {
    Plan plan;
    for (const fs::path& p : paths) planPath(p, impl_->root, plan);
    ImportSummary summary;
    summary.found = plan.items.size();
    summary.rejected = plan.rejected;
    summary.mediaDirectories = plan.mediaDirectories;

    std::mutex mutex;  // guards summary, done and the progress callback
    std::size_t done = 0;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    auto cancelled = [&] { return stop.load() || (options.cancel && options.cancel->load()); };

    auto worker = [&] {
        std::map<fs::path, std::unique_ptr<ZipReader>> zips;  // libzip handles are per thread
        while (!cancelled()) {
            const std::size_t i = next.fetch_add(1);
            if (i >= plan.items.size()) break;
            const WorkItem& item = plan.items[i];
            StoreResult result;
            bool mediaDirectory = false;
            std::string failure;
            std::string bytes;
            bool readable = true;
            try {
                if (item.entry.empty()) {
                    bytes = readWhole(item.file);
                } else {
                    auto& zip = zips[item.file];
                    if (!zip) zip = std::make_unique<ZipReader>(item.file);
                    bytes = zip->read({item.zipIndex, item.entry, item.zipSize});
                }
            } catch (const Error& e) {
                readable = false;  // this source is rejected; the import goes on
                result.reason = e.what();
            }
            if (readable) {
                try {
                    result = storeObject(*impl_, bytes, StoreContext{item.source, {}}, &mediaDirectory);
                } catch (const std::exception& e) {
                    // The archive itself failed (disk full, index): later objects would fail too.
                    result.status = StoreStatus::Rejected;
                    result.reason = item.source + ": not stored: " + e.what();
                    failure = e.what();
                    stop = true;
                }
            }
            std::lock_guard lock(mutex);
            ++done;
            if (!failure.empty() && summary.error.empty()) summary.error = failure;
            switch (result.status) {
                case StoreStatus::Stored: ++summary.imported; break;
                case StoreStatus::Duplicate: ++summary.duplicates; break;
                case StoreStatus::Conflict: summary.conflicts.push_back({item.source, result.reason}); break;
                case StoreStatus::Rejected:
                    if (mediaDirectory) ++summary.mediaDirectories;
                    else summary.rejected.push_back({item.source, result.reason});
                    break;
            }
            if (options.progress) options.progress({done, plan.items.size(), item.source, &result});
        }
    };
    unsigned threads = options.threads ? options.threads : std::min(8u, std::max(2u, std::thread::hardware_concurrency()));
    threads = unsigned(std::min<std::size_t>(threads, std::max<std::size_t>(1, plan.items.size())));
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
    summary.cancelled = done < plan.items.size();
    return summary;
}

}  // namespace lightbox::archive
