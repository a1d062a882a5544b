#pragma once
// The task panel: long jobs (imports, retrieves) run side by side off the GUI
// thread, each as a row with its title, a progress bar, what it is doing,
// Cancel, and the errors it met. Jobs are plain functions given a
// TaskContext; the panel owns their threads and joins them (after asking
// them to cancel) when it is destroyed.

#include <QString>
#include <QStringList>
#include <QWidget>

#include <atomic>
#include <functional>
#include <map>
#include <memory>

class QVBoxLayout;
class QLabel;

namespace lightbox::app {

// What a running job sees. Thread-safe; progress and errors reach the GUI
// queued.
class TaskContext {
public:
    virtual ~TaskContext() = default;
    virtual bool cancelled() const = 0;
    virtual const std::atomic<bool>* cancelFlag() const = 0;
    // done of total (total 0: unknown, a busy bar), and what is happening now.
    virtual void progress(qint64 done, qint64 total, const QString& text = {}) = 0;
    // An error that does not stop the job (a rejected file...): listed under it.
    virtual void error(const QString& message) = 0;
};

class TaskPanel : public QWidget {
    Q_OBJECT
public:
    enum class State { Running, Succeeded, Failed, Cancelled };
    // Returns the summary line shown when it ends; throws (core::Error,
    // std::exception) to fail with that message.
    using Work = std::function<QString(TaskContext& context)>;

    explicit TaskPanel(QWidget* parent = nullptr);
    ~TaskPanel() override;

    // Starts `work` on its own thread; returns the job's id. `onFinished`
    // runs on the GUI thread when it ends (whatever the outcome).
    int start(const QString& title, Work work, std::function<void(State)> onFinished = {});
    void cancel(int id);
    void cancelAll();
    // Removes the rows of jobs that have ended.
    void clearFinished();

    int runningCount() const;
    QList<int> jobs() const;
    State state(int id) const;
    QString title(int id) const;
    QString statusText(int id) const;
    QStringList errors(int id) const;
    qint64 done(int id) const;
    qint64 total(int id) const;

signals:
    void jobStarted(int id);
    void jobFinished(int id, lightbox::app::TaskPanel::State state);
    void runningCountChanged(int running);

private slots:
    void onProgress(int id, qint64 done, qint64 total, const QString& text);
    void onError(int id, const QString& message);

private:
    struct Job;
    void finish(int id, State state, const QString& summary);
    void updateRow(Job& job);
    void updateHeader();

    std::map<int, std::shared_ptr<Job>> jobs_;
    int nextId_ = 1;
    QVBoxLayout* rows_ = nullptr;
    QLabel* header_ = nullptr;
    QWidget* emptyNote_ = nullptr;
};

}  // namespace lightbox::app
