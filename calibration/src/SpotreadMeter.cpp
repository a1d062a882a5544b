// ArgyllCMS spotread as a separate process (posix_spawn, output through a
// pipe, a deadline, cancel by SIGTERM), and the parser for what it prints:
//
//    Result is XYZ: 95.041733 100.000000 108.882416, Yxy: 100.000000 0.312727 0.329023
//    Ambient = 314.2 Lux, CCT = 6504K (Delta E 0.000000)
//
// (spotread's own printf formats; -x selects Yxy rather than Lab, -O one
// reading and exit, -e emissive, -a ambient. XYZ are cd/m2 for emissive
// readings; for ambient, Y x pi is the illuminance in lux.)

#include "lightbox/calibration/Meter.h"

#include "lightbox/core/Error.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <regex>
#include <sstream>

extern char** environ;

namespace lightbox::calibration {

using core::Error;
using core::ErrorCode;

namespace {

const std::string kNumber = R"(([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?))";

std::string lastMeaningfulLine(const std::string& text) {
    std::istringstream in(text);
    std::string line, last;
    while (std::getline(in, line)) {
        const auto first = line.find_first_not_of(" \t\r");
        if (first != std::string::npos) last = line.substr(first);
    }
    return last;
}

}  // namespace

MeterReading parseSpotreadOutput(const std::string& text) {
    static const std::regex xyzLine("Result is XYZ:\\s*" + kNumber + "\\s+" + kNumber + "\\s+" + kNumber);
    static const std::regex yxy("Yxy:\\s*" + kNumber + "\\s+" + kNumber + "\\s+" + kNumber);
    static const std::regex yOnly("Result is Y:\\s*" + kNumber);
    static const std::regex ambient("Ambient = " + kNumber + " Lux");
    MeterReading m;
    bool found = false;
    // The last result counts (spotread may print a calibration reading first).
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::smatch s;
        if (std::regex_search(line, s, xyzLine)) {
            const double X = std::stod(s[1]), Y = std::stod(s[2]), Z = std::stod(s[3]);
            m = MeterReading{};
            m.luminance = Y;
            const double sum = X + Y + Z;
            if (sum > 0) {
                m.x = X / sum;
                m.y = Y / sum;
            }
            std::smatch c;
            if (std::regex_search(line, c, yxy)) {
                m.x = std::stod(c[2]);
                m.y = std::stod(c[3]);
            }
            if (m.x && m.y)
                if (const auto uv = uvFromXy(*m.x, *m.y)) std::tie(m.u, m.v) = *uv;
            found = true;
        } else if (std::regex_search(line, s, yOnly)) {
            m = MeterReading{};
            m.luminance = std::stod(s[1]);
            found = true;
        } else if (std::regex_search(line, s, ambient) && found) {
            m.illuminance = std::stod(s[1]);
        }
    }
    if (!found) {
        const std::string why = lastMeaningfulLine(text);
        throw Error(ErrorCode::Io, "spotread gave no reading" + (why.empty() ? std::string() : ": " + why));
    }
    if (!std::isfinite(m.luminance) || m.luminance < 0) throw Error(ErrorCode::Io, "spotread reported a negative luminance");
    return m;
}

SpotreadMeter::SpotreadMeter(SpotreadOptions options) : options_(std::move(options)) {}

std::vector<std::string> SpotreadMeter::lastArguments() const {
    std::lock_guard lock(mutex_);
    return lastArguments_;
}

MeterReading SpotreadMeter::measure(const MeterRequest&) { return run({"-e", "-x", "-O"}); }

MeterReading SpotreadMeter::measureAmbient() {
    MeterReading m = run({"-a", "-x", "-O"});
    if (!m.illuminance) m.illuminance = M_PI * m.luminance;
    return m;
}

void SpotreadMeter::cancel() {
    cancelled_ = true;
    if (const long pid = child_.load(); pid > 0) ::kill(pid_t(pid), SIGTERM);
}

MeterReading SpotreadMeter::run(std::vector<std::string> arguments) {
    cancelled_ = false;
    arguments.insert(arguments.end(), options_.extraArguments.begin(), options_.extraArguments.end());
    arguments.insert(arguments.begin(), options_.program);
    {
        std::lock_guard lock(mutex_);
        lastArguments_ = arguments;
    }
    std::vector<char*> argv;
    for (auto& a : arguments) argv.push_back(a.data());
    argv.push_back(nullptr);

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw Error(ErrorCode::Io, std::string("spotread: pipe: ") + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, options_.program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (spawned != 0) {
        ::close(fds[0]);
        throw Error(ErrorCode::Io, "cannot start " + options_.program + " (ArgyllCMS installed?): " + std::strerror(spawned));
    }
    child_ = pid;
    if (cancelled_) ::kill(pid, SIGTERM);  // cancel() came between the reset and the spawn

    std::string output;
    const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
    bool timedOut = false;
    char buffer[4096];
    for (;;) {
        pollfd p{fds[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, 100);
        if (ready > 0) {
            const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
            if (n > 0) {
                if (output.size() < (1u << 20)) output.append(buffer, std::size_t(n));
                continue;
            }
            if (n == 0) break;  // end of output: the process closed it
            if (errno != EINTR && errno != EAGAIN) break;
        } else if (ready < 0 && errno != EINTR) {
            break;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            timedOut = true;
            ::kill(pid, SIGTERM);
            break;
        }
    }
    ::close(fds[0]);
    child_ = 0;  // still unreaped here, so a cancel() until now signalled the right process
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (cancelled_.exchange(false)) throw Error(ErrorCode::Cancelled, "spotread reading cancelled");
    if (timedOut)
        throw Error(ErrorCode::Io, "spotread gave no reading within " + std::to_string(options_.timeout.count()) +
                                       " s (instrument connected and on the screen?)");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && output.empty())
        throw Error(ErrorCode::Io, "cannot run " + options_.program + " (ArgyllCMS installed?)");
    return parseSpotreadOutput(output);
}

}  // namespace lightbox::calibration
