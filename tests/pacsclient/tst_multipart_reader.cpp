// The WADO-RS multipart reader on its own (no network): bodies cut at every
// size, parts with and without (and with wrong) Content-Length, parts that
// hold near-delimiters, parts too large to hold (spooled to a file), and
// truncated or malformed bodies. Also that a part with a Content-Length is
// read straight into the buffer it leaves in (no copy).

#include "MultipartReader.h"

#include "lightbox/core/Error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <random>

using lightbox::pacs::detail::MultipartPart;
using lightbox::pacs::detail::MultipartReader;

namespace {

const std::string kBoundary = "lightbox-test-7a1e";
const std::string kType = "multipart/related; type=\"application/dicom\"; boundary=" + kBoundary;

struct Body {
    std::string text;
    std::vector<std::string> parts;
};

enum class Length { None, Right, Short, Long };

// `parts` bodies in one multipart answer, with a preamble and an epilogue.
Body makeBody(const std::vector<std::string>& parts, Length length, bool padding = false) {
    Body b;
    b.parts = parts;
    b.text = "this preamble is to be ignored\r\n";
    for (const std::string& part : parts) {
        b.text += "--" + kBoundary + (padding ? " \t " : "") + "\r\nContent-Type: application/dicom\r\n";
        std::size_t n = part.size();
        if (length == Length::Short) n = n / 2;
        if (length == Length::Long) n = n + 100;
        if (length != Length::None) b.text += "content-length: " + std::to_string(n) + "\r\n";
        b.text += "\r\n" + part + "\r\n";
    }
    b.text += "--" + kBoundary + "--\r\nand an epilogue";
    return b;
}

std::string randomBytes(std::size_t n, std::mt19937& rng) {
    std::string s(n, '\0');
    for (char& c : s) c = char(rng() & 0xFF);
    return s;
}

// Near-misses of the delimiter inside a body.
std::string trickyPart() {
    return "\r\n--" + kBoundary.substr(0, kBoundary.size() - 1) + "X\r\n-\r\n--\r\n--" + kBoundary.substr(0, 5) + std::string(100, '-') +
           "--" + kBoundary;  // the boundary without its CRLF is not a delimiter
}

std::string fileBytes(const std::filesystem::path& p) {
    QFile f(QString::fromStdString(p.string()));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll().toStdString();
}

// Feeds `text` in chunks of `chunk` bytes (0: random sizes); the parts as received.
std::vector<std::string> readAll(const std::string& text, std::size_t chunk, const QString& spool, std::size_t maxInMemory,
                                 bool* finished = nullptr, int* spooled = nullptr) {
    std::vector<std::string> out;
    MultipartReader reader(kType, spool.toStdString(), [&](MultipartPart&& part) {
        if (part.file.empty()) {
            out.push_back(std::move(part.bytes));
        } else {
            if (spooled) ++*spooled;
            out.push_back(fileBytes(part.file));
            std::filesystem::remove(part.file);
        }
    }, maxInMemory);
    std::mt19937 rng(7);
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t n = std::min(text.size() - at, chunk ? chunk : 1 + rng() % 3000);
        reader.feed(text.data() + at, n);
        at += n;
    }
    reader.end();
    if (finished) *finished = reader.finished();
    return out;
}

}  // namespace

class TestMultipartReader : public QObject {
    Q_OBJECT
    QTemporaryDir spool;

private slots:
    void boundaryParameter() {
        QCOMPARE(MultipartReader::boundaryOf("multipart/related; type=\"application/dicom\"; boundary=abc"), std::string("abc"));
        QCOMPARE(MultipartReader::boundaryOf("Multipart/Related; Boundary=\"a b;c\"; type=x"), std::string("a b;c"));
        QCOMPARE(MultipartReader::boundaryOf("multipart/related; type=\"x; myboundary=1\""), std::string());
        QCOMPARE(MultipartReader::boundaryOf("application/dicom; boundary=abc"), std::string());
        QVERIFY_THROWS_EXCEPTION(lightbox::core::Error, MultipartReader("application/dicom", spool.path().toStdString(), {}));
    }

