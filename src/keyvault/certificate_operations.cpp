// SPDX-License-Identifier: MIT
// The long-running calls: create (a pending operation to poll), delete and recover (done once
// the service shows the object in its new place).

#include <kvbridge/keyvault/certificate_client.hpp>

#include "keyvault/certificate_client_impl.hpp"

namespace kvb::keyvault {

namespace {

using Impl = CertificateClientCore;

Operation<CertificateOperation> createPoller(std::shared_ptr<const Impl> impl, std::string name,
                                             PollResult<CertificateOperation> started) {
    std::string token = started.value && !started.value->id.empty()
                            ? started.value->id
                            : impl->conn.url({"certificates", name, "pending"}).str();
    std::string description = "creation of certificate '" + name + "'";
    auto poll = [impl = std::move(impl), name = std::move(name)](const Context& ctx) {
        auto response = impl->getOperation(name, ctx);
        const bool done = response.value.isDone();
        return pollResultOf(std::move(response), done);
    };
    return Operation<CertificateOperation>(std::move(poll), std::move(token), std::move(description),
                                           std::move(started));
}

} // namespace

Operation<CertificateOperation>
CertificateClient::startCreateCertificate(std::string_view name, const CertificatePolicy& policy,
                                          const CreateCertificateOptions& options,
                                          const Context& context) const {
    validateName(name, "certificate");
    kvb::detail::JsonWriter w;
    writeCreateBody(w, policy, options);
    auto r =
        jsonRequest(http::Method::Post, impl_->conn.url({"certificates", name, "create"}).str(), w.view());
    auto response =
        impl_->call<CertificateOperation>(r, {202}, parseOperation, context, "certificate operation");
    // The 202's Retry-After paces the first poll.
    const bool done = response.value.isDone();
    return createPoller(impl_, std::string(name), pollResultOf(std::move(response), done));
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
    validateName(id.name, "certificate");
    auto op = createPoller(impl_, id.name, {});
    op.poll(context);
    return op;
}

Operation<DeletedCertificate> CertificateClient::startDeleteCertificate(std::string_view name,
                                                                        const Context& context) const {
    validateName(name, "certificate");
    auto r = impl_->request(http::Method::Delete, {"certificates", name});
    auto response =
        impl_->call<DeletedCertificate>(r, {200}, parseDeletedCertificate, context, "deleted certificate");
    // Without soft delete there is nothing to wait for.
    const bool done = !response.value.recoveryId.has_value();
    return pollUntilReadable<DeletedCertificate>(
        impl_->conn, impl_->conn.url({"deletedcertificates", name}).str(), parseDeletedCertificate,
        pollResultOf(std::move(response), done), std::string(name),
        "deletion of certificate '" + std::string(name) + "'");
}

Operation<KeyVaultCertificate>
CertificateClient::startRecoverDeletedCertificate(std::string_view name, const Context& context) const {
    validateName(name, "certificate");
    auto r = impl_->request(http::Method::Post, {"deletedcertificates", name, "recover"});
    auto response =
        impl_->call<KeyVaultCertificate>(r, {200}, parseCertificate, context, "certificate bundle");
    return pollUntilReadable<KeyVaultCertificate>(impl_->conn, impl_->conn.url({"certificates", name}).str(),
                                                  parseCertificate, pollResultOf(std::move(response), false),
                                                  std::string(name),
                                                  "recovery of certificate '" + std::string(name) + "'");
}

} // namespace kvb::keyvault
