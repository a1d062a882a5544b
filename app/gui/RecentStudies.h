#pragma once
// The studies opened last (newest first, at most `capacity`), kept with
// QSettings ("recent/studies") so they survive a restart; File > Recent
// Studies lists them.

#include <QList>
#include <QObject>
#include <QString>

class QMenu;

namespace lightbox::app {

class RecentStudies : public QObject {
    Q_OBJECT
public:
    struct Entry {
        QString studyUid;
        QString label;  // "MÜLLER, ANNA · 2026-11-20 · CT chest"
    };
    explicit RecentStudies(int capacity = 10, QObject* parent = nullptr);

    const QList<Entry>& entries() const { return entries_; }
    // Moves the study to the front (adding it), drops the oldest beyond capacity, saves.
    void add(const QString& studyUid, const QString& label);
    void clear();
    // Fills `menu` with the entries (and Clear); triggering one emits openRequested.
    void fillMenu(QMenu* menu);

signals:
    void changed();
    void openRequested(const QString& studyUid);

private:
    void save() const;
    int capacity_;
    QList<Entry> entries_;
};

}  // namespace lightbox::app
