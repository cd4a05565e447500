// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/migrator.hpp>

#include "migrate/json_parts.hpp"

namespace kvb::migrate {

std::string toJson(const Inventory& inventory) {
    kvb::detail::JsonWriter w;
    w.startObject()
        .member("batchAccount", inventory.batchAccount)
        .member("certificateApiRetired", inventory.certificateApiRetired);
    w.key("certificates").startArray();
    for (const auto& c : inventory.certificates) {
        w.startObject()
            .member("thumbprint", c.thumbprint)
            .member("state", c.batchState)
            .member("fromCertificateApi", c.fromCertificateApi);
        detail::writeUses(w, c.uses);
        w.endObject();
    }
    w.endArray();
    w.key("pools").startArray();
    for (const auto& p : inventory.pools) w.value(p.id);
    w.endArray();
    w.key("jobSchedules").startArray();
    for (const auto& s : inventory.jobSchedules) w.value(s.id);
    w.endArray();
    w.endObject();
    return w.str();
}

} // namespace kvb::migrate
