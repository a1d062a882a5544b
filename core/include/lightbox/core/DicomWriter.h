#pragma once
// Writing DICOM Part 10 files: a data set builder that hides GDCM, generates
// the file meta information, and writes atomically (temporary file, fsync,
// rename) so a killed process never leaves a half-written object behind.

#include "lightbox/core/Tag.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace lightbox::core {

class DatasetBuilder {
public:
    DatasetBuilder();
    ~DatasetBuilder();
    DatasetBuilder(const DatasetBuilder&);
    DatasetBuilder& operator=(const DatasetBuilder&);
    DatasetBuilder(DatasetBuilder&&) noexcept;
    DatasetBuilder& operator=(DatasetBuilder&&) noexcept;

    // Text VRs (AE AS CS DA DS DT IS LO LT PN SH ST TM UI UC UR UT): the value
    // as written, multiple values separated by '\'. Padding is added.
    DatasetBuilder& text(Tag tag, const std::string& vr, const std::string& value);
    DatasetBuilder& us(Tag tag, std::uint16_t value);
    DatasetBuilder& usValues(Tag tag, const std::vector<std::uint16_t>& values);
    DatasetBuilder& ss(Tag tag, std::int16_t value);
    DatasetBuilder& ul(Tag tag, std::uint32_t value);
    DatasetBuilder& fd(Tag tag, const std::vector<double>& values);
    DatasetBuilder& fl(Tag tag, const std::vector<float>& values);
    DatasetBuilder& binary(Tag tag, const std::string& vr, std::span<const std::uint8_t> bytes);  // OB / OW / UN
    DatasetBuilder& sequence(Tag tag, const std::vector<DatasetBuilder>& items);
    DatasetBuilder& empty(Tag tag, const std::string& vr);  // Type 2: present, zero length

    // Writes a Part 10 file in Explicit VR Little Endian (SOP Class / Instance
    // UIDs for the meta header are taken from (0008,0016) / (0008,0018)).
    void write(const std::filesystem::path& path) const;
    // The same bytes in memory.
    std::string toBytes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// A new UID under 2.25 (PS3.5 B.2) from 128 random bits.
std::string generateUid();
// A stable UID under 2.25 from a name: the same name always gives the same
// UID (used by the synthetic patients so demo and tests are reproducible).
std::string uidFromName(const std::string& name);

// Formatting helpers for DS / IS values.
std::string formatDs(double value);
std::string formatDsList(const std::vector<double>& values);

}  // namespace lightbox::core
