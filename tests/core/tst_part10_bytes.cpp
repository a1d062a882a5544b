// Part 10 bytes read without a parser (core/Part10Bytes.h) at the ends of the
// bytes, where the archive's header scan and DicomFile's header-only read
// meet cut objects: a meta group ending inside an element, an item header cut
// short, encapsulated pixel data with no sequence delimiter. The stream-side
// reader (item headers fetched one by one) must decide as the in-memory one.

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"
#include "lightbox/core/Part10Bytes.h"

#include <QtTest>

#include <cstring>
#include <optional>
#include <string>

using namespace lightbox::core;
using namespace lightbox::core::part10;

namespace {

void element(std::string& out, std::uint16_t group, std::uint16_t element, const char vr[2], const std::string& value) {
    appendLe16(out, group);
    appendLe16(out, element);
    out.append(vr, 2);
    if (vrForm(vrCode(vr[0], vr[1])) == VrForm::LongLength) {
        appendLe16(out, 0);
        appendLe32(out, std::uint32_t(value.size()));
    } else {
        appendLe16(out, std::uint32_t(value.size()));
    }
    out += value;
}

// Preamble, DICM and a meta group of group length, version (OB: long form) and transfer syntax.
std::string metaGroup() {
    std::string group;
    element(group, 0x0002, 0x0001, "OB", std::string("\0\1", 2));
    element(group, 0x0002, 0x0010, "UI", std::string("1.2.840.10008.1.2.1\0", 20));
    std::string out(128, '\0');
    out += "DICM";
    std::string length;
    appendLe32(length, std::uint32_t(group.size()));
    element(out, 0x0002, 0x0000, "UL", length);
    return out + group;
}

void item(std::string& out, std::uint16_t element, std::uint32_t length) {
    appendLe16(out, 0xFFFE);
    appendLe16(out, element);
    appendLe32(out, length);
}

// Whether Pixel Data of `length` at `position` is truncated, as both fragment
// readers decide: nullopt where they disagree.
std::optional<bool> truncatedBothWays(std::uint32_t length, const std::string& bytes, std::size_t position) {
    const bool inMemory = pixelDataTruncated(length, bytes, position);
    const bool viaReader = pixelDataTruncated(length, position, bytes.size(), [&](std::uint64_t at, unsigned char (&h)[8]) {
        if (at + 8 > bytes.size()) return false;
        std::memcpy(h, bytes.data() + at, 8);
        return true;
    });
    if (inMemory != viaReader) return std::nullopt;
    return inMemory;
}

}  // namespace

class TestPart10Bytes : public QObject {
    Q_OBJECT
private slots:
    void littleEndianRoundTrip() {
        std::string out;
        appendLe16(out, 0x12345);  // only the low 16 bits
        appendLe32(out, 0xA1B2C3D4u);
        QCOMPARE(out.size(), std::size_t(6));
        QCOMPARE(le16(out, 0), std::uint16_t(0x2345));
        QCOMPARE(le32(out, 2), 0xA1B2C3D4u);
    }

    void metaGroupEndsWhereTheDataSetBegins() {
        std::string bytes = metaGroup();
        const std::size_t end = bytes.size();
        QCOMPARE(part10DataSetOffset(bytes), end);  // nothing after the meta group
        element(bytes, 0x0008, 0x0060, "CS", "CT");
        int visited = 0;
        const MetaGroup meta = walkMetaGroup(bytes, [&](const ExplicitHeader&) { return ++visited > 0; });
        QCOMPARE(meta.outcome, MetaWalk::Complete);
        QCOMPARE(meta.end, end);
        QCOMPARE(visited, 3);
        QCOMPARE(part10DataSetOffset(bytes), end);
        QCOMPARE(part10DataSetOffset(bytes.substr(0, 131)), std::size_t(0));  // no room for DICM: a bare data set
    }

