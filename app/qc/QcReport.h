#pragma once
// The display-QC report as PDF (QPdfWriter): display identity, test
// conditions, each criterion with value, limit and verdict, the contrast-
// response plot with its tolerance band (Qt Charts), the uniformity map,
// every reading, and a signature line. Needs a QApplication (Qt Charts are
// graphics widgets); the offscreen platform is enough.

#include "lightbox/calibration/Conformance.h"
#include "lightbox/calibration/CriteriaProfile.h"
#include "lightbox/calibration/DisplayIdentity.h"
#include "lightbox/calibration/Readings.h"

#include <QString>

#include <optional>
#include <string>

namespace lightbox::qc {

struct QcReportInput {
    calibration::DisplayIdentity display;
    std::string test = "acceptance";  // acceptance | constancy | visual
    std::string person;
    std::string meter;
    std::string performedAt;          // ISO 8601
    std::string institution;
    std::string notes;
    std::optional<double> ambientLux;
    calibration::CriteriaProfile profile;
    calibration::ReadingSet readings;
    calibration::Evaluation evaluation;
};

// Writes the report; throws core::Error(Io) when the file cannot be written.
// Returns the number of pages.
int writeQcReport(const QcReportInput& input, const QString& pdfPath);

}  // namespace lightbox::qc
