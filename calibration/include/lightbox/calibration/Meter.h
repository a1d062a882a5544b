#pragma once
// Luminance meters behind one interface: typed-in values, a readings CSV, a
// colorimeter driven by ArgyllCMS `spotread` (a separate process: Argyll is
// AGPL and is never linked), and a simulated meter over SimulatedDisplay.
//
// measure() blocks until the instrument answers (seconds for a real one): the
// GUI calls it on a worker thread, and cancel() from any thread ends a running
// measure() with core::Error(Cancelled).

#include "lightbox/calibration/Readings.h"
#include "lightbox/calibration/SimulatedDisplay.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace lightbox::calibration {

// What the meter is pointed at.
struct MeterRequest {
    int level = 0;           // gray level shown (P-value or DDL)
    std::string position;    // "" for the luminance response; centre/tl/tr/bl/br or 1..9
    std::string display;     // for multi-display sets
    std::string pattern;     // the pattern shown (for prompts), e.g. TG18-LN8-05
};

struct MeterReading {
    double luminance = 0;               // cd/m2 (CIE Y)
    std::optional<double> x, y;         // CIE 1931 chromaticity
    std::optional<double> u, v;         // CIE 1976 u', v'
    std::optional<double> illuminance;  // lux, for ambient readings
};

// CIE 1976 u'v' from CIE 1931 xy (nullopt for a degenerate denominator).
std::optional<std::pair<double, double>> uvFromXy(double x, double y);

// A Reading (as the readings CSV and evaluateReadings() know it) from a meter reading.
Reading toReading(const MeterRequest& request, const MeterReading& reading);

class Meter {
public:
    virtual ~Meter() = default;
    virtual std::string name() const = 0;  // what the history records as the meter
    virtual MeterReading measure(const MeterRequest& request) = 0;
    virtual bool measuresAmbient() const { return false; }
    // Illuminance at the display face. Default: throws InvalidArgument.
    virtual MeterReading measureAmbient();
    virtual void cancel() {}
};

// Manual entry: a person reads a meter and types the value. The callback is
// asked for each request (nullopt: the person cancelled).
class ManualMeter : public Meter {
public:
    using Ask = std::function<std::optional<MeterReading>(const MeterRequest&)>;
    explicit ManualMeter(Ask ask, std::string instrument = "manual entry");
    std::string name() const override { return instrument_; }
    MeterReading measure(const MeterRequest& request) override;

private:
    Ask ask_;
    std::string instrument_;
};

// Readings imported from a CSV (the `qc evaluate` format): each request is
// answered by the row with the same level, position and display.
class CsvMeter : public Meter {
public:
    explicit CsvMeter(ReadingSet readings, std::string origin = "CSV import");
    static CsvMeter read(const std::filesystem::path& path);
    std::string name() const override { return "CSV import (" + origin_ + ")"; }
    // Throws InvalidArgument when the file has no row for the request.
    MeterReading measure(const MeterRequest& request) override;

private:
    ReadingSet readings_;
    std::string origin_;
};

// What spotread printed, parsed. Throws core::Error(Io) with spotread's own
// complaint ("Spot read failed", "No instrument found" ...) when the output
// holds no result.
MeterReading parseSpotreadOutput(const std::string& text);

struct SpotreadOptions {
    std::string program = "spotread";  // a path, or a name looked up in PATH
    std::vector<std::string> extraArguments;  // e.g. {"-y", "l"} (display type), {"-c", "2"}
    std::chrono::seconds timeout{60};
};

// One reading per process: `spotread -e -x -O` (emissive; -a for ambient).
class SpotreadMeter : public Meter {
public:
    explicit SpotreadMeter(SpotreadOptions options = {});
    std::string name() const override { return "ArgyllCMS spotread"; }
    MeterReading measure(const MeterRequest& request) override;
    bool measuresAmbient() const override { return true; }
    MeterReading measureAmbient() override;
    void cancel() override;

    // The arguments of the last run (for logs and tests).
    std::vector<std::string> lastArguments() const;

private:
    MeterReading run(std::vector<std::string> arguments);
    SpotreadOptions options_;
    std::atomic<bool> cancelled_{false};
    std::atomic<long> child_{0};
    mutable std::mutex mutex_;
    std::vector<std::string> lastArguments_;
};

// A meter over a simulated panel: the panel's curve, its noise and corner
// fall-off (SimulatedDisplay), plus room light. A telescopic meter also sees
// the reflected ambient (illuminance x reflection coefficient); a contact
// meter does not. `delay` stands for the instrument's integration time.
struct SimulatedMeterOptions {
    double ambientLux = 0;
    double reflection = 0;          // cd/m2 per lux (diffuse reflection coefficient)
    bool telescopic = false;
    std::chrono::milliseconds delay{0};
};

class SimulatedMeter : public Meter {
public:
    SimulatedMeter(SimulatedDisplay& display, SimulatedMeterOptions options = {});
    std::string name() const override { return "simulated meter"; }
    MeterReading measure(const MeterRequest& request) override;
    bool measuresAmbient() const override { return true; }
    MeterReading measureAmbient() override;
    void cancel() override { cancelled_ = true; }
    SimulatedDisplay& display() { return display_; }

private:
    void wait();
    SimulatedDisplay& display_;
    SimulatedMeterOptions options_;
    std::mutex mutex_;  // SimulatedDisplay's noise generator is not thread-safe
    std::atomic<bool> cancelled_{false};
};

}  // namespace lightbox::calibration
