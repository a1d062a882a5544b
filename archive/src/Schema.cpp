#include "Schema.h"

#include "Sqlite.h"

#include "lightbox/core/Error.h"

#include <string>
#include <vector>

namespace lightbox::archive {
namespace {

// Design notes for 100,000 studies / 10 million instances:
// - Text columns are NOT NULL DEFAULT '' so that wildcard and universal
//   matching never meet NULL.
// - Person names keep the value as received plus upper-cased copies of each
//   component group (alphabetic, ideographic, phonetic): case-insensitive
//   matching then uses a plain BINARY index, and a wildcard with a literal
//   prefix ("SMI*") becomes an index range.
// - Dates are YYYYMMDD text and times HHMMSS.FFFFFF text: ranges are string
//   ranges over an index.
// - Instance rows are kept small (the SHA-256 as a 32-byte blob, the file
//   location derived from study and checksum, not stored) because there are
//   ten million of them.
// - Counts (NumberOfStudyRelatedInstances ...) and ModalitiesInStudy are kept
//   up to date on insert instead of being computed per query.
const std::vector<std::string>& migrations() {
    static const std::vector<std::string> scripts = {
        // 1: the Patient -> Study -> Series -> Instance index, conflicts, file journal.
        R"sql(
CREATE TABLE patients (
  id            INTEGER PRIMARY KEY,
  patient_id    TEXT NOT NULL,
  issuer        TEXT NOT NULL DEFAULT '',
  name          TEXT NOT NULL DEFAULT '',
  name_alpha    TEXT NOT NULL DEFAULT '',
  name_ideo     TEXT NOT NULL DEFAULT '',
  name_phon     TEXT NOT NULL DEFAULT '',
  birth_date    TEXT NOT NULL DEFAULT '',
  sex           TEXT NOT NULL DEFAULT '',
  num_studies   INTEGER NOT NULL DEFAULT 0,
  num_series    INTEGER NOT NULL DEFAULT 0,
  num_instances INTEGER NOT NULL DEFAULT 0,
  UNIQUE (patient_id, issuer)
);
CREATE INDEX patients_name_alpha ON patients(name_alpha);
CREATE INDEX patients_name_ideo ON patients(name_ideo) WHERE name_ideo <> '';
CREATE INDEX patients_name_phon ON patients(name_phon) WHERE name_phon <> '';
CREATE INDEX patients_birth_date ON patients(birth_date);

CREATE TABLE studies (
  id             INTEGER PRIMARY KEY,
  patient_fk     INTEGER NOT NULL REFERENCES patients(id),
  study_uid      TEXT NOT NULL UNIQUE,
  study_date     TEXT NOT NULL DEFAULT '',
  study_time     TEXT NOT NULL DEFAULT '',
  accession      TEXT NOT NULL DEFAULT '',
  study_id       TEXT NOT NULL DEFAULT '',
  description    TEXT NOT NULL DEFAULT '',
  referring      TEXT NOT NULL DEFAULT '',
  referring_norm TEXT NOT NULL DEFAULT '',
  institution    TEXT NOT NULL DEFAULT '',
  modalities     TEXT NOT NULL DEFAULT '',
  num_series     INTEGER NOT NULL DEFAULT 0,
  num_instances  INTEGER NOT NULL DEFAULT 0,
  size_bytes     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX studies_patient ON studies(patient_fk, study_date);
CREATE INDEX studies_date ON studies(study_date, study_time);
CREATE INDEX studies_accession ON studies(accession);

CREATE TABLE series (
  id            INTEGER PRIMARY KEY,
  study_fk      INTEGER NOT NULL REFERENCES studies(id),
  series_uid    TEXT NOT NULL UNIQUE,
  modality      TEXT NOT NULL DEFAULT '',
  series_number TEXT NOT NULL DEFAULT '',
  description   TEXT NOT NULL DEFAULT '',
  series_date   TEXT NOT NULL DEFAULT '',
  series_time   TEXT NOT NULL DEFAULT '',
  body_part     TEXT NOT NULL DEFAULT '',
  num_instances INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX series_study ON series(study_fk, modality);
CREATE INDEX series_modality ON series(modality);

CREATE TABLE instances (
  id              INTEGER PRIMARY KEY,
  series_fk       INTEGER NOT NULL REFERENCES series(id),
  sop_uid         TEXT NOT NULL UNIQUE,
  sop_class_uid   TEXT NOT NULL DEFAULT '',
  instance_number INTEGER,
  transfer_syntax TEXT NOT NULL DEFAULT '',
  size            INTEGER NOT NULL,
  sha256          BLOB NOT NULL,
  received        INTEGER NOT NULL,
  source          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX instances_series ON instances(series_fk, instance_number);

-- Objects whose SOP Instance UID was taken by different content: kept aside
-- under conflicts/, never overwriting the archived one.
CREATE TABLE conflicts (
  id              INTEGER PRIMARY KEY,
  sop_uid         TEXT NOT NULL,
  sop_class_uid   TEXT NOT NULL DEFAULT '',
  study_uid       TEXT NOT NULL DEFAULT '',
  series_uid      TEXT NOT NULL DEFAULT '',
  patient_id      TEXT NOT NULL DEFAULT '',
  transfer_syntax TEXT NOT NULL DEFAULT '',
  size            INTEGER NOT NULL,
  sha256          BLOB NOT NULL,
  received        INTEGER NOT NULL,
  source          TEXT NOT NULL DEFAULT '',
  reason          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX conflicts_sop ON conflicts(sop_uid);

-- File moves promised by a committed transaction but perhaps not yet done
-- (publish a staged object to its key, delete a replaced file). Replayed on
-- open after a crash; emptied by the next transaction otherwise.
-- `owner` names the Archive instance (process) that wrote the row, so that
-- one process never clears another's promises.
CREATE TABLE pending_files (
  id     INTEGER PRIMARY KEY,
  owner  TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('publish', 'delete')),
  token  TEXT NOT NULL DEFAULT '',
  key    TEXT NOT NULL
);
)sql",
        // 2: a promised publish names its object, so that recovery can drop
        // the index rows of an object whose data never reached the disk (the
        // store path flushes an object's data while its index row commits,
        // and acknowledges only after both).
        R"sql(
ALTER TABLE pending_files ADD COLUMN sop_uid TEXT NOT NULL DEFAULT '';
)sql",
    };
    return scripts;
}

}  // namespace

int latestSchemaVersion() { return int(migrations().size()); }

int schemaVersion(sql::Connection& db) {
    sql::Statement exists = db.prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_version'");
    exists.step();
    if (exists.integer(0) == 0) return 0;
    sql::Statement version = db.prepare("SELECT coalesce(max(version), 0) FROM schema_version");
    version.step();
    return int(version.integer(0));
}

void migrate(sql::Connection& db) {
    db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied TEXT NOT NULL)");
    const int current = schemaVersion(db);
    if (current > latestSchemaVersion())
        throw core::Error(core::ErrorCode::Io,
                          "archive index has schema version " + std::to_string(current) +
                              ", newer than this Lightbox understands (" + std::to_string(latestSchemaVersion()) +
                              "): use a newer Lightbox");
    for (int v = current + 1; v <= latestSchemaVersion(); ++v) {
        sql::Transaction tx(db);
        db.exec(migrations()[std::size_t(v - 1)]);
        sql::Statement record = db.prepare("INSERT INTO schema_version (version, applied) VALUES (?, datetime('now'))");
        record.bind(1, std::int64_t(v)).run();
        tx.commit();
    }
}

}  // namespace lightbox::archive
