#include "HeaderScan.h"

#include "lightbox/core/CharacterSet.h"
#include "lightbox/core/Part10Bytes.h"
#include "lightbox/core/Tag.h"
#include "lightbox/core/ValueDecoding.h"

#include <cstdint>
#include <iterator>

namespace lightbox::archive {
namespace {

namespace tags = core::tags;

constexpr std::uint32_t kUndefinedLength = core::part10::kUndefinedLength;
constexpr int kMaxSequenceDepth = 32;

constexpr std::uint32_t key(std::uint16_t group, std::uint16_t element) { return std::uint32_t(group) << 16 | element; }
constexpr std::uint32_t key(core::Tag tag) { return key(tag.group, tag.element); }
constexpr std::uint32_t kPixelData = key(tags::PixelData);

using core::part10::vrCode;
using core::part10::VrForm;
constexpr unsigned kSQ = vrCode('S', 'Q'), kUN = vrCode('U', 'N'), kUI = vrCode('U', 'I'), kUL = vrCode('U', 'L'),
                   kOB = vrCode('O', 'B'), kOW = vrCode('O', 'W');

// The top-level attributes the store path reads (recordFrom, unstorableReason
// with the Image Pixel module, isMediaDirectory), in tag order, each with the
// data dictionary's VR: what an implicit VR encoding leaves out.
struct Wanted {
    core::Tag tag;
    char vr[3];
};
constexpr Wanted kWanted[] = {
    {{0x0004, 0x1220}, "SQ"},  // Directory Record Sequence: only whether it is there
    {tags::SpecificCharacterSet, "CS"},
    {tags::SOPClassUID, "UI"},
    {tags::SOPInstanceUID, "UI"},
    {tags::StudyDate, "DA"},
    {tags::SeriesDate, "DA"},
    {tags::StudyTime, "TM"},
    {{0x0008, 0x0031}, "TM"},  // Series Time
    {tags::AccessionNumber, "SH"},
    {tags::Modality, "CS"},
    {tags::InstitutionName, "LO"},
    {tags::ReferringPhysicianName, "PN"},
    {tags::StudyDescription, "LO"},
    {tags::SeriesDescription, "LO"},
    {tags::PatientName, "PN"},
    {tags::PatientID, "LO"},
    {{0x0010, 0x0021}, "LO"},  // Issuer of Patient ID
    {tags::PatientBirthDate, "DA"},
    {tags::PatientSex, "CS"},
    {tags::BodyPartExamined, "CS"},
    {tags::StudyInstanceUID, "UI"},
    {tags::SeriesInstanceUID, "UI"},
    {tags::StudyID, "SH"},
    {tags::SeriesNumber, "IS"},
    {tags::InstanceNumber, "IS"},
    {tags::SamplesPerPixel, "US"},
    {tags::PhotometricInterpretation, "CS"},
    {tags::PlanarConfiguration, "US"},
    {tags::NumberOfFrames, "IS"},
    {tags::Rows, "US"},
    {tags::Columns, "US"},
    {tags::BitsAllocated, "US"},
    {tags::BitsStored, "US"},
    {tags::HighBit, "US"},
    {tags::PixelRepresentation, "US"},
};
constexpr std::size_t kWantedCount = std::size(kWanted);
constexpr std::size_t kDirectoryRecordSequence = 0;
constexpr std::size_t kSpecificCharacterSet = 1;

constexpr bool wantedInOrder() {
    for (std::size_t i = 1; i < kWantedCount; ++i)
        if (!(kWanted[i - 1].tag < kWanted[i].tag)) return false;
    return true;
}
static_assert(wantedInOrder(), "kWanted must be sorted by tag: the scan matches it in one pass");

struct Found {
    bool present = false;
    std::string_view value;
    char vr[2] = {0, 0};
};

// The transfer syntaxes the scan reads: little endian, not deflated, and known
// to GDCM by these exact UIDs (so DicomFile reports the same string).
struct Syntax {
    const char* uid;
    bool explicitVr;
    bool native;
};
constexpr Syntax kSyntaxes[] = {
    {"1.2.840.10008.1.2", false, true},        {"1.2.840.10008.1.2.1", true, true},
    {"1.2.840.10008.1.2.4.50", true, false},   {"1.2.840.10008.1.2.4.51", true, false},
    {"1.2.840.10008.1.2.4.57", true, false},   {"1.2.840.10008.1.2.4.70", true, false},
    {"1.2.840.10008.1.2.4.80", true, false},   {"1.2.840.10008.1.2.4.81", true, false},
    {"1.2.840.10008.1.2.4.90", true, false},   {"1.2.840.10008.1.2.4.91", true, false},
    {"1.2.840.10008.1.2.4.92", true, false},   {"1.2.840.10008.1.2.4.93", true, false},
    {"1.2.840.10008.1.2.4.100", true, false},  {"1.2.840.10008.1.2.4.101", true, false},
    {"1.2.840.10008.1.2.4.102", true, false},  {"1.2.840.10008.1.2.4.103", true, false},
    {"1.2.840.10008.1.2.5", true, false},
};

struct Header {
    std::uint16_t group = 0, element = 0;
    unsigned vr = 0;  // 0 in implicit VR and for items and delimiters
    std::uint32_t length = 0;
    std::size_t valueStart = 0;
};

class Scanner {
public:
    explicit Scanner(std::string_view bytes)
        : b_(reinterpret_cast<const unsigned char*>(bytes.data())), size_(bytes.size()) {}

