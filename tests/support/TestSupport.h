#pragma once
// Helpers shared by Lightbox tests: the shared real-data folder, running
// peers (DCMTK, OpenJPEG tools, lightbox-cli) as processes, image comparison.

#include <QImage>
#include <QString>
#include <QStringList>

#include <optional>

namespace lightbox::test {

// ../shared/data/dicom, or an empty string when absent (tests then QSKIP).
QString sharedDataDir();
QString sharedFile(const QString& relative);
#define LIGHTBOX_REQUIRE_SHARED_DATA()                                                        \
    do {                                                                                     \
        if (::lightbox::test::sharedDataDir().isEmpty())                                     \
            QSKIP("shared DICOM data (../shared/data/dicom) not present in this checkout");  \
    } while (0)

struct ProcessResult {
    int exitCode = -1;
    bool crashed = false;
    bool timedOut = false;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
};
ProcessResult run(const QString& program, const QStringList& arguments, int timeoutMs = 60000);
ProcessResult runCli(const QStringList& arguments, int timeoutMs = 60000);
bool haveProgram(const QString& program);
// The "Error" lines dicom3tools' dciodvfy reports for a file (warnings are allowed).
QStringList dciodvfyErrors(const QString& file);
// Empty when DCMTK's dcmpschk passes the presentation state; else its output's tail.
QString dcmpschkFailure(const QString& file);

// Networking peers: a free TCP port on loopback, and waiting for a listener.
quint16 freeTcpPort();
bool waitForPort(quint16 port, int timeoutMs = 15000);

// A server started by a test (lightbox-cli archive serve, storescp, Orthanc):
// killed with SIGTERM at destruction unless stopped before.
class BackgroundProcess {
public:
    BackgroundProcess(const QString& program, const QStringList& arguments, const QString& workingDirectory = {});
    ~BackgroundProcess();
    bool isRunning() const;
    // SIGTERM, then wait; returns the exit code (-1 if it had to be killed or crashed).
    int terminate(int timeoutMs = 20000);
    // Waits for the process to end by itself; its exit code (-1: crashed or still running).
    int wait(int timeoutMs = 60000);
    QByteArray output() const;  // stdout + stderr so far
    qint64 pid() const;

private:
    struct Impl;
    Impl* impl_;
};

// Per-sample comparison of two images of equal size and format.
struct ImageDifference {
    bool comparable = false;
    QString why;             // when not comparable
    qint64 samples = 0;
    qint64 withinTolerance = 0;
    int maxDifference = 0;
    double fractionWithin() const { return samples ? double(withinTolerance) / double(samples) : 0.0; }
};
ImageDifference compareImages(const QImage& a, const QImage& b, int tolerance);

// Every *.dcm file below `dir`, sorted.
QStringList dicomFilesUnder(const QString& dir);
// The file's SOP Instance UID; empty when it is not a readable DICOM file.
QString sopInstanceUid(const QString& path);

}  // namespace lightbox::test
