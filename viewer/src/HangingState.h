#pragma once
// ReadingArea's hanging state (private to viewer): what is hung, what each
// viewport shows, and the loads in flight. See ReadingAreaHanging.cpp.

#include "lightbox/viewer/HangingPlacement.h"

#include <QElapsedTimer>
#include <QIcon>
#include <QListWidget>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

class QLabel;

namespace lightbox::viewer {

// The series strip: thumbnails can be dragged onto a viewport (the MIME
// data names the series, and the image for projection views).
class SeriesThumbnailList : public QListWidget {
public:
    static constexpr int SeriesRole = Qt::UserRole + 1;  // "SERIES_UID" or "SERIES_UID\nSOP_UID"
    explicit SeriesThumbnailList(QWidget* parent);

protected:
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override;
};

struct HangingState {
    bool active = false;
    bool protocolsRead = false;
    std::vector<HangingProtocol> protocols;
    HangingStudy current;
    std::vector<HangingStudy> priors;
    int protocol = -1;  // index into protocols
    int stage = 0;
    Hang hang;  // the protocol's placement with manual overrides applied

    // Manual overrides of this stage: viewport index -> what was dropped there.
    std::map<std::size_t, HungViewport> overrides;

    // What each viewport shows now (a load key, or empty).
    struct Shown {
        std::string key;
        int study = -1;
        HangingPlane plane = HangingPlane::Any;
        bool flipHorizontal = false, flipVertical = false;
        bool preview = false;  // one image alone, while the series loads (the current's middle, a prior's synced slice)
        std::string previewImage;  // its SOP Instance UID
    };
    std::vector<Shown> shown;
    std::vector<QLabel*> labels;  // per viewport: which study, or why it is empty
    QLabel* protocolLabel = nullptr;  // in the bar: the protocol and its stage
    QObject* events = nullptr;        // the viewports' event filter (drops, stage keys, label placement)

    // Series thumbnails made so far (key: SOP Instance UID#frame); rendered off the GUI thread.
    std::map<std::string, QIcon> thumbnails;
    std::set<std::string> thumbnailsPending;  // being rendered
    std::shared_ptr<std::atomic<bool>> thumbnailCancel = std::make_shared<std::atomic<bool>>(false);

    int generation = 0;  // loads of an older generation are dropped
    std::shared_ptr<std::atomic<bool>> cancel;
    std::set<std::string> inFlight;  // requested (started, or deferred)
    // The current's middle slice (or a prior's synced slice) is shown, its first frame not yet swapped.
    bool awaitingFirstFrame = false;
    bool filling = false;  // applyHang is filling the viewports: loads start when it is done
    std::vector<std::pair<std::string, core::SeriesInfo>> deferred;  // whole series waiting for the first frame
    std::map<std::string, QString> failed;  // key -> error
    std::size_t loadsStarted = 0, loadsDone = 0;
    bool shownEmitted = false;
    bool loadsCancelled = false;  // by the reader (Cancel), in this hang
    bool currentShownEmitted = false, priorShownEmitted = false, priorInPlaceEmitted = false;
    bool priorPreviewDecoded = false;  // openingStep() said so
    bool followingPreviews = false;    // refreshPriorPreviews() is running
    std::set<std::string> stepsReported;  // openingStep() emitted
};

}  // namespace lightbox::viewer
