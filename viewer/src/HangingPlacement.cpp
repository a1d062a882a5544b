#include "lightbox/viewer/HangingPlacement.h"

#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <tuple>

namespace lightbox::viewer {

namespace {

std::string upper(std::string s) {
    for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

bool containsWord(const std::string& text, const std::string& keyword) {
    return QString::fromStdString(text).contains(QString::fromStdString(keyword), Qt::CaseInsensitive);
}

bool anyKeyword(const std::string& text, const std::vector<std::string>& keywords) {
    return std::any_of(keywords.begin(), keywords.end(), [&](const std::string& k) { return containsWord(text, k); });
}

bool listed(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), upper(value)) != list.end();
}

HangingPlane planeOfNormal(const core::Vec3& n) {
    const double ax = std::abs(n[0]), ay = std::abs(n[1]), az = std::abs(n[2]);
    if (az >= ax && az >= ay) return HangingPlane::Axial;
    if (ay >= ax) return HangingPlane::Coronal;
    return HangingPlane::Sagittal;
}

// The first letter of each component of a Patient Orientation ("P\F").
std::pair<char, char> orientationLetters(const std::string& orientation) {
    const auto slash = orientation.find('\\');
    const std::string row = orientation.substr(0, slash);
    const std::string column = slash == std::string::npos ? std::string() : orientation.substr(slash + 1);
    auto first = [](const std::string& s) { return s.empty() ? '\0' : char(std::toupper(static_cast<unsigned char>(s[0]))); };
    return {first(row), first(column)};
}

char opposite(char direction) {
    switch (direction) {
        case 'A': return 'P';
        case 'P': return 'A';
        case 'L': return 'R';
        case 'R': return 'L';
        case 'H': return 'F';
        case 'F': return 'H';
        default: return '\0';
    }
}

struct Candidate {
    int series = -1, image = -1;
};

// Of the series (images) that satisfy the rule's requirements, the best by
// its preferences; `used` holds what already hangs from this study.
Candidate choose(const SeriesSelector& want, const HangingStudy& study, const std::set<std::pair<int, int>>& used) {
    Candidate best;
    std::tuple<int, int, int, int, std::size_t, int> bestScore{};
    auto consider = [&](int s, int image) {
        const core::SeriesInfo& series = study.series[std::size_t(s)];
        const int keyword = want.keywords.empty() ? 0 : anyKeyword(series.seriesDescription, want.keywords);
        const int contrast = !want.contrast ? 0 : (!series.contrastBolusAgent.empty()) == *want.contrast;
        const int unused = used.count({s, image}) ? 0 : 1;
        const int volume = study.formsVolume(series) ? 1 : 0;
        const auto score = std::make_tuple(keyword, contrast, unused, volume, study.imageCount(series), -series.seriesNumber);
        if (best.series < 0 || score > bestScore) {
            best = {s, image};
            bestScore = score;
        }
    };
    const bool byImage = !want.viewPositions.empty() || !want.laterality.empty();
    for (std::size_t s = 0; s < study.series.size(); ++s) {
        const core::SeriesInfo& series = study.series[s];
        if (!want.modalities.empty() && !listed(want.modalities, series.modality)) continue;
        if (want.plane != HangingPlane::Any && acquisitionPlane(series) != want.plane) continue;
        if (!byImage) {
            consider(int(s), -1);
            continue;
        }
        for (std::size_t i = 0; i < series.slices.size(); ++i) {
            const core::SliceRef& image = series.slices[i];
            if (!want.viewPositions.empty() && !listed(want.viewPositions, image.viewPosition)) continue;
            if (!want.laterality.empty() && upper(image.imageLaterality) != want.laterality) continue;
            consider(int(s), int(i));
        }
    }
    return best;
}

}  // namespace

HangingStudy HangingStudy::from(std::vector<core::SeriesInfo> series) {
    HangingStudy study;
    if (!series.empty()) {
        study.studyInstanceUid = series.front().studyInstanceUid;
        study.studyDate = series.front().studyDate;
        study.studyDescription = series.front().studyDescription;
    }
    study.series = std::move(series);
    return study;
}

std::size_t HangingStudy::imageCount(const core::SeriesInfo& one) const {
    return isPartial(one) ? std::max(one.instanceCount, one.slices.size()) : one.imageCount();
}

bool HangingStudy::formsVolume(const core::SeriesInfo& one) const {
    if (!isPartial(one)) return one.isVolume();
    return imageCount(one) >= 2 && !one.slices.empty() && one.slices.front().geometry.hasPatientGeometry();
}

HangingPlane acquisitionPlane(const core::SeriesInfo& series) {
    if (series.isVolume()) return planeOfNormal(series.normal);
    if (!series.slices.empty() && series.slices.front().geometry.hasOrientation)
        return planeOfNormal(series.slices.front().geometry.normal());
    return HangingPlane::Any;
}

