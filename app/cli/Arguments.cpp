#include "Arguments.h"

#include <cstdlib>

namespace lightbox::cli {

Arguments::Arguments(int argc, char** argv, int first, const std::set<std::string>& flags,
                     const std::set<std::string>& valued) {
    for (int i = first; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) == 0 && a.size() > 2) {
            std::string name = a.substr(2), inlineValue;
            bool hasInline = false;
            if (auto eq = name.find('='); eq != std::string::npos) {
                inlineValue = name.substr(eq + 1);
                name = name.substr(0, eq);
                hasInline = true;
            }
            if (flags.count(name)) {
                flags_.insert(name);
            } else if (valued.count(name)) {
                if (hasInline) values_[name] = inlineValue;
                else if (i + 1 < argc) values_[name] = argv[++i];
                else throw UsageError{"option --" + name + " needs a value"};
            } else {
                throw UsageError{"unknown option --" + name};
            }
        } else {
            positionals_.push_back(a);
        }
    }
}

std::optional<std::string> Arguments::value(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::optional<long> Arguments::integer(const std::string& name) const {
    auto v = value(name);
    if (!v) return std::nullopt;
    char* end = nullptr;
    long n = std::strtol(v->c_str(), &end, 10);
    if (end == v->c_str() || *end != '\0') throw UsageError{"--" + name + " expects an integer, got '" + *v + "'"};
    return n;
}

}  // namespace lightbox::cli
