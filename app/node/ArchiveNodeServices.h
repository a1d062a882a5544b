#pragma once
// Wires the DICOM node (pacsclient) to the embedded archive: the one place
// where the two meet, as design.md wants (pacsclient never sees the archive).

#include "lightbox/archive/Archive.h"
#include "lightbox/pacsclient/NodeServices.h"

#include <functional>

namespace lightbox::app {

class ArchiveNodeServices : public pacs::NodeServices {
public:
    explicit ArchiveNodeServices(archive::Archive& archive) : archive_(archive) {}

    pacs::StoreOutcome store(const std::string& part10Bytes, const pacs::StoreContext& context) override;
    std::vector<pacs::QueryMatch> find(const pacs::QueryRequest& request) override;
    std::vector<pacs::StoredObject> locate(const pacs::QueryRequest& request) override;
    void makeDurable() override;
    pacs::StoreOutcome storeFile(const pacs::StoreContext& context) override;
    pacs::StoreOutcome storeReceived(std::string_view part10Bytes, const pacs::StoreContext& context) override;

    // Called after every object the archive stored (the GUI refreshes its study list).
    void onStored(std::function<void(const archive::StoreResult&)> callback) { onStored_ = std::move(callback); }

private:
    pacs::StoreOutcome storeWith(const pacs::StoreContext& context,
                                 const std::function<archive::StoreResult(const archive::StoreContext&)>& store);
    archive::Archive& archive_;
    std::function<void(const archive::StoreResult&)> onStored_;
};

}  // namespace lightbox::app