bool protocolMatches(const HangingProtocol& protocol, const HangingStudy& current, std::size_t priorCount) {
    const HangingMatch& m = protocol.match;
    if (priorCount < std::size_t(m.minimumPriors)) return false;
    if (!m.modalities.empty() &&
        std::none_of(current.series.begin(), current.series.end(),
                     [&](const core::SeriesInfo& s) { return listed(m.modalities, s.modality); }))
        return false;
    const bool anatomyRules = !m.bodyParts.empty() || !m.studyDescription.empty() || !m.keywords.empty();
    if (!anatomyRules) return true;
    for (const core::SeriesInfo& s : current.series)
        if (!s.bodyPartExamined.empty() && listed(m.bodyParts, s.bodyPartExamined)) return true;
    if (!m.studyDescription.empty()) {
        const QRegularExpression pattern(QString::fromStdString(m.studyDescription),
                                         QRegularExpression::CaseInsensitiveOption);
        if (pattern.match(QString::fromStdString(current.studyDescription)).hasMatch()) return true;
    }
    if (anyKeyword(current.studyDescription, m.keywords)) return true;
    return std::any_of(current.series.begin(), current.series.end(),
                       [&](const core::SeriesInfo& s) { return anyKeyword(s.seriesDescription, m.keywords); });
}

const HangingProtocol* chooseProtocol(const std::vector<HangingProtocol>& protocols, const HangingStudy& current,
                                      std::size_t priorCount) {
    const HangingProtocol* best = nullptr;
    for (const HangingProtocol& p : protocols)
        if ((!best || p.priority > best->priority) && protocolMatches(p, current, priorCount)) best = &p;
    return best;
}

Hang hangStudy(const HangingProtocol& protocol, int stage, const HangingStudy& current,
               const std::vector<HangingStudy>& priors) {
    Hang hang;
    hang.protocol = protocol.name;
    hang.stageCount = int(protocol.stages.size());
    hang.stage = std::clamp(stage, 0, hang.stageCount - 1);
    const HangingStage& s = protocol.stages[std::size_t(hang.stage)];
    hang.stageName = s.name;
    hang.rows = s.rows;
    hang.columns = s.columns;
    std::vector<std::set<std::pair<int, int>>> used(priors.size() + 1);
    for (const ViewportRule& rule : s.viewports) {
        HungViewport v;
        v.plane = rule.plane;
        v.window = rule.window;
        auto place = [&](int studyIndex, const HangingStudy& study, const Candidate& c) {
            used[std::size_t(studyIndex)].insert({c.series, c.image});
            const core::SeriesInfo& series = study.series[std::size_t(c.series)];
            v.study = studyIndex;
            v.seriesIndex = c.series;
            v.seriesInstanceUid = series.seriesInstanceUid;
            if (c.image < 0) return;
            const core::SliceRef& image = series.slices[std::size_t(c.image)];
            v.sopInstanceUid = image.sopInstanceUid;
            if (!rule.orientation.empty() && !image.patientOrientation.empty()) {
                const auto [wantRow, wantColumn] = orientationLetters(rule.orientation);
                const auto [row, column] = orientationLetters(image.patientOrientation);
                v.flipHorizontal = wantRow && row == opposite(wantRow);
                v.flipVertical = wantColumn && column == opposite(wantColumn);
            }
        };
        if (rule.study == 0) {
            const Candidate c = choose(rule.series, current, used[0]);
            if (c.series < 0) v.emptyReason = "no matching series";
            else place(0, current, c);
        } else {
            int found = 0;
            for (std::size_t k = 0; k < priors.size() && found < rule.study; ++k) {
                const HangingStudy& prior = priors[k];
                if (prior.series.empty()) {
                    const bool mayFit = rule.series.modalities.empty() || prior.modalities.empty() ||
                                        std::any_of(prior.modalities.begin(), prior.modalities.end(),
                                                    [&](const std::string& m) { return listed(rule.series.modalities, m); });
                    if (mayFit && ++found == rule.study) {
                        v.study = int(k) + 1;
                        v.emptyReason = "prior not yet local";
                    }
                    continue;
                }
                const Candidate c = choose(rule.series, prior, used[k + 1]);
                if (c.series >= 0 && ++found == rule.study) place(int(k) + 1, prior, c);
            }
            if (found < rule.study)
                v.emptyReason = priors.empty() ? "no prior"
                                : found == 0   ? "no prior with a matching series"
                                               : "no prior " + std::to_string(rule.study);
        }
        hang.viewports.push_back(std::move(v));
    }
    return hang;
}

}  // namespace lightbox::viewer
