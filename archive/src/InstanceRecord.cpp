#include "InstanceRecord.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/PixelData.h"

#include "Normalize.h"

#include "lightbox/core/DicomFile.h"
#include "lightbox/core/Tag.h"

#include <chrono>

namespace lightbox::archive {
namespace {

namespace tags = core::tags;
constexpr core::Tag kIssuerOfPatientID{0x0010, 0x0021};
constexpr core::Tag kSeriesTime{0x0008, 0x0031};
constexpr core::Tag kMediaStorageDirectory{0x0004, 0x1220};  // Directory Record Sequence

const char* kMediaStorageDirectorySopClass = "1.2.840.10008.1.3.10";

std::string text(const AttributeSource& object, core::Tag tag) { return trimmed(object.string(tag).value_or("")); }

// A parsed file's attributes.
class FileAttributes final : public AttributeSource {
public:
    explicit FileAttributes(const core::DicomFile& file) : file_(file) {}
    std::optional<std::string> string(core::Tag tag) const override { return file_.string(tag); }
    std::optional<long long> integer(core::Tag tag) const override { return file_.integer(tag); }

private:
    const core::DicomFile& file_;
};

// Real-world UIDs are not always conformant (letters, over 64 characters) and
// are archived anyway; a backslash or a control character would break list
// matching and the network encoding, so those are refused.
std::optional<std::string> badUid(const std::string& uid) {
    for (char c : uid) {
        if (c == '\\') return "contains a backslash (a UID is single-valued)";
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E)
            return "contains a control or non-ASCII character";
    }
    return std::nullopt;
}

}  // namespace

bool isMediaDirectory(std::string_view sopClassUid, std::string_view mediaStorageSopClassUid,
                      bool hasDirectoryRecordSequence) {
    return sopClassUid == kMediaStorageDirectorySopClass || mediaStorageSopClassUid == kMediaStorageDirectorySopClass ||
           hasDirectoryRecordSequence;
}

bool isMediaDirectory(const core::DicomFile& file) {
    return isMediaDirectory(file.stringOr(tags::SOPClassUID, ""), file.meta().stringOr(tags::MediaStorageSOPClassUID, ""),
                            file.has(kMediaStorageDirectory));
}

std::optional<std::string> unstorableReason(const core::DicomFile& file) {
    PixelDataFacts pixels;
    pixels.truncated = file.pixelDataTruncated();
    if (auto location = file.pixelDataLocation()) pixels.nativeLength = location->length;
    return unstorableReason(FileAttributes(file), isMediaDirectory(file), pixels);
}

std::optional<std::string> unstorableReason(const AttributeSource& object, bool mediaDirectory,
                                            const PixelDataFacts& pixels) {
    if (mediaDirectory) return "a media directory (DICOMDIR), not a storable object";
    const std::pair<core::Tag, const char*> required[] = {
        {tags::SOPClassUID, "SOP Class UID (0008,0016)"},
        {tags::SOPInstanceUID, "SOP Instance UID (0008,0018)"},
        {tags::StudyInstanceUID, "Study Instance UID (0020,000D)"},
        {tags::SeriesInstanceUID, "Series Instance UID (0020,000E)"},
    };
    for (const auto& [tag, name] : required) {
        const std::string uid = text(object, tag);
        if (uid.empty()) return std::string("missing ") + name;
        if (auto why = badUid(uid)) return std::string("invalid ") + name + " '" + uid + "': " + *why;
    }
    if (pixels.truncated) return "Pixel Data (7FE0,0010) is truncated: the object ends inside its pixel value";
    // Native pixel data shorter than Rows x Columns x samples x frames: a
    // sender cut the value itself (a consistent length, but not an image).
    if (pixels.nativeLength) {
        try {
            const core::PixelDescription d = core::PixelDescription::from(
                [&](core::Tag tag) { return object.integer(tag); }, [&](core::Tag tag) { return object.string(tag); },
                "");
            const std::uint64_t bits = std::uint64_t(d.samplesPerFrame()) * std::uint64_t(d.bitsAllocated) *
                                       std::uint64_t(d.numberOfFrames) /
                                       (d.photometric == core::Photometric::YbrFull422 ? 3u : 1u) *
                                       (d.photometric == core::Photometric::YbrFull422 ? 2u : 1u);
            const std::uint64_t needed = (bits + 7) / 8;
            if (*pixels.nativeLength < needed)
                return "Pixel Data (7FE0,0010) holds " + std::to_string(*pixels.nativeLength) +
                       " bytes, the image needs " + std::to_string(needed);
        } catch (const core::Error&) {
            // An unusable Image Pixel module is not the archive's business: kept as received.
        }
    }
    return std::nullopt;
}

InstanceRecord recordFrom(const core::DicomFile& file) { return recordFrom(FileAttributes(file), file.transferSyntaxUid()); }

InstanceRecord recordFrom(const AttributeSource& f, std::string transferSyntax) {
    InstanceRecord r;
    r.patientId = text(f, tags::PatientID);
    r.issuer = text(f, kIssuerOfPatientID);
    r.patientName = text(f, tags::PatientName);
    r.birthDate = normalizeDate(text(f, tags::PatientBirthDate));
    r.sex = text(f, tags::PatientSex);
    r.studyUid = text(f, tags::StudyInstanceUID);
    r.studyDate = normalizeDate(text(f, tags::StudyDate));
    r.studyTime = normalizeTime(text(f, tags::StudyTime));
    r.accession = text(f, tags::AccessionNumber);
    r.studyId = text(f, tags::StudyID);
    r.studyDescription = text(f, tags::StudyDescription);
    r.referring = text(f, tags::ReferringPhysicianName);
    r.institution = text(f, tags::InstitutionName);
    r.seriesUid = text(f, tags::SeriesInstanceUID);
    r.modality = text(f, tags::Modality);
    r.seriesNumber = text(f, tags::SeriesNumber);
    r.seriesDescription = text(f, tags::SeriesDescription);
    r.seriesDate = normalizeDate(text(f, tags::SeriesDate));
    r.seriesTime = normalizeTime(text(f, kSeriesTime));
    r.bodyPart = text(f, tags::BodyPartExamined);
    r.sopUid = text(f, tags::SOPInstanceUID);
    r.sopClassUid = text(f, tags::SOPClassUID);
    r.transferSyntax = std::move(transferSyntax);
    if (auto n = f.integer(tags::InstanceNumber)) r.instanceNumber = *n;
    return r;
}

std::string instanceKey(const std::string& studyUid, const Digest& sha256) {
    const std::string folder = toHex(Sha256::of(studyUid));
    return "store/" + folder.substr(0, 2) + "/" + folder.substr(2, 2) + "/" + toHex(sha256) + ".dcm";
}

std::string conflictKey(const Digest& sha256) { return "conflicts/" + toHex(sha256) + ".dcm"; }

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool sameDataSet(std::string_view a, std::string_view b) {
    try {
        return a.substr(core::part10DataSetOffset(a)) == b.substr(core::part10DataSetOffset(b));
    } catch (const core::Error&) {
        return false;
    }
}

}  // namespace lightbox::archive
