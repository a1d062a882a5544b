#include "QcWizard.h"

#include "ContrastResponseChart.h"
#include "DisplayDescription.h"
#include "PatternWindow.h"
#include "QcReport.h"
#include "ScreenIdentity.h"

#include "lightbox/core/Error.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QTableWidget>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace lightbox::qc {

namespace cal = lightbox::calibration;

// A wizard page whose Next/Finish follows a condition the wizard owns.
class GatedPage : public QWizardPage {
public:
    std::function<bool()> complete;
    bool isComplete() const override { return complete ? complete() : true; }
    void changed() { emit completeChanged(); }
};

namespace {

QString twoDigits(int k) { return QString("%1").arg(k, 2, 10, QChar('0')); }

QString testOf(const QComboBox* box) { return box->currentData().toString(); }

// The simulated meter on a demo panel calibrated to the GSDF (LR' 350 with the
// room's ambient): the meter owns its panel and LUT, so each meter the wizard
// makes (readings, ambient) is self-contained.
class DemoPanelMeter : public cal::Meter {
public:
    DemoPanelMeter(double lux, double reflection, int delayMs) {
        cal::PanelModel panel;
        panel.noise = 0.002;
        panel.cornerFalloff = 0.06;
        display_ = std::make_unique<cal::SimulatedDisplay>(panel);
        cal::LutRequest request;
        request.ambient = lux * reflection;
        request.ratio = 350;
        lut_ = cal::buildCalibrationLut(display_->characteristic(256), request);
        display_->setLut(&lut_);
        cal::SimulatedMeterOptions o;
        o.ambientLux = lux;
        o.reflection = reflection;
        o.delay = std::chrono::milliseconds(delayMs);
        meter_ = std::make_unique<cal::SimulatedMeter>(*display_, o);
    }
    std::string name() const override { return meter_->name(); }
    cal::MeterReading measure(const cal::MeterRequest& r) override { return meter_->measure(r); }
    bool measuresAmbient() const override { return true; }
    cal::MeterReading measureAmbient() override { return meter_->measureAmbient(); }
    void cancel() override { meter_->cancel(); }

private:
    cal::CalibrationLut lut_;
    std::unique_ptr<cal::SimulatedDisplay> display_;
    std::unique_ptr<cal::SimulatedMeter> meter_;
};

}  // namespace

QcWizard::QcWizard(std::shared_ptr<cal::QcHistory> history, QWidget* parent)
    : QWizard(parent), history_(std::move(history)) {
    setWindowTitle(tr("Display QC"));
    setOption(QWizard::NoBackButtonOnLastPage, true);
    setPage(SetupPage, makeSetupPage());
    setPage(MeasurePage, makeMeasurePage());
    setPage(ResultPage, makeResultPage());
    patternWindow_ = new PatternWindow(this);
    // A meter's cancel() stops the reading it is taking; one that arrives just
    // before the worker calls measure() would be lost, so it is repeated until
    // the worker is done.
    cancelRetry_ = new QTimer(this);
    cancelRetry_->setInterval(50);
    connect(cancelRetry_, &QTimer::timeout, this, [this] {
        if (worker_ && meter_) meter_->cancel();
        else cancelRetry_->stop();
    });
    resize(1100, 760);
}

QcWizard::~QcWizard() {
    // A reading in flight must end before the meter it uses goes away.
    stopRequested_ = true;
    stopFlag_->store(true);
    while (worker_ && !worker_->wait(50))
        if (meter_) meter_->cancel();
}

// ---------------------------------------------------------------- setup page

