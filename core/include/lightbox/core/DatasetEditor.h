#pragma once
// Rewriting attributes of a stored DICOM object: patient demographics after a
// reconciliation (IHE PIR), de-identification on export. Loads Part 10 bytes,
// changes text attributes, removes elements (at any depth), remaps UIDs, and
// writes the object back in its original transfer syntax with the pixel data
// (native or encapsulated) untouched. GDCM stays inside core.

#include "lightbox/core/Tag.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::core {

class DatasetEditor {
public:
    // Throws Error(NotDicom / Malformed) naming `nameForErrors`.
    static DatasetEditor fromBytes(std::string bytes, const std::string& nameForErrors = "<memory>");

    DatasetEditor(DatasetEditor&&) noexcept;
    DatasetEditor& operator=(DatasetEditor&&) noexcept;
    ~DatasetEditor();

    std::string transferSyntaxUid() const;

    // A top-level text value as UTF-8 (padding trimmed); nullopt if absent or empty.
    std::optional<std::string> text(Tag tag) const;

    // Sets a top-level text attribute (AE AS CS DA DS DT IS LO LT PN SH ST TM
    // UI UC UR UT) from UTF-8. The VR comes from the element already present,
    // else from the data dictionary. Non-ASCII text is encoded in the object's
    // Specific Character Set; where that set cannot hold it the call throws
    // Error(InvalidArgument) rather than write bytes another reader would
    // misread. An object in the default repertoire switches to ISO_IR 192.
    void setText(Tag tag, const std::string& utf8Value);
    void setText(Tag tag, const std::string& vr, const std::string& utf8Value);
    bool remove(Tag tag);  // top level; false when absent

    // A sequence whose items hold text elements (a code sequence, say).
    struct TextElement {
        Tag tag;
        std::string vr;
        std::string value;  // UTF-8
    };
    void setSequence(Tag tag, const std::vector<std::vector<TextElement>>& items);

    // Visits every element at every depth (the items of sequences too, after
    // their sequence was kept) and applies what `decide` says.
    struct Element {
        Tag tag;
        std::string vr;       // effective VR (dictionary VR for implicit encodings)
        std::string keyword;  // "" for private and unknown tags
        int depth = 0;        // 0 at top level
        bool isSequence = false;
        std::string text;     // text VRs: the value as UTF-8 (padding trimmed)
    };
    enum class Action {
        Keep,     // sequences: descend into their items
        Remove,
        Empty,    // zero length (sequences: no items)
        Replace,  // text VRs only: Decision::value
    };
    struct Decision {
        Action action = Action::Keep;
        std::string value;
    };
    // Returns how many elements were changed or removed.
    std::size_t edit(const std::function<Decision(const Element&)>& decide);

    // Part 10 bytes in the original transfer syntax. The meta header follows
    // the data set: Media Storage SOP Instance UID = SOP Instance UID.
    std::string toBytes() const;

private:
    struct Impl;
    explicit DatasetEditor(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace lightbox::core
