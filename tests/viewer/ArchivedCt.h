#pragma once
// A small synthetic CT study stored in a fresh archive, for the tests that
// save and send presentation states from the reading area.

#include "TestSupport.h"

#include "lightbox/archive/Archive.h"
#include "lightbox/core/Series.h"
#include "lightbox/core/Synthetic.h"

#include <QFile>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace lightbox::test {

struct ArchivedCt {
    QTemporaryDir dir;
    std::string studyUid;
    std::unique_ptr<archive::Archive> store;
    core::SeriesInfo series;  // the CT series as scanned from its files
};

// `slices` images of 128x128; nullptr when a file could not be stored.
inline std::unique_ptr<ArchivedCt> archivedCt(int slices) {
    auto ct = std::make_unique<ArchivedCt>();
    core::SynthOptions options;
    options.only = "ct-current";
    options.slices = slices;
    options.matrix = 128;
    const nlohmann::json truth =
        nlohmann::json::parse(core::writeSyntheticPatients(ct->dir.filePath("synth").toStdString(), options));
    ct->studyUid = truth["patients"][0]["studies"][0]["studyInstanceUid"].get<std::string>();
    ct->store = archive::Archive::open(ct->dir.filePath("archive").toStdString());
    for (const QString& file : dicomFilesUnder(ct->dir.filePath("synth"))) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) return nullptr;
        const QByteArray bytes = f.readAll();
        if (ct->store->store(std::string_view(bytes.constData(), std::size_t(bytes.size())), {"test", ""}).status !=
            archive::StoreStatus::Stored)
            return nullptr;
    }
    const core::ScanResult scan = core::scanForSeries(ct->dir.filePath("synth").toStdString());
    if (scan.series.size() != 1) return nullptr;
    ct->series = scan.series.front();
    return ct;
}

}  // namespace lightbox::test
