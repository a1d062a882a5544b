#pragma once
// Read access to a parsed DICOM data set (the root of a file or an item of a
// sequence). Text values come back as UTF-8, decoded with the data set's
// Specific Character Set; numbers come back parsed, whatever their VR.
//
// A Dataset is a cheap handle: copies share the parsed file.

#include "lightbox/core/Tag.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace lightbox::core {

class CharacterSet;

class Dataset {
public:
    struct Shared;  // the parsed file: defined in the implementation

    Dataset() = default;

    bool has(Tag tag) const;  // present (possibly empty)
    bool hasValue(Tag tag) const;  // present with a non-empty value

    // The value as text (UTF-8, trailing padding removed). Multiple values are
    // joined with '\'. Numbers in binary VRs are formatted. Empty: nullopt.
    std::optional<std::string> string(Tag tag) const;
    std::vector<std::string> strings(Tag tag) const;
    std::string stringOr(Tag tag, std::string fallback) const;

    // Numeric values from DS/IS/US/SS/UL/SL/FL/FD/OW... Unparsable: nullopt.
    std::optional<double> number(Tag tag, std::size_t index = 0) const;
    std::vector<double> numbers(Tag tag) const;
    std::optional<long long> integer(Tag tag, std::size_t index = 0) const;

    // The raw value bytes in host (little endian) order; empty if absent.
    std::span<const std::byte> bytes(Tag tag) const;
    std::string vr(Tag tag) const;  // "US", "SQ", ... ("" if absent)

    // Items of a sequence (empty if absent or not a sequence).
    std::vector<Dataset> items(Tag tag) const;

    // Visit every element in file order: depth 0 for this data set.
    struct ElementInfo {
        Tag tag;
        std::string vr;
        std::string keyword;   // from the data dictionary, "" for unknown/private
        std::uint32_t length = 0;  // 0xFFFFFFFF for undefined
        int depth = 0;
        bool isSequence = false;
        bool isItem = false;       // an item header inside a sequence
        std::string value;         // display text (UTF-8), truncated for long binary values
    };
    void visit(const std::function<void(const ElementInfo&)>& visitor, int depth = 0) const;

protected:
    Dataset(std::shared_ptr<const Shared> shared, const void* dataSet,
            std::shared_ptr<const CharacterSet> charset);
    friend struct DatasetAccess;
    friend struct DicomFileFactory;
    friend class DicomFile;

    std::shared_ptr<const Shared> shared_;
    const void* dataSet_ = nullptr;  // gdcm::DataSet inside shared_
    std::shared_ptr<const CharacterSet> charset_;
};

}  // namespace lightbox::core
