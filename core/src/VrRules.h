#pragma once
// Private to core: how a GDCM data element's value is to be read - its
// effective VR (implicit VR files carry none: the dictionary's), whether it is
// text, whether the Specific Character Set applies. Shared by Dataset (reading)
// and DatasetEditor (rewriting), so both read an element the same way.

#include <gdcmDataElement.h>
#include <gdcmDict.h>
#include <gdcmDicts.h>
#include <gdcmGlobal.h>
#include <gdcmSequenceOfItems.h>

#include <string>

namespace lightbox::core::detail {

inline const gdcm::SequenceOfItems* itemsOf(const gdcm::DataElement& de) {
    if (de.IsEmpty() || de.GetByteValue()) return nullptr;  // IsEmpty guards a null value field
    return dynamic_cast<const gdcm::SequenceOfItems*>(&de.GetValue());
}

inline gdcm::VR effectiveVr(const gdcm::DataElement& de) {
    gdcm::VR vr = de.GetVR();
    if (vr != gdcm::VR::INVALID && vr != gdcm::VR::UN) return vr;
    const gdcm::DictEntry& entry = gdcm::Global::GetInstance().GetDicts().GetDictEntry(de.GetTag());
    const gdcm::VR dictVr = entry.GetVR();
    // Ambiguous dictionary VRs (US or SS, OB or OW): pick the safe one.
    if (dictVr == gdcm::VR::US_SS || dictVr == gdcm::VR::US_SS_OW) return gdcm::VR::US;
    if (dictVr == gdcm::VR::OB_OW) return gdcm::VR::OW;
    if (dictVr != gdcm::VR::INVALID) return dictVr;
    return itemsOf(de) ? gdcm::VR::SQ : gdcm::VR::UN;
}

inline bool isTextVr(gdcm::VR vr) {
    return vr == gdcm::VR::AE || vr == gdcm::VR::AS || vr == gdcm::VR::CS || vr == gdcm::VR::DA ||
           vr == gdcm::VR::DS || vr == gdcm::VR::DT || vr == gdcm::VR::IS || vr == gdcm::VR::LO ||
           vr == gdcm::VR::LT || vr == gdcm::VR::PN || vr == gdcm::VR::SH || vr == gdcm::VR::ST ||
           vr == gdcm::VR::TM || vr == gdcm::VR::UI || vr == gdcm::VR::UT || vr == gdcm::VR::UC ||
           vr == gdcm::VR::UR;
}

inline bool usesCharacterSet(gdcm::VR vr) {
    return vr == gdcm::VR::LO || vr == gdcm::VR::LT || vr == gdcm::VR::PN || vr == gdcm::VR::SH ||
           vr == gdcm::VR::ST || vr == gdcm::VR::UT || vr == gdcm::VR::UC;
}

// Value padding (trailing spaces/NULs, leading spaces) is not part of a value.
inline std::string trimPadding(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
    std::size_t start = 0;
    while (start < s.size() && s[start] == ' ') ++start;
    return s.substr(start);
}

}  // namespace lightbox::core::detail
