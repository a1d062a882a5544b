#include "lightbox/core/DatasetEditor.h"

#include "AbortGuard.h"
#include "VrRules.h"
#include "lightbox/core/CharacterSet.h"
#include "lightbox/core/Error.h"

#include <gdcmDict.h>
#include <gdcmDicts.h>
#include <gdcmFile.h>
#include <gdcmGlobal.h>
#include <gdcmItem.h>
#include <gdcmReader.h>
#include <gdcmSequenceOfItems.h>
#include <gdcmTrace.h>
#include <gdcmWriter.h>

#include <iconv.h>

#include <cerrno>
#include <map>
#include <sstream>

namespace lightbox::core {
namespace {

const gdcm::Tag kSpecificCharacterSet(0x0008, 0x0005);

using detail::effectiveVr;
using detail::isTextVr;
using detail::usesCharacterSet;
bool hasItems(const gdcm::DataElement& de) { return detail::itemsOf(de) != nullptr; }
std::string trim(std::string s) { return detail::trimPadding(std::move(s)); }

bool isAscii(const std::string& s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

std::vector<std::string> splitTerms(const std::string& value) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        std::size_t end = value.find('\\', start);
        out.push_back(trim(value.substr(start, end == std::string::npos ? std::string::npos : end - start)));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

std::vector<std::string> charsetTerms(const gdcm::DataSet& ds) {
    if (!ds.FindDataElement(kSpecificCharacterSet)) return {};
    const gdcm::ByteValue* bv = ds.GetDataElement(kSpecificCharacterSet).GetByteValue();
    if (!bv || bv->GetLength() == 0) return {};
    return splitTerms(std::string(bv->GetPointer(), bv->GetLength()));
}

// UTF-8 -> an iconv encoding; throws when a character has no place in it.
std::string convert(const std::string& utf8, const char* to, const std::string& term) {
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw Error(ErrorCode::InvalidArgument, "character set " + term + " is not available for writing");
    std::string out(utf8.size() * 4 + 8, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t inLeft = utf8.size();
    char* outPtr = out.data();
    std::size_t outLeft = out.size();
    const std::size_t rc = iconv(cd, &in, &inLeft, &outPtr, &outLeft);
    iconv_close(cd);
    if (rc == static_cast<std::size_t>(-1))
        throw Error(ErrorCode::InvalidArgument,
                    "'" + utf8 + "' cannot be written in the object's character set " + term);
    out.resize(out.size() - outLeft);
    return out;
}

// How a UTF-8 value is written into a data set declaring `terms`.
struct Encoded {
    std::string bytes;
    bool switchToUtf8 = false;  // default repertoire and non-ASCII text: declare ISO_IR 192
};

Encoded encodeText(const std::string& utf8, const std::vector<std::string>& terms) {
    if (isAscii(utf8)) return {utf8, false};
    if (terms.empty() || (terms.size() == 1 && (terms[0].empty() || terms[0] == "ISO_IR 6")))
        return {utf8, true};
    if (terms.size() == 1) {
        static const std::map<std::string, const char*> singleByte = {
            {"ISO_IR 192", "UTF-8"},       {"ISO_IR 100", "ISO-8859-1"}, {"ISO_IR 101", "ISO-8859-2"},
            {"ISO_IR 109", "ISO-8859-3"},  {"ISO_IR 110", "ISO-8859-4"}, {"ISO_IR 144", "ISO-8859-5"},
            {"ISO_IR 127", "ISO-8859-6"},  {"ISO_IR 126", "ISO-8859-7"}, {"ISO_IR 138", "ISO-8859-8"},
            {"ISO_IR 148", "ISO-8859-9"},  {"ISO_IR 203", "ISO-8859-15"}, {"ISO_IR 166", "TIS-620"},
            {"GB18030", "GB18030"},        {"GBK", "GBK"},
        };
        auto it = singleByte.find(terms[0]);
        if (it != singleByte.end()) return {convert(utf8, it->second, terms[0]), false};
    }
    // ISO 2022 code extensions: writing escape sequences correctly is not
    // worth the risk for the few values an archive rewrites.
    std::string joined;
    for (const auto& t : terms) joined += (joined.empty() ? "" : "\\") + t;
    throw Error(ErrorCode::InvalidArgument,
                "non-ASCII text cannot be written into an object using character set " + joined);
}

std::string padded(std::string value, gdcm::VR vr) {
    if (value.size() % 2) value += (vr == gdcm::VR::UI) ? '\0' : ' ';
    return value;
}

gdcm::DataElement textElement(const gdcm::Tag& tag, gdcm::VR vr, const std::string& bytes) {
    gdcm::DataElement de(tag);
    de.SetVR(vr);
    const std::string v = padded(bytes, vr);
    de.SetByteValue(v.data(), gdcm::VL(static_cast<std::uint32_t>(v.size())));
    return de;
}

gdcm::VR dictionaryVr(const gdcm::Tag& tag) {
    const gdcm::DictEntry& entry = gdcm::Global::GetInstance().GetDicts().GetDictEntry(tag);
    return entry.GetVR();
}

struct EditContext {
    const std::function<DatasetEditor::Decision(const DatasetEditor::Element&)>* decide = nullptr;
    bool switchToUtf8 = false;
};

std::size_t editDataSet(gdcm::DataSet& ds, int depth, std::vector<std::string> terms, EditContext& ctx) {
    if (depth > 0 && ds.FindDataElement(kSpecificCharacterSet)) terms = charsetTerms(ds);
    const CharacterSet charset(terms);
    const gdcm::Dicts& dicts = gdcm::Global::GetInstance().GetDicts();
    std::vector<gdcm::Tag> present;
    for (const gdcm::DataElement& de : ds.GetDES()) present.push_back(de.GetTag());
    std::size_t changed = 0;
    for (const gdcm::Tag& tag : present) {
        // Group lengths are retired and would be stale after any change.
        if (tag.GetElement() == 0x0000) {
            ds.Remove(tag);
            continue;
        }
        const gdcm::DataElement& de = ds.GetDataElement(tag);
        const gdcm::VR vr = effectiveVr(de);
        DatasetEditor::Element e;
        e.tag = Tag(tag.GetGroup(), tag.GetElement());
        e.vr = gdcm::VR::GetVRString(vr);
        e.depth = depth;
        e.isSequence = vr == gdcm::VR::SQ || hasItems(de);
        if (!e.tag.isPrivate()) {
            const char* keyword = dicts.GetDictEntry(tag).GetKeyword();
            if (keyword) e.keyword = keyword;
        }
        if (isTextVr(vr) && de.GetByteValue()) {
            const gdcm::ByteValue* bv = de.GetByteValue();
            const std::string raw(bv->GetPointer(), bv->GetLength());
            e.text = trim(usesCharacterSet(vr) ? charset.toUtf8(raw, vr == gdcm::VR::PN) : raw);
        }
        const DatasetEditor::Decision d = (*ctx.decide)(e);
        switch (d.action) {
            case DatasetEditor::Action::Remove:
                ds.Remove(tag);
                ++changed;
                break;
            case DatasetEditor::Action::Empty: {
                gdcm::DataElement empty(tag);
                if (e.isSequence) {
                    gdcm::SmartPointer<gdcm::SequenceOfItems> sq = new gdcm::SequenceOfItems;
                    sq->SetLengthToUndefined();
                    empty.SetVR(gdcm::VR::SQ);
                    empty.SetValue(*sq);
                    empty.SetVLToUndefined();
                } else {
                    empty.SetVR(vr);
                    empty.SetByteValue("", 0);
                }
                ds.Replace(empty);
                ++changed;
                break;
            }
            case DatasetEditor::Action::Replace: {
                if (!isTextVr(vr))
                    throw Error(ErrorCode::InvalidArgument,
                                e.tag.toString() + ": only text attributes can be replaced (VR " + e.vr + ")");
                Encoded enc = usesCharacterSet(vr) ? encodeText(d.value, terms) : Encoded{d.value, false};
                if (!usesCharacterSet(vr) && !isAscii(d.value))
                    throw Error(ErrorCode::InvalidArgument, e.tag.toString() + ": VR " + e.vr + " holds ASCII only");
                ctx.switchToUtf8 = ctx.switchToUtf8 || enc.switchToUtf8;
                ds.Replace(textElement(tag, vr, enc.bytes));
                ++changed;
                break;
            }
            case DatasetEditor::Action::Keep: {
                if (!e.isSequence) break;
                gdcm::SmartPointer<gdcm::SequenceOfItems> sq = de.GetValueAsSQ();
                if (!sq) break;
                std::size_t inItems = 0;
                for (gdcm::SequenceOfItems::SizeType i = 1; i <= sq->GetNumberOfItems(); ++i)
                    inItems += editDataSet(sq->GetItem(i).GetNestedDataSet(), depth + 1, terms, ctx);
                if (inItems == 0) break;
                // Item lengths changed: write items and sequence with delimiters.
                for (gdcm::SequenceOfItems::SizeType i = 1; i <= sq->GetNumberOfItems(); ++i)
                    sq->GetItem(i).SetVLToUndefined();
                sq->SetLengthToUndefined();
                gdcm::DataElement replaced(tag);
                replaced.SetVR(gdcm::VR::SQ);
                replaced.SetValue(*sq);
                replaced.SetVLToUndefined();
                ds.Replace(replaced);
                changed += inItems;
                break;
            }
        }
    }
    return changed;
}

}  // namespace

struct DatasetEditor::Impl {
    gdcm::SmartPointer<gdcm::File> file;
    std::string name;

    gdcm::DataSet& dataSet() { return file->GetDataSet(); }
    const gdcm::DataSet& dataSet() const { return file->GetDataSet(); }

    void declareUtf8() {
        dataSet().Replace(textElement(kSpecificCharacterSet, gdcm::VR::CS, "ISO_IR 192"));
    }
};

DatasetEditor::DatasetEditor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DatasetEditor::DatasetEditor(DatasetEditor&&) noexcept = default;
DatasetEditor& DatasetEditor::operator=(DatasetEditor&&) noexcept = default;
DatasetEditor::~DatasetEditor() = default;

DatasetEditor DatasetEditor::fromBytes(std::string bytes, const std::string& nameForErrors) {
    gdcm::Trace::SetDebug(false);
    gdcm::Trace::SetWarning(false);
    gdcm::Trace::SetError(false);
    auto impl = std::make_unique<Impl>();
    impl->name = nameForErrors;
    std::istringstream in(std::move(bytes));
    gdcm::Reader reader;
    reader.SetStream(in);
    bool ok = false;
    try {
        detail::runGuarded(nameForErrors, "malformed data set", [&] { ok = reader.Read(); });
    } catch (const Error&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw Error(ErrorCode::Malformed, nameForErrors + ": element length beyond memory limits");
    } catch (const std::exception&) {
        ok = false;
    }
    if (!ok || reader.GetFile().GetDataSet().IsEmpty())
        throw Error(ErrorCode::NotDicom, nameForErrors + ": not a readable DICOM object");
    impl->file = reader.GetFile();  // shares ownership of the reader's File
    return DatasetEditor(std::move(impl));
}

std::string DatasetEditor::transferSyntaxUid() const {
    const char* ts = impl_->file->GetHeader().GetDataSetTransferSyntax().GetString();
    return ts ? trim(ts) : std::string();
}

std::optional<std::string> DatasetEditor::text(Tag tag) const {
    const gdcm::DataSet& ds = impl_->dataSet();
    const gdcm::Tag t(tag.group, tag.element);
    if (!ds.FindDataElement(t)) return std::nullopt;
    const gdcm::DataElement& de = ds.GetDataElement(t);
    const gdcm::ByteValue* bv = de.GetByteValue();
    if (!bv || bv->GetLength() == 0) return std::nullopt;
    const gdcm::VR vr = effectiveVr(de);
    const std::string raw(bv->GetPointer(), bv->GetLength());
    std::string value = trim(usesCharacterSet(vr) ? CharacterSet(charsetTerms(ds)).toUtf8(raw, vr == gdcm::VR::PN) : raw);
    if (value.empty()) return std::nullopt;
    return value;
}

void DatasetEditor::setText(Tag tag, const std::string& utf8Value) {
    const gdcm::Tag t(tag.group, tag.element);
    const gdcm::DataSet& ds = impl_->dataSet();
    gdcm::VR vr = ds.FindDataElement(t) ? effectiveVr(ds.GetDataElement(t)) : dictionaryVr(t);
    if (!isTextVr(vr))
        throw Error(ErrorCode::InvalidArgument, tag.toString() + ": not a text attribute (or unknown VR)");
    setText(tag, gdcm::VR::GetVRString(vr), utf8Value);
}

void DatasetEditor::setText(Tag tag, const std::string& vrName, const std::string& utf8Value) {
    const gdcm::VR vr = gdcm::VR::GetVRType(vrName.c_str());
    if (!isTextVr(vr)) throw Error(ErrorCode::InvalidArgument, tag.toString() + ": " + vrName + " is not a text VR");
    Encoded enc{utf8Value, false};
    if (usesCharacterSet(vr)) enc = encodeText(utf8Value, charsetTerms(impl_->dataSet()));
    else if (!isAscii(utf8Value))
        throw Error(ErrorCode::InvalidArgument, tag.toString() + ": VR " + vrName + " holds ASCII only");
    if (enc.switchToUtf8) impl_->declareUtf8();
    impl_->dataSet().Replace(textElement(gdcm::Tag(tag.group, tag.element), vr, enc.bytes));
}

bool DatasetEditor::remove(Tag tag) {
    const gdcm::Tag t(tag.group, tag.element);
    if (!impl_->dataSet().FindDataElement(t)) return false;
    impl_->dataSet().Remove(t);
    return true;
}

void DatasetEditor::setSequence(Tag tag, const std::vector<std::vector<TextElement>>& items) {
    const std::vector<std::string> terms = charsetTerms(impl_->dataSet());
    gdcm::SmartPointer<gdcm::SequenceOfItems> sq = new gdcm::SequenceOfItems;
    sq->SetLengthToUndefined();
    bool switchToUtf8 = false;
    for (const auto& elements : items) {
        gdcm::Item item;
        item.SetVLToUndefined();
        gdcm::DataSet nested;
        for (const TextElement& te : elements) {
            const gdcm::VR vr = gdcm::VR::GetVRType(te.vr.c_str());
            if (!isTextVr(vr)) throw Error(ErrorCode::InvalidArgument, te.tag.toString() + ": " + te.vr + " is not a text VR");
            Encoded enc = usesCharacterSet(vr) ? encodeText(te.value, terms) : Encoded{te.value, false};
            switchToUtf8 = switchToUtf8 || enc.switchToUtf8;
            nested.Replace(textElement(gdcm::Tag(te.tag.group, te.tag.element), vr, enc.bytes));
        }
        item.SetNestedDataSet(nested);
        sq->AddItem(item);
    }
    if (switchToUtf8) impl_->declareUtf8();
    gdcm::DataElement de(gdcm::Tag(tag.group, tag.element));
    de.SetVR(gdcm::VR::SQ);
    de.SetValue(*sq);
    de.SetVLToUndefined();
    impl_->dataSet().Replace(de);
}

std::size_t DatasetEditor::edit(const std::function<Decision(const Element&)>& decide) {
    EditContext ctx;
    ctx.decide = &decide;
    const std::size_t changed = editDataSet(impl_->dataSet(), 0, charsetTerms(impl_->dataSet()), ctx);
    if (ctx.switchToUtf8) impl_->declareUtf8();
    return changed;
}

std::string DatasetEditor::toBytes() const {
    gdcm::File& file = *impl_->file;
    gdcm::FileMetaInformation& meta = file.GetHeader();
    // The meta header names the object it heads: keep it in step with the data set.
    const std::pair<gdcm::Tag, gdcm::Tag> follow[] = {
        {gdcm::Tag(0x0008, 0x0016), gdcm::Tag(0x0002, 0x0002)},
        {gdcm::Tag(0x0008, 0x0018), gdcm::Tag(0x0002, 0x0003)},
    };
    for (const auto& [from, to] : follow) {
        if (!file.GetDataSet().FindDataElement(from)) continue;
        const gdcm::ByteValue* bv = file.GetDataSet().GetDataElement(from).GetByteValue();
        if (!bv) continue;
        meta.Replace(textElement(to, gdcm::VR::UI, trim(std::string(bv->GetPointer(), bv->GetLength()))));
    }
    meta.Remove(gdcm::Tag(0x0002, 0x0000));  // recomputed by the writer
    std::ostringstream out;
    gdcm::Writer writer;
    writer.SetFile(file);
    writer.SetStream(out);
    writer.SetCheckFileMetaInformation(true);
    bool ok = false;
    detail::runGuarded(impl_->name, "encoding the edited data set failed", [&] { ok = writer.Write(); });
    if (!ok) throw Error(ErrorCode::Io, impl_->name + ": encoding the edited data set failed");
    return out.str();
}

}  // namespace lightbox::core
