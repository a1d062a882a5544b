#include "RegistrationWiring.h"

#include "lightbox/core/Error.h"
#include "lightbox/render/RegistrationCache.h"
#include "lightbox/render/RigidRegistration.h"
#include "lightbox/viewer/LoadedSeries.h"
#include "lightbox/viewer/ReadingArea.h"
#include "lightbox/viewer/Viewport.h"
#include "lightbox/viewer/ViewportSync.h"

#include <QApplication>
#include <QStandardPaths>
#include <QStatusBar>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace lightbox::app {

namespace fs = std::filesystem;

namespace {

using PairUids = std::pair<std::string, std::string>;  // fixed, moving Series Instance UIDs

// The unit normal of the moving series' slices: ViewportSync keeps a manual
// offset as mm along the moving viewport's normal (the acquisition plane's
// when hung by protocol).
core::Vec3 sliceNormal(const core::Volume& volume) { return core::normalized(core::cross(volume.axisX, volume.axisY)); }

// The cache keeps the offset as a translation in the fixed series' frame,
// applied after the registered transform; ViewportSync moves the moving
// series `mm` along its normal. Both say the same when the fixed point p
// shows the moving point movingFromFixed(p) + mm * n, i.e. offset = -mm * R n.
core::Vec3 offsetVector(const core::RigidTransform& movingToFixed, const core::Vec3& movingNormal, double mm) {
    return core::operator*(movingToFixed.applyToDirection(movingNormal), -mm);
}
double offsetAlongNormal(const core::RigidTransform& movingToFixed, const core::Vec3& movingNormal,
                         const core::Vec3& offset) {
    return -core::dot(movingToFixed.inverse().applyToDirection(offset), movingNormal);
}

unsigned registrationThreads() {
    // The GUI thread keeps one core where there are more than two.
    const unsigned cores = std::thread::hardware_concurrency();
    return std::max(2u, cores > 2 ? cores - 1 : cores);
}

}  // namespace

struct RegistrationWiring::Shared {
    struct Pair {
        render::RegistrationPairKey key;
        fs::path folder;
        core::RigidTransform movingToFixed;
        core::Vec3 movingNormal{0, 0, 1};
    };
    mutable std::mutex mutex;
    fs::path folder;
    std::map<PairUids, Pair> pairs;  // registered pairs (their cache entries)
    std::atomic<int> registered{0}, fromCache{0};
};

RegistrationWiring::RegistrationWiring(viewer::ReadingArea* area, QStatusBar* statusBar)
    : QObject(area), area_(area), statusBar_(statusBar), shared_(std::make_shared<Shared>()) {
    setObjectName(QStringLiteral("registrationWiring"));
    shared_->folder = cacheFolderFor({});
    viewer::ViewportSync* sync = area->sync();
    connect(sync, &viewer::ViewportSync::manualOffsetChanged, this, &RegistrationWiring::offsetChanged);
    connect(sync, &viewer::ViewportSync::registrationFinished, this, &RegistrationWiring::registrationFinished);

    QPointer<RegistrationWiring> self = this;
    // Runs `f` on the GUI thread while the wiring lives.
    auto post = [self](auto f) {
        QMetaObject::invokeMethod(qApp, [self, f = std::move(f)] {
            if (self) f(*self);
        }, Qt::QueuedConnection);
    };
    auto status = [post](QString text, int timeoutMs) {
        post([text, timeoutMs](RegistrationWiring& w) {
            if (w.statusBar_) w.statusBar_->showMessage(text, timeoutMs);
        });
    };
    sync->setRegistrationProvider([shared = shared_, post, status](const viewer::LoadedSeries& fixed,
                                                                    const viewer::LoadedSeries& moving,
                                                                    const std::atomic<bool>& cancel) {
        const auto key = render::RegistrationPairKey::of(fixed.series.seriesInstanceUid, fixed.volume,
                                                         moving.series.seriesInstanceUid, moving.volume);
        fs::path folder;
        {
            const std::lock_guard lock(shared->mutex);
            folder = shared->folder;
        }
        render::RegistrationCache cache(folder);
        std::optional<render::CachedRegistration> entry = cache.find(key);
        if (entry) {
            ++shared->fromCache;
            std::fprintf(stderr, "lightbox: registration of the prior from the cache (%s)\n", cache.fileFor(key).c_str());
            status(tr("Prior registered (from the cache)"), 8000);
        } else {
            status(tr("Registering the prior to the current series…"), 0);
            render::RegistrationOptions options;
            options.threads = registrationThreads();
            int shownPercent = 0;
            const render::RigidRegistrationResult result = render::registerRigid(
                fixed.volume, moving.volume, options,
                [&](double fraction) {
                    const int percent = int(fraction * 100);
                    if (percent < shownPercent + 5) return;
                    shownPercent = percent;
                    status(tr("Registering the prior to the current series… %1%").arg(percent), 0);
                },
                &cancel);
            entry = render::CachedRegistration::from(result);
            ++shared->registered;
            QString stored;
            try {
                cache.store(key, *entry);
                stored = QStringLiteral("cached in %1").arg(QString::fromStdString(cache.fileFor(key).string()));
            } catch (const core::Error& e) {
                stored = QStringLiteral("not cached: %1").arg(QString::fromUtf8(e.what()));
            }
            std::fprintf(stderr, "lightbox: registered the prior in %.1f s (residual %.2f mm, %d iterations), %s\n",
                         result.seconds, result.residualMm, result.iterations, qPrintable(stored));
            status(tr("Prior registered in %1 s (residual %2 mm)")
                       .arg(result.seconds, 0, 'f', 1)
                       .arg(result.residualMm, 0, 'f', 1),
                   8000);
        }
        const core::Vec3 normal = sliceNormal(moving.volume);
        {
            const std::lock_guard lock(shared->mutex);
            shared->pairs[{key.fixedSeriesUid, key.movingSeriesUid}] = {key, folder, entry->movingToFixed, normal};
        }
        // The reader's offset of an earlier reading: queued before the sync
        // hears of the registration (the same queue), so both arrive together.
        const double offsetMm = offsetAlongNormal(entry->movingToFixed, normal, entry->manualOffsetMm);
        if (std::abs(offsetMm) > 1e-6)
            post([fixedUid = key.fixedSeriesUid, movingUid = key.movingSeriesUid, offsetMm](RegistrationWiring& w) {
                if (w.area_) w.area_->sync()->setManualOffset(fixedUid, movingUid, offsetMm);
            });
        return entry->movingToFixed;
    });

    // Before the volumes load (a prior's synced slice from one image): the
    // cache alone, keyed by the geometry the volumes will have - no registration runs here.
    sync->setRegistrationLookup([shared = shared_, status](const core::SeriesInfo& fixed, const core::Volume& fixedGeometry,
                                                           const core::SeriesInfo& moving, const core::Volume& movingGeometry)
                                    -> std::optional<viewer::ViewportSync::KnownRegistration> {
        const auto key = render::RegistrationPairKey::of(fixed.seriesInstanceUid, fixedGeometry, moving.seriesInstanceUid,
                                                         movingGeometry);
        fs::path folder;
        {
            const std::lock_guard lock(shared->mutex);
            folder = shared->folder;
        }
        const render::RegistrationCache cache(folder);
        const std::optional<render::CachedRegistration> entry = cache.find(key);
        if (!entry) return std::nullopt;
        ++shared->fromCache;
        std::fprintf(stderr, "lightbox: registration of the prior from the cache (%s)\n", cache.fileFor(key).c_str());
        status(tr("Prior registered (from the cache)"), 8000);
        const core::Vec3 normal = sliceNormal(movingGeometry);
        {
            const std::lock_guard lock(shared->mutex);
            shared->pairs[{key.fixedSeriesUid, key.movingSeriesUid}] = {key, folder, entry->movingToFixed, normal};
        }
        return viewer::ViewportSync::KnownRegistration{entry->movingToFixed,
                                                       offsetAlongNormal(entry->movingToFixed, normal, entry->manualOffsetMm)};
    });
}

