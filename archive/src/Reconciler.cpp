// Archive::reconcile: IHE Patient Information Reconciliation. Every object
// of the patient is rewritten with the corrected demographics (new file,
// new checksum), and the index follows in one transaction; the old files go
// only after the new ones are durable.

#include "ArchiveImpl.h"
#include "Normalize.h"

#include "lightbox/core/DatasetEditor.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/Tag.h"

#include <cstring>

namespace lightbox::archive {
namespace {

using core::Error;
using core::ErrorCode;
namespace tags = core::tags;
constexpr core::Tag kIssuerOfPatientID{0x0010, 0x0021};

struct PatientRow {
    std::int64_t rowId = 0;
    std::string patientId, issuer, name, birthDate, sex;
};

PatientRow findPatient(sql::Connection& db, const std::string& id, const std::optional<std::string>& issuer) {
    sql::Statement st = db.prepare(issuer ? "SELECT id, patient_id, issuer, name, birth_date, sex FROM patients "
                                            "WHERE patient_id = ?1 AND issuer = ?2"
                                          : "SELECT id, patient_id, issuer, name, birth_date, sex FROM patients "
                                            "WHERE patient_id = ?1 ORDER BY issuer");
    st.bind(1, id);
    if (issuer) st.bind(2, *issuer);
    std::vector<PatientRow> rows;
    while (st.step()) rows.push_back({st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
    if (rows.empty()) throw Error(ErrorCode::FileNotFound, "no patient with Patient ID '" + id + "' in the archive");
    if (rows.size() > 1) {
        std::string issuers;
        for (const auto& r : rows) issuers += (issuers.empty() ? "'" : ", '") + r.issuer + "'";
        throw Error(ErrorCode::InvalidArgument,
                    "several patients have Patient ID '" + id + "' (issuers " + issuers + "): name the issuer");
    }
    return rows.front();
}

bool validDate(const std::string& d) {
    if (d.size() != 8) return false;
    for (char c : d)
        if (c < '0' || c > '9') return false;
    return true;
}

struct Rewrite {
    std::int64_t instanceRow = 0;
    std::string oldKey, newKey, token;
    Digest sha256{};
    std::uint64_t size = 0;
};

}  // namespace

ReconcileReport Archive::reconcile(const PatientUpdate& u) {
    Impl& impl = *impl_;
    if (u.patientId.empty()) throw Error(ErrorCode::InvalidArgument, "reconcile needs the Patient ID to change");
    const bool merge = u.mergeIntoPatientId.has_value();
    if (!merge && !u.newPatientId && !u.newPatientName && !u.newBirthDate && !u.newSex)
        throw Error(ErrorCode::InvalidArgument, "nothing to change: give a new ID, name, birth date, sex or a merge target");
    if (u.newBirthDate && !u.newBirthDate->empty() && !validDate(*u.newBirthDate))
        throw Error(ErrorCode::InvalidArgument, "birth date '" + *u.newBirthDate + "' is not YYYYMMDD");
    if (u.newSex && !(u.newSex->empty() || *u.newSex == "M" || *u.newSex == "F" || *u.newSex == "O"))
        throw Error(ErrorCode::InvalidArgument, "sex '" + *u.newSex + "' is not M, F or O");
    if (u.newPatientId && u.newPatientId->empty())
        throw Error(ErrorCode::InvalidArgument, "the new Patient ID must not be empty");

    // Holding the writer lease: no object can join this patient meanwhile.
    ConnectionPool::Lease db = impl.pool->writer();
    // The object log's records of objects stored so far are released (their
    // files, folders and index rows flushed first): replayed after the change
    // below, a record would bring the old version back.
    impl.storage->syncPublished();
    const PatientRow from = findPatient(*db, u.patientId, u.issuer);
    PatientRow to = from;
    std::optional<PatientRow> target;
    if (merge) {
        target = findPatient(*db, *u.mergeIntoPatientId, u.mergeIntoIssuer);
        if (target->rowId == from.rowId) throw Error(ErrorCode::InvalidArgument, "a patient cannot be merged into itself");
        to = *target;
    } else if (u.newPatientId && *u.newPatientId != from.patientId) {
        sql::Statement taken = db->prepare("SELECT 1 FROM patients WHERE patient_id = ?1 AND issuer = ?2");
        taken.bind(1, *u.newPatientId).bind(2, from.issuer);
        if (taken.step())
            throw Error(ErrorCode::InvalidArgument,
                        "Patient ID '" + *u.newPatientId + "' already belongs to another patient: merge into it instead");
        to.patientId = *u.newPatientId;
    }
    if (u.newPatientName) to.name = *u.newPatientName;
    if (u.newBirthDate) to.birthDate = *u.newBirthDate;
    if (u.newSex) to.sex = *u.newSex;

    ReconcileReport report;
    report.patientId = to.patientId;
    report.merged = merge;
    std::vector<Rewrite> rewrites;
    {
        sql::Statement st = db->prepare(
            "SELECT i.id, i.sop_uid, i.sha256, s.study_uid FROM instances i JOIN series se ON se.id = i.series_fk "
            "JOIN studies s ON s.id = se.study_fk WHERE s.patient_fk = ?1 ORDER BY i.id");
        st.bind(1, from.rowId);
        while (st.step()) {
            Rewrite r;
            r.instanceRow = st.integer(0);
            Digest old{};
            const std::string blob = st.blob(2);
            if (blob.size() == old.size()) std::memcpy(old.data(), blob.data(), old.size());
            r.oldKey = instanceKey(st.text(3), old);
            r.newKey = st.text(3);  // the study UID, until the new checksum is known
            rewrites.push_back(std::move(r));
        }
        sql::Statement studies = db->prepare("SELECT count(*) FROM studies WHERE patient_fk = ?1");
        studies.bind(1, from.rowId);
        studies.step();
        report.studies = std::size_t(studies.integer(0));
    }
    // New files first, staged: until the commit nothing is visible and a
    // failure (a name the character set cannot hold, a full disk) changes nothing.
    try {
        for (Rewrite& r : rewrites) {
            core::DatasetEditor editor = core::DatasetEditor::fromBytes(impl.storage->read(r.oldKey), r.oldKey);
            editor.setText(tags::PatientID, to.patientId);
            editor.setText(tags::PatientName, to.name);
            if (editor.text(tags::PatientBirthDate).value_or("") != to.birthDate)
                editor.setText(tags::PatientBirthDate, to.birthDate);
            if (editor.text(tags::PatientSex).value_or("") != to.sex) editor.setText(tags::PatientSex, to.sex);
            if (!to.issuer.empty()) editor.setText(kIssuerOfPatientID, to.issuer);
            else editor.remove(kIssuerOfPatientID);
            const std::string bytes = editor.toBytes();
            r.sha256 = Sha256::of(bytes);
            r.size = bytes.size();
            r.newKey = instanceKey(r.newKey, r.sha256);
            r.token = impl.storage->stage(bytes);
        }
        impl.storage->syncStaging();
    } catch (...) {
        for (const Rewrite& r : rewrites)
            if (!r.token.empty()) impl.storage->discard(r.token);
        throw;
    }
    try {
        sql::Transaction tx(*db);
        sql::Statement setFile = db->prepare("UPDATE instances SET sha256 = ?2, size = ?3 WHERE id = ?1");
        for (const Rewrite& r : rewrites) {
            setFile.bindBlob(2, r.sha256.data(), r.sha256.size()).bind(1, r.instanceRow).bind(3, std::int64_t(r.size)).run();
            impl.writer->promisePublish(r.token, r.newKey);
            if (r.newKey != r.oldKey) impl.writer->promiseDelete(r.oldKey);
        }
        db->prepare("UPDATE studies SET size_bytes = (SELECT coalesce(sum(i.size), 0) FROM series se JOIN instances i "
                    "ON i.series_fk = se.id WHERE se.study_fk = studies.id) WHERE patient_fk = ?1")
            .bind(1, from.rowId)
            .run();
        const NameGroups name = normalizedName(to.name);
        if (merge) {
            db->prepare("UPDATE studies SET patient_fk = ?2 WHERE patient_fk = ?1").bind(1, from.rowId).bind(2, to.rowId).run();
            db->prepare("DELETE FROM patients WHERE id = ?1").bind(1, from.rowId).run();
        }
        sql::Statement setPatient = db->prepare(
            "UPDATE patients SET patient_id = ?2, name = ?3, name_alpha = ?4, name_ideo = ?5, name_phon = ?6, "
            "birth_date = ?7, sex = ?8 WHERE id = ?1");
        setPatient.bind(1, to.rowId).bind(2, to.patientId).bind(3, to.name).bind(4, name.alphabetic);
        setPatient.bind(5, name.ideographic).bind(6, name.phonetic).bind(7, to.birthDate).bind(8, to.sex).run();
        impl.writer->recountPatient(to.rowId);
        db->prepare("UPDATE conflicts SET patient_id = ?2 WHERE patient_id = ?1")
            .bind(1, from.patientId)
            .bind(2, to.patientId)
            .run();
        tx.commit();
    } catch (...) {
        for (const Rewrite& r : rewrites) impl.storage->discard(r.token);
        throw;
    }
    // Committed: the journal replays these moves should the process die here.
    for (const Rewrite& r : rewrites) impl.storage->publish(r.token, r.newKey);
    impl.storage->syncPublished();
    for (const Rewrite& r : rewrites)
        if (r.newKey != r.oldKey) impl.storage->remove(r.oldKey);
    impl.storage->syncPublished();
    report.instancesRewritten = rewrites.size();
    return report;
}

}  // namespace lightbox::archive
