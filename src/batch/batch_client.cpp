// SPDX-License-Identifier: MIT
#include <kvbridge/batch/batch_client.hpp>

#include <kvbridge/error.hpp>
#include <kvbridge/pki/certificate_bundle.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <utility>

#include "batch/batch_connection.hpp"
#include "batch/batch_json.hpp"
#include "core/call.hpp"
#include "core/encoding.hpp"
#include "core/time_format.hpp"
#include "core/url.hpp"
#include "identity/auth_policies.hpp"

namespace kvb::batch {

using http::Method;
using kvb::detail::makePager;
using kvb::detail::sendAndParse;
using kvb::detail::sendNoContent;

namespace {

// Bearer requests carry ocp-date too, as Batch SDKs send it; Shared Key sets its own (signed).
class OcpDatePolicy final : public http::Policy {
public:
    http::RawResponse send(http::Request& request, const http::NextPolicy& next,
                           const Context& context) const override {
        request.headers.set("ocp-date", kvb::detail::formatRfc1123(std::chrono::system_clock::now()));
        return next(request, context);
    }
};

// Batch 2024-07-01 also answers a retired certificate API with a 400 whose code is not
// CertificateRetired but whose message says the feature is "no longer supported"; callers (the
// migration) must see one error type for both.
class RetiredCertificateApiPolicy final : public http::Policy {
public:
    http::RawResponse send(http::Request& request, const http::NextPolicy& next,
                           const Context& context) const override {
        http::RawResponse response = next(request, context);
        if (response.status != 400 ||
            kvb::detail::Url::parse(request.url).path.rfind("/certificates", 0) != 0)
            return response;
        auto info = kvb::detail::errorInfoFromResponse(response, request);
        std::string message = info.message;
        std::transform(message.begin(), message.end(), message.begin(),
                       [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
        if (info.serviceCode != "CertificateRetired" &&
            message.find("no longer supported") != std::string::npos)
            throw CertificateRetiredError(std::move(info));
        return response;
    }
};

// The caller's options plus Batch's own policies.
http::ClientOptions withBatchPolicies(const BatchClientOptions& options, bool ocpDate) {
    http::ClientOptions client = options.client;
    client.perCallPolicies.insert(client.perCallPolicies.begin(),
                                  std::make_shared<RetiredCertificateApiPolicy>());
    if (ocpDate)
        client.perRetryPolicies.insert(client.perRetryPolicies.begin(), std::make_shared<OcpDatePolicy>());
    return client;
}

std::string getUrl(kvb::detail::UrlBuilder base, const GetOptions& options) {
    if (!options.select.empty()) base.query("$select", options.select);
    if (!options.expand.empty()) base.query("$expand", options.expand);
    return base.str();
}

// The thumbprint Batch expects: the caller's (checked), or the SHA-1 of the leaf certificate.
std::string thumbprintFor(const AddCertificateOptions& options) {
    if (!options.thumbprint.empty()) return normalizeThumbprint(options.thumbprint);
    const auto bundle = options.format == CertificateFormat::Pfx
                            ? pki::CertificateBundle::loadPfx(options.data.reveal(), options.password,
                                                              {.requirePrivateKey = false})
                            : pki::CertificateBundle::loadDer(options.data.reveal());
    return normalizeThumbprint(bundle.certificate().thumbprintHex());
}

} // namespace

struct BatchClient::Impl {
    BatchConnection conn;

    Impl(std::string_view url, const BatchClientOptions& options) : conn(url, options) {}

    template <class T, class Parse>
    Response<T> get(std::string url, Parse parse, std::string_view what, const Context& context) const {
        auto request = conn.request(Method::Get, std::move(url));
        return sendAndParse<T>(
            *conn.pipeline, request, {200},
            [&](const kvb::detail::JsonValue& root) { return parse(kvb::detail::requireObject(root, what)); },
            context, what);
    }

    Response<std::monostate> send(Method method, std::string url, std::string body, int ok,
                                  const Context& context, bool sensitive = false) const {
        auto request = conn.request(method, std::move(url), std::move(body), sensitive);
        return sendNoContent(*conn.pipeline, request, {ok}, context);
    }

