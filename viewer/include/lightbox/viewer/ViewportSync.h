#pragma once
// Synchronised reading: viewports in a sync group scroll, window and zoom
// together, so the current study and its prior stay on the same anatomy.
//
// Scroll: a viewport showing another series moves to its slice nearest the
// point under the centre of the scrolled viewport (SyncMapping). Series that
// share a Frame of Reference map by identity; series that do not (a prior)
// through a rigid registration that the registration provider computes in
// the background (the overlay says "registering…" meanwhile and the table
// position stands in), cached per pair. A manual offset nudges the older
// series of a pair slice by slice and is kept for the pair. Viewports showing
// the same series (tiles, MPR planes) do not scroll each other.
// W/L: only between viewports of the same modality. Zoom/pan: the same
// magnification in screen pixels per mm and the same pan.
//
// Each group has its toggles (default: scroll, W/L and zoom/pan on); every
// viewport's overlay (lower left, above W/L) names its group and toggles
// ("Sync A: S W Z", a dot for a toggle that is off) and the state of its
// registration ("registering…", "registered", "table position", "offset +1").
//
// Shortcuts (actions(); added to the reading area, acting on the active
// viewport's group; the defaults - ShortcutMap's "Sync" group holds the keys):
//   Shift+S      scroll sync on/off
//   Shift+W      W/L sync on/off
//   Shift+Z      zoom/pan sync on/off
//   Shift+G      move the active viewport to the next sync group (A, B, C, none)
//   Alt+Up/Down  nudge the active viewport one slice against the others of its
//                group (the manual offset, kept for each pair of series)
//   Alt+0        clear the manual offsets of the active viewport's series

#include "lightbox/core/RigidTransform.h"
#include "lightbox/viewer/LoadedSeries.h"
#include "lightbox/viewer/SyncMapping.h"

#include <QChar>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

class QAction;

namespace lightbox::viewer {

class Viewport;

class ViewportSync : public QObject {
    Q_OBJECT
public:
    explicit ViewportSync(QObject* parent = nullptr);
    ~ViewportSync() override;

    struct Toggles {
        bool scroll = true;
        bool window = true;
        bool zoomPan = true;
    };

    // Group membership. A viewport is in at most one group; QChar() = none.
    void add(Viewport* viewport, QChar group = QLatin1Char('A'));
    void remove(Viewport* viewport);
    void setGroup(Viewport* viewport, QChar group);
    QChar groupOf(const Viewport* viewport) const;
    std::vector<Viewport*> members(QChar group) const;

    Toggles toggles(QChar group) const;
    void setScrollSync(QChar group, bool on);
    void setWindowSync(QChar group, bool on);
    void setZoomPanSync(QChar group, bool on);

    // The viewport the shortcuts act on (ReadingArea forwards its active one).
    void setActiveViewport(Viewport* viewport);
    Viewport* activeViewport() const { return active_; }
    QList<QAction*> actions() const;

    // Computes the rigid transform moving patient mm -> fixed patient mm of a
    // pair of series with different frames of reference (fixed: the newer
    // study). Runs on a worker thread; throws core::Error when it cannot
    // register; should return soon after `cancel` becomes true.
    using RegistrationProvider = std::function<core::RigidTransform(
        const LoadedSeries& fixed, const LoadedSeries& moving, const std::atomic<bool>& cancel)>;
    void setRegistrationProvider(RegistrationProvider provider);

    // A registration known before the volumes load (app's cache), asked on
    // the GUI thread from both series' headers and the geometry of their
    // volumes (volumeGeometry): the transform moving patient mm -> fixed
    // patient mm and the reader's manual offset along the moving series'
    // normal. nullopt: not known (the provider registers once both load).
    struct KnownRegistration {
        core::RigidTransform fixedFromMoving;
        double manualOffsetMm = 0;
    };
    using RegistrationLookup = std::function<std::optional<KnownRegistration>(
        const core::SeriesInfo& fixed, const core::Volume& fixedGeometry, const core::SeriesInfo& moving,
        const core::Volume& movingGeometry)>;
    void setRegistrationLookup(RegistrationLookup lookup);

