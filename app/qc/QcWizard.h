#pragma once
// The physicist's display-QC wizard: choose the display (QScreen + EDID) and
// the test (acceptance, constancy, visual daily check) with its criteria
// profile; show each pattern full screen on that display at 1:1 and take its
// reading from the meter on a worker thread (or typed in), with the
// contrast-response plot and its tolerance band growing as readings arrive;
// evaluate; save to the QC history; export the PDF report.

#include "lightbox/calibration/Conformance.h"
#include "lightbox/calibration/CriteriaProfile.h"
#include "lightbox/calibration/Meter.h"
#include "lightbox/calibration/QcHistory.h"

#include <QPointer>
#include <QThread>
#include <QWizard>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QScreen;
class QTableWidget;
QT_END_NAMESPACE

namespace lightbox::qc {

class PatternWindow;
class GatedPage;

class QcWizard : public QWizard {
    Q_OBJECT
public:
    enum class MeterKind { Simulated, Spotread, CsvImport, Manual };
    enum PageId { SetupPage, MeasurePage, ResultPage };

    explicit QcWizard(std::shared_ptr<calibration::QcHistory> history, QWidget* parent = nullptr);
    ~QcWizard() override;

    // The choices of the first page (also for tests and scripted use).
    void setScreen(int index);
    void setTest(const QString& test);  // acceptance | constancy | visual
    void setProfile(const QString& name);
    void setPerson(const QString& person);
    void setMeterKind(MeterKind kind, const QString& csvPath = {});
    void setAmbient(double lux, double reflection);
    // Pause before each reading so the pattern is on screen and settled (ms).
    void setSettleTime(int ms) { settleMs_ = ms; }
    // The simulated meter's integration time per reading (ms).
    void setSimulatedDelay(int ms) { simulatedDelayMs_ = ms; }

    // Measure page: every remaining step through the meter, one at a time.
    void measureAll();
    void cancelMeasuring();
    bool isMeasuring() const { return !worker_.isNull(); }
    // Manual entry of a step's luminance (cd/m2).
    void enterReading(int step, double luminance);
    // Visual check: the physicist's verdict on each item.
    void setVisualItem(int index, bool seen);

    int stepCount() const { return int(steps_.size()); }
    const calibration::ReadingSet& readings() const { return readings_; }
    const std::optional<calibration::Evaluation>& evaluation() const { return evaluation_; }
    const calibration::DisplayIdentity& display() const { return display_; }
    PatternWindow* patternWindow() const { return patternWindow_; }
    QString tenBitSummary() const;
    qint64 savedSessionId() const { return savedSession_; }
    bool exportPdf(const QString& path, QString* error = nullptr);

signals:
    void readingTaken(int step);
    void measuringFinished(bool complete);
    void sessionSaved(qint64 id);

protected:
    void initializePage(int id) override;
    void cleanupPage(int id) override;
    bool validateCurrentPage() override;
    void done(int result) override;

private:
    struct Step {
        QString pattern;   // shown full screen while measuring
        int level = 0;     // gray level (8-bit P-value)
        QString position;  // "" for the luminance response
        std::optional<double> luminance;
        std::optional<double> u, v;
    };
    QWizardPage* makeSetupPage();
    QWizardPage* makeMeasurePage();
    QWizardPage* makeResultPage();
    void fillScreens();
    void planSteps();
    void showStep(int step);
    void measureStep(int step);
    void readingArrived(int step, calibration::MeterReading reading);
    void readingFailed(int step, const QString& message, bool cancelled);
    void refreshTable(int step);
    void refreshChart();
    void rebuildReadings();
    double ambientLuminance() const;
    std::unique_ptr<calibration::Meter> makeMeter(QString* error);
    void measureAmbient();

    std::shared_ptr<calibration::QcHistory> history_;
    calibration::DisplayIdentity display_;
    QScreen* screen_ = nullptr;
    std::vector<Step> steps_;
    calibration::ReadingSet readings_;
    std::optional<calibration::CriteriaProfile> profile_;
    std::optional<calibration::Evaluation> evaluation_;
    std::unique_ptr<calibration::Meter> meter_;
    QPointer<QThread> worker_;
    bool stopRequested_ = false;
    std::shared_ptr<std::atomic<bool>> stopFlag_ = std::make_shared<std::atomic<bool>>(false);
    class QTimer* cancelRetry_ = nullptr;
    int settleMs_ = 150;
    int simulatedDelayMs_ = 40;
    qint64 savedSession_ = 0;
    QString csvPath_;
    std::optional<double> ambientLux_;
    QString tenBit_;

    // Setup page
    QComboBox* screens_ = nullptr;
    QLabel* identity_ = nullptr;
    QLabel* tenBitLabel_ = nullptr;
    QComboBox* test_ = nullptr;
    QComboBox* profiles_ = nullptr;
    QLineEdit* person_ = nullptr;
    QComboBox* meterKind_ = nullptr;
    QDoubleSpinBox* lux_ = nullptr;
    QDoubleSpinBox* reflection_ = nullptr;
    QPushButton* ambientButton_ = nullptr;
    // Measure page
    GatedPage* measurePage_ = nullptr;
    QTableWidget* table_ = nullptr;
    QChartView* chart_ = nullptr;
    QPushButton* measureAll_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QPushButton* showPattern_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* measureStatus_ = nullptr;
    QWidget* measurePanel_ = nullptr;
    QWidget* visualPanel_ = nullptr;
    std::vector<QCheckBox*> visualItems_;
    // Result page
    QLabel* verdict_ = nullptr;
    QTableWidget* criteria_ = nullptr;
    QLineEdit* notes_ = nullptr;

    PatternWindow* patternWindow_ = nullptr;
    bool updatingTable_ = false;
};

}  // namespace lightbox::qc