    void partsAtEveryCut_data() {
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("chunk");
        for (auto [name, length] : {std::pair{"no length", Length::None}, {"length", Length::Right}, {"short length", Length::Short},
                                    {"long length", Length::Long}})
            for (int chunk : {1, 2, 5, 17, 64, 1000, 4096, 100000, 0})
                QTest::newRow(qPrintable(QString("%1, chunks of %2").arg(name).arg(chunk))) << int(length) << chunk;
    }

    // Every part comes out exactly, however the answer is cut.
    void partsAtEveryCut() {
        QFETCH(int, length);
        QFETCH(int, chunk);
        std::mt19937 rng(42);
        std::vector<std::string> parts = {randomBytes(3000, rng), std::string(), "x", trickyPart(), randomBytes(3000, rng),
                                          randomBytes(2999, rng), randomBytes(9000, rng), randomBytes(17, rng)};
        const Body body = makeBody(parts, Length(length), length == int(Length::None));
        bool finished = false;
        const std::vector<std::string> got = readAll(body.text, std::size_t(chunk), spool.path(), MultipartReader::kDefaultMaxInMemory, &finished);
        QVERIFY(finished);
        QCOMPARE(got.size(), parts.size());
        for (std::size_t i = 0; i < parts.size(); ++i) QVERIFY2(got[i] == parts[i], qPrintable(QString("part %1 differs").arg(i)));
    }

    // The network may write less than the room offered, or nothing at all.
    void partialCommits() {
        std::mt19937 rng(11);
        const std::vector<std::string> parts = {randomBytes(5000, rng), trickyPart(), std::string(), randomBytes(70000, rng)};
        for (Length length : {Length::None, Length::Right}) {
            const Body body = makeBody(parts, length);
            std::vector<std::string> got;
            MultipartReader reader(kType, spool.path().toStdString(), [&](MultipartPart&& part) { got.push_back(std::move(part.bytes)); });
            for (std::size_t at = 0; at < body.text.size();) {
                const std::span<char> room = reader.buffer(body.text.size() - at);
                const std::size_t n = std::min<std::size_t>(rng() % 4 == 0 ? 0 : 1 + rng() % room.size(), body.text.size() - at);
                std::memcpy(room.data(), body.text.data() + at, n);
                reader.commit(n);
                at += n;
            }
            QVERIFY(reader.finished());
            QCOMPARE(got.size(), parts.size());
            for (std::size_t i = 0; i < parts.size(); ++i) QVERIFY2(got[i] == parts[i], qPrintable(QString("part %1 differs").arg(i)));
        }
    }

    // Recycled buffers (stale bytes, larger or smaller than the part) make no difference.
    void recycledBuffers() {
        std::mt19937 rng(5);
        const std::vector<std::string> parts = {randomBytes(3000, rng), trickyPart(), std::string(), randomBytes(20000, rng), "y"};
        for (Length length : {Length::None, Length::Right, Length::Long}) {
            const Body body = makeBody(parts, length);
            for (std::size_t chunk : {std::size_t(1), std::size_t(999), std::size_t(1) << 20}) {
                std::vector<std::string> got;
                int served = 0;
                MultipartReader reader(kType, spool.path().toStdString(), [&](MultipartPart&& part) { got.push_back(std::move(part.bytes)); });
                reader.setBufferSource([&] { return ++served % 2 ? std::string(5000, 'Z') : std::string(10, 'Q'); });
                for (std::size_t at = 0; at < body.text.size(); at += chunk)
                    reader.feed(body.text.data() + at, std::min(chunk, body.text.size() - at));
                reader.end();
                QVERIFY(reader.finished());
                QCOMPARE(served, int(parts.size()));
                QCOMPARE(got.size(), parts.size());
                for (std::size_t i = 0; i < parts.size(); ++i) QVERIFY2(got[i] == parts[i], qPrintable(QString("part %1 differs").arg(i)));
            }
        }
    }

