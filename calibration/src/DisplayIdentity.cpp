#include "lightbox/calibration/DisplayIdentity.h"

#include "lightbox/core/Error.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace lightbox::calibration {

using core::Error;
using core::ErrorCode;

namespace {

// Descriptor text: up to 13 bytes, ended by 0x0A, padded with spaces.
std::string descriptorText(std::span<const std::uint8_t> d) {
    std::string s;
    for (std::size_t i = 5; i < 18 && d[i] != 0x0A && d[i] != 0; ++i)
        s.push_back(d[i] >= 0x20 && d[i] < 0x7F ? char(d[i]) : '?');
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

std::string readSmallFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
    return s;
}

}  // namespace

std::string DisplayIdentity::key() const {
    char product[8];
    std::snprintf(product, sizeof product, "%04X", unsigned(productCode));
    std::string serial = !serialText.empty() ? serialText : serialNumber ? std::to_string(serialNumber) : std::string();
    if (!manufacturer.empty() && (productCode || !serial.empty()))
        return manufacturer + "-" + product + "-" + (serial.empty() ? "no-serial" : serial);
    return (modelName.empty() ? "display" : modelName) + "@" + (connector.empty() ? "unknown" : connector);
}

std::string DisplayIdentity::describe() const {
    std::string s = manufacturer;
    if (!modelName.empty()) s += (s.empty() ? "" : " ") + modelName;
    const std::string serial = !serialText.empty() ? serialText : serialNumber ? std::to_string(serialNumber) : "";
    if (!serial.empty()) s += " (S/N " + serial + ")";
    if (s.empty()) s = "unidentified display";
    if (!connector.empty()) s += " on " + connector;
    return s;
}

DisplayIdentity parseEdid(std::span<const std::uint8_t> b) {
    static constexpr std::uint8_t header[8] = {0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
    if (b.size() < 128) throw Error(ErrorCode::InvalidArgument, "EDID shorter than its 128-byte base block");
    if (!std::equal(std::begin(header), std::end(header), b.begin()))
        throw Error(ErrorCode::InvalidArgument, "not an EDID (bad header)");
    unsigned sum = 0;
    for (std::size_t i = 0; i < 128; ++i) sum += b[i];
    if (sum % 256 != 0) throw Error(ErrorCode::InvalidArgument, "EDID checksum does not match (damaged EDID)");

    DisplayIdentity id;
    id.edid.assign(b.begin(), b.begin() + 128);
    // Manufacturer: three 5-bit letters, big-endian, 1 = 'A'.
    const unsigned m = unsigned(b[8]) << 8 | b[9];
    for (int shift : {10, 5, 0}) {
        const unsigned letter = (m >> shift) & 0x1F;
        if (letter >= 1 && letter <= 26) id.manufacturer.push_back(char('A' + letter - 1));
    }
    id.productCode = std::uint16_t(b[10] | b[11] << 8);
    id.serialNumber = std::uint32_t(b[12]) | std::uint32_t(b[13]) << 8 | std::uint32_t(b[14]) << 16 |
                      std::uint32_t(b[15]) << 24;
    id.week = b[16] <= 54 ? b[16] : 0;  // 0xFF: the year is the model year
    id.year = 1990 + b[17];
    id.widthCm = b[21];
    id.heightCm = b[22];
    for (std::size_t at = 54; at < 126; at += 18) {
        const auto d = b.subspan(at, 18);
        if (d[0] || d[1]) {  // a detailed timing; the first is the preferred one
            if (!id.nativeWidth) {
                id.nativeWidth = d[2] | (d[4] & 0xF0) << 4;
                id.nativeHeight = d[5] | (d[7] & 0xF0) << 4;
            }
            continue;
        }
        if (d[3] == 0xFC) id.modelName = descriptorText(d);
        else if (d[3] == 0xFF) id.serialText = descriptorText(d);
    }
    return id;
}

std::vector<DisplayIdentity> scanDrmDisplays(const std::filesystem::path& root) {
    std::vector<DisplayIdentity> found;
    std::error_code ec;
    if (!std::filesystem::is_directory(root, ec)) return found;
    std::vector<std::filesystem::path> connectors;
    for (const auto& entry : std::filesystem::directory_iterator(root, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("card", 0) == 0 && name.find('-') != std::string::npos) connectors.push_back(entry.path());
    }
    std::sort(connectors.begin(), connectors.end());
    for (const auto& dir : connectors) {
        if (trim(readSmallFile(dir / "status")) != "connected") continue;
        const std::string edid = readSmallFile(dir / "edid");
        if (edid.size() < 128) continue;
        try {
            DisplayIdentity id = parseEdid(std::span(reinterpret_cast<const std::uint8_t*>(edid.data()), edid.size()));
            id.connector = dir.filename().string();
            found.push_back(std::move(id));
        } catch (const Error&) {
            // A damaged EDID: the display is still usable, it just has no identity from here.
        }
    }
    return found;
}

DisplayIdentity identifyScreen(const std::string& screenName, const std::string& manufacturer,
                               const std::string& model, const std::string& serial,
                               const std::vector<DisplayIdentity>& drm) {
    auto endsWith = [](const std::string& s, const std::string& tail) {
        return !tail.empty() && s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0 &&
               s[s.size() - tail.size() - 1] == '-';
    };
    // The same serial first (the strongest match), then the connector name (X11
    // names outputs like DRM without the card prefix), then the model name.
    for (const auto& d : drm)
        if (!serial.empty() && (serial == d.serialText || serial == std::to_string(d.serialNumber))) return d;
    for (const auto& d : drm)
        if (endsWith(d.connector, screenName)) return d;
    for (const auto& d : drm)
        if (!model.empty() && model == d.modelName) return d;
    DisplayIdentity id;
    id.manufacturer = manufacturer;
    id.modelName = model;
    id.serialText = serial;
    id.connector = screenName;
    return id;
}

}  // namespace lightbox::calibration
