#include "TestSupport.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/Tag.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <random>

namespace lightbox::test {

QString sharedDataDir() {
    QString dir = QString::fromLocal8Bit(qgetenv("LIGHTBOX_SHARED_DATA"));
    if (dir.isEmpty()) dir = QStringLiteral(LIGHTBOX_SHARED_DATA);
    QFileInfo info(dir);
    return info.isDir() ? info.canonicalFilePath() : QString();
}

QString sharedFile(const QString& relative) { return sharedDataDir() + QLatin1Char('/') + relative; }

bool haveProgram(const QString& program) { return !QStandardPaths::findExecutable(program).isEmpty(); }

ProcessResult run(const QString& program, const QStringList& arguments, int timeoutMs) {
    ProcessResult r;
    QProcess p;
    QElapsedTimer timer;
    timer.start();
    p.start(program, arguments);
    if (!p.waitForStarted(10000)) {
        r.err = "could not start " + program.toUtf8();
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        r.timedOut = true;
        p.kill();
        p.waitForFinished(5000);
    }
    r.elapsedMs = timer.elapsed();
    r.crashed = p.exitStatus() == QProcess::CrashExit && !r.timedOut;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

ProcessResult runCli(const QStringList& arguments, int timeoutMs) {
    return run(QStringLiteral(LIGHTBOX_CLI), arguments, timeoutMs);
}

quint16 freeTcpPort() {
    // Below the kernel's ephemeral range (32768+), so the outgoing connections
    // of tests running in parallel cannot take the port before our server binds it.
    static std::mt19937 rng{std::random_device{}() ^ std::uint32_t(::getpid())};
    for (int attempt = 0; attempt < 200; ++attempt) {
        const quint16 port = quint16(20000 + rng() % 12000);
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(port);
        const bool free = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        ::close(fd);
        if (free) return port;
    }
    return 0;
}

bool waitForPort(quint16 port, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(port);
        const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        ::close(fd);
        if (ok) return true;
        QThread::msleep(50);
    }
    return false;
}

struct BackgroundProcess::Impl {
    QProcess process;
    mutable QByteArray output;
};

BackgroundProcess::BackgroundProcess(const QString& program, const QStringList& arguments, const QString& workingDirectory)
    : impl_(new Impl) {
    impl_->process.setProcessChannelMode(QProcess::MergedChannels);
    if (!workingDirectory.isEmpty()) impl_->process.setWorkingDirectory(workingDirectory);
    impl_->process.start(program, arguments);
    impl_->process.waitForStarted(10000);
}

BackgroundProcess::~BackgroundProcess() {
    if (isRunning()) terminate(10000);
    delete impl_;
}

bool BackgroundProcess::isRunning() const { return impl_->process.state() != QProcess::NotRunning; }

qint64 BackgroundProcess::pid() const { return impl_->process.processId(); }

int BackgroundProcess::terminate(int timeoutMs) {
    if (isRunning()) {
        ::kill(pid_t(impl_->process.processId()), SIGTERM);
        if (!impl_->process.waitForFinished(timeoutMs)) {
            impl_->process.kill();
            impl_->process.waitForFinished(5000);
            return -1;
        }
    }
    return impl_->process.exitStatus() == QProcess::NormalExit ? impl_->process.exitCode() : -1;
}

int BackgroundProcess::wait(int timeoutMs) {
    if (isRunning() && !impl_->process.waitForFinished(timeoutMs)) return -1;
    return impl_->process.exitStatus() == QProcess::NormalExit ? impl_->process.exitCode() : -1;
}

QByteArray BackgroundProcess::output() const {
    impl_->output += impl_->process.readAll();
    return impl_->output;
}

ImageDifference compareImages(const QImage& a, const QImage& b, int tolerance) {
    ImageDifference d;
    if (a.isNull() || b.isNull()) { d.why = "an image is null"; return d; }
    if (a.size() != b.size()) {
        d.why = QStringLiteral("sizes differ: %1x%2 vs %3x%4").arg(a.width()).arg(a.height()).arg(b.width()).arg(b.height());
        return d;
    }
    const bool grayA = a.isGrayscale(), grayB = b.isGrayscale();
    const bool gray = grayA && grayB;
    QImage ca = gray ? a.convertToFormat(QImage::Format_Grayscale8) : a.convertToFormat(QImage::Format_RGB888);
    QImage cb = gray ? b.convertToFormat(QImage::Format_Grayscale8) : b.convertToFormat(QImage::Format_RGB888);
    const int channels = gray ? 1 : 3;
    d.comparable = true;
    for (int y = 0; y < ca.height(); ++y) {
        const uchar* ra = ca.constScanLine(y);
        const uchar* rb = cb.constScanLine(y);
        for (int x = 0; x < ca.width() * channels; ++x) {
            int diff = std::abs(int(ra[x]) - int(rb[x]));
            d.maxDifference = std::max(d.maxDifference, diff);
            ++d.samples;
            if (diff <= tolerance) ++d.withinTolerance;
        }
    }
    return d;
}

QStringList dicomFilesUnder(const QString& dir) {
    QStringList out;
    QDirIterator it(dir, {"*.dcm"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) out << it.next();
    out.sort();
    return out;
}

QString sopInstanceUid(const QString& path) {
    try {
        return QString::fromStdString(core::DicomFile::open(path.toStdString(), core::DicomFile::Extent::HeaderOnly)
                                          .stringOr(core::tags::SOPInstanceUID, ""));
    } catch (const core::Error&) {
        return {};
    }
}

QStringList dciodvfyErrors(const QString& file) {
    const ProcessResult r = run("dciodvfy", {file});
    QStringList errors;
    for (const QString& line : QString::fromUtf8(r.out + r.err).split('\n'))
        if (line.startsWith("Error")) errors << line;
    return errors;
}

QString dcmpschkFailure(const QString& file) {
    const ProcessResult r = run("dcmpschk", {file});
    const QString out = QString::fromUtf8(r.out + r.err);
    if (r.exitCode == 0 && out.contains("Test passed") && !out.contains("Test failed")) return {};
    return out.right(2000);
}

}  // namespace lightbox::test
