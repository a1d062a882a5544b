#pragma once
// The index schema as numbered migrations (Orthanc-style upgrades): each
// migration is an SQL script applied once, in order, inside a transaction,
// and recorded in schema_version. Never edit a released migration; add one.

namespace lightbox::archive::sql {
class Connection;
}

namespace lightbox::archive {

// The newest schema version this build knows.
int latestSchemaVersion();
// The version recorded in the database (0 for an empty one).
int schemaVersion(sql::Connection& db);
// Brings the database to latestSchemaVersion(). Throws Error(Io) when the
// database was written by a newer Lightbox (a downgrade would lose data).
void migrate(sql::Connection& db);

}  // namespace lightbox::archive