QWizardPage* QcWizard::makeSetupPage() {
    auto* page = new GatedPage;
    page->setTitle(tr("Display and test"));
    page->setSubTitle(tr("Choose the display to test, the test and its criteria, who performs it and the meter."));
    auto* form = new QFormLayout(page);
    screens_ = new QComboBox;
    identity_ = new QLabel;
    identity_->setWordWrap(true);
    tenBitLabel_ = new QLabel;
    tenBitLabel_->setWordWrap(true);
    test_ = new QComboBox;
    test_->addItem(tr("Acceptance test"), "acceptance");
    test_->addItem(tr("Constancy test (compared with the last acceptance)"), "constancy");
    test_->addItem(tr("Visual daily check (TG18-QC)"), "visual");
    profiles_ = new QComboBox;
    for (const auto& name : cal::CriteriaProfile::available()) profiles_->addItem(QString::fromStdString(name));
    profiles_->setCurrentText("aapm-tg18-primary");
    person_ = new QLineEdit;
    person_->setPlaceholderText(tr("name of the person performing the test"));
    meterKind_ = new QComboBox;
    meterKind_->addItem(tr("Simulated meter (calibrated demo panel)"), int(MeterKind::Simulated));
    meterKind_->addItem(tr("Colorimeter through ArgyllCMS spotread"), int(MeterKind::Spotread));
    meterKind_->addItem(tr("Import readings from a CSV file"), int(MeterKind::CsvImport));
    meterKind_->addItem(tr("Manual entry (type each reading)"), int(MeterKind::Manual));
    lux_ = new QDoubleSpinBox;
    lux_->setRange(0, 5000);
    lux_->setSuffix(tr(" lx"));
    lux_->setValue(50);
    reflection_ = new QDoubleSpinBox;
    reflection_->setDecimals(4);
    reflection_->setRange(0, 1);
    reflection_->setSingleStep(0.001);
    reflection_->setValue(0.004);
    reflection_->setSuffix(tr(" cd/m\u00b2 per lx"));
    ambientButton_ = new QPushButton(tr("Measure ambient"));
    auto* ambientRow = new QHBoxLayout;
    ambientRow->addWidget(lux_);
    ambientRow->addWidget(new QLabel(tr("reflection coefficient")));
    ambientRow->addWidget(reflection_);
    ambientRow->addWidget(ambientButton_);

    form->addRow(tr("Display:"), screens_);
    form->addRow(QString(), identity_);
    form->addRow(QString(), tenBitLabel_);
    form->addRow(tr("Test:"), test_);
    form->addRow(tr("Criteria profile:"), profiles_);
    form->addRow(tr("Performed by:"), person_);
    form->addRow(tr("Meter:"), meterKind_);
    form->addRow(tr("Ambient illuminance:"), ambientRow);
    // Next only with a person to sign the test and a profile to judge it by.
    page->complete = [this] { return !person_->text().trimmed().isEmpty() && !profiles_->currentText().isEmpty(); };
    connect(person_, &QLineEdit::textChanged, page, [page] { page->changed(); });

    connect(screens_, &QComboBox::currentIndexChanged, this, [this](int index) {
        const auto screens = QGuiApplication::screens();
        screen_ = index >= 0 && index < screens.size() ? screens[index] : nullptr;
        display_ = screenIdentity(screen_);
        identity_->setText(tr("%1\nidentity %2, %3 x %4 pixels")
                               .arg(describeDisplay(display_), QString::fromStdString(display_.key()))
                               .arg(display_.nativeWidth)
                               .arg(display_.nativeHeight));
        tenBit_ = probeTenBitOutput(screen_).summary();
        tenBitLabel_->setText(tenBit_);
    });
    connect(ambientButton_, &QPushButton::clicked, this, &QcWizard::measureAmbient);
    fillScreens();
    return page;
}

void QcWizard::fillScreens() {
    screens_->clear();
    for (QScreen* s : QGuiApplication::screens()) {
        const QSize native = s->size() * s->devicePixelRatio();
        screens_->addItem(QString("%1 (%2 x %3)").arg(s->name()).arg(native.width()).arg(native.height()));
    }
}

void QcWizard::setScreen(int index) { screens_->setCurrentIndex(index); }
void QcWizard::setTest(const QString& test) { test_->setCurrentIndex(test_->findData(test)); }
void QcWizard::setProfile(const QString& name) { profiles_->setCurrentText(name); }
void QcWizard::setPerson(const QString& person) { person_->setText(person); }
void QcWizard::setMeterKind(MeterKind kind, const QString& csvPath) {
    meterKind_->setCurrentIndex(meterKind_->findData(int(kind)));
    csvPath_ = csvPath;
}
void QcWizard::setAmbient(double lux, double reflection) {
    lux_->setValue(lux);
    reflection_->setValue(reflection);
}

