#pragma once
// Which physical display a calibration and its QC history belong to: from the
// display's EDID (VESA E-EDID 1.3/1.4 base block: manufacturer, product code,
// serial, week/year of manufacture, size, name and serial descriptors), read
// from /sys/class/drm/card*-*/edid on Linux, or from what the window system
// says (QScreen's manufacturer/model/serialNumber) when there is no EDID.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace lightbox::calibration {

struct DisplayIdentity {
    std::string manufacturer;   // PNP id, e.g. "EIZ", "BAR", "DEL"
    std::uint16_t productCode = 0;
    std::uint32_t serialNumber = 0;  // the numeric serial of the base block (0: none)
    std::string serialText;     // the serial-number descriptor (0xFF), often the one on the label
    std::string modelName;      // the display-name descriptor (0xFC)
    int week = 0, year = 0;     // of manufacture
    int widthCm = 0, heightCm = 0;
    int nativeWidth = 0, nativeHeight = 0;  // preferred timing
    std::string connector;      // card0-DP-1 (DRM) or the screen's name (QScreen)
    std::vector<std::uint8_t> edid;  // raw, when read from EDID

    // The stable key QC history uses: "EIZ-1234-S/N 12345678" (manufacturer,
    // product code in hex, serial text or number); falls back to the model and
    // connector when the display reports neither.
    std::string key() const;
    // "EIZO RX660 (S/N 12345678)" for people.
    std::string describe() const;
};

// Parses an EDID base block (128 bytes; extension blocks are ignored).
// Throws core::Error(InvalidArgument) for a bad header, length or checksum.
DisplayIdentity parseEdid(std::span<const std::uint8_t> bytes);

// Connected displays under a DRM sysfs root (default /sys/class/drm): each
// card*-* connector whose `status` is "connected" and whose `edid` parses.
std::vector<DisplayIdentity> scanDrmDisplays(const std::filesystem::path& root = "/sys/class/drm");

// An identity from what the window system reports for a screen (QScreen's
// name, manufacturer, model, serial number), matched to a DRM display when one
// has the same manufacturer name / model / serial; otherwise built from the
// strings alone.
DisplayIdentity identifyScreen(const std::string& screenName, const std::string& manufacturer,
                               const std::string& model, const std::string& serial,
                               const std::vector<DisplayIdentity>& drmDisplays);

}  // namespace lightbox::calibration
