#include "lightbox/core/CharacterSet.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <mutex>

namespace lightbox::core {
namespace {

// How a code element is encoded, for the decoder below.
enum class Kind {
    Ascii,       // 7-bit ASCII (G0)
    SingleByte,  // an 8-bit table: bytes >= 0x80 through iconv `name`
    Utf8,        // ISO_IR 192: already UTF-8
    Multibyte,   // a whole-value multibyte encoding (GB18030, GBK)
    Jis0208,     // two 7-bit bytes in G0 -> EUC-JP after setting the high bits
    Jis0212,     // as above with the EUC-JP SS3 prefix
    Euc,         // two 8-bit bytes in G1: EUC-KR / EUC-CN
};

struct Encoding {
    Kind kind = Kind::Ascii;
    const char* iconvName = "ASCII";
};

// Defined Terms of PS3.3 C.12.1.1.2 -> the iconv encoding of their G1 (or whole) set.
Encoding encodingForTerm(std::string term) {
    static const std::map<std::string, Encoding> table = {
        {"", {Kind::Ascii, "ASCII"}},
        {"ISO_IR 6", {Kind::Ascii, "ASCII"}},
        {"ISO 2022 IR 6", {Kind::Ascii, "ASCII"}},
        {"ISO_IR 100", {Kind::SingleByte, "ISO-8859-1"}},
        {"ISO 2022 IR 100", {Kind::SingleByte, "ISO-8859-1"}},
        {"ISO_IR 101", {Kind::SingleByte, "ISO-8859-2"}},
        {"ISO 2022 IR 101", {Kind::SingleByte, "ISO-8859-2"}},
        {"ISO_IR 109", {Kind::SingleByte, "ISO-8859-3"}},
        {"ISO 2022 IR 109", {Kind::SingleByte, "ISO-8859-3"}},
        {"ISO_IR 110", {Kind::SingleByte, "ISO-8859-4"}},
        {"ISO 2022 IR 110", {Kind::SingleByte, "ISO-8859-4"}},
        {"ISO_IR 144", {Kind::SingleByte, "ISO-8859-5"}},
        {"ISO 2022 IR 144", {Kind::SingleByte, "ISO-8859-5"}},
        {"ISO_IR 127", {Kind::SingleByte, "ISO-8859-6"}},
        {"ISO 2022 IR 127", {Kind::SingleByte, "ISO-8859-6"}},
        {"ISO_IR 126", {Kind::SingleByte, "ISO-8859-7"}},
        {"ISO 2022 IR 126", {Kind::SingleByte, "ISO-8859-7"}},
        {"ISO_IR 138", {Kind::SingleByte, "ISO-8859-8"}},
        {"ISO 2022 IR 138", {Kind::SingleByte, "ISO-8859-8"}},
        {"ISO_IR 148", {Kind::SingleByte, "ISO-8859-9"}},
        {"ISO 2022 IR 148", {Kind::SingleByte, "ISO-8859-9"}},
        {"ISO_IR 203", {Kind::SingleByte, "ISO-8859-15"}},
        {"ISO 2022 IR 203", {Kind::SingleByte, "ISO-8859-15"}},
        {"ISO_IR 166", {Kind::SingleByte, "TIS-620"}},
        {"ISO 2022 IR 166", {Kind::SingleByte, "TIS-620"}},
        {"ISO_IR 13", {Kind::SingleByte, "SHIFT_JIS"}},
        {"ISO 2022 IR 13", {Kind::SingleByte, "SHIFT_JIS"}},
        {"ISO 2022 IR 87", {Kind::Jis0208, "EUC-JP"}},
        {"ISO 2022 IR 159", {Kind::Jis0212, "EUC-JP"}},
        {"ISO 2022 IR 149", {Kind::Euc, "EUC-KR"}},
        {"ISO 2022 IR 58", {Kind::Euc, "EUC-CN"}},
        {"ISO_IR 192", {Kind::Utf8, "UTF-8"}},
        {"GB18030", {Kind::Multibyte, "GB18030"}},
        {"GBK", {Kind::Multibyte, "GBK"}},
    };
    // Tolerate common misspellings written by real systems.
    std::replace(term.begin(), term.end(), '-', '_');
    if (term.rfind("ISO_2022", 0) == 0) term.replace(0, 8, "ISO 2022");
    if (term == "ISO_IR_100") term = "ISO_IR 100";
    if (term == "ISO_IR_192" || term == "UTF_8" || term == "UTF8") term = "ISO_IR 192";
    auto it = table.find(term);
    if (it != table.end()) return it->second;
    return {Kind::SingleByte, "ISO-8859-1"};  // unknown term: Latin-1 loses nothing
}

// Appends iconv(from -> UTF-8) of `in`; undecodable bytes become U+FFFD.
void appendConverted(std::string& out, std::string_view in, const char* from) {
    if (in.empty()) return;
    // 7-bit bytes are themselves in every encoding here but Shift JIS (whose
    // JIS X 0201 half has the yen sign at 0x5C): no converter to open.
    const bool sevenBit = std::all_of(in.begin(), in.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (sevenBit && std::string_view(from) != "SHIFT_JIS") {
        out.append(in);
        return;
    }
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        for (unsigned char c : in) out += (c < 0x80) ? static_cast<char>(c) : '?';
        return;
    }
    std::string buffer(in.size() * 4 + 16, '\0');
    char* inPtr = const_cast<char*>(in.data());
    size_t inLeft = in.size();
    while (inLeft > 0) {
        char* outPtr = buffer.data();
        size_t outLeft = buffer.size();
        size_t rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft);
        out.append(buffer.data(), buffer.size() - outLeft);
        if (rc == static_cast<size_t>(-1)) {
            if (errno == E2BIG) continue;
            out += "\xEF\xBF\xBD";  // U+FFFD, skip one byte and go on
            ++inPtr;
            --inLeft;
            iconv(cd, nullptr, nullptr, nullptr, nullptr);
        }
    }
    iconv_close(cd);
}

bool isDelimiter(unsigned char c, bool personName) {
    return c == '\r' || c == '\n' || c == '\t' || c == '\f' || c == '\\' ||
           (personName && (c == '^' || c == '='));
}

}  // namespace

