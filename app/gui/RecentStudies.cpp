#include "RecentStudies.h"

#include <QMenu>
#include <QSettings>

namespace lightbox::app {

RecentStudies::RecentStudies(int capacity, QObject* parent) : QObject(parent), capacity_(capacity) {
    QSettings settings;
    const int n = settings.beginReadArray(QStringLiteral("recent/studies"));
    for (int i = 0; i < n && entries_.size() < capacity_; ++i) {
        settings.setArrayIndex(i);
        const Entry e{settings.value(QStringLiteral("uid")).toString(), settings.value(QStringLiteral("label")).toString()};
        if (!e.studyUid.isEmpty()) entries_ << e;
    }
    settings.endArray();
}

void RecentStudies::add(const QString& studyUid, const QString& label) {
    if (studyUid.isEmpty()) return;
    entries_.removeIf([&](const Entry& e) { return e.studyUid == studyUid; });
    entries_.prepend({studyUid, label.isEmpty() ? studyUid : label});
    while (entries_.size() > capacity_) entries_.removeLast();
    save();
    emit changed();
}

void RecentStudies::clear() {
    entries_.clear();
    save();
    emit changed();
}

void RecentStudies::save() const {
    QSettings settings;
    settings.remove(QStringLiteral("recent/studies"));
    settings.beginWriteArray(QStringLiteral("recent/studies"), int(entries_.size()));
    for (int i = 0; i < entries_.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("uid"), entries_[i].studyUid);
        settings.setValue(QStringLiteral("label"), entries_[i].label);
    }
    settings.endArray();
}

void RecentStudies::fillMenu(QMenu* menu) {
    menu->clear();
    if (entries_.isEmpty()) {
        menu->addAction(tr("(none)"))->setEnabled(false);
        return;
    }
    int n = 1;
    for (const Entry& e : entries_) {
        const QString uid = e.studyUid;
        const QString text = n < 10 ? QStringLiteral("&%1  %2").arg(n).arg(e.label) : e.label;
        menu->addAction(text, this, [this, uid] { emit openRequested(uid); });
        ++n;
    }
    menu->addSeparator();
    menu->addAction(tr("Clear Recent Studies"), this, &RecentStudies::clear);
}

}  // namespace lightbox::app
