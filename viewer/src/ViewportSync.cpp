#include "lightbox/viewer/ViewportSync.h"

#include "lightbox/core/Error.h"
#include "lightbox/render/SliceView.h"
#include "lightbox/viewer/ShortcutMap.h"
#include "lightbox/viewer/Viewport.h"

#include <QAction>
#include <QCoreApplication>
#include <QKeySequence>
#include <QEvent>
#include <QLabel>
#include <QStringList>
#include <QThread>

#include <algorithm>
#include <cmath>

namespace lightbox::viewer {

namespace {

// Restores a flag on scope exit: positions, windows and zooms set by the sync
// must not be synchronised again.
class Guard {
public:
    explicit Guard(bool& flag) : flag_(flag), old_(flag) { flag_ = true; }
    ~Guard() { flag_ = old_; }
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;

private:
    bool& flag_;
    bool old_;
};

QChar nextGroup(QChar group) {
    if (group.isNull()) return QLatin1Char('A');
    if (group == QLatin1Char('A')) return QLatin1Char('B');
    if (group == QLatin1Char('B')) return QLatin1Char('C');
    return {};
}

}  // namespace

ViewportSync::ViewportSync(QObject* parent) : QObject(parent) {
    // The keys are the shortcut map's ("Sync" group): remapped there, they follow.
    auto makeAction = [this](const QString& text, const char* shortcutId, bool checkable) {
        auto* action = bindShortcut(new QAction(text, this), QString::fromLatin1(shortcutId));
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setCheckable(checkable);
        if (checkable) action->setChecked(true);
        return action;
    };
    scrollAction_ = makeAction(tr("Synchronise Scrolling"), "sync.scroll", true);
    windowAction_ = makeAction(tr("Synchronise Window/Level"), "sync.window", true);
    zoomPanAction_ = makeAction(tr("Synchronise Zoom/Pan"), "sync.zoomPan", true);
    groupAction_ = makeAction(tr("Next Sync Group"), "sync.nextGroup", false);
    nudgeUpAction_ = makeAction(tr("Offset Against Sync Partners: Previous Slice"), "sync.offsetBack", false);
    nudgeDownAction_ = makeAction(tr("Offset Against Sync Partners: Next Slice"), "sync.offsetForward", false);
    clearOffsetAction_ = makeAction(tr("Clear Sync Offset"), "sync.clearOffset", false);
    connect(scrollAction_, &QAction::toggled, this, [this](bool on) { setScrollSync(activeGroup(), on); });
    connect(windowAction_, &QAction::toggled, this, [this](bool on) { setWindowSync(activeGroup(), on); });
    connect(zoomPanAction_, &QAction::toggled, this, [this](bool on) { setZoomPanSync(activeGroup(), on); });
    connect(groupAction_, &QAction::triggered, this, [this] {
        if (active_) setGroup(active_, nextGroup(groupOf(active_)));
    });
    connect(nudgeUpAction_, &QAction::triggered, this, [this] { if (active_) nudge(active_, -1); });
    connect(nudgeDownAction_, &QAction::triggered, this, [this] { if (active_) nudge(active_, 1); });
    connect(clearOffsetAction_, &QAction::triggered, this, [this] { if (active_) clearOffsets(active_); });
}

ViewportSync::~ViewportSync() {
    for (auto& [key, registration] : registrations_)
        if (registration.cancel) registration.cancel->store(true);
    for (Member& m : members_)
        if (m.viewport) m.viewport->setSyncLabel({});
}

QList<QAction*> ViewportSync::actions() const {
    return {scrollAction_, windowAction_, zoomPanAction_, groupAction_, nudgeUpAction_, nudgeDownAction_, clearOffsetAction_};
}

// ---- membership -------------------------------------------------------------

ViewportSync::Member* ViewportSync::find(const Viewport* viewport) {
    for (Member& m : members_)
        if (m.viewport == viewport) return &m;
    return nullptr;
}

const ViewportSync::Member* ViewportSync::find(const Viewport* viewport) const {
    return const_cast<ViewportSync*>(this)->find(viewport);
}

void ViewportSync::add(Viewport* viewport, QChar group) {
    if (!viewport || find(viewport)) return;
    Member m;
    m.viewport = viewport;
    m.group = group;
    members_.push_back(m);
    connect(viewport, &Viewport::positionChanged, this, [this, viewport] { scrolled(viewport); });
    connect(viewport, &Viewport::windowChanged, this,
            [this, viewport](double c, double w) { windowed(viewport, c, w); });
    connect(viewport, &Viewport::zoomPanChanged, this,
            [this, viewport](double z, double x, double y) { zoomed(viewport, z, x, y); });
    connect(viewport, &Viewport::viewShown, this, [this, viewport] { shown(viewport); });
    connect(viewport, &QObject::destroyed, this, &ViewportSync::forget);
    if (!toggles_.count(group) && !group.isNull()) toggles_[group] = Toggles{};
    if (!viewport->isEmpty()) shown(viewport);
    refreshBadges();
}

void ViewportSync::remove(Viewport* viewport) {
    Member* m = find(viewport);
    if (!m || !viewport) return;
    disconnect(viewport, nullptr, this, nullptr);
    viewport->setSyncLabel({});
    forget(viewport);
}

void ViewportSync::forget(const QObject* gone) {
    members_.erase(std::remove_if(members_.begin(), members_.end(),
                                  [gone](const Member& m) {
                                      return m.viewport.isNull() || static_cast<const QObject*>(m.viewport.data()) == gone;
                                  }),
                   members_.end());
    if (static_cast<const QObject*>(active_.data()) == gone) active_ = nullptr;
    refreshBadges();
}

void ViewportSync::setGroup(Viewport* viewport, QChar group) {
    Member* m = find(viewport);
    if (!m) return;
    m->group = group;
    if (!group.isNull() && !toggles_.count(group)) toggles_[group] = Toggles{};
    if (!group.isNull()) {
        startRegistrations(viewport);
        // Joining a group: follow its members (rather than move them).
        for (const Member& other : members_)
            if (other.viewport && other.viewport != viewport && other.group == group && mapping(other.viewport, viewport)) {
                follow(other.viewport, viewport);
                break;
            }
    }
    updateActions();
    refreshBadges();
    emit stateChanged();
}

QChar ViewportSync::groupOf(const Viewport* viewport) const {
    const Member* m = find(viewport);
    return m ? m->group : QChar();
}

std::vector<Viewport*> ViewportSync::members(QChar group) const {
    std::vector<Viewport*> out;
    for (const Member& m : members_)
        if (m.viewport && m.group == group && !group.isNull()) out.push_back(m.viewport);
    return out;
}

ViewportSync::Toggles ViewportSync::toggles(QChar group) const {
    const auto it = toggles_.find(group);
    return it == toggles_.end() ? Toggles{} : it->second;
}

void ViewportSync::setScrollSync(QChar group, bool on) {
    if (group.isNull()) return;
    toggles_[group].scroll = on;
    updateActions();
    refreshBadges();
    emit stateChanged();
}

void ViewportSync::setWindowSync(QChar group, bool on) {
    if (group.isNull()) return;
    toggles_[group].window = on;
    updateActions();
    refreshBadges();
    emit stateChanged();
}

void ViewportSync::setZoomPanSync(QChar group, bool on) {
    if (group.isNull()) return;
    toggles_[group].zoomPan = on;
    updateActions();
    refreshBadges();
    emit stateChanged();
}

void ViewportSync::setActiveViewport(Viewport* viewport) {
    active_ = viewport;
    updateActions();
}

QChar ViewportSync::activeGroup() const {
    const QChar g = active_ ? groupOf(active_) : QChar();
    return g.isNull() ? QLatin1Char('A') : g;
}

void ViewportSync::updateActions() {
    const Toggles t = toggles(activeGroup());
    const QSignalBlocker a(scrollAction_), b(windowAction_), c(zoomPanAction_);
    scrollAction_->setChecked(t.scroll);
    windowAction_->setChecked(t.window);
    zoomPanAction_->setChecked(t.zoomPan);
}

// ---- geometry -----------------------------------------------------------------

bool ViewportSync::isScrollable(const Viewport* viewport) const {
    return viewport && !viewport->isEmpty() && !viewport->is3D() && viewport->sliceView() && viewport->series();
}

sync::ScrollAxis ViewportSync::axis(const Viewport* viewport) const {
    const core::Vec3 normal = viewport->planeNormal();
    return sync::scrollAxis(viewport->series()->volume, normal, viewport->series()->reslicer->slabStep(normal));
}

core::Vec3 ViewportSync::viewCentrePoint(const Viewport* viewport) const {
    const double dpr = viewport->devicePixelRatioF();
    const int w = std::max(1, int(std::lround(viewport->width() * dpr)));
    const int h = std::max(1, int(std::lround(viewport->height() * dpr)));
    return viewport->sliceView()->screenToPatient(w / 2.0, h / 2.0, w, h);
}

ViewportSync::PairKey ViewportSync::pairKey(const Viewport* a, const Viewport* b) const {
    const core::SeriesInfo& sa = a->series()->series;
    const core::SeriesInfo& sb = b->series()->series;
    return sync::isMovingOf(sa, sb) ? PairKey{sb.seriesInstanceUid, sa.seriesInstanceUid}
                                    : PairKey{sa.seriesInstanceUid, sb.seriesInstanceUid};
}

bool ViewportSync::isMoving(const Viewport* viewport, const PairKey& key) const {
    return viewport->series()->series.seriesInstanceUid == key.second;
}

std::optional<ViewportSync::Mapping> ViewportSync::mapping(const Viewport* source, const Viewport* target) const {
    if (!isScrollable(source) || !isScrollable(target)) return std::nullopt;
    const core::SeriesInfo& s = source->series()->series;
    const core::SeriesInfo& t = target->series()->series;
    if (source->series() == target->series() || s.seriesInstanceUid == t.seriesInstanceUid) return std::nullopt;
    if (!s.frameOfReferenceUid.empty() && s.frameOfReferenceUid == t.frameOfReferenceUid)
        return Mapping{sync::Relation::SameFrame, core::RigidTransform()};
    const PairKey key = pairKey(source, target);
    if (const auto it = registrations_.find(key); it != registrations_.end() && it->second.state == Registration::State::Done) {
        const core::RigidTransform& fixedFromMoving = it->second.fixedFromMoving;
        return Mapping{sync::Relation::Registered,
                       isMoving(target, key) ? fixedFromMoving.inverse() : fixedFromMoving};
    }
    return Mapping{sync::Relation::TablePosition, sync::tablePositionGuess(axis(source), axis(target))};
}

bool ViewportSync::registering(const Viewport* a, const Viewport* b) const {
    if (!isScrollable(a) || !isScrollable(b) || a->series() == b->series()) return false;
    const auto it = registrations_.find(pairKey(a, b));
    return it != registrations_.end() && it->second.state == Registration::State::Running;
}

double ViewportSync::manualOffsetMm(const Viewport* a, const Viewport* b) const {
    if (!isScrollable(a) || !isScrollable(b) || a->series() == b->series()) return 0;
    const auto it = offsets_.find(pairKey(a, b));
    return it == offsets_.end() ? 0 : it->second;
}

// ---- following --------------------------------------------------------------

void ViewportSync::follow(Viewport* source, Viewport* target) {
    const auto m = mapping(source, target);
    if (!m) return;
    const sync::ScrollAxis from = axis(source), to = axis(target);
    if (!sync::planesComparable(from, to, m->targetFromSource)) return;
    const PairKey key = pairKey(source, target);
    const auto offset = offsets_.find(key);
    const double mm = offset == offsets_.end() ? 0 : offset->second;
    const sync::SliceTarget where = sync::follow(from, viewCentrePoint(source), to, m->targetFromSource,
                                                 isMoving(source, key) ? mm : 0, isMoving(target, key) ? mm : 0);
    Guard guard(propagating_);
    target->setPosition(where.positionMm);
}

void ViewportSync::scrolled(Viewport* source) {
    if (propagating_) return;
    const QChar group = groupOf(source);
    if (group.isNull() || !toggles(group).scroll) return;
    for (Viewport* other : members(group))
        if (other != source) follow(source, other);
}

void ViewportSync::alignTo(Viewport* leader) {
    const QChar group = groupOf(leader);
    if (group.isNull()) return;
    for (Viewport* other : members(group))
        if (other != leader) follow(leader, other);
}

void ViewportSync::windowed(Viewport* source, double center, double width) {
    if (propagating_) return;
    const QChar group = groupOf(source);
    if (group.isNull() || !toggles(group).window || !isScrollable(source)) return;
    Guard guard(propagating_);
    for (Viewport* other : members(group))
        if (other != source && isScrollable(other) && other->series()->series.modality == source->series()->series.modality)
            other->setWindow(center, width);
}

void ViewportSync::zoomed(Viewport* source, double zoom, double panX, double panY) {
    if (propagating_) return;
    const QChar group = groupOf(source);
    if (group.isNull() || !toggles(group).zoomPan || !isScrollable(source)) return;
    // The same magnification (screen pixels per mm), whatever each slice's pixel spacing.
    const double sourceSpacing = source->sliceView()->image().plane.spacing;
    Guard guard(propagating_);
    for (Viewport* other : members(group))
        if (other != source && isScrollable(other) && sourceSpacing > 0)
            other->setZoomPan(zoom * other->sliceView()->image().plane.spacing / sourceSpacing, panX, panY);
}

void ViewportSync::shown(Viewport* viewport) {
    startRegistrations(viewport);
    // A first image replaced by its whole series (a hang's first image, a
    // prior's synced slice, shown while the volume loaded) opens at that
    // slice: it stays where it is rather than follow the others again.
    bool replacesItsImage = false;
    if (Member* m = find(viewport); m && viewport->series()) {
        const std::string& uid = viewport->series()->series.seriesInstanceUid;
        const int slices = viewport->series()->volume.slices;
        replacesItsImage = m->shownSeries == uid && m->shownSlices == 1 && slices > 1;
        m->shownSeries = uid;
        m->shownSlices = slices;
    }
    const QChar group = groupOf(viewport);
    if (!replacesItsImage && !group.isNull() && toggles(group).scroll && isScrollable(viewport)) {
        // A series arriving in a viewport (a prior) joins the others where they are.
        Viewport* leader = nullptr;
        if (active_ && active_ != viewport && groupOf(active_) == group && mapping(active_, viewport)) leader = active_;
        for (Viewport* other : members(group))
            if (!leader && other != viewport && mapping(other, viewport)) leader = other;
        if (leader) follow(leader, viewport);
    }
    refreshBadges();
}

void ViewportSync::nudge(Viewport* viewport, int slices) {
    const QChar group = groupOf(viewport);
    if (!isScrollable(viewport)) return;
    {
        Guard guard(propagating_);
        viewport->scrollBy(slices);
    }
    if (group.isNull()) return;
    for (Viewport* other : members(group)) {
        if (other == viewport) continue;
        const auto m = mapping(other, viewport);
        if (!m || !sync::planesComparable(axis(other), axis(viewport), m->targetFromSource)) continue;
        const PairKey key = pairKey(viewport, other);
        Viewport* fixed = isMoving(viewport, key) ? other : viewport;
        Viewport* moving = fixed == viewport ? other : viewport;
        const auto movingFromFixed = mapping(fixed, moving);
        offsets_[key] = sync::offsetFor(viewCentrePoint(fixed), axis(moving), movingFromFixed->targetFromSource,
                                        moving->position());
        emit manualOffsetChanged(QString::fromStdString(key.first), QString::fromStdString(key.second), offsets_[key]);
    }
    refreshBadges();
    emit stateChanged();
}

void ViewportSync::clearOffsets(Viewport* viewport) {
    if (!isScrollable(viewport)) return;
    const std::string uid = viewport->series()->series.seriesInstanceUid;
    std::vector<PairKey> cleared;
    for (auto it = offsets_.begin(); it != offsets_.end();) {
        if (it->first.first != uid && it->first.second != uid) {
            ++it;
            continue;
        }
        cleared.push_back(it->first);
        it = offsets_.erase(it);
    }
    // The moving side of each pair goes back where the mapping puts it.
    const QChar group = groupOf(viewport);
    for (Viewport* other : members(group)) {
        if (other == viewport || !mapping(viewport, other)) continue;
        if (isMoving(viewport, pairKey(viewport, other))) follow(other, viewport);
        else follow(viewport, other);
    }
    for (const PairKey& key : cleared)
        emit manualOffsetChanged(QString::fromStdString(key.first), QString::fromStdString(key.second), 0.0);
    refreshBadges();
    emit stateChanged();
}

void ViewportSync::setManualOffset(const std::string& fixedSeriesUid, const std::string& movingSeriesUid,
                                   double offsetMm) {
    const PairKey key{fixedSeriesUid, movingSeriesUid};
    if (offsetMm == 0.0) offsets_.erase(key);
    else offsets_[key] = offsetMm;
    // The moving side of the pair goes where the offset puts it.
    for (const Member& a : members_)
        for (const Member& b : members_)
            if (a.viewport && b.viewport && a.viewport != b.viewport && a.group == b.group && !a.group.isNull() &&
                toggles(a.group).scroll && mapping(a.viewport, b.viewport) && pairKey(a.viewport, b.viewport) == key &&
                isMoving(b.viewport, key))
                follow(a.viewport, b.viewport);
    refreshBadges();
    emit stateChanged();
}

// ---- before the volumes load ------------------------------------------------------


void ViewportSync::setRegistrationLookup(RegistrationLookup lookup) { lookup_ = std::move(lookup); }

std::optional<ViewportSync::Placement> ViewportSync::placement(const Viewport* leader, const core::SeriesInfo& leaderSeries,
                                                                 const core::SeriesInfo& series, const core::Vec3& normal) {
    if (!isScrollable(leader) || series.slices.empty() || leaderSeries.slices.empty() ||
        series.seriesInstanceUid == leaderSeries.seriesInstanceUid)
        return std::nullopt;
    const core::Volume geometry = volumeGeometry(series);
    const sync::ScrollAxis from = axis(leader), to = sync::scrollAxis(geometry, normal, render::gridStep(geometry, normal));
    const bool seriesMoving = sync::isMovingOf(series, leaderSeries);
    const PairKey key = seriesMoving ? PairKey{leaderSeries.seriesInstanceUid, series.seriesInstanceUid}
                                     : PairKey{series.seriesInstanceUid, leaderSeries.seriesInstanceUid};
    Placement out;
    core::RigidTransform seriesFromLeader;
    if (!series.frameOfReferenceUid.empty() && series.frameOfReferenceUid == leaderSeries.frameOfReferenceUid) {
        out.relation = sync::Relation::SameFrame;
    } else {
        auto known = registrations_.find(key);
        if (known == registrations_.end() && lookup_) {
            const core::Volume leaderGeometry = volumeGeometry(leaderSeries);
            const std::optional<KnownRegistration> found = seriesMoving
                                                               ? lookup_(leaderSeries, leaderGeometry, series, geometry)
                                                               : lookup_(series, geometry, leaderSeries, leaderGeometry);
            if (found) {
                Registration& r = registrations_[key];
                r.state = Registration::State::Done;
                r.fixedFromMoving = found->fixedFromMoving;
                if (std::abs(found->manualOffsetMm) > 1e-9) offsets_[key] = found->manualOffsetMm;
                known = registrations_.find(key);
                refreshBadges();
                // As a registration that ran would say it (not from within the caller's hang).
                QMetaObject::invokeMethod(this, [this] {
                    emit registrationFinished(QString());
                    emit stateChanged();
                }, Qt::QueuedConnection);
            }
        }
        if (known != registrations_.end() && known->second.state == Registration::State::Done) {
            out.relation = sync::Relation::Registered;
            seriesFromLeader = seriesMoving ? known->second.fixedFromMoving.inverse() : known->second.fixedFromMoving;
        } else {
            out.relation = sync::Relation::TablePosition;
            seriesFromLeader = sync::tablePositionGuess(from, to);
        }
    }
    if (!sync::planesComparable(from, to, seriesFromLeader)) return std::nullopt;
    const auto offset = offsets_.find(key);
    const double mm = offset == offsets_.end() ? 0 : offset->second;
    const sync::SliceTarget where =
        sync::follow(from, viewCentrePoint(leader), to, seriesFromLeader, seriesMoving ? 0 : mm, seriesMoving ? mm : 0);
    out.point = core::operator+(to.centre, core::operator*(to.normal, where.positionMm));
    return out;
}

bool ViewportSync::inStep(const Viewport* a, const Viewport* b) const {
    const auto m = mapping(a, b);
    return !m || m->relation != sync::Relation::TablePosition;
}

// ---- registration -------------------------------------------------------------

void ViewportSync::setRegistrationProvider(RegistrationProvider provider) {
    provider_ = std::move(provider);
    for (const Member& m : members_)
        if (m.viewport) startRegistrations(m.viewport);
    refreshBadges();
}

void ViewportSync::startRegistrations(Viewport* viewport) {
    if (!provider_ || !isScrollable(viewport)) return;
    const QChar group = groupOf(viewport);
    if (group.isNull()) return;
    for (Viewport* other : members(group)) {
        const auto m = mapping(viewport, other);
        if (!m || m->relation == sync::Relation::SameFrame) continue;
        const PairKey key = pairKey(viewport, other);
        if (registrations_.count(key)) continue;
        auto fixed = isMoving(viewport, key) ? other->sharedSeries() : viewport->sharedSeries();
        auto moving = isMoving(viewport, key) ? viewport->sharedSeries() : other->sharedSeries();
        // A middle-slice preview is no volume to register: wait for the whole series.
        if (fixed->volume.slices < 2 || moving->volume.slices < 2) continue;
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        Registration& r = registrations_[key];
        r.cancel = cancel;
        QPointer<ViewportSync> self = this;
        QThread* thread = QThread::create([self, key, provider = provider_, fixed, moving, cancel] {
            std::optional<core::RigidTransform> result;
            QString error;
            try {
                result = provider(*fixed, *moving, *cancel);
            } catch (const std::exception& e) {
                error = QString::fromStdString(e.what());
            }
            if (!result && error.isEmpty()) error = QStringLiteral("registration failed");
            QMetaObject::invokeMethod(qApp, [self, key, result, error] {
                if (self) self->registrationDone(key, result, error);
            }, Qt::QueuedConnection);
        });
        connect(thread, &QThread::finished, thread, &QObject::deleteLater);
        thread->start();
    }
}

void ViewportSync::registrationDone(const PairKey& key, std::optional<core::RigidTransform> result,
                                    const QString& error) {
    const auto it = registrations_.find(key);
    if (it == registrations_.end() || it->second.state != Registration::State::Running) return;
    it->second.cancel.reset();
    if (result) {
        it->second.state = Registration::State::Done;
        it->second.fixedFromMoving = *result;
    } else {
        it->second.state = Registration::State::Failed;
        it->second.error = error;
    }
    // The pair now maps through the registration: the moving series moves
    // to the fixed one (or both to the active viewport when it is one of them).
    for (const Member& a : members_)
        for (const Member& b : members_) {
            if (!a.viewport || !b.viewport || a.viewport == b.viewport || a.group != b.group || a.group.isNull()) continue;
            if (!mapping(a.viewport, b.viewport) || pairKey(a.viewport, b.viewport) != key) continue;
            const bool aLeads = active_ == a.viewport || (active_ != b.viewport && !isMoving(a.viewport, key));
            if (aLeads && toggles(a.group).scroll) follow(a.viewport, b.viewport);
        }
    refreshBadges();
    emit registrationFinished(result ? QString() : error);
    emit stateChanged();
}

// ---- overlay --------------------------------------------------------------------

QString ViewportSync::badgeText(const Viewport* viewport) const {
    const Member* m = find(viewport);
    if (!m || m->group.isNull()) return {};
    const Toggles t = toggles(m->group);
    const QChar off(0x00B7);  // middle dot
    // VTK's overlay font has no chain-link glyph: the word, then the toggles.
    QString text = tr("Sync %1: %2 %3 %4")
                       .arg(m->group)
                       .arg(t.scroll ? QChar('S') : off)
                       .arg(t.window ? QChar('W') : off)
                       .arg(t.zoomPan ? QChar('Z') : off);
    if (!isScrollable(viewport)) return text;
    bool running = false, failed = false, guess = false, registered = false;
    double offsetSlices = 0;
    for (const Member& other : members_) {
        if (!other.viewport || other.viewport == viewport || other.group != m->group) continue;
        const auto map = mapping(viewport, other.viewport);
        if (!map) continue;
        const PairKey key = pairKey(viewport, other.viewport);
        const auto r = registrations_.find(key);
        if (r != registrations_.end() && r->second.state == Registration::State::Running) running = true;
        else if (r != registrations_.end() && r->second.state == Registration::State::Failed) failed = true;
        else if (map->relation == sync::Relation::TablePosition) guess = true;
        else if (map->relation == sync::Relation::Registered) registered = true;
        if (const auto o = offsets_.find(key); o != offsets_.end() && isMoving(viewport, key))
            offsetSlices = o->second / axis(viewport).step;
    }
    QStringList notes;
    if (running) notes << tr("registering…");
    else if (failed) notes << tr("not registered: table position");
    else if (guess) notes << tr("table position");
    else if (registered) notes << tr("registered");
    if (std::lround(offsetSlices) != 0)
        notes << tr("offset %1%2").arg(offsetSlices > 0 ? QStringLiteral("+") : QString()).arg(std::lround(offsetSlices));
    if (!notes.isEmpty()) text += QLatin1Char('\n') + notes.join(QStringLiteral(", "));
    return text;
}

void ViewportSync::refreshBadges() {
    for (const Member& m : members_)
        if (m.viewport) m.viewport->setSyncLabel(badgeText(m.viewport));
}

}  // namespace lightbox::viewer
