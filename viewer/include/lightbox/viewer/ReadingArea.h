#pragma once
// Where a study is read: viewports in a layout (1x1, 1x2, 2x2, 3x3, or MPR
// - axial, coronal and sagittal planes with linked crosshairs plus the 3-D
// view), and a strip of series thumbnails. Series load in the background
// with progress and Cancel; every viewport showing a series shares its voxels.

#include "lightbox/core/Series.h"
#include "lightbox/render/DisplayChain.h"
#include "lightbox/viewer/HangingPlacement.h"
#include "lightbox/viewer/LoadedSeries.h"
#include "lightbox/viewer/PresentationStateChooser.h"

#include <QWidget>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QGridLayout;
class QImage;
class QListWidget;
class QProgressBar;
class QToolButton;
class QComboBox;
class QScreen;

namespace lightbox::viewer {

class AnnotationLayer;
class Viewport;
class ViewportSync;

class ReadingArea : public QWidget {
    Q_OBJECT
public:
    enum class Layout { One, OneByTwo, TwoByTwo, ThreeByThree, Mpr };
    static std::optional<Layout> parseLayout(const QString& text);  // 1x1, 1x2, 2x2, 3x3, mpr

    explicit ReadingArea(QWidget* parent = nullptr);
    ~ReadingArea() override;

    // The study's series (headers read): thumbnails; nothing is loaded yet.
    void setStudySeries(std::vector<core::SeriesInfo> series);
    // Loads `series` (if needed) and shows it in the layout.
    void showSeries(const core::SeriesInfo& series);
    void setLayoutMode(Layout layout);
    Layout layoutMode() const { return layout_; }
    const std::vector<Viewport*>& viewports() const { return viewports_; }
    Viewport* activeViewport() const { return active_; }
    // Every viewport joins the sync group A; its toggles are the area's actions.
    ViewportSync* sync() const { return sync_; }
    bool isLoading() const { return loading_ != nullptr; }
    void cancelLoading();

    // The calibration LUT of the display a screen shows (app composes it from
    // the QC history). Applied to every viewport when viewports are created,
    // when the window moves to another screen and on reapplyCalibration().
    using CalibrationProvider = std::function<render::CalibrationTable(const QScreen*)>;  // CalibrationFollower::Provider
    void setCalibrationProvider(CalibrationProvider provider);
    // Asks the provider again for the screen the reading area is on (e.g.
    // after the QC wizard saved a calibration).
    void reapplyCalibration();
    // The screen whose table the viewports apply now (nullptr before the first).
    const QScreen* calibratedScreen() const;

