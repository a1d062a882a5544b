#include "lightbox/core/Dataset.h"

#include "GdcmShared.h"
#include "ValueRules.h"
#include "VrRules.h"
#include "lightbox/core/CharacterSet.h"

#include <gdcmDict.h>
#include <gdcmDicts.h>
#include <gdcmGlobal.h>
#include <gdcmSequenceOfItems.h>

namespace lightbox::core {
namespace {

using detail::effectiveVr;
using detail::itemsOf;

// A value's bytes as stored ("" without a byte value).
std::string_view valueOf(const gdcm::DataElement& de) {
    const gdcm::ByteValue* bv = de.GetByteValue();
    if (!bv) return {};
    return {bv->GetPointer(), bv->GetLength()};
}

}  // namespace

const gdcm::DataElement* DatasetAccess::element(const Dataset& ds, Tag tag) {
    if (!ds.dataSet_) return nullptr;
    const gdcm::DataSet& set = dataSet(ds);
    gdcm::Tag t = toGdcm(tag);
    if (!set.FindDataElement(t)) return nullptr;
    return &set.GetDataElement(t);
}

Dataset::Dataset(std::shared_ptr<const Shared> shared, const void* dataSet,
                 std::shared_ptr<const CharacterSet> charset)
    : shared_(std::move(shared)), dataSet_(dataSet), charset_(std::move(charset)) {}

bool Dataset::has(Tag tag) const { return DatasetAccess::element(*this, tag) != nullptr; }

bool Dataset::hasValue(Tag tag) const {
    const gdcm::DataElement* de = DatasetAccess::element(*this, tag);
    if (!de) return false;
    if (itemsOf(*de) || de->GetSequenceOfFragments()) return true;
    return de->GetByteValue() && de->GetByteValue()->GetLength() > 0;
}

std::string Dataset::vr(Tag tag) const {
    const gdcm::DataElement* de = DatasetAccess::element(*this, tag);
    if (!de) return {};
    return gdcm::VR::GetVRString(effectiveVr(*de));
}

std::span<const std::byte> Dataset::bytes(Tag tag) const {
    const gdcm::DataElement* de = DatasetAccess::element(*this, tag);
    if (!de || !de->GetByteValue()) return {};
    const gdcm::ByteValue* bv = de->GetByteValue();
    return {reinterpret_cast<const std::byte*>(bv->GetPointer()), bv->GetLength()};
}

std::optional<std::string> Dataset::string(Tag tag) const {
    const gdcm::DataElement* de = DatasetAccess::element(*this, tag);
    if (!de) return std::nullopt;
    return detail::stringOf(valueOf(*de), effectiveVr(*de), charset_.get());
}

std::vector<std::string> Dataset::strings(Tag tag) const {
    auto text = string(tag);
    if (!text) return {};
    return detail::splitValues(*text);
}

std::string Dataset::stringOr(Tag tag, std::string fallback) const {
    auto s = string(tag);
    return s ? *s : std::move(fallback);
}

std::vector<double> Dataset::numbers(Tag tag) const {
    const gdcm::DataElement* de = DatasetAccess::element(*this, tag);
    if (!de || !de->GetByteValue()) return {};
    return detail::numbersOf(valueOf(*de), effectiveVr(*de));
}

std::optional<double> Dataset::number(Tag tag, std::size_t index) const { return detail::numberAt(numbers(tag), index); }

std::optional<long long> Dataset::integer(Tag tag, std::size_t index) const {
    return detail::roundedInteger(number(tag, index));
}

std::vector<Dataset> Dataset::items(Tag tag) const {
    std::vector<Dataset> out;
    const gdcm::DataElement* de = DatasetAccess::element(*this, tag);
    if (!de) return out;
    gdcm::SmartPointer<gdcm::SequenceOfItems> sq = de->GetValueAsSQ();
    if (!sq) return out;
    if (!itemsOf(*de)) shared_->parsedSequences.push_back(sq);  // keep alive
    for (gdcm::SequenceOfItems::SizeType i = 1; i <= sq->GetNumberOfItems(); ++i) {
        const gdcm::DataSet& nested = sq->GetItem(i).GetNestedDataSet();
        std::shared_ptr<const CharacterSet> cs = charset_;
        gdcm::Tag scs(0x0008, 0x0005);
        if (nested.FindDataElement(scs)) {
            // An item may declare its own character set (PS3.5 6.1.2.5.3).
            Dataset probe(shared_, &nested, nullptr);
            cs = std::make_shared<CharacterSet>(probe.strings(tags::SpecificCharacterSet));
        }
        out.push_back(Dataset(shared_, &nested, cs));
    }
    return out;
}

void Dataset::visit(const std::function<void(const ElementInfo&)>& visitor, int depth) const {
    if (!dataSet_) return;
    const gdcm::DataSet& set = DatasetAccess::dataSet(*this);
    const gdcm::Dicts& dicts = gdcm::Global::GetInstance().GetDicts();
    for (const gdcm::DataElement& de : set.GetDES()) {
        ElementInfo info;
        info.tag = Tag(de.GetTag().GetGroup(), de.GetTag().GetElement());
        gdcm::VR vr = effectiveVr(de);
        info.vr = gdcm::VR::GetVRString(vr);
        info.length = de.GetVL().IsUndefined() ? 0xFFFFFFFFu : static_cast<std::uint32_t>(de.GetVL().GetLength());
        info.depth = depth;
        if (!info.tag.isPrivate() && info.tag.element != 0) {
            const gdcm::DictEntry& entry = dicts.GetDictEntry(de.GetTag());
            if (entry.GetKeyword()) info.keyword = entry.GetKeyword();
        }
        bool sequence = vr == gdcm::VR::SQ || itemsOf(de);
        if (sequence) {
            info.isSequence = true;
            std::vector<Dataset> nested = items(info.tag);
            info.value = std::to_string(nested.size()) + " item(s)";
            visitor(info);
            for (size_t i = 0; i < nested.size(); ++i) {
                ElementInfo item;
                item.tag = Tag(0xFFFE, 0xE000);
                item.depth = depth + 1;
                item.isItem = true;
                item.value = "item " + std::to_string(i + 1);
                visitor(item);
                nested[i].visit(visitor, depth + 2);
            }
            continue;
        }
        if (de.GetSequenceOfFragments()) {
            info.value = std::to_string(de.GetSequenceOfFragments()->GetNumberOfFragments()) +
                         " fragment(s), encapsulated";
        } else if (vr == gdcm::VR::OB || vr == gdcm::VR::OW || vr == gdcm::VR::UN ||
                   vr == gdcm::VR::OF || vr == gdcm::VR::OD || vr == gdcm::VR::OL ||
                   info.tag == tags::PixelData) {
            info.value = "(" + std::to_string(de.GetByteValue() ? std::size_t(de.GetByteValue()->GetLength()) : std::size_t(0)) +
                         " bytes)";
        } else {
            std::string text = string(info.tag).value_or("");
            if (text.size() > 200) text = text.substr(0, 200) + "...";
            info.value = text;
        }
        visitor(info);
    }
}

}  // namespace lightbox::core