RegistrationWiring::~RegistrationWiring() = default;

fs::path RegistrationWiring::cacheFolderFor(const fs::path& archiveRoot) {
    if (!archiveRoot.empty()) return archiveRoot / "cache" / "registration";
    const QString user = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return (user.isEmpty() ? fs::temp_directory_path() / "lightbox" : fs::path(user.toStdString())) / "registration";
}

void RegistrationWiring::setArchiveRoot(const fs::path& archiveRoot) {
    const std::lock_guard lock(shared_->mutex);
    shared_->folder = cacheFolderFor(archiveRoot);
}

fs::path RegistrationWiring::cacheFolder() const {
    const std::lock_guard lock(shared_->mutex);
    return shared_->folder;
}

int RegistrationWiring::registrationsRun() const { return shared_->registered.load(); }
int RegistrationWiring::cacheHits() const { return shared_->fromCache.load(); }

void RegistrationWiring::offsetChanged(const QString& fixedSeriesUid, const QString& movingSeriesUid, double offsetMm) {
    std::optional<Shared::Pair> pair;
    {
        const std::lock_guard lock(shared_->mutex);
        const auto it = shared_->pairs.find({fixedSeriesUid.toStdString(), movingSeriesUid.toStdString()});
        if (it != shared_->pairs.end()) pair = it->second;
    }
    // Same Frame of Reference (nothing registered), or the registration has
    // not arrived (the offset then acts on the table-position guess): the
    // offset stays with this reading only.
    if (!pair) return;
    try {
        render::RegistrationCache(pair->folder)
            .setManualOffset(pair->key, offsetVector(pair->movingToFixed, pair->movingNormal, offsetMm));
    } catch (const core::Error& e) {
        if (statusBar_) statusBar_->showMessage(tr("The sync offset is not kept: %1").arg(QString::fromUtf8(e.what())), 8000);
    }
}

void RegistrationWiring::registrationFinished(const QString& error) {
    if (!error.isEmpty() && statusBar_)
        statusBar_->showMessage(tr("The prior could not be registered (%1): it scrolls by table position").arg(error), 15000);
    if (anyRunning()) return;
    auto waiters = std::move(settledWaiters_);
    settledWaiters_.clear();
    for (auto& done : waiters) done();
}

bool RegistrationWiring::anyRunning() const {
    if (!area_) return false;
    const auto& viewports = area_->viewports();
    for (const viewer::Viewport* a : viewports)
        for (const viewer::Viewport* b : viewports)
            if (a != b && area_->sync()->registering(a, b)) return true;
    return false;
}

void RegistrationWiring::whenSettled(std::function<void()> done) {
    if (!done) return;
    if (!anyRunning()) {
        done();
        return;
    }
    settledWaiters_.push_back(std::move(done));
}

RegistrationWiring* installRegistrationWiring(viewer::ReadingArea* area, QStatusBar* statusBar) {
    if (!area) return nullptr;
    if (auto* existing = area->findChild<RegistrationWiring*>(QString(), Qt::FindDirectChildrenOnly)) return existing;
    return new RegistrationWiring(area, statusBar);
}

}  // namespace lightbox::app
