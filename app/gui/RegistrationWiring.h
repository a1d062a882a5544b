#pragma once
// The reading area's registration provider: when a prior in another Frame of
// Reference hangs beside the current series, viewer's ViewportSync asks for
// the rigid transform prior -> current (on its worker thread). The pair is
// looked up in a render::RegistrationCache (keyed by both Series Instance
// UIDs and both volumes' geometry) and, when absent, registered with
// render::registerRigid (Mattes mutual information, the sync's cancel flag)
// and stored, so the same current and prior open registered at once next time.
// The reader's manual offset (Alt+Up/Down) of a registered pair is kept in
// the same cache entry and given back to the sync when the pair is opened
// again; Alt+0 clears it there too.
//
// The cache lives beside the archive the series came from:
// <archive root>/cache/registration/registration-<hash>.json. It is derived
// data: deleting the folder costs a registration, nothing else (archive
// repair and integrity look only at store/ and conflicts/). Without an archive
// (a folder opened for viewing): the user's cache folder
// (QStandardPaths::CacheLocation)/registration.
//
// Before the volumes load, the sync asks the cache alone (the key's geometry
// from the headers, viewer::volumeGeometry), so that a prior shows its synced
// slice from one decoded image; the registration itself waits for both volumes.
//
// The status bar says "Registering the prior…" with its progress, then how
// the prior was registered (or why not); one line per pair on stderr says
// whether the cache answered or a registration ran (no patient identifiers).

#include <QObject>
#include <QPointer>

#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

class QStatusBar;

namespace lightbox::viewer {
class ReadingArea;
}

namespace lightbox::app {

class RegistrationWiring : public QObject {
    Q_OBJECT
public:
    // Installs the provider on `area`'s sync (the wiring is a child of `area`);
    // messages go to `statusBar` (may be null).
    RegistrationWiring(viewer::ReadingArea* area, QStatusBar* statusBar);
    ~RegistrationWiring() override;

    // The archive whose series are read: its cache folder is used from the
    // next registration on (an empty root: the user's cache folder).
    void setArchiveRoot(const std::filesystem::path& archiveRoot);
    std::filesystem::path cacheFolder() const;
    static std::filesystem::path cacheFolderFor(const std::filesystem::path& archiveRoot);

    // Since the wiring was made: pairs registered here, pairs the cache answered.
    int registrationsRun() const;
    int cacheHits() const;

    // Runs `done` (on the GUI thread) once no registration of the area's
    // viewports is running - at once when none is.
    void whenSettled(std::function<void()> done);

private:
    struct Shared;
    void offsetChanged(const QString& fixedSeriesUid, const QString& movingSeriesUid, double offsetMm);
    void registrationFinished(const QString& error);
    bool anyRunning() const;

    QPointer<viewer::ReadingArea> area_;
    QPointer<QStatusBar> statusBar_;
    std::shared_ptr<Shared> shared_;
    std::vector<std::function<void()>> settledWaiters_;
};

// The area's wiring (made on the first call).
RegistrationWiring* installRegistrationWiring(viewer::ReadingArea* area, QStatusBar* statusBar = nullptr);

}  // namespace lightbox::app
