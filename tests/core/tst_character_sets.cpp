// Specific Character Set decoding against DCMTK: every charset test file's
// text attributes, converted to UTF-8 by DCMTK's dcmconv --convert-to-utf8,
// must equal what Lightbox decodes from the original.

#include "TestSupport.h"

#include "lightbox/core/CharacterSet.h"
#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Error.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace lightbox;
using namespace lightbox::core;

class TestCharacterSets : public QObject {
    Q_OBJECT
private slots:
    void agreesWithDcmtk_data() {
        QTest::addColumn<QString>("path");
        if (test::sharedDataDir().isEmpty()) return;
        QDir dir(test::sharedFile("pydicom/src/pydicom/data/charset_files"));
        for (const QString& f : dir.entryList({"chr*.dcm"}, QDir::Files)) QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void agreesWithDcmtk() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        if (!test::haveProgram("dcmconv")) QSKIP("dcmconv not installed");
        QFETCH(QString, path);
        QTemporaryDir tmp;
        const QString utf8 = tmp.filePath("utf8.dcm");
        test::ProcessResult r = test::run("dcmconv", {"--convert-to-utf8", path, utf8});
        if (r.exitCode != 0) QSKIP(qPrintable("DCMTK cannot convert this file: " + r.err.trimmed()));
        DicomFile original = DicomFile::open(path.toStdString());
        DicomFile converted = DicomFile::open(utf8.toStdString());
        QCOMPARE(QString::fromStdString(converted.stringOr(tags::SpecificCharacterSet, "")), QString("ISO_IR 192"));
        int compared = 0;
        for (Tag t : {tags::PatientName, tags::ReferringPhysicianName, tags::StudyDescription, tags::SeriesDescription,
                      tags::InstitutionName, Tag(0x0010, 0x4000)}) {
            auto a = original.string(t), b = converted.string(t);
            if (!b) continue;
            QVERIFY2(a.has_value(), qPrintable(QString::fromStdString(t.toString()) + " missing"));
            QCOMPARE(QString::fromStdString(*a), QString::fromStdString(*b));
            ++compared;
        }
        QVERIFY(compared > 0);
    }

    // A sequence item with its own Specific Character Set (PS3.5 6.1.2.5.3).
    void sequenceItemCharacterSet() {
        LIGHTBOX_REQUIRE_SHARED_DATA();
        DicomFile f = DicomFile::open(test::sharedFile("pydicom/src/pydicom/data/charset_files/chrSQEncoding.dcm").toStdString());
        bool found = false;
        for (const Dataset& item : f.items(Tag(0x0032, 0x1064))) {
            if (auto name = item.string(tags::PatientName)) {
                QCOMPARE(QString::fromStdString(*name), QString::fromUtf8("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"));
                found = true;
            }
        }
        QVERIFY(found);
    }

    // Names from PS3.5 Annex H/I/J examples, decoded without files.
    void iso2022Examples() {
        // H.3.1 (Japanese, JIS X 0208 in G0): Yamada^Tarou=山田^太郎=やまだ^たろう
        const std::string h31 = "Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B";
        QCOMPARE(QString::fromStdString(CharacterSet({"", "ISO 2022 IR 87"}).toUtf8(h31, true)),
                 QString::fromUtf8("Yamada^Tarou=山田^太郎=やまだ^たろう"));
        // H.3.2: half-width katakana (JIS X 0201 in G1) then JIS X 0208.
        const std::string h32 = "\xd4\xcf\xc0\xde^\xc0\xdb\xb3=\x1b$B;3ED\x1b(J^\x1b$BB@O:\x1b(J=\x1b$B$d$^$@\x1b(J^\x1b$B$?$m$&\x1b(J";
        QCOMPARE(QString::fromStdString(CharacterSet({"ISO 2022 IR 13", "ISO 2022 IR 87"}).toUtf8(h32, true)),
                 QString::fromUtf8("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"));
        // I.2 (Korean, KS X 1001 in G1): Hong^Gildong=洪^吉洞=홍^길동
        const std::string korean = "Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C\xd1\xce\xd4\xd7=\x1b$)C\xc8\xab^\x1b$)C\xb1\xe6\xb5\xbf";
        QCOMPARE(QString::fromStdString(CharacterSet({"", "ISO 2022 IR 149"}).toUtf8(korean, true)),
                 QString::fromUtf8("Hong^Gildong=洪^吉洞=홍^길동"));
        // Latin-1 and UTF-8 single-byte sets.
        QCOMPARE(QString::fromStdString(CharacterSet({"ISO_IR 100"}).toUtf8("M\xfcller^J\xe9r\xf4me", true)),
                 QString::fromUtf8("Müller^Jérôme"));
        QCOMPARE(QString::fromStdString(CharacterSet({"ISO_IR 192"}).toUtf8("Müller", true)), QString::fromUtf8("Müller"));
        // Garbage never throws: undecodable bytes become U+FFFD.
        QVERIFY(CharacterSet({"ISO_IR 192"}).toUtf8("\xff\xfe", false).find("\xEF\xBF\xBD") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestCharacterSets)
#include "tst_character_sets.moc"