    bool run() { return readMeta() && readDataSet(); }

    const Syntax* syntax = nullptr;
    Found metaSopClass;
    Found found[kWantedCount];
    PixelDataFacts pixels;

private:
    std::uint16_t le16(std::size_t at) const { return core::part10::le16(view(0, size_), at); }
    std::uint32_t le32(std::size_t at) const { return core::part10::le32(view(0, size_), at); }
    std::string_view view(std::size_t at, std::size_t n) const {
        return {reinterpret_cast<const char*>(b_) + at, n};
    }
    bool explicitVr() const { return syntax->explicitVr; }

    // Preamble, "DICM", and the meta group: explicit VR little endian,
    // starting with its group length, every value inside the bytes.
    bool readMeta() {
        std::uint32_t previous = 0;
        bool first = true;
        Found transferSyntax;
        const core::part10::MetaGroup meta =
            core::part10::walkMetaGroup(view(0, size_), [&](const core::part10::ExplicitHeader& h) {
                const std::uint32_t tag = key(0x0002, h.element);
                if (!first && tag <= previous) return false;
                if (h.form == VrForm::Unknown || h.vr == kSQ || !h.reservedZero) return false;
                if (h.length == kUndefinedLength || (h.length & 1u)) return false;
                // GDCM's reader takes the meta group its way only when it starts with the group length.
                if (first && (h.element != 0x0000 || h.vr != kUL || h.length != 4)) return false;
                if (h.element == 0x0002 || h.element == 0x0010) {
                    if (h.vr != kUI) return false;
                    Found& f = h.element == 0x0002 ? metaSopClass : transferSyntax;
                    f.present = true;
                    f.value = view(h.valueStart, h.length);
                }
                previous = tag;
                first = false;
                return true;
            });
        if (meta.outcome != core::part10::MetaWalk::Complete) return false;
        if (first || !transferSyntax.present) return false;
        // As GDCM reads the UID: up to a NUL, trailing spaces dropped.
        std::string_view uid = transferSyntax.value;
        if (auto nul = uid.find('\0'); nul != std::string_view::npos) uid = uid.substr(0, nul);
        while (!uid.empty() && uid.back() == ' ') uid.remove_suffix(1);
        for (const Syntax& s : kSyntaxes)
            if (uid == s.uid) syntax = &s;
        if (!syntax) return false;
        dataSetStart_ = meta.end;
        return true;
    }

