#include "lightbox/calibration/Meter.h"

#include "lightbox/core/Error.h"

#include <cmath>
#include <thread>

namespace lightbox::calibration {

using core::Error;
using core::ErrorCode;

std::optional<std::pair<double, double>> uvFromXy(double x, double y) {
    const double d = -2 * x + 12 * y + 3;
    if (!(std::abs(d) > 1e-12) || !std::isfinite(d)) return std::nullopt;
    return std::pair{4 * x / d, 9 * y / d};
}

Reading toReading(const MeterRequest& request, const MeterReading& reading) {
    Reading r;
    r.ddl = request.level;
    r.luminance = reading.luminance;
    r.u = reading.u;
    r.v = reading.v;
    if (!r.u && reading.x && reading.y)
        if (const auto uv = uvFromXy(*reading.x, *reading.y)) std::tie(r.u, r.v) = *uv;
    r.position = request.position;
    if (!request.position.empty()) r.level = request.level;
    r.display = request.display;
    return r;
}

MeterReading Meter::measureAmbient() {
    throw Error(ErrorCode::InvalidArgument, name() + " does not measure ambient illuminance");
}

ManualMeter::ManualMeter(Ask ask, std::string instrument) : ask_(std::move(ask)), instrument_(std::move(instrument)) {}

MeterReading ManualMeter::measure(const MeterRequest& request) {
    auto reading = ask_(request);
    if (!reading) throw Error(ErrorCode::Cancelled, "reading not entered");
    if (!std::isfinite(reading->luminance) || reading->luminance < 0)
        throw Error(ErrorCode::InvalidArgument, "a luminance must be a number >= 0 cd/m2");
    return *reading;
}

CsvMeter::CsvMeter(ReadingSet readings, std::string origin) : readings_(std::move(readings)), origin_(std::move(origin)) {}

CsvMeter CsvMeter::read(const std::filesystem::path& path) {
    return CsvMeter(ReadingSet::readCsv(path), path.filename().string());
}

MeterReading CsvMeter::measure(const MeterRequest& request) {
    for (const auto& r : readings_.readings) {
        if (r.position != request.position || r.display != request.display) continue;
        const double level = request.position.empty() ? r.ddl : r.level.value_or(r.ddl);
        if (std::abs(level - request.level) > 1e-9) continue;
        MeterReading m;
        m.luminance = r.luminance;
        m.u = r.u;
        m.v = r.v;
        return m;
    }
    throw Error(ErrorCode::InvalidArgument,
                origin_ + ": no reading for level " + std::to_string(request.level) +
                    (request.position.empty() ? std::string() : " at " + request.position) +
                    (request.display.empty() ? std::string() : " on " + request.display));
}

SimulatedMeter::SimulatedMeter(SimulatedDisplay& display, SimulatedMeterOptions options)
    : display_(display), options_(options) {}

void SimulatedMeter::wait() {
    cancelled_ = false;  // a cancel() meant for an earlier reading does not stop this one
    // Sleep in small steps so that cancel() is answered promptly.
    const auto end = std::chrono::steady_clock::now() + options_.delay;
    while (std::chrono::steady_clock::now() < end) {
        if (cancelled_.exchange(false)) throw Error(ErrorCode::Cancelled, "measurement cancelled");
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (cancelled_.exchange(false)) throw Error(ErrorCode::Cancelled, "measurement cancelled");
}

MeterReading SimulatedMeter::measure(const MeterRequest& request) {
    wait();
    std::lock_guard lock(mutex_);
    const Reading r = display_.read(request.level, request.position);
    MeterReading m;
    m.luminance = r.luminance + (options_.telescopic ? options_.ambientLux * options_.reflection : 0.0);
    m.u = r.u;
    m.v = r.v;
    return m;
}

MeterReading SimulatedMeter::measureAmbient() {
    wait();
    MeterReading m;
    m.illuminance = options_.ambientLux;
    m.luminance = options_.ambientLux / M_PI;  // as a cosine-corrected sensor reports Y = E / pi
    return m;
}

}  // namespace lightbox::calibration
