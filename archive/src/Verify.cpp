// Archive::verify: every indexed object's file is present and hashes to the
// checksum in the index; every file in the store is known to the index.

#include "ArchiveImpl.h"

#include "lightbox/core/Error.h"

#include <atomic>
#include <cstring>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

namespace lightbox::archive {
namespace {

struct Expected {
    std::string key, sopUid;
    Digest sha256{};
    std::uint64_t size = 0;
};

constexpr std::size_t kChunk = 4096;

}  // namespace

VerifyReport Archive::verify(const std::function<void(std::size_t, std::size_t)>& progress) const {
    Impl& impl = *impl_;
    VerifyReport report;
    // Walk first, read the index second: a file is published only after its
    // row is committed, so every file seen here has its row in the snapshot.
    std::unordered_set<std::string> present;
    for (const char* prefix : {"store/", "conflicts/"})
        impl.storage->forEach(prefix, [&](const std::string& key) { present.insert(key); });
    report.filesSeen = present.size();

    ConnectionPool::Lease db = impl.pool->reader();
    std::size_t total = 0;
    std::optional<sql::Transaction> snapshot;  // one consistent view for the whole pass
    {
        // Taken while no group commit is between its index commit and its
        // file moves, so every row of the snapshot has its file in place.
        std::optional<ConnectionPool::Lease> quiet;
        if (!impl.pool->inMemory()) quiet.emplace(impl.pool->writer());
        snapshot.emplace(*db, false);
        sql::Statement count = db->prepare("SELECT (SELECT count(*) FROM instances) + (SELECT count(*) FROM conflicts)");
        count.step();
        total = std::size_t(count.integer(0));
    }
    std::unordered_set<std::string> known;
    std::mutex mutex;
    std::size_t done = 0;

    auto check = [&](const Expected& e) {
        std::optional<IntegrityProblem> problem;
        try {
            const std::string bytes = impl.storage->read(e.key);
            if (bytes.size() != e.size)
                problem = IntegrityProblem{IntegrityProblem::Kind::SizeMismatch, e.key, e.sopUid,
                                           "index says " + std::to_string(e.size) + " bytes, file has " +
                                               std::to_string(bytes.size())};
            else if (Sha256::of(bytes) != e.sha256)
                problem = IntegrityProblem{IntegrityProblem::Kind::HashMismatch, e.key, e.sopUid,
                                           "SHA-256 of the file differs from the index: the bytes changed"};
            std::lock_guard lock(mutex);
            report.bytesHashed += bytes.size();
        } catch (const core::Error& err) {
            const bool missing = err.code() == core::ErrorCode::FileNotFound;
            problem = IntegrityProblem{missing ? IntegrityProblem::Kind::MissingFile : IntegrityProblem::Kind::UnreadableFile,
                                       e.key, e.sopUid, err.what()};
        }
        std::lock_guard lock(mutex);
        if (problem) report.problems.push_back(*problem);
        ++done;
        if (progress) progress(done, total);
    };

    auto runChunk = [&](const std::vector<Expected>& chunk) {
        std::atomic<std::size_t> next{0};
        const unsigned threads = std::min(4u, std::max(1u, std::thread::hardware_concurrency()));
        std::vector<std::thread> workers;
        for (unsigned t = 0; t < threads; ++t)
            workers.emplace_back([&] {
                for (std::size_t i = next++; i < chunk.size(); i = next++) check(chunk[i]);
            });
        for (auto& w : workers) w.join();
    };

    auto pass = [&](const char* sqlText, bool conflicts) {
        sql::Statement st = db->prepare(sqlText);
        std::vector<Expected> chunk;
        auto flush = [&] {
            runChunk(chunk);
            chunk.clear();
        };
        while (st.step()) {
            Expected e;
            e.sopUid = st.text(0);
            const std::string sha = st.blob(1);
            if (sha.size() == e.sha256.size()) std::memcpy(e.sha256.data(), sha.data(), sha.size());
            e.size = std::uint64_t(st.integer(2));
            e.key = conflicts ? conflictKey(e.sha256) : instanceKey(st.text(3), e.sha256);
            known.insert(e.key);
            (conflicts ? report.conflictsChecked : report.instancesChecked)++;
            chunk.push_back(std::move(e));
            if (chunk.size() == kChunk) flush();
        }
        flush();
    };
    pass("SELECT i.sop_uid, i.sha256, i.size, s.study_uid FROM instances i JOIN series se ON se.id = i.series_fk "
         "JOIN studies s ON s.id = se.study_fk ORDER BY i.id",
         false);
    pass("SELECT sop_uid, sha256, size, '' FROM conflicts ORDER BY id", true);

    for (const std::string& key : present)
        if (!known.count(key))
            report.problems.push_back({IntegrityProblem::Kind::OrphanFile, key, "",
                                       "a file in the store that the index does not know (repair indexes it)"});
    return report;
}

}  // namespace lightbox::archive
