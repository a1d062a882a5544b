#pragma once
// Importing files, folders (recursively), DICOMDIR media and zip archives.
// The source is only read, never modified.

#include "lightbox/archive/Store.h"

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace lightbox::archive {

struct ImportProgress {
    std::size_t done = 0;   // objects finished so far (any outcome)
    std::size_t total = 0;  // objects found
    std::string source;     // the one just finished: a path, or "archive.zip!entry"
    const StoreResult* result = nullptr;
};

struct ImportOptions {
    // Called once per object as soon as its outcome is durable, from worker
    // threads but never two at a time.
    std::function<void(const ImportProgress&)> progress;
    const std::atomic<bool>* cancel = nullptr;  // set to stop after the objects in flight
    unsigned threads = 0;                       // 0: one per core, at most 8
};

struct ImportSummary {
    struct Item {
        std::string source;
        std::string reason;
    };
    std::size_t found = 0;  // objects considered (files, zip entries, DICOMDIR references)
    std::size_t imported = 0, duplicates = 0;
    std::vector<Item> conflicts;  // kept aside for the user to resolve
    std::vector<Item> rejected;   // not stored, with why
    std::size_t mediaDirectories = 0;  // DICOMDIR files met in folders and zips: indexes, not objects
    bool cancelled = false;
    std::string error;  // set when the import stopped on an archive failure (disk full, ...)
};

}  // namespace lightbox::archive
