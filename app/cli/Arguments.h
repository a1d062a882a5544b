#pragma once
// Minimal command-line parsing for lightbox-cli: positionals and --options.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lightbox::cli {

class Arguments {
public:
    // `flags` take no value; every other --option takes the next argument.
    Arguments(int argc, char** argv, int first, const std::set<std::string>& flags,
              const std::set<std::string>& valued);

    const std::vector<std::string>& positionals() const { return positionals_; }
    bool flag(const std::string& name) const { return flags_.count(name) != 0; }
    std::optional<std::string> value(const std::string& name) const;
    // Parses a positive integer option; throws UsageError on junk.
    std::optional<long> integer(const std::string& name) const;

private:
    std::vector<std::string> positionals_;
    std::set<std::string> flags_;
    std::map<std::string, std::string> values_;
};

struct UsageError {
    std::string message;
};

}  // namespace lightbox::cli