    // An element's header at `pos` (items and delimiters: tag and length).
    bool readHeader(std::size_t pos, std::size_t end, Header& h) const {
        if (end - pos < 8) return false;
        h.group = le16(pos);
        h.element = le16(pos + 2);
        if (explicitVr() && h.group != 0xFFFE) {
            const std::optional<core::part10::ExplicitHeader> e = core::part10::explicitHeaderAt(view(0, end), pos);
            if (!e || e->form == VrForm::Unknown || !e->reservedZero) return false;
            h.vr = e->vr;
            h.length = e->length;
            h.valueStart = e->valueStart;
        } else {
            h.vr = 0;
            h.length = le32(pos + 4);
            h.valueStart = pos + 8;
        }
        // Elements GDCM reads by special rules for particular broken files.
        const std::uint32_t tag = key(h.group, h.element);
        if (tag == key(0x00FF, 0x4AA5) || tag == key(0x031E, 0x0324) || tag == key(0x01F7, 0x1070)) return false;
        if (explicitVr() && h.group == 0x0009 && h.vr == kUL && h.length == 6) return false;
        return true;
    }

    // Steps over an element's value (not Pixel Data at the top level),
    // checking the structure of whatever GDCM would parse inside it.
    bool skipValue(const Header& h, std::size_t end, int depth, std::size_t& next) const {
        if (h.group == 0xFFFE) return false;
        if (h.length == kUndefinedLength) {
            // Explicit VR: only a sequence (an undefined-length UN is read by other rules).
            // Implicit VR: any element, as a sequence - but not encapsulated pixel data.
            if (explicitVr() ? h.vr != kSQ : key(h.group, h.element) == kPixelData) return false;
            return skipUndefinedSequence(h.valueStart, end, depth + 1, next);
        }
        if ((h.length & 1u) || end - h.valueStart < h.length) return false;
        next = h.valueStart + h.length;
        // Explicit VR sequences of defined length are parsed item by item;
        // implicit VR values of defined length are kept as bytes.
        if (explicitVr() && h.vr == kSQ && h.length > 0) return checkDefinedSequence(h.valueStart, next, depth + 1);
        return true;
    }

    bool skipUndefinedSequence(std::size_t pos, std::size_t end, int depth, std::size_t& next) const {
        if (depth > kMaxSequenceDepth) return false;
        for (;;) {
            if (end - pos < 8 || le16(pos) != 0xFFFE) return false;
            const std::uint16_t element = le16(pos + 2);
            const std::uint32_t length = le32(pos + 4);
            if (element == 0xE0DD) {
                if (length != 0) return false;
                next = pos + 8;
                return true;
            }
            if (element != 0xE000 || !skipItem(pos, length, end, depth, pos)) return false;
        }
    }

    bool checkDefinedSequence(std::size_t pos, std::size_t end, int depth) const {
        if (depth > kMaxSequenceDepth) return false;
        while (pos < end) {
            if (end - pos < 8 || le16(pos) != 0xFFFE || le16(pos + 2) != 0xE000) return false;
            if (!skipItem(pos, le32(pos + 4), end, depth, pos)) return false;
        }
        return true;
    }

    // An item (header at `pos`): its elements, up to its delimiter or filling its length exactly.
    bool skipItem(std::size_t pos, std::uint32_t length, std::size_t end, int depth, std::size_t& next) const {
        std::size_t p = pos + 8;
        Header h;
        if (length == kUndefinedLength) {
            for (;;) {
                if (end - p < 8) return false;
                if (le16(p) == 0xFFFE && le16(p + 2) == 0xE00D) {
                    if (le32(p + 4) != 0) return false;
                    next = p + 8;
                    return true;
                }
                if (!readHeader(p, end, h) || !skipValue(h, end, depth, p)) return false;
            }
        }
        if ((length & 1u) || end - p < length) return false;
        const std::size_t itemEnd = p + length;
        while (p < itemEnd)
            if (!readHeader(p, itemEnd, h) || !skipValue(h, itemEnd, depth, p)) return false;
        next = itemEnd;
        return true;
    }

    void remember(std::size_t slot, const Header& h) {
        Found& f = found[slot];
        f.present = true;
        f.value = view(h.valueStart, h.length);
        f.vr[0] = explicitVr() ? char(h.vr >> 8) : kWanted[slot].vr[0];
        f.vr[1] = explicitVr() ? char(h.vr & 0xFF) : kWanted[slot].vr[1];
    }