double QcWizard::ambientLuminance() const { return lux_->value() * reflection_->value(); }

std::unique_ptr<cal::Meter> QcWizard::makeMeter(QString* error) {
    const auto kind = MeterKind(meterKind_->currentData().toInt());
    try {
        switch (kind) {
        case MeterKind::Simulated:
            return std::make_unique<DemoPanelMeter>(lux_->value(), reflection_->value(), simulatedDelayMs_);
        case MeterKind::Spotread:
            return std::make_unique<cal::SpotreadMeter>();
        case MeterKind::CsvImport: {
            QString path = csvPath_;
            if (path.isEmpty())
                path = QFileDialog::getOpenFileName(this, tr("Readings CSV"), {}, tr("CSV files (*.csv);;All files (*)"));
            if (path.isEmpty()) return nullptr;
            csvPath_ = path;
            return std::make_unique<cal::CsvMeter>(cal::CsvMeter::read(path.toStdString()));
        }
        case MeterKind::Manual:
            return nullptr;
        }
    } catch (const core::Error& e) {
        if (error) *error = QString::fromStdString(e.what());
    }
    return nullptr;
}

void QcWizard::measureAmbient() {
    QString error;
    auto meter = makeMeter(&error);
    if (!meter || !meter->measuresAmbient()) {
        QMessageBox::information(this, tr("Ambient"),
                                 error.isEmpty() ? tr("This meter does not measure illuminance; type the value.") : error);
        return;
    }
    ambientButton_->setEnabled(false);
    auto shared = std::shared_ptr<cal::Meter>(std::move(meter));
    QPointer<QcWizard> self = this;
    QThread* thread = QThread::create([shared, self] {
        QString message;
        std::optional<double> lux;
        try {
            lux = shared->measureAmbient().illuminance;
        } catch (const core::Error& e) {
            message = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [self, lux, message] {
            if (!self) return;
            self->ambientButton_->setEnabled(true);
            if (lux) self->lux_->setValue(*lux);
            else QMessageBox::warning(self, tr("Ambient"), message);
        }, Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

// -------------------------------------------------------------- measure page

QWizardPage* QcWizard::makeMeasurePage() {
    measurePage_ = new GatedPage;
    measurePage_->setTitle(tr("Measurements"));
    measurePage_->complete = [this] {
        if (testOf(test_) == "visual") return true;
        if (!worker_.isNull()) return false;
        for (const auto& s : steps_)
            if (!s.luminance) return false;
        return !steps_.empty();
    };
    auto* layout = new QVBoxLayout(measurePage_);
    measurePanel_ = new QWidget;
    auto* row = new QHBoxLayout(measurePanel_);
    row->setContentsMargins(0, 0, 0, 0);
    auto* left = new QVBoxLayout;
    table_ = new QTableWidget(0, 4);
    table_->setHorizontalHeaderLabels({tr("Pattern"), tr("Level"), tr("Position"), tr("Luminance (cd/m\u00b2)")});
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->setVisible(false);
    left->addWidget(table_);
    auto* buttons = new QHBoxLayout;
    showPattern_ = new QPushButton(tr("Show pattern"));
    measureAll_ = new QPushButton(tr("Measure all"));
    cancel_ = new QPushButton(tr("Cancel measuring"));
    cancel_->setEnabled(false);
    buttons->addWidget(showPattern_);
    buttons->addWidget(measureAll_);
    buttons->addWidget(cancel_);
    left->addLayout(buttons);
    progress_ = new QProgressBar;
    measureStatus_ = new QLabel;
    measureStatus_->setWordWrap(true);
    left->addWidget(progress_);
    left->addWidget(measureStatus_);
    row->addLayout(left, 2);
    chart_ = new QChartView;
    chart_->setRenderHint(QPainter::Antialiasing);
    chart_->setMinimumWidth(480);
    row->addWidget(chart_, 3);
    layout->addWidget(measurePanel_);

    visualPanel_ = new QWidget;
    auto* visual = new QVBoxLayout(visualPanel_);
    visual->addWidget(new QLabel(tr("Look at TG18-QC on the display from the normal reading position and tick what you see:")));
    const QStringList items = {tr("all 16 luminance patches are distinct"),
                               tr("the 5 % square in the black patch and the 95 % square in the white patch are visible"),
                               tr("the corner targets of most patches are visible"),
                               tr("the line pairs at the centre and in the corners are resolved"),
                               tr("the ramp is smooth, without contouring; no artefacts, borders and grid straight")};
    for (const QString& text : items) {
        auto* box = new QCheckBox(text);
        visualItems_.push_back(box);
        visual->addWidget(box);
    }
    auto* showQc = new QPushButton(tr("Show TG18-QC full screen (Esc closes it)"));
    visual->addWidget(showQc);
    visual->addStretch();
    layout->addWidget(visualPanel_);

    connect(showQc, &QPushButton::clicked, this, [this] { patternWindow_->showPattern("TG18-QC", screen_); });
    connect(showPattern_, &QPushButton::clicked, this, [this] {
        const int current = std::max(0, table_->currentRow());
        if (current < int(steps_.size())) showStep(current);
    });
    connect(measureAll_, &QPushButton::clicked, this, &QcWizard::measureAll);
    connect(cancel_, &QPushButton::clicked, this, &QcWizard::cancelMeasuring);
    connect(table_, &QTableWidget::cellChanged, this, [this](int r, int column) {
        if (updatingTable_ || column != 3 || r >= int(steps_.size())) return;
        bool ok = false;
        const double v = table_->item(r, 3)->text().toDouble(&ok);
        if (ok && v >= 0) enterReading(r, v);
    });
    return measurePage_;
}

void QcWizard::planSteps() {
    steps_.clear();
    if (testOf(test_) == "visual") return;
    for (int k = 1; k <= 18; ++k) steps_.push_back({"TG18-LN8-" + twoDigits(k), 15 * (k - 1), {}, {}, {}, {}});
    if (profile_ && profile_->limit("uniformityMld"))
        for (const auto& [name, level] : {std::pair{"TG18-UNL10", 26}, {"TG18-UNL80", 204}})
            for (const char* pos : {"centre", "tl", "tr", "bl", "br"}) steps_.push_back({name, level, pos, {}, {}, {}});
    if (profile_ && profile_->limit("uniformityLudm"))
        for (const auto& [k, level] : {std::pair{3, 30}, {9, 120}, {15, 210}})
            for (int pos = 1; pos <= 9; ++pos)
                steps_.push_back({"TG270-ULN8-" + twoDigits(k), level, QString::number(pos), {}, {}, {}});
}

void QcWizard::initializePage(int id) {
    if (id == MeasurePage) {
        try {
            profile_ = cal::CriteriaProfile::load(profiles_->currentText().toStdString());
        } catch (const core::Error& e) {
            QMessageBox::warning(this, tr("Criteria profile"), QString::fromStdString(e.what()));
            profile_.reset();
        }
        const bool visual = testOf(test_) == "visual";
        measurePanel_->setVisible(!visual);
        visualPanel_->setVisible(visual);
        planSteps();
        QString error;
        meter_ = makeMeter(&error);
        measureAll_->setEnabled(meter_ != nullptr);
        measureStatus_->setText(
            !error.isEmpty() ? error
            : meter_         ? tr("Meter: %1. Place it on the centre of the measurement field.").arg(QString::fromStdString(meter_->name()))
                             : tr("Type each reading into the table (cd/m\u00b2, display only, without ambient)."));
        updatingTable_ = true;
        table_->setRowCount(int(steps_.size()));
        for (int i = 0; i < int(steps_.size()); ++i) {
            const Step& s = steps_[std::size_t(i)];
            auto item = [](const QString& text) {
                auto* it = new QTableWidgetItem(text);
                it->setFlags(it->flags() & ~Qt::ItemIsEditable);
                return it;
            };
            table_->setItem(i, 0, item(s.pattern));
            table_->setItem(i, 1, item(QString::number(s.level)));
            table_->setItem(i, 2, item(s.position));
            table_->setItem(i, 3, new QTableWidgetItem(QString()));
        }
        updatingTable_ = false;
        progress_->setRange(0, int(steps_.size()));
        progress_->setValue(0);
        readings_ = {};
        refreshChart();
        measurePage_->changed();
    } else if (id == ResultPage) {
        rebuildReadings();
        const bool visual = testOf(test_) == "visual";
        criteria_->setRowCount(0);
        evaluation_.reset();
        if (visual) {
            bool all = true;
            for (auto* box : visualItems_) all = all && box->isChecked();
            verdict_->setText(all ? tr("Visual check: PASS") : tr("Visual check: FAIL (not every item was seen)"));
            verdict_->setStyleSheet(all ? "color: darkgreen; font-size: 18pt" : "color: darkred; font-size: 18pt");
            return;
        }
        try {
            cal::EvaluationOptions o;
            o.ambient = ambientLuminance();
            if (profile_ && profile_->kind == "constancy") {
                // The baseline: the display's latest acceptance test in the history.
                for (const auto& s : history_->sessions(display_.key()))
                    if (s.test == "acceptance") {
                        cal::Baseline b;
                        for (const auto& f : cal::measureDisplays(s.readings, s.ambient)) b.displays[f.display] = f;
                        o.baseline = b;
                    }
            }
            evaluation_ = cal::evaluateReadings(readings_, *profile_, o);
        } catch (const core::Error& e) {
            verdict_->setText(tr("Cannot evaluate: %1").arg(QString::fromStdString(e.what())));
            verdict_->setStyleSheet("color: darkred");
            return;
        }
        const bool pass = evaluation_->passed();
        verdict_->setText(pass ? tr("Result: PASS") : tr("Result: FAIL"));
        verdict_->setStyleSheet(pass ? "color: darkgreen; font-size: 18pt" : "color: darkred; font-size: 18pt");
        criteria_->setRowCount(int(evaluation_->criteria.size()));
        for (int i = 0; i < int(evaluation_->criteria.size()); ++i) {
            const auto& c = evaluation_->criteria[std::size_t(i)];
            const QString value = c.value ? QString::number(*c.value, 'g', 4) + " " + QString::fromStdString(c.unit) : "-";
            criteria_->setItem(i, 0, new QTableWidgetItem(QString::fromStdString(c.display.empty() ? c.description : c.display + ": " + c.description)));
            criteria_->setItem(i, 1, new QTableWidgetItem(value));
            criteria_->setItem(i, 2, new QTableWidgetItem(QString::fromStdString(c.limit.describe()) + (c.limit.advisory ? tr(" (advisory)") : QString())));
            auto* v = new QTableWidgetItem(QString::fromStdString(cal::verdictName(c.verdict)));
            v->setBackground(c.verdict == cal::Verdict::Pass ? QColor(210, 240, 210)
                             : c.verdict == cal::Verdict::Fail ? QColor(245, 205, 205) : QColor(235, 235, 235));
            criteria_->setItem(i, 3, v);
        }
    }
}

void QcWizard::cleanupPage(int id) {
    if (id == MeasurePage) cancelMeasuring();
    QWizard::cleanupPage(id);
}

bool QcWizard::validateCurrentPage() {
    if (currentId() == SetupPage && profiles_->currentText().isEmpty()) return false;
    if (currentId() == MeasurePage) patternWindow_->hide();
    return QWizard::validateCurrentPage();
}

void QcWizard::showStep(int step) {
    patternWindow_->showPattern(steps_[std::size_t(step)].pattern, screen_);
    table_->setCurrentCell(step, 3);
}

void QcWizard::measureAll() {
    if (worker_ || !meter_) return;
    stopRequested_ = false;
    stopFlag_->store(false);
    measureAll_->setEnabled(false);
    cancel_->setEnabled(true);
    for (int i = 0; i < int(steps_.size()); ++i)
        if (!steps_[std::size_t(i)].luminance) {
            measureStep(i);
            return;
        }
    measureAll_->setEnabled(true);
    cancel_->setEnabled(false);
    emit measuringFinished(true);
}

void QcWizard::measureStep(int step) {
    showStep(step);
    measureStatus_->setText(tr("Measuring %1 (level %2%3)...")
                                .arg(steps_[std::size_t(step)].pattern)
                                .arg(steps_[std::size_t(step)].level)
                                .arg(steps_[std::size_t(step)].position.isEmpty() ? QString() : ", " + steps_[std::size_t(step)].position));
    const Step& s = steps_[std::size_t(step)];
    cal::MeterRequest request{s.level, s.position.toStdString(), {}, s.pattern.toStdString()};
    cal::Meter* meter = meter_.get();
    QPointer<QcWizard> self = this;
    const int settle = settleMs_;
    auto stop = stopFlag_;
    // The reading runs on a worker: the GUI thread never waits for the meter.
    worker_ = QThread::create([meter, request, self, step, settle, stop] {
        QThread::msleep(std::uint64_t(settle));  // the pattern is painted and the panel settled
        try {
            if (stop->load()) throw core::Error(core::ErrorCode::Cancelled, "measurement cancelled");
            const cal::MeterReading m = meter->measure(request);
            QMetaObject::invokeMethod(self, [self, step, m] { if (self) self->readingArrived(step, m); }, Qt::QueuedConnection);
        } catch (const core::Error& e) {
            const QString message = QString::fromStdString(e.what());
            const bool cancelled = e.code() == core::ErrorCode::Cancelled;
            QMetaObject::invokeMethod(self, [self, step, message, cancelled] { if (self) self->readingFailed(step, message, cancelled); },
                                      Qt::QueuedConnection);
        }
    });
    connect(worker_, &QThread::finished, worker_, &QObject::deleteLater);
    worker_->start();
    measurePage_->changed();
}

void QcWizard::readingArrived(int step, cal::MeterReading m) {
    worker_ = nullptr;
    Step& s = steps_[std::size_t(step)];
    s.luminance = m.luminance;
    s.u = m.u;
    s.v = m.v;
    if (!s.u && m.x && m.y)
        if (const auto uv = cal::uvFromXy(*m.x, *m.y)) std::tie(s.u, s.v) = *uv;
    refreshTable(step);
    rebuildReadings();
    refreshChart();
    emit readingTaken(step);
    for (int i = step + 1; i < int(steps_.size()) && !stopRequested_; ++i)
        if (!steps_[std::size_t(i)].luminance) {
            measureStep(i);
            return;
        }
    patternWindow_->hide();
    measureAll_->setEnabled(true);
    cancel_->setEnabled(false);
    measureStatus_->setText(stopRequested_ ? tr("Stopped.") : tr("All readings taken."));
    measurePage_->changed();
    emit measuringFinished(!stopRequested_);
}

void QcWizard::readingFailed(int step, const QString& message, bool cancelled) {
    worker_ = nullptr;
    patternWindow_->hide();
    measureAll_->setEnabled(meter_ != nullptr);
    cancel_->setEnabled(false);
    measureStatus_->setText(cancelled ? tr("Measuring cancelled.")
                                      : tr("Reading %1 failed: %2").arg(steps_[std::size_t(step)].pattern, message));
    measurePage_->changed();
    emit measuringFinished(false);
}

void QcWizard::cancelMeasuring() {
    stopRequested_ = true;
    stopFlag_->store(true);
    if (worker_ && meter_) {
        meter_->cancel();
        cancelRetry_->start();
    }
}

void QcWizard::enterReading(int step, double luminance) {
    if (step < 0 || step >= int(steps_.size())) return;
    steps_[std::size_t(step)].luminance = luminance;
    refreshTable(step);
    rebuildReadings();
    refreshChart();
    measurePage_->changed();
    emit readingTaken(step);
}

void QcWizard::setVisualItem(int index, bool seen) {
    if (index >= 0 && index < int(visualItems_.size())) visualItems_[std::size_t(index)]->setChecked(seen);
}

void QcWizard::refreshTable(int step) {
    updatingTable_ = true;
    const auto& s = steps_[std::size_t(step)];
    table_->item(step, 3)->setText(s.luminance ? QString::number(*s.luminance, 'g', 5) : QString());
    updatingTable_ = false;
    int done = 0;
    for (const auto& x : steps_) done += x.luminance ? 1 : 0;
    progress_->setValue(done);
}

void QcWizard::rebuildReadings() {
    readings_ = {};
    for (const auto& s : steps_) {
        if (!s.luminance) continue;
        cal::Reading r;
        r.ddl = s.level;
        r.luminance = *s.luminance;
        r.u = s.u;
        r.v = s.v;
        r.position = s.position.toStdString();
        if (!s.position.isEmpty()) r.level = s.level;
        readings_.readings.push_back(r);
    }
}

void QcWizard::refreshChart() {
    double tolerance = 0.1;
    if (profile_)
        if (const auto* l = profile_->limit("contrastResponse"); l && l->max) tolerance = *l->max;
    const auto figures = cal::measureDisplays(readings_, ambientLuminance());
    QChart* old = chart_->chart();
    chart_->setChart(figures.empty() ? new QChart : makeContrastResponseChart(figures.front(), tolerance));
    delete old;
}

// --------------------------------------------------------------- result page

QWizardPage* QcWizard::makeResultPage() {
    auto* page = new QWizardPage;
    page->setTitle(tr("Result"));
    page->setSubTitle(tr("Finish saves the test to the display's QC history."));
    page->setFinalPage(true);
    auto* layout = new QVBoxLayout(page);
    verdict_ = new QLabel;
    layout->addWidget(verdict_);
    criteria_ = new QTableWidget(0, 4);
    criteria_->setHorizontalHeaderLabels({tr("Criterion"), tr("Value"), tr("Limit"), tr("Verdict")});
    criteria_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    criteria_->verticalHeader()->setVisible(false);
    criteria_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(criteria_);
    notes_ = new QLineEdit;
    notes_->setPlaceholderText(tr("notes (optional)"));
    layout->addWidget(notes_);
    auto* pdf = new QPushButton(tr("Export PDF report..."));
    layout->addWidget(pdf, 0, Qt::AlignLeft);
    connect(pdf, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("QC report"), "qc-report.pdf", tr("PDF (*.pdf)"));
        QString error;
        if (!path.isEmpty() && !exportPdf(path, &error)) QMessageBox::warning(this, tr("QC report"), error);
    });
    return page;
}

QString QcWizard::tenBitSummary() const { return tenBit_; }

bool QcWizard::exportPdf(const QString& path, QString* error) {
    if (!evaluation_ || !profile_) {
        if (error) *error = tr("Nothing evaluated yet.");
        return false;
    }
    QcReportInput in;
    in.display = display_;
    in.test = testOf(test_).toStdString();
    in.person = person_->text().toStdString();
    in.meter = meter_ ? meter_->name() : "manual entry";
    in.performedAt = cal::nowIso8601();
    in.notes = notes_->text().toStdString();
    in.ambientLux = lux_->value();
    in.profile = *profile_;
    in.readings = readings_;
    in.evaluation = *evaluation_;
    try {
        writeQcReport(in, path);
        return true;
    } catch (const core::Error& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
}

void QcWizard::done(int result) {
    cancelMeasuring();
    patternWindow_->hide();
    if (result == QDialog::Accepted && currentId() == ResultPage) {
        try {
            history_->addDisplay(display_);
            const std::string test = testOf(test_).toStdString();
            cal::QcSession session;
            if (evaluation_)
                session = cal::QcSession::fromEvaluation(display_.key(), test, person_->text().toStdString(),
                                                         meter_ ? meter_->name() : "manual entry", readings_, *evaluation_);
            else {
                session.displayKey = display_.key();
                session.test = test;
                session.profile = profiles_->currentText().toStdString();
                session.person = person_->text().toStdString();
                session.meter = test == "visual" ? "visual" : "manual entry";
                session.performedAt = cal::nowIso8601();
                bool all = true;
                for (auto* box : visualItems_) all = all && box->isChecked();
                session.passed = test == "visual" && all;
                session.readings = readings_;
            }
            session.ambientLux = lux_->value();
            session.ambient = ambientLuminance();
            session.notes = notes_->text().toStdString();
            savedSession_ = history_->addSession(session);
            emit sessionSaved(savedSession_);
        } catch (const core::Error& e) {
            QMessageBox::critical(this, tr("QC history"), tr("The test could not be saved:\n%1").arg(QString::fromStdString(e.what())));
            return;
        }
    }
    QWizard::done(result);
}

}  // namespace lightbox::qc
