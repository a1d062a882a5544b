#pragma once
// Writes to the index: one object's rows (creating its patient, study and
// series when new, keeping counts and ModalitiesInStudy current), conflicts,
// and the journal of file moves. Prepared once on the writer connection; use
// only while holding the writer lease, inside a transaction.

#include "InstanceRecord.h"
#include "Sqlite.h"

#include <cstdint>
#include <optional>
#include <string>

namespace lightbox::archive {

class IndexWriter {
public:
    IndexWriter(sql::Connection& db, std::string owner);

    struct Existing {
        std::int64_t id = 0;
        Digest sha256{};
        std::string studyUid;
        std::uint64_t size = 0;
    };
    std::optional<Existing> findInstance(const std::string& sopUid);
    bool conflictExists(const std::string& sopUid, const Digest& sha256);

    void insertInstance(const InstanceRecord& r);
    void insertConflict(const InstanceRecord& r, const std::string& reason);

    // The journal of promised file moves (see Schema: pending_files).
    void promisePublish(const std::string& token, const std::string& key, const std::string& sopUid = {});
    void promiseDelete(const std::string& key);
    void forgetOwnPromises();

    // Takes back an object whose data never reached the disk (recovery): its
    // instance row - or its conflict row - goes, and series, study and
    // patient rows left empty go with it; counts and ModalitiesInStudy follow.
    // Returns false when no such row exists.
    bool removeInstance(const std::string& sopUid, const Digest& sha256);
    bool removeConflict(const std::string& sopUid, const Digest& sha256);
    // Recomputes a patient's counts from its studies (after studies moved).
    void recountPatient(std::int64_t patientRowId);

    sql::Connection& db() { return db_; }

private:
    std::int64_t patientRow(const InstanceRecord& r);
    std::int64_t studyRow(const InstanceRecord& r, std::int64_t patient, std::int64_t& studyPatient);
    std::int64_t seriesRow(const InstanceRecord& r, std::int64_t study, std::int64_t studyPatient);

    sql::Connection& db_;
    std::string owner_;
    sql::Statement findPatient_, insertPatient_, fillPatient_;
    sql::Statement findStudy_, insertStudy_, setModalities_;
    sql::Statement findSeries_, insertSeries_;
    sql::Statement findInstance_, insertInstance_;
    sql::Statement countPatientStudy_, countStudySeries_, countPatientSeries_;
    sql::Statement countSeriesInstance_, countStudyInstance_, countPatientInstance_;
    sql::Statement findConflict_, insertConflict_;
    sql::Statement promise_, forget_;
};

}  // namespace lightbox::archive
