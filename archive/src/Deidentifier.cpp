#include "Deidentifier.h"

#include "lightbox/core/DatasetEditor.h"
#include "lightbox/core/DicomWriter.h"
#include "lightbox/core/Tag.h"

#include <unordered_map>

namespace lightbox::archive {
namespace {

using core::DatasetEditor;
using core::Tag;

// Table E.1-1 actions, resolved for an exporter that must keep objects valid:
// where the profile allows a choice that includes D (dummy), the attribute is
// kept with a dummy value so no Type 1/2 attribute goes missing; where it
// allows Z, it is kept empty; X alone removes it. U (UIDs) is handled for
// every UI attribute below.
enum class Act { Dummy, Zero, Remove };

const std::unordered_map<std::uint32_t, Act>& profile() {
    static const std::unordered_map<std::uint32_t, Act> table = {
        // General study / series / equipment
        {0x00080050, Act::Zero},    // Accession Number
        {0x00080080, Act::Remove},  // Institution Name (X/Z/D: Type 3 where present)
        {0x00080081, Act::Remove},  // Institution Address
        {0x00080082, Act::Remove},  // Institution Code Sequence
        {0x00080090, Act::Zero},    // Referring Physician's Name
        {0x00080092, Act::Remove},  // Referring Physician's Address
        {0x00080094, Act::Remove},  // Referring Physician's Telephone Numbers
        {0x00080096, Act::Remove},  // Referring Physician Identification Sequence
        {0x00081010, Act::Remove},  // Station Name
        {0x00081030, Act::Remove},  // Study Description
        {0x0008103E, Act::Remove},  // Series Description
        {0x00081040, Act::Remove},  // Institutional Department Name
        {0x00081048, Act::Remove},  // Physician(s) of Record
        {0x00081049, Act::Remove},  // Physician(s) of Record Identification Sequence
        {0x00081050, Act::Remove},  // Performing Physicians' Name
        {0x00081052, Act::Remove},  // Performing Physician Identification Sequence
        {0x00081060, Act::Remove},  // Name of Physician(s) Reading Study
        {0x00081062, Act::Remove},  // Physician(s) Reading Study Identification Sequence
        {0x00081070, Act::Remove},  // Operators' Name
        {0x00081072, Act::Remove},  // Operator Identification Sequence
        {0x00081080, Act::Remove},  // Admitting Diagnoses Description
        {0x00081084, Act::Remove},  // Admitting Diagnoses Code Sequence
        {0x00081110, Act::Remove},  // Referenced Study Sequence
        {0x00081111, Act::Remove},  // Referenced Performed Procedure Step Sequence
        {0x00081120, Act::Remove},  // Referenced Patient Sequence
        {0x00082111, Act::Remove},  // Derivation Description
        {0x00080012, Act::Dummy},   // Instance Creation Date
        {0x00080013, Act::Dummy},   // Instance Creation Time
        {0x00080015, Act::Remove},  // Instance Coercion DateTime
        {0x00080020, Act::Zero},    // Study Date
        {0x00080021, Act::Dummy},   // Series Date
        {0x00080022, Act::Zero},    // Acquisition Date
        {0x00080023, Act::Dummy},   // Content Date
        {0x00080024, Act::Remove},  // Overlay Date
        {0x00080025, Act::Remove},  // Curve Date
        {0x0008002A, Act::Dummy},   // Acquisition DateTime
        {0x00080030, Act::Zero},    // Study Time
        {0x00080031, Act::Dummy},   // Series Time
        {0x00080032, Act::Zero},    // Acquisition Time
        {0x00080033, Act::Dummy},   // Content Time
        {0x00080034, Act::Remove},  // Overlay Time
        {0x00080035, Act::Remove},  // Curve Time
        {0x00080201, Act::Remove},  // Timezone Offset From UTC
        {0x00084000, Act::Remove},  // Identifying Comments
        // Patient
        {0x00100010, Act::Zero},    // Patient's Name (pseudonym)
        {0x00100020, Act::Zero},    // Patient ID (pseudonym)
        {0x00100021, Act::Remove},  // Issuer of Patient ID
        {0x00100030, Act::Zero},    // Patient's Birth Date
        {0x00100032, Act::Remove},  // Patient's Birth Time
        {0x00100040, Act::Zero},    // Patient's Sex
        {0x00100050, Act::Remove},  // Patient's Insurance Plan Code Sequence
        {0x00100101, Act::Remove},  // Patient's Primary Language Code Sequence
        {0x00100102, Act::Remove},  // Patient's Primary Language Modifier Code Sequence
        {0x00101000, Act::Remove},  // Other Patient IDs
        {0x00101001, Act::Remove},  // Other Patient Names
        {0x00101002, Act::Remove},  // Other Patient IDs Sequence
        {0x00101005, Act::Remove},  // Patient's Birth Name
        {0x00101010, Act::Remove},  // Patient's Age
        {0x00101020, Act::Remove},  // Patient's Size
        {0x00101030, Act::Remove},  // Patient's Weight
        {0x00101040, Act::Remove},  // Patient's Address
        {0x00101060, Act::Remove},  // Patient's Mother's Birth Name
        {0x00101080, Act::Remove},  // Military Rank
        {0x00101081, Act::Remove},  // Branch of Service
        {0x00101090, Act::Remove},  // Medical Record Locator
        {0x00102000, Act::Remove},  // Medical Alerts
        {0x00102110, Act::Remove},  // Allergies
        {0x00102150, Act::Remove},  // Country of Residence
        {0x00102152, Act::Remove},  // Region of Residence
        {0x00102154, Act::Remove},  // Patient's Telephone Numbers
        {0x00102160, Act::Remove},  // Ethnic Group
        {0x00102180, Act::Remove},  // Occupation
        {0x001021A0, Act::Remove},  // Smoking Status
        {0x001021B0, Act::Remove},  // Additional Patient History
        {0x001021C0, Act::Remove},  // Pregnancy Status
        {0x001021D0, Act::Remove},  // Last Menstrual Date
        {0x001021F0, Act::Remove},  // Patient's Religious Preference
        {0x00102203, Act::Zero},    // Patient's Sex Neutered
        {0x00102297, Act::Remove},  // Responsible Person
        {0x00102299, Act::Remove},  // Responsible Organization
        {0x00104000, Act::Remove},  // Patient Comments
        // Acquisition and equipment
        {0x00181000, Act::Dummy},   // Device Serial Number
        {0x00181004, Act::Remove},  // Plate ID
        {0x00181005, Act::Remove},  // Generator ID
        {0x00181007, Act::Remove},  // Cassette ID
        {0x00181008, Act::Remove},  // Gantry ID
        {0x00181030, Act::Dummy},   // Protocol Name
        {0x00181400, Act::Dummy},   // Acquisition Device Processing Description
        {0x00184000, Act::Remove},  // Acquisition Comments
        {0x0018700A, Act::Dummy},   // Detector ID
        {0x00189424, Act::Remove},  // Acquisition Protocol Description
        {0x0018A003, Act::Remove},  // Contribution Description
        {0x00200010, Act::Zero},    // Study ID
        {0x00204000, Act::Remove},  // Image Comments
        {0x00209158, Act::Remove},  // Frame Comments
        {0x00284000, Act::Remove},  // Image Presentation Comments
        // Request, visit, procedure step
        {0x00321032, Act::Remove},  // Requesting Physician
        {0x00321033, Act::Remove},  // Requesting Service
        {0x00321060, Act::Zero},    // Requested Procedure Description
        {0x00321070, Act::Remove},  // Requested Contrast Agent
        {0x00324000, Act::Remove},  // Study Comments
        {0x00320012, Act::Remove},  // Study ID Issuer
        {0x00380010, Act::Remove},  // Admission ID
        {0x00380300, Act::Remove},  // Current Patient Location
        {0x00380400, Act::Remove},  // Patient's Institution Residence
        {0x00380500, Act::Remove},  // Patient State
        {0x00384000, Act::Remove},  // Visit Comments
        {0x00400006, Act::Remove},  // Scheduled Performing Physician Name
        {0x00400007, Act::Remove},  // Scheduled Procedure Step Description
        {0x00400241, Act::Remove},  // Performed Station AE Title
        {0x00400242, Act::Remove},  // Performed Station Name
        {0x00400243, Act::Remove},  // Performed Location
        {0x00400244, Act::Remove},  // Performed Procedure Step Start Date
        {0x00400245, Act::Remove},  // Performed Procedure Step Start Time
        {0x00400250, Act::Remove},  // Performed Procedure Step End Date
        {0x00400251, Act::Remove},  // Performed Procedure Step End Time
        {0x00400253, Act::Remove},  // Performed Procedure Step ID
        {0x00400254, Act::Remove},  // Performed Procedure Step Description
        {0x00400275, Act::Remove},  // Request Attributes Sequence
        {0x00400280, Act::Remove},  // Comments on the Performed Procedure Step
        {0x00400555, Act::Remove},  // Acquisition Context Sequence
        {0x00401001, Act::Remove},  // Requested Procedure ID
        {0x00401004, Act::Remove},  // Patient Transport Arrangements
        {0x00401005, Act::Remove},  // Requested Procedure Location
        {0x00401010, Act::Remove},  // Names of Intended Recipients of Results
        {0x00401400, Act::Remove},  // Requested Procedure Comments
        {0x00402001, Act::Remove},  // Reason for the Imaging Service Request
        {0x00402016, Act::Zero},    // Placer Order Number / Imaging Service Request
        {0x00402017, Act::Zero},    // Filler Order Number / Imaging Service Request
        {0x00402400, Act::Remove},  // Imaging Service Request Comments
        {0x0040A027, Act::Remove},  // Verifying Organization
        {0x0040A075, Act::Dummy},   // Verifying Observer Name
        {0x0040A088, Act::Zero},    // Verifying Observer Identification Code Sequence
        {0x0040A123, Act::Dummy},   // Person Name
        {0x0040A730, Act::Remove},  // Content Sequence
        {0x00700084, Act::Zero},    // Content Creator's Name
        {0x00700086, Act::Remove},  // Content Creator's Identification Code Sequence
        {0x04000561, Act::Remove},  // Original Attributes Sequence
        {0x40000010, Act::Remove},  // Arbitrary
        {0x40004000, Act::Remove},  // Text Comments
        {0x4FFE0001, Act::Remove},  // MAC Parameters Sequence
        {0xFFFAFFFA, Act::Remove},  // Digital Signatures Sequence
    };
    return table;
}

// UID attributes that name kinds of things, not instances: never remapped.
bool isClassUid(Tag t) {
    const std::uint32_t v = std::uint32_t(t.group) << 16 | t.element;
    switch (v) {
        case 0x00080016:  // SOP Class UID
        case 0x0008001A:  // Related General SOP Class UID
        case 0x0008001B:  // Original Specialized SOP Class UID
        case 0x00081150:  // Referenced SOP Class UID
        case 0x00080062:  // SOP Classes in Study
        case 0x0008010C:  // Coding Scheme UID
        case 0x00080117:  // Context UID
        case 0x00041510:  // Referenced SOP Class UID in File
        case 0x00041512:  // Referenced Transfer Syntax UID in File
        case 0x00020010:  // Transfer Syntax UID
            return true;
        default: return false;
    }
}

std::string dummyFor(const std::string& vr) {
    if (vr == "DA") return "19000101";
    if (vr == "TM") return "000000";
    if (vr == "DT") return "19000101000000";
    if (vr == "AS") return "000Y";
    if (vr == "IS" || vr == "DS") return "0";
    if (vr == "PN") return "ANONYMOUS";
    return "ANONYMIZED";
}

}  // namespace

Deidentifier::Deidentifier() {
    // A pseudonym unrelated to the patient: random, the same for the whole export.
    const std::string uid = core::generateUid();
    patientId_ = "ANON-" + uid.substr(uid.size() - 8);
}

std::string Deidentifier::mapUid(const std::string& original) {
    auto [it, inserted] = uids_.try_emplace(original);
    if (inserted) it->second = core::generateUid();
    return it->second;
}

std::string Deidentifier::apply(std::string bytes, const std::string& nameForErrors) {
    DatasetEditor editor = DatasetEditor::fromBytes(std::move(bytes), nameForErrors);
    editor.edit([&](const DatasetEditor::Element& e) {
        using Action = DatasetEditor::Action;
        DatasetEditor::Decision d;
        if (e.tag.isPrivate()) {
            d.action = Action::Remove;  // private attributes: X
            return d;
        }
        if ((e.tag.group & 0xFF00) == 0x5000) {  // curves (retired): X
            d.action = Action::Remove;
            return d;
        }
        if ((e.tag.group & 0xFF00) == 0x6000 && e.tag.element == 0x4000) {  // overlay comments: X
            d.action = Action::Remove;
            return d;
        }
        if (e.tag == core::tags::PatientName || e.tag == core::tags::PatientID) {
            d.action = Action::Replace;
            d.value = e.tag == core::tags::PatientID ? patientId_ : "ANONYMOUS^" + patientId_;
            return d;
        }
        auto it = profile().find(std::uint32_t(e.tag.group) << 16 | e.tag.element);
        if (it != profile().end()) {
            switch (it->second) {
                case Act::Remove: d.action = Action::Remove; break;
                case Act::Zero: d.action = Action::Empty; break;
                case Act::Dummy:
                    if (!e.isSequence) {
                        d.action = Action::Replace;
                        d.value = dummyFor(e.vr);
                    }
                    break;
            }
            return d;
        }
        // U: every instance UID, consistently; well-known DICOM UIDs stay.
        if (e.vr == "UI" && !e.text.empty() && !isClassUid(e.tag) && e.text.rfind("1.2.840.10008.", 0) != 0) {
            d.action = Action::Replace;
            std::string mapped;
            std::size_t start = 0;
            while (true) {  // UI may be multi-valued
                const std::size_t end = e.text.find('\\', start);
                mapped += (start ? "\\" : "") + mapUid(e.text.substr(start, end == std::string::npos ? end : end - start));
                if (end == std::string::npos) break;
                start = end + 1;
            }
            d.value = mapped;
        }
        return d;
    });
    editor.setText(Tag(0x0012, 0x0062), "CS", "YES");  // Patient Identity Removed
    editor.setText(Tag(0x0012, 0x0063), "LO", "DICOM PS3.15 Basic Application Level Confidentiality Profile");
    editor.setSequence(Tag(0x0012, 0x0064), {{{Tag(0x0008, 0x0100), "SH", "113100"},
                                              {Tag(0x0008, 0x0102), "SH", "DCM"},
                                              {Tag(0x0008, 0x0104), "LO", "Basic Application Confidentiality Profile"}}});
    // Dates were removed or replaced by dummies.
    editor.setText(Tag(0x0028, 0x0303), "CS", "MODIFIED");
    return editor.toBytes();
}

}  // namespace lightbox::archive
