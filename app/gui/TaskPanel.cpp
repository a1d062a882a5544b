#include "TaskPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

#include <thread>

namespace lightbox::app {

struct TaskPanel::Job {
    int id = 0;
    QString title, status;
    QStringList errors;
    qint64 done = 0, total = 0;
    State state = State::Running;
    std::function<void(State)> onFinished;
    std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
    std::thread thread;

    QWidget* row = nullptr;
    QLabel *titleLabel = nullptr, *statusLabel = nullptr, *errorLabel = nullptr;
    QProgressBar* bar = nullptr;
    QToolButton* button = nullptr;
};

namespace {

class WorkerContext : public TaskContext {
public:
    WorkerContext(TaskPanel* panel, int id, std::shared_ptr<std::atomic<bool>> cancel)
        : panel_(panel), id_(id), cancel_(std::move(cancel)) {}
    bool cancelled() const override { return cancel_->load(); }
    const std::atomic<bool>* cancelFlag() const override { return cancel_.get(); }
    void progress(qint64 done, qint64 total, const QString& text) override {
        // The panel outlives its workers (its destructor joins them), so
        // posting to it is safe; the call runs on the GUI thread.
        QMetaObject::invokeMethod(panel_, "onProgress", Qt::QueuedConnection, Q_ARG(int, id_), Q_ARG(qint64, done),
                                  Q_ARG(qint64, total), Q_ARG(QString, text));
    }
    void error(const QString& message) override {
        QMetaObject::invokeMethod(panel_, "onError", Qt::QueuedConnection, Q_ARG(int, id_), Q_ARG(QString, message));
    }

private:
    TaskPanel* panel_;
    int id_;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

}  // namespace

TaskPanel::TaskPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("taskPanel"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 4, 6, 4);
    auto* top = new QHBoxLayout;
    header_ = new QLabel(this);
    top->addWidget(header_, 1);
    auto* clear = new QPushButton(tr("Clear Finished"), this);
    clear->setObjectName(QStringLiteral("clearFinished"));
    connect(clear, &QPushButton::clicked, this, &TaskPanel::clearFinished);
    top->addWidget(clear);
    outer->addLayout(top);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* host = new QWidget(scroll);
    rows_ = new QVBoxLayout(host);
    rows_->setContentsMargins(0, 0, 0, 0);
    rows_->setSpacing(2);
    auto* note = new QLabel(tr("No tasks. Imports and retrieves appear here with their progress."), host);
    note->setEnabled(false);
    emptyNote_ = note;
    rows_->addWidget(note);
    rows_->addStretch(1);
    scroll->setWidget(host);
    outer->addWidget(scroll, 1);
    updateHeader();
}

TaskPanel::~TaskPanel() {
    for (auto& [id, job] : jobs_) job->cancel->store(true);
    for (auto& [id, job] : jobs_)
        if (job->thread.joinable()) job->thread.join();
}

int TaskPanel::start(const QString& title, Work work, std::function<void(State)> onFinished) {
    auto job = std::make_shared<Job>();
    job->id = nextId_++;
    job->title = title;
    job->status = tr("Starting...");
    job->onFinished = std::move(onFinished);

    job->row = new QWidget(this);
    job->row->setObjectName(QStringLiteral("task%1").arg(job->id));
    auto* grid = new QGridLayout(job->row);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(2);
    job->titleLabel = new QLabel(title, job->row);
    QFont bold = job->titleLabel->font();
    bold.setBold(true);
    job->titleLabel->setFont(bold);
    job->statusLabel = new QLabel(job->row);
    job->statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    job->bar = new QProgressBar(job->row);
    job->bar->setTextVisible(true);
    job->bar->setMaximumHeight(16);
    job->button = new QToolButton(job->row);
    job->button->setText(tr("Cancel"));
    job->button->setObjectName(QStringLiteral("cancel"));
    job->errorLabel = new QLabel(job->row);
    job->errorLabel->setWordWrap(true);
    job->errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    job->errorLabel->setStyleSheet(QStringLiteral("color: #e06c60;"));
    job->errorLabel->hide();
    grid->addWidget(job->titleLabel, 0, 0);
    grid->addWidget(job->statusLabel, 0, 1);
    grid->addWidget(job->button, 0, 2, 2, 1);
    grid->addWidget(job->bar, 1, 0, 1, 2);
    grid->addWidget(job->errorLabel, 2, 0, 1, 3);
    grid->setColumnStretch(1, 1);
    const int id = job->id;
    connect(job->button, &QToolButton::clicked, this, [this, id] {
        auto it = jobs_.find(id);
        if (it == jobs_.end()) return;
        if (it->second->state == State::Running) cancel(id);
        else {
            // Ended: the button removes the row.
            it->second->row->deleteLater();
            if (it->second->thread.joinable()) it->second->thread.join();
            jobs_.erase(it);
            updateHeader();
        }
    });
    rows_->insertWidget(0, job->row);
    jobs_[id] = job;
    updateRow(*job);
    updateHeader();

    auto cancelFlag = job->cancel;
    job->thread = std::thread([this, id, cancelFlag, work = std::move(work)] {
        WorkerContext context(this, id, cancelFlag);
        State state = State::Succeeded;
        QString summary;
        try {
            summary = work(context);
            if (cancelFlag->load()) state = State::Cancelled;
        } catch (const std::exception& e) {
            state = cancelFlag->load() ? State::Cancelled : State::Failed;
            summary = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(this, [this, id, state, summary] { finish(id, state, summary); }, Qt::QueuedConnection);
    });
    emit jobStarted(id);
    emit runningCountChanged(runningCount());
    return id;
}

void TaskPanel::onProgress(int id, qint64 done, qint64 total, const QString& text) {
    auto it = jobs_.find(id);
    if (it == jobs_.end() || it->second->state != State::Running) return;
    Job& job = *it->second;
    job.done = done;
    job.total = total;
    if (!text.isEmpty()) job.status = text;
    updateRow(job);
}

void TaskPanel::onError(int id, const QString& message) {
    auto it = jobs_.find(id);
    if (it == jobs_.end()) return;
    it->second->errors << message;
    updateRow(*it->second);
}

void TaskPanel::finish(int id, State state, const QString& summary) {
    auto it = jobs_.find(id);
    if (it == jobs_.end()) return;
    std::shared_ptr<Job> job = it->second;
    if (job->thread.joinable()) job->thread.join();
    job->state = state;
    switch (state) {
        case State::Succeeded: job->status = summary.isEmpty() ? tr("Done") : summary; break;
        case State::Cancelled: job->status = summary.isEmpty() ? tr("Cancelled") : tr("Cancelled: %1").arg(summary); break;
        case State::Failed:
            job->status = tr("Failed");
            job->errors << summary;
            break;
        case State::Running: break;
    }
    updateRow(*job);
    updateHeader();
    if (job->onFinished) job->onFinished(state);
    emit jobFinished(id, state);
    emit runningCountChanged(runningCount());
}

void TaskPanel::updateRow(Job& job) {
    job.statusLabel->setText(job.status);
    if (job.state == State::Running) {
        if (job.total > 0) {
            job.bar->setRange(0, 1000);
            job.bar->setValue(int(1000 * std::min(job.done, job.total) / job.total));
            job.bar->setFormat(tr("%1 of %2").arg(job.done).arg(job.total));
        } else {
            job.bar->setRange(0, 0);  // busy
        }
    } else {
        job.bar->setRange(0, 1);
        job.bar->setValue(job.state == State::Succeeded ? 1 : 0);
        job.bar->setFormat(job.state == State::Succeeded   ? tr("Done")
                           : job.state == State::Cancelled ? tr("Cancelled")
                                                           : tr("Failed"));
        job.button->setText(tr("Remove"));
    }
    if (!job.errors.isEmpty()) {
        // The first few in full, then how many more.
        QStringList shown = job.errors.mid(0, 5);
        if (job.errors.size() > 5) shown << tr("... and %1 more").arg(job.errors.size() - 5);
        job.errorLabel->setText(shown.join('\n'));
        job.errorLabel->show();
    }
}

void TaskPanel::updateHeader() {
    const int running = runningCount();
    header_->setText(running ? tr("Running: %1").arg(running) : jobs_.empty() ? tr("No tasks. Imports and retrieves appear here.") : tr("All tasks ended."));
    header_->setEnabled(running > 0 || !jobs_.empty());
    emptyNote_->setVisible(false);
}

void TaskPanel::cancel(int id) {
    auto it = jobs_.find(id);
    if (it == jobs_.end() || it->second->state != State::Running) return;
    it->second->cancel->store(true);
    it->second->status = tr("Cancelling...");
    it->second->button->setEnabled(false);
    updateRow(*it->second);
}

void TaskPanel::cancelAll() {
    for (auto& [id, job] : jobs_) cancel(id);
}

void TaskPanel::clearFinished() {
    for (auto it = jobs_.begin(); it != jobs_.end();) {
        if (it->second->state == State::Running) {
            ++it;
            continue;
        }
        it->second->row->deleteLater();
        if (it->second->thread.joinable()) it->second->thread.join();
        it = jobs_.erase(it);
    }
    updateHeader();
}

int TaskPanel::runningCount() const {
    int n = 0;
    for (const auto& [id, job] : jobs_) n += job->state == State::Running;
    return n;
}

QList<int> TaskPanel::jobs() const {
    QList<int> ids;
    for (const auto& [id, job] : jobs_) ids << id;
    return ids;
}

#define LB_JOB_FIELD(name, type, fallback) \
    type TaskPanel::name(int id) const {   \
        auto it = jobs_.find(id);          \
        return it == jobs_.end() ? fallback : it->second->name; \
    }
LB_JOB_FIELD(state, TaskPanel::State, State::Failed)
LB_JOB_FIELD(title, QString, QString())
LB_JOB_FIELD(errors, QStringList, QStringList())
LB_JOB_FIELD(done, qint64, 0)
LB_JOB_FIELD(total, qint64, 0)
#undef LB_JOB_FIELD

QString TaskPanel::statusText(int id) const {
    auto it = jobs_.find(id);
    return it == jobs_.end() ? QString() : it->second->status;
}

}  // namespace lightbox::app