    // The top-level elements, as GDCM's ReadUpToTag(Pixel Data) reads them:
    // every element before Pixel Data, or the first one after it.
    bool readDataSet() {
        std::size_t pos = dataSetStart_;
        std::uint32_t previous = key(0x0002, 0xFFFF);
        std::size_t wanted = 0;
        std::size_t elements = 0;  // what GDCM would insert (not the skipped Pixel Data)
        Header h;
        while (pos < size_) {
            if (!readHeader(pos, size_, h)) return false;
            const std::uint32_t tag = key(h.group, h.element);
            if (tag <= previous || h.group == 0xFFFE) return false;
            previous = tag;
            if (tag == kPixelData) {
                if (elements == 0) return false;  // DicomFile: "no DICOM data set found"
                if (explicitVr() && h.vr != kOB && h.vr != kOW) return false;
                // As DicomFile's header-only read decides "truncated".
                pixels.truncated = core::part10::pixelDataTruncated(h.length, view(0, size_), h.valueStart);
                if (!pixels.truncated && h.length != kUndefinedLength && syntax->native) pixels.nativeLength = h.length;
                return true;
            }
            while (wanted < kWantedCount && key(kWanted[wanted].tag) < tag) ++wanted;
            if (wanted < kWantedCount && key(kWanted[wanted].tag) == tag && wanted != kDirectoryRecordSequence) {
                // A value read as text or numbers: defined length, a plain VR.
                if (h.length == kUndefinedLength || h.vr == kSQ || h.vr == kUN) return false;
                remember(wanted, h);
            } else if (wanted < kWantedCount && key(kWanted[wanted].tag) == tag) {
                found[wanted].present = true;
            }
            if (!skipValue(h, size_, 0, pos)) return false;
            ++elements;
            // What DicomFile's header-only read looks for where GDCM stopped.
            if (tag > kPixelData) return !core::part10::pixelDataLengthBefore(view(0, size_), pos);
        }
        return elements > 0;
    }

    const unsigned char* b_;
    std::size_t size_;
    std::size_t dataSetStart_ = 0;
};

// The scanned values, read as core::Dataset reads them.
class ScannedAttributes final : public AttributeSource {
public:
    ScannedAttributes(const Scanner& scan, const core::CharacterSet& charset) : scan_(scan), charset_(charset) {}

    std::optional<std::string> string(core::Tag tag) const override {
        const Found* f = find(tag);
        if (!f) return std::nullopt;
        return core::valueString(f->value, std::string_view(f->vr, 2), &charset_);
    }
    std::optional<long long> integer(core::Tag tag) const override {
        const Found* f = find(tag);
        if (!f) return std::nullopt;
        return core::valueInteger(f->value, std::string_view(f->vr, 2));
    }

private:
    const Found* find(core::Tag tag) const {
        for (std::size_t i = 0; i < kWantedCount; ++i)
            if (kWanted[i].tag == tag) return scan_.found[i].present && i != kDirectoryRecordSequence ? &scan_.found[i] : nullptr;
        return nullptr;
    }

    const Scanner& scan_;
    const core::CharacterSet& charset_;
};

}  // namespace

std::optional<ScannedObject> scanObject(std::string_view bytes) noexcept {
    try {
        Scanner scan(bytes);
        if (!scan.run()) return std::nullopt;
        const Found& scs = scan.found[kSpecificCharacterSet];
        // As DicomFile builds its character set: (0008,0005) read in the default repertoire.
        const core::CharacterSet charset(scs.present ? core::valueStrings(scs.value, std::string_view(scs.vr, 2), nullptr)
                                                     : std::vector<std::string>{});
        const ScannedAttributes attributes(scan, charset);
        ScannedObject out;
        const std::string mediaStorageSopClass =
            scan.metaSopClass.present ? core::valueString(scan.metaSopClass.value, "UI", &charset).value_or("") : "";
        out.mediaDirectory = isMediaDirectory(attributes.string(tags::SOPClassUID).value_or(""), mediaStorageSopClass,
                                              scan.found[kDirectoryRecordSequence].present);
        out.unstorableReason = unstorableReason(attributes, out.mediaDirectory, scan.pixels);
        out.sopInstanceUid = attributes.string(tags::SOPInstanceUID).value_or("");
        out.record = recordFrom(attributes, scan.syntax->uid);
        return out;
    } catch (...) {
        return std::nullopt;
    }
}

}  // namespace lightbox::archive
