#pragma once
// Registrations remembered per (fixed, moving) series pair, so that opening
// the same current and prior again gives the transform at once, with the
// reader's manual offset kept beside it.
//
// One small JSON file per pair in a folder the caller chooses (one writer
// never rewrites another pair's entry; each file is replaced atomically:
// temporary file, then rename). A pair is keyed by both Series Instance UIDs
// and a hash of each volume's geometry (size, origin, axes, spacing): a
// series reloaded with other slices or re-sorted is not the same pair.

#include "lightbox/core/RigidTransform.h"
#include "lightbox/core/Volume.h"
#include "lightbox/render/RigidRegistration.h"

#include <filesystem>
#include <optional>
#include <string>

namespace lightbox::render {

// 16 hex digits (64-bit FNV-1a of the grid's size, origin, axes and spacing
// rounded to 1 micrometre / 1e-6); the voxel values are not part of it.
std::string volumeGeometryHash(const core::Volume& volume);

struct RegistrationPairKey {
    std::string fixedSeriesUid;
    std::string fixedGeometryHash;
    std::string movingSeriesUid;
    std::string movingGeometryHash;

    static RegistrationPairKey of(const std::string& fixedSeriesUid, const core::Volume& fixed,
                                  const std::string& movingSeriesUid, const core::Volume& moving);
    bool operator==(const RegistrationPairKey&) const = default;
};

struct CachedRegistration {
    core::RigidTransform movingToFixed;  // as registered
    double residualMm = 0.0;
    bool residualEstimated = false;
    double metricValue = 0.0;
    int iterations = 0;
    double seconds = 0.0;
    // The reader's correction, in the fixed series' patient coordinates (mm):
    // added after the registered transform.
    core::Vec3 manualOffsetMm{0, 0, 0};

    // What sync should use: movingToFixed, then the manual offset.
    core::RigidTransform effective() const;
    static CachedRegistration from(const RigidRegistrationResult& result);
};

class RegistrationCache {
public:
    // The folder is created on the first store. Throws nothing.
    explicit RegistrationCache(std::filesystem::path folder);

    // nullopt when the pair was never stored (or its file is unreadable:
    // a damaged entry is treated as absent and overwritten by the next store).
    std::optional<CachedRegistration> find(const RegistrationPairKey& key) const;
    // Stores (replaces) the pair's entry. Throws core::Error(Io).
    void store(const RegistrationPairKey& key, const CachedRegistration& entry);
    // Sets the manual offset of a stored pair; Error(InvalidArgument) when the
    // pair is not stored, Error(Io) when it cannot be written.
    void setManualOffset(const RegistrationPairKey& key, const core::Vec3& offsetMm);
    // Removes the pair's entry; false when there was none.
    bool remove(const RegistrationPairKey& key);

    const std::filesystem::path& folder() const { return folder_; }
    // The pair's file (whether or not it exists).
    std::filesystem::path fileFor(const RegistrationPairKey& key) const;

private:
    std::filesystem::path folder_;
};

}  // namespace lightbox::render