    void metaGroupCutInsideAnElement() {
        const std::string whole = metaGroup();
        const std::size_t versionAt = 132 + 12;  // after the group length element
        // Cut in the version's 12-byte header (past its first 8), and in its value.
        for (std::size_t cut : {versionAt + 3, versionAt + 10, versionAt + 13, whole.size() - 1}) {
            const std::string bytes = whole.substr(0, cut);
            const MetaGroup meta = walkMetaGroup(bytes);
            QCOMPARE(meta.outcome, MetaWalk::CutShort);
            QVERIFY(meta.end <= cut);
            try {
                part10DataSetOffset(bytes);
                QFAIL("a cut meta group was accepted");
            } catch (const Error& e) {
                QCOMPARE(e.code(), ErrorCode::Malformed);
                QCOMPARE(QString(e.what()), QString("file meta information (group 0002) runs past the end of the object"));
            }
        }
        // A visitor that refuses stops the walk at that element.
        const MetaGroup stopped = walkMetaGroup(whole, [](const ExplicitHeader& h) { return h.element != 0x0010; });
        QCOMPARE(stopped.outcome, MetaWalk::Stopped);
        QCOMPARE(stopped.end, versionAt + 14);
    }

    void pixelDataHeaderBeforeAPosition() {
        std::string explicitVr(4, 'x');
        element(explicitVr, 0x7FE0, 0x0010, "OW", "");
        explicitVr.replace(explicitVr.size() - 4, 4, "\x10\0\0\0", 4);  // length 16
        QCOMPARE(pixelDataLengthBefore(explicitVr, explicitVr.size()), std::optional<std::uint32_t>(16));
        std::string implicitVr(5, 'x');
        appendLe16(implicitVr, 0x7FE0);
        appendLe16(implicitVr, 0x0010);
        appendLe32(implicitVr, kUndefinedLength);
        QCOMPARE(pixelDataLengthBefore(implicitVr, implicitVr.size()), std::optional<std::uint32_t>(kUndefinedLength));
        QVERIFY(!pixelDataLengthBefore(implicitVr, implicitVr.size() - 1));  // not where the header ends
        QVERIFY(!pixelDataLengthBefore(implicitVr, 11));                     // fewer than 12 bytes before
        QVERIFY(!pixelDataLengthBefore(implicitVr, implicitVr.size() + 1));  // past the end
    }

    void definedLengthAtTheEnd() {
        const std::string bytes(20, 'p');
        QVERIFY(!pixelDataTruncated(20, bytes, 0));
        QVERIFY(pixelDataTruncated(21, bytes, 0));
        QVERIFY(!pixelDataTruncated(0, bytes, 20));
        QVERIFY(pixelDataTruncated(1, bytes, 20));
    }

    void fragmentsAtTheEnd() {
        std::string complete;
        item(complete, 0xE000, 0);   // empty offset table
        item(complete, 0xE000, 4);
        complete += "abcd";
        item(complete, 0xE0DD, 0);
        QCOMPARE(truncatedBothWays(kUndefinedLength, complete, 0), std::optional<bool>(false));
        // Without the sequence delimiter, though every item is whole.
        QCOMPARE(truncatedBothWays(kUndefinedLength, complete.substr(0, complete.size() - 8), 0), std::optional<bool>(true));
        // The delimiter's header cut short, and an item header cut short.
        QCOMPARE(truncatedBothWays(kUndefinedLength, complete.substr(0, complete.size() - 3), 0), std::optional<bool>(true));
        QCOMPARE(truncatedBothWays(kUndefinedLength, complete.substr(0, 13), 0), std::optional<bool>(true));
        // An item whose value runs past the end.
        std::string longItem;
        item(longItem, 0xE000, 100);
        longItem += "abcd";
        item(longItem, 0xE0DD, 0);
        QCOMPARE(truncatedBothWays(kUndefinedLength, longItem, 0), std::optional<bool>(true));
        // Not an item, or an item of undefined length.
        std::string notItem;
        item(notItem, 0xE00D, 0);
        item(notItem, 0xE0DD, 0);
        QCOMPARE(truncatedBothWays(kUndefinedLength, notItem, 0), std::optional<bool>(true));
        std::string undefinedItem;
        item(undefinedItem, 0xE000, kUndefinedLength);
        item(undefinedItem, 0xE0DD, 0);
        QCOMPARE(truncatedBothWays(kUndefinedLength, undefinedItem, 0), std::optional<bool>(true));
    }
};

QTEST_APPLESS_MAIN(TestPart10Bytes)
#include "tst_part10_bytes.moc"
