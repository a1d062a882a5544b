#pragma once
// Specific Character Set (0008,0005) decoding to UTF-8, PS3.5 section 6.1,
// including ISO 2022 code extensions (escape sequences switching G0/G1).

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lightbox::core {

class CharacterSet {
public:
    // From the values of (0008,0005); empty = the default repertoire.
    explicit CharacterSet(std::vector<std::string> specificCharacterSet = {});

    // Decodes one text value. `isPersonName` enables the PN delimiter resets.
    // Bytes that cannot be decoded become U+FFFD; never throws.
    std::string toUtf8(std::string_view bytes, bool isPersonName = false) const;

    const std::vector<std::string>& terms() const { return terms_; }
    bool isDefaultRepertoire() const;

private:
    std::vector<std::string> terms_;
};

}  // namespace lightbox::core
