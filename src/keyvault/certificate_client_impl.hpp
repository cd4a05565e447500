// SPDX-License-Identifier: MIT
#pragma once

// CertificateClient's shared state and the request helpers its source files share.

#include <kvbridge/keyvault/certificate_client.hpp>

#include <string>
#include <string_view>

#include "core/call.hpp"
#include "keyvault/certificate_models.hpp"
#include "keyvault/keyvault_common.hpp"

namespace kvb::keyvault {

/** The client's state; pollers hold it (shared) so they outlive the client that made them. */
struct CertificateClientCore {
    VaultConnection conn;

    CertificateClientCore(std::string_view url, std::shared_ptr<const identity::TokenCredential> credential,
                          const CertificateClientOptions& options)
        : conn(url, std::move(credential), options) {}

    /** Send @p request expecting @p ok and parse the body with @p parse. */
    template <class T, class Parse>
    Response<T> call(http::Request& request, std::initializer_list<int> ok, Parse&& parse, const Context& ctx,
                     std::string_view what) const {
        return kvb::detail::sendAndParse<T>(*conn.pipeline, request, ok, std::forward<Parse>(parse), ctx,
                                            what);
    }

    /** A body-less request to the vault at @p segments. */
    http::Request request(http::Method method, std::initializer_list<std::string_view> segments) const {
        return http::Request(method, conn.url(segments).str());
    }

    Response<CertificateOperation> getOperation(std::string_view name, const Context& ctx) const {
        auto r = request(http::Method::Get, {"certificates", name, "pending"});
        return call<CertificateOperation>(r, {200}, parseOperation, ctx, "certificate operation");
    }
    Response<DeletedCertificate> getDeleted(std::string_view name, const Context& ctx) const {
        auto r = request(http::Method::Get, {"deletedcertificates", name});
        return call<DeletedCertificate>(r, {200}, parseDeletedCertificate, ctx, "deleted certificate");
    }
    Response<KeyVaultCertificate> getVersion(std::string_view name, std::string_view version,
                                             const Context& ctx) const {
        auto r = version.empty() ? request(http::Method::Get, {"certificates", name})
                                 : request(http::Method::Get, {"certificates", name, version});
        return call<KeyVaultCertificate>(r, {200}, parseCertificate, ctx, "certificate bundle");
    }
};

struct CertificateClient::Impl : CertificateClientCore {
    using CertificateClientCore::CertificateClientCore;
};

} // namespace kvb::keyvault