    // Parts over the in-memory limit are spooled to a file; the others stay in memory.
    void largePartsSpooled_data() {
        QTest::addColumn<int>("length");
        QTest::newRow("no length") << int(Length::None);
        QTest::newRow("length") << int(Length::Right);
    }
    void largePartsSpooled() {
        QFETCH(int, length);
        std::mt19937 rng(1);
        std::vector<std::string> parts = {randomBytes(500, rng), randomBytes(5000, rng) + trickyPart(), randomBytes(900, rng),
                                          randomBytes(3000000, rng)};
        const Body body = makeBody(parts, Length(length));
        for (std::size_t chunk : {std::size_t(3), std::size_t(1000), std::size_t(1) << 20}) {
            int spooled = 0;
            bool finished = false;
            const std::vector<std::string> got = readAll(body.text, chunk, spool.path(), 1000, &finished, &spooled);
            QVERIFY(finished);
            QCOMPARE(spooled, 2);
            QCOMPARE(got.size(), parts.size());
            for (std::size_t i = 0; i < parts.size(); ++i) QVERIFY2(got[i] == parts[i], qPrintable(QString("part %1 differs").arg(i)));
        }
        QCOMPARE(QDir(spool.path()).entryList(QDir::Files).size(), 0);
    }

    // A body cut short: the complete parts only, no partial spool file left behind.
    void truncated() {
        std::mt19937 rng(3);
        std::vector<std::string> parts = {randomBytes(2000, rng), randomBytes(5000, rng)};
        const Body body = makeBody(parts, Length::None);
        const std::string cut = body.text.substr(0, body.text.size() - 3000);
        int spooled = 0;
        bool finished = true;
        const std::vector<std::string> got = readAll(cut, 100, spool.path(), 1000, &finished, &spooled);
        QVERIFY(!finished);
        QCOMPARE(got.size(), std::size_t(1));
        QVERIFY(got[0] == parts[0]);
        QCOMPARE(spooled, 1);
        QCOMPARE(QDir(spool.path()).entryList(QDir::Files).size(), 0);
    }

    void malformed() {
        MultipartReader headers(kType, spool.path().toStdString(), [](MultipartPart&&) {});
        const std::string start = "--" + kBoundary + "\r\nContent-Type: application/dicom\r\n";
        headers.feed(start.data(), start.size());
        const std::string endless(20000, 'h');
        QVERIFY_THROWS_EXCEPTION(lightbox::core::Error, headers.feed(endless.data(), endless.size()));
        MultipartReader line(kType, spool.path().toStdString(), [](MultipartPart&&) {});
        const std::string bad = "--" + kBoundary + std::string(2000, ' ');
        QVERIFY_THROWS_EXCEPTION(lightbox::core::Error, line.feed(bad.data(), bad.size()));
    }

    // With a Content-Length the body is read into the buffer the part leaves
    // in, and never more than the body and its delimiter is asked for.
    void contentLengthReadsInPlace() {
        std::mt19937 rng(9);
        const std::vector<std::string> parts = {randomBytes(700000, rng), randomBytes(700000, rng)};
        const Body body = makeBody(parts, Length::Right);
        std::vector<const char*> delivered;
        std::vector<std::string> got;
        MultipartReader reader(kType, spool.path().toStdString(), [&](MultipartPart&& part) {
            delivered.push_back(part.bytes.data());
            got.push_back(std::move(part.bytes));
        });
        std::vector<const char*> bodyStarts;
        std::size_t at = 0;
        while (at < body.text.size()) {
            const std::span<char> room = reader.buffer(body.text.size() - at);
            QVERIFY(!room.empty());
            QVERIFY(room.size() <= parts[0].size() + kBoundary.size() + 4);
            std::memcpy(room.data(), body.text.data() + at, room.size());
            if (room.size() > 100000) bodyStarts.push_back(room.data());
            reader.commit(room.size());
            at += room.size();
        }
        QVERIFY(reader.finished());
        QCOMPARE(got.size(), parts.size());
        QVERIFY(got[0] == parts[0] && got[1] == parts[1]);
        // Each part's bytes are where the network wrote them (after the few
        // body bytes that came with the headers).
        QCOMPARE(bodyStarts.size(), std::size_t(2));
        for (int i = 0; i < 2; ++i) QVERIFY(bodyStarts[i] > delivered[i] && bodyStarts[i] < delivered[i] + 8192);
    }
};

QTEST_GUILESS_MAIN(TestMultipartReader)
#include "tst_multipart_reader.moc"
