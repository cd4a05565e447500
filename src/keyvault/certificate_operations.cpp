// SPDX-License-Identifier: MIT
// The long-running calls: create (a pending operation to poll), delete and recover (done once
// the service shows the object in its new place).

#include <kvbridge/keyvault/certificate_client.hpp>

#include "http/policies.hpp"
#include "keyvault/certificate_client_impl.hpp"

namespace kvb::keyvault {

namespace {

using Impl = detail::CertificateClientCore;

template <class T>
PollResult<T> pollResultOf(Response<T> response, bool done) {
    PollResult<T> out;
    out.done = done;
    out.retryAfter =
        http::detail::RetryPolicy::serverDelay(response.headers, std::chrono::system_clock::now());
    out.value = std::move(response.value);
    return out;
}

// Delete and recover finish when a GET of the object's new place stops answering 404.
template <class T, class Get>
typename Operation<T>::Poll pollUntilFound(Get get) {
    return [get = std::move(get)](const Context& ctx) {
        try {
            return pollResultOf<T>(get(ctx), true);
        } catch (const NotFoundError&) {
            return PollResult<T>{};
        }
    };
}

Operation<CertificateOperation> createPoller(std::shared_ptr<const Impl> impl, std::string name,
                                             std::optional<CertificateOperation> initial) {
    std::string token = initial && !initial->id.empty()
                            ? initial->id
                            : impl->conn.url({"certificates", name, "pending"}).str();
    auto poll = [impl = std::move(impl), name = std::move(name)](const Context& ctx) {
        auto response = impl->getOperation(name, ctx);
        const bool done = response.value.isDone();
        return pollResultOf<CertificateOperation>(std::move(response), done);
    };
    return Operation<CertificateOperation>(std::move(poll), std::move(token), std::move(initial));
}

} // namespace

Operation<CertificateOperation>
CertificateClient::startCreateCertificate(std::string_view name, const CertificatePolicy& policy,
                                          const CreateCertificateOptions& options,
                                          const Context& context) const {
    detail::validateName(name, "certificate");
    kvb::detail::JsonWriter w;
    detail::writeCreateBody(w, policy, options);
    auto r = detail::jsonRequest(http::Method::Post, impl_->conn.url({"certificates", name, "create"}).str(),
                                 w.view());
    auto response =
        impl_->call<CertificateOperation>(r, {202}, detail::parseOperation, context, "certificate operation");
    return createPoller(impl_, std::string(name), std::move(response.value));
}

Operation<CertificateOperation> CertificateClient::resumeCreateCertificate(std::string_view resumeToken,
                                                                           const Context& context) const {
    KeyVaultId id;
    try {
        id = KeyVaultId::parse(resumeToken);
    } catch (const InvalidArgument&) {
        throw InvalidArgument("resume token is not a certificate operation id");
    }
    // The token may come from elsewhere: never let it steer requests (and tokens) to another host.
    if (id.vaultUrl != impl_->conn.vaultUrl || id.collection != "certificates" || id.version != "pending")
        throw InvalidArgument("resume token is not a pending certificate operation of this vault");
    detail::validateName(id.name, "certificate");
    auto op = createPoller(impl_, id.name, std::nullopt);
    op.poll(context);
    return op;
}

Operation<DeletedCertificate> CertificateClient::startDeleteCertificate(std::string_view name,
                                                                        const Context& context) const {
    detail::validateName(name, "certificate");
    auto r = impl_->request(http::Method::Delete, {"certificates", name});
    auto response = impl_->call<DeletedCertificate>(r, {200}, detail::parseDeletedCertificate, context,
                                                    "deleted certificate");
    // Without soft delete there is nothing to wait for: the first poll finishes with what DELETE said.
    const bool softDeleted = !response.value.recoveryId.empty();
    auto poll = pollUntilFound<DeletedCertificate>(
        [impl = impl_, n = std::string(name), softDeleted, gone = response.value](const Context& ctx) {
            if (!softDeleted) return Response<DeletedCertificate>{gone, 200, {}};
            return impl->getDeleted(n, ctx);
        });
    return Operation<DeletedCertificate>(std::move(poll), std::string(name), std::move(response.value));
}

Operation<KeyVaultCertificate>
CertificateClient::startRecoverDeletedCertificate(std::string_view name, const Context& context) const {
    detail::validateName(name, "certificate");
    auto r = impl_->request(http::Method::Post, {"deletedcertificates", name, "recover"});
    auto response =
        impl_->call<KeyVaultCertificate>(r, {200}, detail::parseCertificate, context, "certificate bundle");
    auto poll = pollUntilFound<KeyVaultCertificate>(
        [impl = impl_, n = std::string(name)](const Context& ctx) { return impl->getVersion(n, {}, ctx); });
    return Operation<KeyVaultCertificate>(std::move(poll), std::string(name), std::move(response.value));
}

} // namespace kvb::keyvault
