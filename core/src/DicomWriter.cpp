#include "lightbox/core/DicomWriter.h"

#include "lightbox/core/Error.h"
#include "lightbox/core/FileWrite.h"

#include <gdcmDataSet.h>
#include <gdcmExplicitDataElement.h>
#include <gdcmFileMetaInformation.h>
#include <gdcmItem.h>
#include <gdcmSequenceOfItems.h>
#include <gdcmWriter.h>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace lightbox::core {

struct DatasetBuilder::Impl {
    gdcm::DataSet dataSet;
};

DatasetBuilder::DatasetBuilder() : impl_(std::make_unique<Impl>()) {}
DatasetBuilder::~DatasetBuilder() = default;
DatasetBuilder::DatasetBuilder(const DatasetBuilder& o) : impl_(std::make_unique<Impl>(*o.impl_)) {}
DatasetBuilder& DatasetBuilder::operator=(const DatasetBuilder& o) {
    impl_ = std::make_unique<Impl>(*o.impl_);
    return *this;
}
DatasetBuilder::DatasetBuilder(DatasetBuilder&&) noexcept = default;
DatasetBuilder& DatasetBuilder::operator=(DatasetBuilder&&) noexcept = default;

namespace {

gdcm::DataElement element(Tag tag, const std::string& vr) {
    gdcm::DataElement de(gdcm::Tag(tag.group, tag.element));
    de.SetVR(gdcm::VR::GetVRType(vr.c_str()));
    return de;
}

void insert(gdcm::DataSet& ds, const gdcm::DataElement& de) { ds.Replace(de); }

}  // namespace

DatasetBuilder& DatasetBuilder::text(Tag tag, const std::string& vr, const std::string& value) {
    std::string v = value;
    if (v.size() % 2) v += (vr == "UI") ? '\0' : ' ';
    gdcm::DataElement de = element(tag, vr);
    de.SetByteValue(v.data(), gdcm::VL(std::uint32_t(v.size())));
    insert(impl_->dataSet, de);
    return *this;
}

DatasetBuilder& DatasetBuilder::us(Tag tag, std::uint16_t value) { return usValues(tag, {value}); }

DatasetBuilder& DatasetBuilder::usValues(Tag tag, const std::vector<std::uint16_t>& values) {
    gdcm::DataElement de = element(tag, "US");
    de.SetByteValue(reinterpret_cast<const char*>(values.data()), gdcm::VL(std::uint32_t(values.size() * 2)));
    insert(impl_->dataSet, de);
    return *this;
}

DatasetBuilder& DatasetBuilder::ss(Tag tag, std::int16_t value) {
    gdcm::DataElement de = element(tag, "SS");
    de.SetByteValue(reinterpret_cast<const char*>(&value), 2);
    insert(impl_->dataSet, de);
    return *this;
}

DatasetBuilder& DatasetBuilder::ul(Tag tag, std::uint32_t value) {
    gdcm::DataElement de = element(tag, "UL");
    de.SetByteValue(reinterpret_cast<const char*>(&value), 4);
    insert(impl_->dataSet, de);
    return *this;
}

DatasetBuilder& DatasetBuilder::fd(Tag tag, const std::vector<double>& values) {
    gdcm::DataElement de = element(tag, "FD");
    de.SetByteValue(reinterpret_cast<const char*>(values.data()), gdcm::VL(std::uint32_t(values.size() * 8)));
    insert(impl_->dataSet, de);
    return *this;
}

DatasetBuilder& DatasetBuilder::fl(Tag tag, const std::vector<float>& values) {
    gdcm::DataElement de = element(tag, "FL");
    de.SetByteValue(reinterpret_cast<const char*>(values.data()), gdcm::VL(std::uint32_t(values.size() * 4)));
    insert(impl_->dataSet, de);
    return *this;
}

DatasetBuilder& DatasetBuilder::binary(Tag tag, const std::string& vr, std::span<const std::uint8_t> bytes) {
    std::vector<char> v(bytes.begin(), bytes.end());
    if (v.size() % 2) v.push_back(0);
    gdcm::DataElement de = element(tag, vr);
    de.SetByteValue(v.data(), gdcm::VL(std::uint32_t(v.size())));
    insert(impl_->dataSet, de);
    return *this;
}