    template <class T, class Parse>
    Pager<T> list(std::string_view collection, const ListOptions& options, bool allowExpand, Parse parse,
                  const Context& context) const {
        auto url = conn.listUrl(conn.url({collection}), options, allowExpand);
        return makePager<T>(conn.pipeline, std::move(url), parse,
                            conn.pageSpec(std::string(collection) + " page"), context);
    }
};

BatchClient::BatchClient(std::string accountUrl,
                         std::shared_ptr<const identity::SharedKeyCredential> credential,
                         BatchClientOptions options) {
    if (!credential) throw InvalidArgument("a SharedKeyCredential is required");
    auto impl = std::make_shared<Impl>(accountUrl, options);
    impl->conn.pipeline = http::buildPipeline(withBatchPolicies(options, false),
                                              identity::makeSharedKeyPolicy(std::move(credential)));
    impl_ = std::move(impl);
}

BatchClient::BatchClient(std::string accountUrl, std::shared_ptr<const identity::TokenCredential> credential,
                         BatchClientOptions options) {
    auto impl = std::make_shared<Impl>(accountUrl, options);
    if (!credential) throw InvalidArgument("a TokenCredential is required");
    impl->conn.pipeline =
        http::buildPipeline(withBatchPolicies(options, options.sendOcpDate),
                            identity::makeBearerPolicy(std::move(credential), {kBatchScope}));
    impl_ = std::move(impl);
}

const std::string& BatchClient::accountUrl() const noexcept {
    return impl_->conn.accountUrl;
}

Response<std::monostate> BatchClient::addCertificate(const AddCertificateOptions& options,
                                                     const Context& context) const {
    if (options.data.empty()) throw InvalidArgument("certificate data is empty");
    // base64 grows 3 bytes into 4 characters; the limit applies to the base64 text.
    if ((options.data.size() + 2) / 3 * 4 > kMaxCertificateDataBase64)
        throw InvalidArgument("certificate data exceeds Batch's 10 KB limit (base64)");
    if (options.format == CertificateFormat::Cer && !options.password.empty())
        throw InvalidArgument("a CER certificate takes no password");
    const std::string thumbprint = thumbprintFor(options);
    SecretString data(kvb::detail::base64Encode(options.data.reveal()));
    kvb::detail::JsonWriter body(true);
    writeCertificateAdd(body, thumbprint, data.reveal(), options.format, options.password.reveal());
    return impl_->send(Method::Post, impl_->conn.url({"certificates"}).str(), body.str(), 201, context, true);
}

Pager<BatchCertificate> BatchClient::listCertificates(const ListOptions& options,
                                                      const Context& context) const {
    return impl_->list<BatchCertificate>("certificates", options, false, parseCertificate, context);
}

Response<BatchCertificate> BatchClient::getCertificate(std::string_view thumbprint,
                                                       std::string_view thumbprintAlgorithm,
                                                       const GetOptions& options,
                                                       const Context& context) const {
    const auto tp = normalizeThumbprint(thumbprint);
    validateThumbprintAlgorithm(thumbprintAlgorithm);
    if (!options.expand.empty()) throw InvalidArgument("Certificate_Get has no $expand");
    return impl_->get<BatchCertificate>(getUrl(impl_->conn.certificateUrl(tp, thumbprintAlgorithm), options),
                                        parseCertificate, "Batch certificate", context);
}

Response<std::monostate> BatchClient::deleteCertificate(std::string_view thumbprint,
                                                        std::string_view thumbprintAlgorithm,
                                                        const Context& context) const {
    const auto tp = normalizeThumbprint(thumbprint);
    validateThumbprintAlgorithm(thumbprintAlgorithm);
    return impl_->send(Method::Delete, impl_->conn.certificateUrl(tp, thumbprintAlgorithm).str(), {}, 202,
                       context);
}

Response<std::monostate> BatchClient::cancelDeleteCertificate(std::string_view thumbprint,
                                                              std::string_view thumbprintAlgorithm,
                                                              const Context& context) const {
    const auto tp = normalizeThumbprint(thumbprint);
    validateThumbprintAlgorithm(thumbprintAlgorithm);
    return impl_->send(Method::Post,
                       impl_->conn.certificateUrl(tp, thumbprintAlgorithm, "canceldelete").str(), {}, 204,
                       context);
}

Pager<BatchPool> BatchClient::listPools(const ListOptions& options, const Context& context) const {
    return impl_->list<BatchPool>("pools", options, true, parsePool, context);
}

Response<BatchPool> BatchClient::getPool(std::string_view poolId, const GetOptions& options,
                                         const Context& context) const {
    validateId(poolId, "pool");
    return impl_->get<BatchPool>(getUrl(impl_->conn.url({"pools", poolId}), options), parsePool, "Batch pool",
                                 context);
}

namespace {

rapidjson::Document requireObjectDocument(std::string_view json, const char* what) {
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError() || !doc.IsObject())
        throw InvalidArgument(std::string(what) + " must be a JSON object");
    return doc;
}

} // namespace

Response<std::monostate> BatchClient::addPool(std::string_view poolJson, const Context& context) const {
    const auto doc = requireObjectDocument(poolJson, "pool document");
    const auto* id = kvb::detail::findMember(doc, "id");
    if (!id || !id->IsString()) throw InvalidArgument("pool document needs a string \"id\"");
    validateId(id->GetString(), "pool");
    return impl_->send(Method::Post, impl_->conn.url({"pools"}).str(), std::string(poolJson), 201, context,
                       true);
}

Response<std::monostate> BatchClient::addPool(const PoolAddParameters& pool, const Context& context) const {
    validateId(pool.id, "pool");
    if (pool.vmSize.empty()) throw InvalidArgument("pool vmSize is required");
    return impl_->send(Method::Post, impl_->conn.url({"pools"}).str(), poolAddJson(pool), 201, context, true);
}

Response<std::monostate> BatchClient::patchPool(std::string_view poolId, const PoolPatchParameters& patch,
                                                const Context& context) const {
    validateId(poolId, "pool");
    return impl_->send(Method::Patch, impl_->conn.url({"pools", poolId}).str(), poolPatchJson(patch), 200,
                       context);
}

Response<std::monostate> BatchClient::patchPool(std::string_view poolId, std::string_view patchJson,
                                                const Context& context) const {
    validateId(poolId, "pool");
    requireObjectDocument(patchJson, "pool patch document");
    return impl_->send(Method::Patch, impl_->conn.url({"pools", poolId}).str(), std::string(patchJson), 200,
                       context);
}

Response<std::monostate> BatchClient::updatePoolProperties(std::string_view poolId,
                                                           const PoolUpdatePropertiesParameters& properties,
                                                           const Context& context) const {
    validateId(poolId, "pool");
    return impl_->send(Method::Post, impl_->conn.url({"pools", poolId, "updateproperties"}).str(),
                       poolUpdatePropertiesJson(properties), 204, context);
}

Response<std::vector<CertificateReference>>
BatchClient::clearPoolCertificateReferences(std::string_view poolId, const Context& context) const {
    auto pool = getPool(poolId, {}, context);
    Response<std::vector<CertificateReference>> out;
    out.status = pool.status;
    out.headers = std::move(pool.headers);
    if (pool->certificateReferences.empty()) return out;
    auto update = keepProperties(*pool);
    update.certificateReferences.clear();
    auto sent = updatePoolProperties(poolId, update, context);
    out.value = std::move(pool->certificateReferences);
    out.status = sent.status;
    out.headers = std::move(sent.headers);
    return out;
}

Response<std::monostate> BatchClient::deletePool(std::string_view poolId, const Context& context) const {
    validateId(poolId, "pool");
    return impl_->send(Method::Delete, impl_->conn.url({"pools", poolId}).str(), {}, 202, context);
}

Pager<BatchJobSchedule> BatchClient::listJobSchedules(const ListOptions& options,
                                                      const Context& context) const {
    return impl_->list<BatchJobSchedule>("jobschedules", options, true, parseJobSchedule, context);
}

Response<BatchJobSchedule> BatchClient::getJobSchedule(std::string_view jobScheduleId,
                                                       const GetOptions& options,
                                                       const Context& context) const {
    validateId(jobScheduleId, "job schedule");
    return impl_->get<BatchJobSchedule>(getUrl(impl_->conn.url({"jobschedules", jobScheduleId}), options),
                                        parseJobSchedule, "Batch job schedule", context);
}

Pager<BatchJob> BatchClient::listJobs(const ListOptions& options, const Context& context) const {
    return impl_->list<BatchJob>("jobs", options, true, parseJob, context);
}

Response<BatchJob> BatchClient::getJob(std::string_view jobId, const GetOptions& options,
                                       const Context& context) const {
    validateId(jobId, "job");
    return impl_->get<BatchJob>(getUrl(impl_->conn.url({"jobs", jobId}), options), parseJob, "Batch job",
                                context);
}

} // namespace kvb::batch