    // The measurements and annotations of every viewport (one undo stack).
    AnnotationLayer* annotations() const { return annotations_; }
    // Saves the active viewport's display of its series as a GSPS (Ctrl+S):
    // emits presentationStateSaved with the object, or presentationStateFailed.
    void savePresentationState();
    // The presentation states that reference an image (app reads them from
    // the archive): listed for the active viewport's image, applied on choice.
    void setPresentationStateProvider(PresentationStateChooser::Provider provider);
    PresentationStateChooser* presentationStates() const { return pstates_; }
    // Hanging protocols (ReadingAreaHanging.cpp; format and keys in
    // HangingProtocol.h). The protocols to choose from (default: the
    // built-in and user folders, read on first use).
    void setHangingProtocols(std::vector<HangingProtocol> protocols);
    // Hangs the current study and its priors (relevance order) by the best
    // matching protocol: layout, series (current and prior), planes, window
    // presets. Priors not yet local have no series; updatePrior() brings them.
    void hangStudies(HangingStudy current, std::vector<HangingStudy> priors);
    // A prior's series became known (it arrived): the hang is computed again
    // and the viewports that change are filled.
    void updatePrior(std::size_t index, HangingStudy prior);
    bool isHanging() const;
    const Hang* currentHang() const;  // with manual overrides; nullptr when not hanging
    void setStage(int stage);
    void nextStage();      // Shift+PgDown
    void previousStage();  // Shift+PgUp
    // What the viewport shows under the hang: 0 the current study, k the
    // k-th prior given to hangStudies(), -1 nothing (or not hanging).
    int studyOfViewport(const Viewport* viewport) const;
    // The manual override (also by dropping a series thumbnail on a
    // viewport): the series, or one image of it, from any study hung.
    bool showInViewport(Viewport* viewport, const std::string& seriesInstanceUid, const std::string& sopInstanceUid = {});
    // The MIME type of a dragged series thumbnail: "SERIES_UID" or "SERIES_UID\nSOP_UID" (UTF-8).
    static QString seriesMimeType();

signals:
    // The requested series is on screen (or could not be shown: `error`).
    void seriesShown(const QString& error);
    // The viewports now apply the table of `screen`'s display.
    void calibrationApplied(QScreen* screen);
    // A GSPS of the active viewport's display (Part 10 bytes) for the
    // application to store in the archive (and send); `summary` says what it holds.
    void presentationStateSaved(const QByteArray& part10, const QString& summary);
    void presentationStateFailed(const QString& error);
    // Hanging: every viewport of the hang holds what it should (or could
    // not: `error` names the first failure); after every stage change too.
    void hangShown(const QString& error);
    // The first image of the current study is on screen / the first prior is in place.
    void currentImageShown();
    void priorImageShown();
    // A prior's viewport shows the slice that corresponds to the current's
    // (one Frame of Reference, or the registration: not the table-position
    // guess) and that frame is on screen - from one image decoded before its
    // volume loads (the first hung prior's, once per hang).
    void priorInPlace();
    // A step on the way there, named for --timing ("middle slice of the
    // current series decoded", "current series loaded", "first prior series loaded").
    void openingStep(const QString& step);

private:
    void rebuildViewports();
    void setProgress(int value, int maximum);
    Viewport* makeViewport();
    void prepareForHanging(Viewport* viewport);  // ReadingAreaHanging.cpp: drops, stage keys, its label
    void place();
    void linkCrosshair(const core::Vec3& point);
    void setActive(Viewport* viewport);
    void loadFinished(int request, std::shared_ptr<LoadedSeries> loaded, QString error);
    void installHanging();
    void endHanging();
    void applyHang();
    void fillCell(std::size_t index);
    void requestLoad(const std::string& key, core::SeriesInfo series);
    void startHangLoad(std::string key, core::SeriesInfo series);
    void hangLoadFinished(int generation, std::string key, std::shared_ptr<LoadedSeries> loaded, QString error);
    void cancelHangLoads();
    void checkHangComplete();
    void refreshThumbnails();
    void thumbnailMade(const std::string& key, const QImage& image);
    void releaseDeferredLoads(bool thumbnails = true);
    // ReadingAreaHanging.cpp: a prior's synced slice before its volume loads.
    int leaderFor(std::size_t index) const;  // the viewport of the current study a prior's follows, or -1
    std::optional<std::size_t> priorPreviewSlice(std::size_t index, const core::SeriesInfo& series);
    std::shared_ptr<LoadedSeries> priorPreview(std::size_t index, const std::string& key, const core::SeriesInfo& series);
    void refreshPriorPreviews(Viewport* scrolled);
    void checkPriorInPlace();

    Layout layout_ = Layout::One;
    QGridLayout* grid_ = nullptr;
    QWidget* gridHost_ = nullptr;
    std::vector<Viewport*> viewports_;  // the layout's, in reading order
    // Every viewport made so far: a layout takes the first ones, the others
    // wait hidden. They are kept, with their OpenGL contexts, because a fresh
    // context's first frame is the slowest step of showing an image.
    std::vector<Viewport*> pool_;
    Viewport* active_ = nullptr;
    QListWidget* thumbnails_ = nullptr;
    QComboBox* layoutBox_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QToolButton* cancel_ = nullptr;
    std::vector<core::SeriesInfo> series_;
    std::map<std::string, std::shared_ptr<LoadedSeries>> loaded_;
    std::shared_ptr<LoadedSeries> current_;
    std::shared_ptr<std::atomic<bool>> loading_;
    int request_ = 0;
    ViewportSync* sync_ = nullptr;
    class CalibrationFollower* calibration_ = nullptr;
    AnnotationLayer* annotations_ = nullptr;
    PresentationStateChooser* pstates_ = nullptr;
    std::optional<std::pair<int, int>> customGrid_;  // rows, columns of a hang
    std::unique_ptr<struct HangingState> hanging_;
};

}  // namespace lightbox::viewer