DatasetBuilder& DatasetBuilder::sequence(Tag tag, const std::vector<DatasetBuilder>& items) {
    // Explicit lengths, as DCMTK writes them on the network: an object we
    // write survives a C-STORE round trip byte for byte.
    gdcm::SmartPointer<gdcm::SequenceOfItems> sq = new gdcm::SequenceOfItems;
    for (const DatasetBuilder& b : items) {
        gdcm::Item item;
        item.SetNestedDataSet(b.impl_->dataSet);
        item.SetVL(b.impl_->dataSet.GetLength<gdcm::ExplicitDataElement>());
        sq->AddItem(item);
    }
    sq->SetLength(0);  // defined: ComputeLength() then counts no delimiter
    sq->SetLength(sq->ComputeLength<gdcm::ExplicitDataElement>());
    gdcm::DataElement de = element(tag, "SQ");
    de.SetValue(*sq);
    de.SetVL(sq->GetLength());
    insert(impl_->dataSet, de);
    return *this;
}

DatasetBuilder& DatasetBuilder::empty(Tag tag, const std::string& vr) {
    gdcm::DataElement de = element(tag, vr);
    de.SetByteValue("", 0);
    insert(impl_->dataSet, de);
    return *this;
}

std::string DatasetBuilder::toBytes() const {
    gdcm::Writer writer;
    gdcm::File& file = writer.GetFile();
    file.SetDataSet(impl_->dataSet);
    gdcm::FileMetaInformation& meta = file.GetHeader();
    meta.SetDataSetTransferSyntax(gdcm::TransferSyntax::ExplicitVRLittleEndian);
    meta.SetSourceApplicationEntityTitle("LIGHTBOX");
    meta.FillFromDataSet(impl_->dataSet);
    std::ostringstream out;
    writer.SetStream(out);
    if (!writer.Write()) throw Error(ErrorCode::Io, "encoding the DICOM data set failed");
    return out.str();
}

void DatasetBuilder::write(const std::filesystem::path& path) const { writeFileAtomically(path, toBytes()); }

namespace {

// 128 bits as a decimal string (for 2.25 UIDs).
std::string toDecimal(std::array<std::uint32_t, 4> words) {
    std::string digits;
    while (words[0] || words[1] || words[2] || words[3]) {
        std::uint64_t remainder = 0;
        for (auto& w : words) {
            std::uint64_t cur = (remainder << 32) | w;
            w = std::uint32_t(cur / 10);
            remainder = cur % 10;
        }
        digits.insert(digits.begin(), char('0' + remainder));
    }
    return digits.empty() ? "0" : digits;
}

std::string uidFrom128(std::array<std::uint32_t, 4> w) {
    // Mark as an RFC 4122 UUID (version 4 layout, variant 1).
    w[1] = (w[1] & 0xFFFF0FFFu) | 0x00004000u;
    w[2] = (w[2] & 0x3FFFFFFFu) | 0x80000000u;
    return "2.25." + toDecimal(w);
}

std::uint64_t fnv1a(const std::string& s, std::uint64_t seed) {
    std::uint64_t h = 1469598103934665603ull ^ seed;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace

std::string generateUid() {
    static thread_local std::mt19937_64 rng{std::random_device{}() ^ (std::uint64_t(::getpid()) << 32)};
    std::uint64_t a = rng(), b = rng();
    return uidFrom128({std::uint32_t(a >> 32), std::uint32_t(a), std::uint32_t(b >> 32), std::uint32_t(b)});
}

std::string uidFromName(const std::string& name) {
    std::uint64_t a = fnv1a(name, 0x9E3779B97F4A7C15ull), b = fnv1a(name, 0xC2B2AE3D27D4EB4Full);
    return uidFrom128({std::uint32_t(a >> 32), std::uint32_t(a), std::uint32_t(b >> 32), std::uint32_t(b)});
}

std::string formatDs(double value) {
    // DS is at most 16 characters.
    char buf[32];
    for (int precision = 10; precision > 0; --precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, value);
        if (std::strlen(buf) <= 16) break;
    }
    if (std::strcmp(buf, "-0") == 0) return "0";
    return buf;
}

std::string formatDsList(const std::vector<double>& values) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += '\\';
        out += formatDs(values[i]);
    }
    return out;
}

}  // namespace lightbox::core
