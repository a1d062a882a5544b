#include "IndexWriter.h"

#include "Normalize.h"

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <set>

namespace lightbox::archive {
namespace {

std::string joinModalities(const std::string& existing, const std::string& added) {
    std::set<std::string> all;
    std::size_t start = 0;
    while (start <= existing.size() && !existing.empty()) {
        const std::size_t end = existing.find('\\', start);
        all.insert(existing.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    if (!added.empty()) all.insert(added);
    std::string out;
    for (const auto& m : all) out += (out.empty() ? "" : "\\") + m;
    return out;
}

}  // namespace

IndexWriter::IndexWriter(sql::Connection& db, std::string owner)
    : db_(db),
      owner_(std::move(owner)),
      findPatient_(db.prepare(
          "SELECT id, name = '' OR birth_date = '' OR sex = '' FROM patients WHERE patient_id = ?1 AND issuer = ?2")),
      insertPatient_(db.prepare(
          "INSERT INTO patients (patient_id, issuer, name, name_alpha, name_ideo, name_phon, birth_date, sex) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")),
      // Later objects fill demographics the first one left empty; they never overwrite.
      fillPatient_(db.prepare(
          "UPDATE patients SET "
          "name = CASE WHEN name = '' THEN ?2 ELSE name END, "
          "name_alpha = CASE WHEN name = '' THEN ?3 ELSE name_alpha END, "
          "name_ideo = CASE WHEN name = '' THEN ?4 ELSE name_ideo END, "
          "name_phon = CASE WHEN name = '' THEN ?5 ELSE name_phon END, "
          "birth_date = CASE WHEN birth_date = '' THEN ?6 ELSE birth_date END, "
          "sex = CASE WHEN sex = '' THEN ?7 ELSE sex END "
          "WHERE id = ?1 AND (name = '' OR birth_date = '' OR sex = '')")),
      findStudy_(db.prepare("SELECT id, patient_fk, modalities FROM studies WHERE study_uid = ?1")),
      insertStudy_(db.prepare(
          "INSERT INTO studies (patient_fk, study_uid, study_date, study_time, accession, study_id, description, "
          "referring, referring_norm, institution) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")),
      setModalities_(db.prepare("UPDATE studies SET modalities = ?2 WHERE id = ?1")),
      findSeries_(db.prepare("SELECT id, study_fk FROM series WHERE series_uid = ?1")),
      insertSeries_(db.prepare(
          "INSERT INTO series (study_fk, series_uid, modality, series_number, description, series_date, "
          "series_time, body_part) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")),
      findInstance_(db.prepare(
          "SELECT i.id, i.sha256, st.study_uid, i.size FROM instances i JOIN series se ON se.id = i.series_fk "
          "JOIN studies st ON st.id = se.study_fk WHERE i.sop_uid = ?1")),
      insertInstance_(db.prepare(
          "INSERT INTO instances (series_fk, sop_uid, sop_class_uid, instance_number, transfer_syntax, size, "
          "sha256, received, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")),
      countPatientStudy_(db.prepare("UPDATE patients SET num_studies = num_studies + 1 WHERE id = ?1")),
      countStudySeries_(db.prepare("UPDATE studies SET num_series = num_series + 1 WHERE id = ?1")),
      countPatientSeries_(db.prepare("UPDATE patients SET num_series = num_series + 1 WHERE id = ?1")),
      countSeriesInstance_(db.prepare("UPDATE series SET num_instances = num_instances + 1 WHERE id = ?1")),
      countStudyInstance_(db.prepare(
          "UPDATE studies SET num_instances = num_instances + 1, size_bytes = size_bytes + ?2 WHERE id = ?1")),
      countPatientInstance_(db.prepare("UPDATE patients SET num_instances = num_instances + 1 WHERE id = ?1")),
      findConflict_(db.prepare("SELECT 1 FROM conflicts WHERE sop_uid = ?1 AND sha256 = ?2")),
      insertConflict_(db.prepare(
          "INSERT INTO conflicts (sop_uid, sop_class_uid, study_uid, series_uid, patient_id, transfer_syntax, size, "
          "sha256, received, source, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")),
      promise_(db.prepare("INSERT INTO pending_files (owner, action, token, key, sop_uid) VALUES (?1, ?2, ?3, ?4, ?5)")),
      forget_(db.prepare("DELETE FROM pending_files WHERE owner = ?1")) {}

std::optional<IndexWriter::Existing> IndexWriter::findInstance(const std::string& sopUid) {
    findInstance_.bind(1, sopUid);
    std::optional<Existing> out;
    if (findInstance_.step()) {
        Existing e;
        e.id = findInstance_.integer(0);
        const std::string sha = findInstance_.blob(1);
        if (sha.size() == e.sha256.size()) std::memcpy(e.sha256.data(), sha.data(), sha.size());
        e.studyUid = findInstance_.text(2);
        e.size = std::uint64_t(findInstance_.integer(3));
        out = e;
    }
    findInstance_.reset();
    return out;
}

bool IndexWriter::conflictExists(const std::string& sopUid, const Digest& sha256) {
    findConflict_.bind(1, sopUid).bindBlob(2, sha256.data(), sha256.size());
    const bool found = findConflict_.step();
    findConflict_.reset();
    return found;
}

std::int64_t IndexWriter::patientRow(const InstanceRecord& r) {
    findPatient_.bind(1, r.patientId).bind(2, r.issuer);
    if (findPatient_.step()) {
        const std::int64_t id = findPatient_.integer(0);
        const bool incomplete = findPatient_.integer(1) != 0;
        findPatient_.reset();
        if (incomplete) {  // most objects find their patient's demographics complete already
            const NameGroups name = normalizedName(r.patientName);
            fillPatient_.bind(1, id).bind(2, r.patientName).bind(3, name.alphabetic).bind(4, name.ideographic);
            fillPatient_.bind(5, name.phonetic).bind(6, r.birthDate).bind(7, r.sex).run();
        }
        return id;
    }
    findPatient_.reset();
    const NameGroups name = normalizedName(r.patientName);
    insertPatient_.bind(1, r.patientId).bind(2, r.issuer).bind(3, r.patientName).bind(4, name.alphabetic);
    insertPatient_.bind(5, name.ideographic).bind(6, name.phonetic).bind(7, r.birthDate).bind(8, r.sex).run();
    return db_.lastInsertId();
}

std::int64_t IndexWriter::studyRow(const InstanceRecord& r, std::int64_t patient, std::int64_t& studyPatient) {
    findStudy_.bind(1, r.studyUid);
    if (findStudy_.step()) {
        const std::int64_t id = findStudy_.integer(0);
        // A study belongs to the patient it was first filed under, whatever a
        // later object of it says (reconciliation is an explicit act).
        studyPatient = findStudy_.integer(1);
        findStudy_.reset();
        return id;
    }
    findStudy_.reset();
    insertStudy_.bind(1, patient).bind(2, r.studyUid).bind(3, r.studyDate).bind(4, r.studyTime).bind(5, r.accession);
    insertStudy_.bind(6, r.studyId).bind(7, r.studyDescription).bind(8, r.referring);
    insertStudy_.bind(9, normalizedName(r.referring).alphabetic).bind(10, r.institution).run();
    const std::int64_t id = db_.lastInsertId();
    countPatientStudy_.bind(1, patient).run();
    studyPatient = patient;
    return id;
}

std::int64_t IndexWriter::seriesRow(const InstanceRecord& r, std::int64_t study, std::int64_t studyPatient) {
    findSeries_.bind(1, r.seriesUid);
    if (findSeries_.step()) {
        const std::int64_t id = findSeries_.integer(0);
        findSeries_.reset();
        return id;
    }
    findSeries_.reset();
    insertSeries_.bind(1, study).bind(2, r.seriesUid).bind(3, r.modality).bind(4, r.seriesNumber);
    insertSeries_.bind(5, r.seriesDescription).bind(6, r.seriesDate).bind(7, r.seriesTime).bind(8, r.bodyPart).run();
    const std::int64_t id = db_.lastInsertId();
    countStudySeries_.bind(1, study).run();
    countPatientSeries_.bind(1, studyPatient).run();
    if (!r.modality.empty()) {
        findStudy_.bind(1, r.studyUid);
        std::string modalities = findStudy_.step() ? findStudy_.text(2) : std::string();
        findStudy_.reset();
        const std::string joined = joinModalities(modalities, r.modality);
        if (joined != modalities) setModalities_.bind(1, study).bind(2, joined).run();
    }
    return id;
}

void IndexWriter::insertInstance(const InstanceRecord& r) {
    const std::int64_t patient = patientRow(r);
    std::int64_t studyPatient = patient;
    const std::int64_t study = studyRow(r, patient, studyPatient);
    const std::int64_t series = seriesRow(r, study, studyPatient);
    insertInstance_.bind(1, series).bind(2, r.sopUid).bind(3, r.sopClassUid);
    if (r.instanceNumber) insertInstance_.bind(4, *r.instanceNumber);
    else insertInstance_.bindNull(4);
    insertInstance_.bind(5, r.transferSyntax).bind(6, std::int64_t(r.size));
    insertInstance_.bindBlob(7, r.sha256.data(), r.sha256.size()).bind(8, r.receivedMs).bind(9, r.source).run();
    countSeriesInstance_.bind(1, series).run();
    countStudyInstance_.bind(1, study).bind(2, std::int64_t(r.size)).run();
    countPatientInstance_.bind(1, studyPatient).run();
}

void IndexWriter::insertConflict(const InstanceRecord& r, const std::string& reason) {
    insertConflict_.bind(1, r.sopUid).bind(2, r.sopClassUid).bind(3, r.studyUid).bind(4, r.seriesUid);
    insertConflict_.bind(5, r.patientId).bind(6, r.transferSyntax).bind(7, std::int64_t(r.size));
    insertConflict_.bindBlob(8, r.sha256.data(), r.sha256.size()).bind(9, r.receivedMs).bind(10, r.source);
    insertConflict_.bind(11, reason).run();
}

void IndexWriter::promisePublish(const std::string& token, const std::string& key, const std::string& sopUid) {
    promise_.bind(1, owner_).bind(2, std::string_view("publish")).bind(3, token).bind(4, key).bind(5, sopUid).run();
}

void IndexWriter::promiseDelete(const std::string& key) {
    promise_.bind(1, owner_).bind(2, std::string_view("delete")).bind(3, std::string_view(""));
    promise_.bind(4, key).bind(5, std::string_view("")).run();
}

bool IndexWriter::removeInstance(const std::string& sopUid, const Digest& sha256) {
    sql::Statement find = db_.prepare(
        "SELECT i.id, i.series_fk, i.size, se.study_fk, st.patient_fk FROM instances i "
        "JOIN series se ON se.id = i.series_fk JOIN studies st ON st.id = se.study_fk "
        "WHERE i.sop_uid = ?1 AND i.sha256 = ?2");
    find.bind(1, sopUid).bindBlob(2, sha256.data(), sha256.size());
    if (!find.step()) return false;
    const std::int64_t instance = find.integer(0), series = find.integer(1), size = find.integer(2);
    const std::int64_t study = find.integer(3), patient = find.integer(4);
    auto run = [&](const char* text, std::initializer_list<std::int64_t> values) {
        sql::Statement st = db_.prepare(text);
        int index = 0;
        for (std::int64_t v : values) st.bind(++index, v);
        st.run();
    };
    auto count = [&](const char* text, std::int64_t id) {
        sql::Statement st = db_.prepare(text);
        st.bind(1, id);
        st.step();
        return st.integer(0);
    };
    run("DELETE FROM instances WHERE id = ?1", {instance});
    run("UPDATE series SET num_instances = num_instances - 1 WHERE id = ?1", {series});
    run("UPDATE studies SET num_instances = num_instances - 1, size_bytes = size_bytes - ?2 WHERE id = ?1", {study, size});
    run("UPDATE patients SET num_instances = num_instances - 1 WHERE id = ?1", {patient});
    if (count("SELECT count(*) FROM instances WHERE series_fk = ?1", series) == 0) {
        run("DELETE FROM series WHERE id = ?1", {series});
        run("UPDATE studies SET num_series = num_series - 1 WHERE id = ?1", {study});
        run("UPDATE patients SET num_series = num_series - 1 WHERE id = ?1", {patient});
        sql::Statement modalities = db_.prepare(
            "SELECT DISTINCT modality FROM series WHERE study_fk = ?1 AND modality <> '' ORDER BY modality");
        modalities.bind(1, study);
        std::string joined;
        while (modalities.step()) joined += (joined.empty() ? "" : "\\") + modalities.text(0);
        setModalities_.bind(1, study).bind(2, joined).run();
    }
    if (count("SELECT count(*) FROM series WHERE study_fk = ?1", study) == 0) {
        run("DELETE FROM studies WHERE id = ?1", {study});
        run("UPDATE patients SET num_studies = num_studies - 1 WHERE id = ?1", {patient});
    }
    if (count("SELECT count(*) FROM studies WHERE patient_fk = ?1", patient) == 0)
        run("DELETE FROM patients WHERE id = ?1", {patient});
    return true;
}

bool IndexWriter::removeConflict(const std::string& sopUid, const Digest& sha256) {
    sql::Statement st = db_.prepare("DELETE FROM conflicts WHERE sop_uid = ?1 AND sha256 = ?2");
    st.bind(1, sopUid).bindBlob(2, sha256.data(), sha256.size()).run();
    return db_.changes() > 0;
}

void IndexWriter::forgetOwnPromises() { forget_.bind(1, owner_).run(); }

void IndexWriter::recountPatient(std::int64_t patientRowId) {
    sql::Statement s = db_.prepare(
        "UPDATE patients SET num_studies = (SELECT count(*) FROM studies WHERE patient_fk = ?1), "
        "num_series = (SELECT coalesce(sum(num_series), 0) FROM studies WHERE patient_fk = ?1), "
        "num_instances = (SELECT coalesce(sum(num_instances), 0) FROM studies WHERE patient_fk = ?1) WHERE id = ?1");
    s.bind(1, patientRowId).run();
}

}  // namespace lightbox::archive