CharacterSet::CharacterSet(std::vector<std::string> terms) : terms_(std::move(terms)) {
    for (auto& t : terms_) {
        while (!t.empty() && (t.back() == ' ' || t.back() == '\0')) t.pop_back();
        while (!t.empty() && t.front() == ' ') t.erase(t.begin());
    }
}

bool CharacterSet::isDefaultRepertoire() const {
    return std::all_of(terms_.begin(), terms_.end(), [](const std::string& t) {
        return t.empty() || t == "ISO_IR 6" || t == "ISO 2022 IR 6";
    });
}

std::string CharacterSet::toUtf8(std::string_view bytes, bool isPersonName) const {
    const Encoding initial = encodingForTerm(terms_.empty() ? std::string() : terms_.front());
    const bool usesCodeExtensions =
        terms_.size() > 1 || (!terms_.empty() && terms_.front().rfind("ISO 2022", 0) == 0);

    if (initial.kind == Kind::Utf8 || initial.kind == Kind::Multibyte) {
        std::string out;
        appendConverted(out, bytes, initial.iconvName);
        return out;
    }
    if (initial.kind == Kind::Ascii && !usesCodeExtensions) {
        // Default repertoire: pass ASCII through; stray 8-bit bytes are most
        // often Latin-1 written by systems that forgot (0008,0005).
        bool ascii = std::all_of(bytes.begin(), bytes.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        if (ascii) return std::string(bytes);
        std::string out;
        appendConverted(out, bytes, "ISO-8859-1");
        return out;
    }
    if (!usesCodeExtensions) {
        std::string out;
        appendConverted(out, bytes, initial.iconvName);
        return out;
    }

    // ISO 2022: track the G0 and G1 code elements through escape sequences.
    Encoding g0{Kind::Ascii, "ASCII"};
    Encoding g1 = initial.kind == Kind::Ascii ? Encoding{Kind::SingleByte, "ISO-8859-1"} : initial;
    if (initial.kind == Kind::Jis0208 || initial.kind == Kind::Jis0212) g0 = initial;
    const Encoding g0Initial = g0, g1Initial = g1;

    std::string out;
    std::string run;  // bytes pending in the current code element
    Kind runKind = Kind::Ascii;
    const char* runName = "ASCII";
    auto flush = [&]() {
        if (run.empty()) return;
        if (runKind == Kind::Jis0208 || runKind == Kind::Jis0212) {
            std::string euc;
            for (size_t i = 0; i < run.size(); ++i) {
                if (runKind == Kind::Jis0212 && i % 2 == 0) euc += '\x8F';
                euc += static_cast<char>(static_cast<unsigned char>(run[i]) | 0x80);
            }
            appendConverted(out, euc, "EUC-JP");
        } else {
            appendConverted(out, run, runName);
        }
        run.clear();
    };
    auto emit = [&](unsigned char c, const Encoding& e) {
        Kind k = e.kind;
        const char* name = e.iconvName;
        if (c < 0x80 && e.kind == Kind::Ascii) name = "ASCII";
        if (k != runKind || name != runName) {
            flush();
            runKind = k;
            runName = name;
        }
        run += static_cast<char>(c);
    };

    for (size_t i = 0; i < bytes.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(bytes[i]);
        if (c == 0x1B) {
            flush();
            std::string_view rest = bytes.substr(i + 1);
            auto starts = [&](std::string_view s) { return rest.substr(0, s.size()) == s; };
            if (starts("(B")) { g0 = {Kind::Ascii, "ASCII"}; i += 2; }
            else if (starts("(J")) { g0 = {Kind::SingleByte, "SHIFT_JIS"}; i += 2; }
            else if (starts(")I")) { g1 = {Kind::SingleByte, "SHIFT_JIS"}; i += 2; }
            else if (starts("$B")) { g0 = {Kind::Jis0208, "EUC-JP"}; i += 2; }
            else if (starts("$(D")) { g0 = {Kind::Jis0212, "EUC-JP"}; i += 3; }
            else if (starts("$)C")) { g1 = {Kind::Euc, "EUC-KR"}; i += 3; }
            else if (starts("$)A")) { g1 = {Kind::Euc, "EUC-CN"}; i += 3; }
            else if (rest.size() >= 2 && rest[0] == '-') {
                static const std::map<char, const char*> g96 = {
                    {'A', "ISO-8859-1"}, {'B', "ISO-8859-2"}, {'C', "ISO-8859-3"},
                    {'D', "ISO-8859-4"}, {'L', "ISO-8859-5"}, {'G', "ISO-8859-6"},
                    {'F', "ISO-8859-7"}, {'H', "ISO-8859-8"}, {'M', "ISO-8859-9"},
                    {'T', "TIS-620"},    {'b', "ISO-8859-15"}};
                auto it = g96.find(rest[1]);
                g1 = {Kind::SingleByte, it != g96.end() ? it->second : "ISO-8859-1"};
                i += 2;
            } else {
                out += "\xEF\xBF\xBD";  // unknown escape: mark it, keep going
            }
            continue;
        }
        bool g0IsMultibyte = g0.kind == Kind::Jis0208 || g0.kind == Kind::Jis0212;
        if (!g0IsMultibyte && isDelimiter(c, isPersonName)) {
            flush();
            out += static_cast<char>(c);
            g0 = g0Initial.kind == Kind::Jis0208 || g0Initial.kind == Kind::Jis0212
                     ? Encoding{Kind::Ascii, "ASCII"} : g0Initial;
            g1 = g1Initial;
            continue;
        }
        if (c < 0x80) {
            if (g0IsMultibyte && (c == '\r' || c == '\n')) { flush(); out += static_cast<char>(c); continue; }
            emit(c, g0);
        } else {
            emit(c, g1);
        }
    }
    flush();
    return out;
}

}  // namespace lightbox::core
