// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/batch_client_source.hpp>

#include "core/url.hpp"

namespace kvb::migrate {

BatchClientSource::BatchClientSource(batch::BatchClient client, std::string accountName)
    : client_(std::move(client)), accountName_(std::move(accountName)) {
    if (accountName_.empty()) {
        const std::string host = kvb::detail::Url::parse(client_.accountUrl()).host;
        accountName_ = host.substr(0, host.find('.'));
    }
}

std::vector<BatchCertificateRecord> BatchClientSource::listCertificates(const Context& context) const {
    std::vector<BatchCertificateRecord> out;
    for (const auto& cert : client_.listCertificates({}, context)) {
        out.push_back({cert.thumbprint, cert.state ? batch::toString(*cert.state) : "", cert.publicData});
    }
    return out;
}

std::vector<BatchEntityRecord> BatchClientSource::listPools(const Context& context) const {
    std::vector<BatchEntityRecord> out;
    for (const auto& pool : client_.listPools({}, context)) out.push_back({pool.id, pool.rawJson});
    return out;
}

std::vector<BatchEntityRecord> BatchClientSource::listJobSchedules(const Context& context) const {
    std::vector<BatchEntityRecord> out;
    for (const auto& schedule : client_.listJobSchedules({}, context))
        out.push_back({schedule.id, schedule.rawJson});
    return out;
}

void BatchClientSource::clearPoolCertificateReferences(const std::string& poolId,
                                                       const Context& context) const {
    client_.clearPoolCertificateReferences(poolId, context);
}

void BatchClientSource::deleteCertificate(const std::string& thumbprint, const Context& context) const {
    client_.deleteCertificate(thumbprint, "sha1", context);
}

std::string BatchClientSource::certificateState(const std::string& thumbprint, const Context& context) const {
    const auto cert = client_.getCertificate(thumbprint, "sha1", {}, context);
    return cert->state ? batch::toString(*cert->state) : "";
}

} // namespace kvb::migrate