    // Where a series that is not loaded yet (its headers read) would show,
    // scrolled along `normal`, once it joins `leader` (a scrollable member
    // showing `leaderSeries`, or one image of it): a point of that slice's
    // plane in the series' patient coordinates, and how the two relate. The
    // pair's registration is looked up first (setRegistrationLookup) when it
    // is not known. nullopt: not comparable (planes apart, nothing shown).
    struct Placement {
        core::Vec3 point{0, 0, 0};
        sync::Relation relation = sync::Relation::SameFrame;
    };
    std::optional<Placement> placement(const Viewport* leader, const core::SeriesInfo& leaderSeries,
                                       const core::SeriesInfo& series, const core::Vec3& normal);
    // Whether two viewports show the same anatomy by one Frame of Reference or
    // a registration - not the table-position guess (true when they are not
    // scroll partners).
    bool inStep(const Viewport* a, const Viewport* b) const;

    // How the patient coordinates of two viewports' series relate now, and
    // the transform target <- source that scrolling uses (nullopt: not scroll
    // partners - the same series, or one of them shows nothing or 3-D).
    struct Mapping {
        sync::Relation relation = sync::Relation::SameFrame;
        core::RigidTransform targetFromSource;
    };
    std::optional<Mapping> mapping(const Viewport* source, const Viewport* target) const;
    bool registering(const Viewport* a, const Viewport* b) const;
    // The pair's manual offset in mm along the moving (older) series' normal.
    double manualOffsetMm(const Viewport* a, const Viewport* b) const;
    // Moves `viewport` by `slices` without moving its partners and keeps the
    // difference as the manual offset of each pair.
    void nudge(Viewport* viewport, int slices);
    void clearOffsets(Viewport* viewport);
    // Sets the manual offset of a pair of series (a remembered one, e.g. from
    // app's registration cache; 0 clears it) and moves the moving side to it.
    // Does not emit manualOffsetChanged.
    void setManualOffset(const std::string& fixedSeriesUid, const std::string& movingSeriesUid, double offsetMm);

    // Brings the other members of `leader`'s group to it (scroll only).
    void alignTo(Viewport* leader);

    // The badge: what the viewport's overlay says about synchronisation.
    QString badgeText(const Viewport* viewport) const;

signals:
    // A registration finished (or failed: `error` says why).
    void registrationFinished(const QString& error);
    // Groups, toggles, offsets or registration states changed.
    void stateChanged();
    // The user nudged or cleared the manual offset of a pair (mm along the
    // moving series' normal; 0 when cleared).
    void manualOffsetChanged(const QString& fixedSeriesUid, const QString& movingSeriesUid, double offsetMm);

private:
    struct Member {
        QPointer<Viewport> viewport;
        QChar group;
        std::string shownSeries;  // what viewShown showed last (Series Instance UID)
        int shownSlices = 0;      // and its volume's slices (1: a first image alone)
    };
    using PairKey = std::pair<std::string, std::string>;  // fixed, moving series UIDs
    struct Registration {
        enum class State { Running, Done, Failed } state = State::Running;
        core::RigidTransform fixedFromMoving;
        QString error;
        std::shared_ptr<std::atomic<bool>> cancel;
    };

    // A viewport being destroyed: dropped without touching it (QWidget
    // announces its destruction when its own members are already gone).
    void forget(const QObject* gone);
    Member* find(const Viewport* viewport);
    const Member* find(const Viewport* viewport) const;
    bool isScrollable(const Viewport* viewport) const;
    // Fixed and moving of two scroll partners (different series).
    PairKey pairKey(const Viewport* a, const Viewport* b) const;
    bool isMoving(const Viewport* viewport, const PairKey& key) const;
    sync::ScrollAxis axis(const Viewport* viewport) const;
    core::Vec3 viewCentrePoint(const Viewport* viewport) const;

    void scrolled(Viewport* source);
    void windowed(Viewport* source, double center, double width);
    void zoomed(Viewport* source, double zoom, double panX, double panY);
    void shown(Viewport* viewport);
    void follow(Viewport* source, Viewport* target);
    void startRegistrations(Viewport* viewport);
    void registrationDone(const PairKey& key, std::optional<core::RigidTransform> result, const QString& error);
    void refreshBadges();
    void updateActions();
    QChar activeGroup() const;

    std::vector<Member> members_;
    std::map<QChar, Toggles> toggles_;
    std::map<PairKey, Registration> registrations_;
    std::map<PairKey, double> offsets_;
    RegistrationProvider provider_;
    RegistrationLookup lookup_;
    QPointer<Viewport> active_;
    bool propagating_ = false;

    QAction* scrollAction_ = nullptr;
    QAction* windowAction_ = nullptr;
    QAction* zoomPanAction_ = nullptr;
    QAction* groupAction_ = nullptr;
    QAction* nudgeUpAction_ = nullptr;
    QAction* nudgeDownAction_ = nullptr;
    QAction* clearOffsetAction_ = nullptr;
};

}  // namespace lightbox::viewer
