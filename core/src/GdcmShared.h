#pragma once
// Private to core: the GDCM objects behind Dataset / DicomFile.

#include "lightbox/core/Dataset.h"
#include "lightbox/core/DicomFile.h"

#include <gdcmDataElement.h>
#include <gdcmDataSet.h>
#include <gdcmFile.h>

#include <filesystem>

namespace lightbox::core {

struct Dataset::Shared {
    gdcm::SmartPointer<gdcm::File> file;
    std::filesystem::path path;
    std::string transferSyntax;
    DicomFile::Extent extent = DicomFile::Extent::Everything;
    std::optional<DicomFile::ValueLocation> pixelLocation;  // native pixel value in the file
    bool pixelDataSkipped = false;                          // header-only read stopped at Pixel Data
    bool pixelDataTruncated = false;                        // header-only read: value runs past the end
    // Items parsed lazily from implicit/UN-encoded sequences are kept alive here.
    mutable std::vector<gdcm::SmartPointer<gdcm::SequenceOfItems>> parsedSequences;
};

// Grants core's implementation files access to the GDCM data behind a Dataset.
struct DatasetAccess {
    static const gdcm::DataSet& dataSet(const Dataset& ds) {
        return *static_cast<const gdcm::DataSet*>(ds.dataSet_);
    }
    static const Dataset::Shared& shared(const Dataset& ds) { return *ds.shared_; }
    static const gdcm::DataElement* element(const Dataset& ds, Tag tag);
};

inline gdcm::Tag toGdcm(Tag t) { return gdcm::Tag(t.group, t.element); }

}  // namespace lightbox::core
