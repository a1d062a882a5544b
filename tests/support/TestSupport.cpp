#include "TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <cstdlib>

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

}  // namespace lightbox::test
