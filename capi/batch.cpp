// SPDX-License-Identifier: MIT
// BatchClient of the C ABI: certificates, pools, job schedules, jobs.

#include <kvbridge/batch/batch_client.hpp>

#include <memory>
#include <span>
#include <variant>

#include "batch_internal.hpp"
#include "documents/batch.hpp"
#include "options.hpp"

namespace kvb::capi {

namespace {

using CertificateHandle = ValueHandle<batchTag(2), batch::BatchCertificate>;
using PoolHandle = ValueHandle<batchTag(3), batch::BatchPool>;
using JobScheduleHandle = ValueHandle<batchTag(4), batch::BatchJobSchedule>;
using CertificatePagerHandle = PagerHandle<batch::BatchCertificate, batchTag(5)>;
using PoolPagerHandle = PagerHandle<batch::BatchPool, batchTag(6)>;
using JobSchedulePagerHandle = PagerHandle<batch::BatchJobSchedule, batchTag(7)>;
using JobHandle = ValueHandle<batchTag(8), batch::BatchJob>;
using JobPagerHandle = PagerHandle<batch::BatchJob, batchTag(9)>;
using BatchClientHandle = ValueHandle<batchTag(1), batch::BatchClient>;

// A Batch client authenticates with a bearer token or a shared key; a kvb_credential carries
// one of them.
using BatchAuth = std::variant<std::shared_ptr<const identity::TokenCredential>,
                               std::shared_ptr<const identity::SharedKeyCredential>>;

// Batch takes either kind of kvb_credential: a shared key signs requests itself.
BatchAuth batchAuthOf(const kvb_credential* credential) {
    if (auto shared = sharedKeyOf(credential)) return shared;
    return credentialOf(credential);
}

batch::BatchClientOptions batchClientOptions(const kvb_client_options* options) {
    batch::BatchClientOptions out;
    out.client = clientOptions(options);
    if (options && options->api_version) out.apiVersion = options->api_version;
    return out;
}

batch::ListOptions listOptions(const kvb_batch_list_options* options) {
    const auto& o = optionsOrDefaults(options);
    batch::ListOptions out;
    out.filter = optional(o.filter);
    out.select = optional(o.select);
    out.expand = optional(o.expand);
    if (o.max_results != 0) out.maxResults = o.max_results;
    return out;
}

batch::GetOptions getOptions(const kvb_batch_get_options* options) {
    const auto& o = optionsOrDefaults(options);
    batch::GetOptions out;
    out.select = optional(o.select);
    out.expand = optional(o.expand);
    return out;
}

// Optional enum states read as "" when the service did not say (e.g. excluded by $select).
template <class State>
const char* stateText(const std::optional<State>& state) {
    return state ? batch::toString(*state) : "";
}

} // namespace

const batch::BatchClient& batchClientOf(const kvb_batch_client* handle) {
    return unwrap<BatchClientHandle>(handle).value;
}

} // namespace kvb::capi

using namespace kvb;
using namespace kvb::capi;

extern "C" {

int kvb_batch_client_new(kvb_batch_client** out, const char* account_url, const kvb_credential* credential,
                         const kvb_client_options* options) {
    return guard([&] {
        resetOut(out);
        const std::string url(required(account_url, "account_url"));
        auto client = std::visit(
            [&](const auto& auth) { return batch::BatchClient(url, auth, batchClientOptions(options)); },
            batchAuthOf(credential));
        return returnHandle<BatchClientHandle>(out, std::move(client));
    });
}

void kvb_batch_client_free(kvb_batch_client* client) {
    freeHandle<BatchClientHandle>(client);
}

int kvb_batch_list_options_init(kvb_batch_list_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_batch_get_options_init(kvb_batch_get_options* options, unsigned int version) {
    return initOptions(options, version);
}

int kvb_batch_client_add_certificate(const kvb_batch_client* client, const uint8_t* data, size_t size,
                                     int format, const char* password, const char* thumbprint) {
    return guard([&] {
        const auto& c = batchClientOf(client);
        if (data == nullptr || size == 0) throw InvalidArgument("data is NULL or empty");
        if (format != KVB_BATCH_CERTIFICATE_PFX && format != KVB_BATCH_CERTIFICATE_CER)
            throw InvalidArgument(
                "format is neither KVB_BATCH_CERTIFICATE_PFX nor KVB_BATCH_CERTIFICATE_CER");
        batch::AddCertificateOptions add;
        add.data = SecretBytes(std::span<const std::uint8_t>(data, size));
        add.format = format == KVB_BATCH_CERTIFICATE_PFX ? batch::CertificateFormat::Pfx
                                                         : batch::CertificateFormat::Cer;
        add.password = SecretString(optional(password));
        add.thumbprint = optional(thumbprint);
        c.addCertificate(add);
        return KVB_OK;
    });
}

int kvb_batch_client_get_certificate(kvb_batch_certificate** out, const kvb_batch_client* client,
                                     const char* thumbprint, const kvb_batch_get_options* options) {
    return guard([&] {
        resetOut(out);
        auto response = batchClientOf(client).getCertificate(required(thumbprint, "thumbprint"), "sha1",
                                                             getOptions(options));
        return returnHandle<CertificateHandle>(out, std::move(response.value));
    });
}

int kvb_batch_client_delete_certificate(const kvb_batch_client* client, const char* thumbprint) {
    return guard([&] {
        batchClientOf(client).deleteCertificate(required(thumbprint, "thumbprint"));
        return KVB_OK;
    });
}

int kvb_batch_client_cancel_delete_certificate(const kvb_batch_client* client, const char* thumbprint) {
    return guard([&] {
        batchClientOf(client).cancelDeleteCertificate(required(thumbprint, "thumbprint"));
        return KVB_OK;
    });
}

int kvb_batch_client_list_certificates(kvb_batch_certificate_pager** out, const kvb_batch_client* client,
                                       const kvb_batch_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnHandle<CertificatePagerHandle>(
            out, batchClientOf(client).listCertificates(listOptions(options)));
    });
}

int kvb_batch_certificate_pager_next(kvb_batch_certificate** out, kvb_batch_certificate_pager* pager) {
    return nextItem<CertificatePagerHandle, CertificateHandle>(out, pager);
}

void kvb_batch_certificate_pager_free(kvb_batch_certificate_pager* pager) {
    freeHandle<CertificatePagerHandle>(pager);
}

const char* kvb_batch_certificate_thumbprint(const kvb_batch_certificate* certificate) {
    return borrowText<CertificateHandle>(
        certificate, [](const auto& h) -> auto& { return h.value.thumbprint; });
}
const char* kvb_batch_certificate_state(const kvb_batch_certificate* certificate) {
    return borrowText<CertificateHandle>(certificate, [](const auto& h) { return stateText(h.value.state); });
}
const char* kvb_batch_certificate_previous_state(const kvb_batch_certificate* certificate) {
    return borrowText<CertificateHandle>(certificate,
                                         [](const auto& h) { return stateText(h.value.previousState); });
}
const char* kvb_batch_certificate_public_data(const kvb_batch_certificate* certificate) {
    return borrowText<CertificateHandle>(
        certificate, [](const auto& h) -> auto& { return h.value.publicData; });
}
const char* kvb_batch_certificate_delete_error_code(const kvb_batch_certificate* certificate) {
    return borrowText<CertificateHandle>(certificate, [](const auto& h) {
        const auto& e = h.value.deleteCertificateError;
        return e ? e->code.c_str() : "";
    });
}

int kvb_batch_certificate_to_json(kvb_string* out, const kvb_batch_certificate* certificate) {
    return valueToJson<CertificateHandle>(out, certificate, writeBatchCertificate);
}

void kvb_batch_certificate_free(kvb_batch_certificate* certificate) {
    freeHandle<CertificateHandle>(certificate);
}

int kvb_batch_client_get_pool(kvb_batch_pool** out, const kvb_batch_client* client, const char* pool_id,
                              const kvb_batch_get_options* options) {
    return guard([&] {
        resetOut(out);
        auto response = batchClientOf(client).getPool(required(pool_id, "pool_id"), getOptions(options));
        return returnHandle<PoolHandle>(out, std::move(response.value));
    });
}

int kvb_batch_client_list_pools(kvb_batch_pool_pager** out, const kvb_batch_client* client,
                                const kvb_batch_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnHandle<PoolPagerHandle>(out, batchClientOf(client).listPools(listOptions(options)));
    });
}

int kvb_batch_pool_pager_next(kvb_batch_pool** out, kvb_batch_pool_pager* pager) {
    return nextItem<PoolPagerHandle, PoolHandle>(out, pager);
}

void kvb_batch_pool_pager_free(kvb_batch_pool_pager* pager) {
    freeHandle<PoolPagerHandle>(pager);
}

int kvb_batch_client_add_pool(const kvb_batch_client* client, const char* pool_json) {
    return guard([&] {
        batchClientOf(client).addPool(required(pool_json, "pool_json"));
        return KVB_OK;
    });
}

int kvb_batch_client_patch_pool(const kvb_batch_client* client, const char* pool_id, const char* patch_json) {
    return guard([&] {
        batchClientOf(client).patchPool(required(pool_id, "pool_id"), required(patch_json, "patch_json"));
        return KVB_OK;
    });
}

int kvb_batch_client_delete_pool(const kvb_batch_client* client, const char* pool_id) {
    return guard([&] {
        batchClientOf(client).deletePool(required(pool_id, "pool_id"));
        return KVB_OK;
    });
}

int kvb_batch_client_clear_pool_certificate_references(size_t* removed, const kvb_batch_client* client,
                                                       const char* pool_id) {
    return guard([&] {
        auto response = batchClientOf(client).clearPoolCertificateReferences(required(pool_id, "pool_id"));
        if (removed) *removed = response.value.size();
        return KVB_OK;
    });
}

const char* kvb_batch_pool_id(const kvb_batch_pool* pool) {
    return borrowText<PoolHandle>(
        pool, [](const auto& h) -> auto& { return h.value.id; });
}
const char* kvb_batch_pool_state(const kvb_batch_pool* pool) {
    return borrowText<PoolHandle>(pool, [](const auto& h) { return stateText(h.value.state); });
}
const char* kvb_batch_pool_vm_size(const kvb_batch_pool* pool) {
    return borrowText<PoolHandle>(
        pool, [](const auto& h) -> auto& { return h.value.vmSize; });
}
const char* kvb_batch_pool_node_agent_sku_id(const kvb_batch_pool* pool) {
    return borrowText<PoolHandle>(pool, [](const auto& h) {
        const auto& vm = h.value.virtualMachineConfiguration;
        return vm ? vm->nodeAgentSkuId.c_str() : "";
    });
}
size_t kvb_batch_pool_certificate_reference_count(const kvb_batch_pool* pool) {
    return readNumber<PoolHandle>(pool, [](const auto& h) { return h.value.certificateReferences.size(); });
}
const char* kvb_batch_pool_certificate_reference_thumbprint(const kvb_batch_pool* pool, size_t index) {
    return borrowText<PoolHandle>(
        pool, [index](const auto& h) -> auto& {
            return at(h.value.certificateReferences, index).thumbprint;
        });
}

int kvb_batch_pool_to_json(kvb_string* out, const kvb_batch_pool* pool) {
    return valueToJson<PoolHandle>(out, pool, writeBatchPool);
}

void kvb_batch_pool_free(kvb_batch_pool* pool) {
    freeHandle<PoolHandle>(pool);
}

int kvb_batch_client_get_job_schedule(kvb_batch_job_schedule** out, const kvb_batch_client* client,
                                      const char* job_schedule_id, const kvb_batch_get_options* options) {
    return guard([&] {
        resetOut(out);
        auto response = batchClientOf(client).getJobSchedule(required(job_schedule_id, "job_schedule_id"),
                                                             getOptions(options));
        return returnHandle<JobScheduleHandle>(out, std::move(response.value));
    });
}

int kvb_batch_client_list_job_schedules(kvb_batch_job_schedule_pager** out, const kvb_batch_client* client,
                                        const kvb_batch_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnHandle<JobSchedulePagerHandle>(
            out, batchClientOf(client).listJobSchedules(listOptions(options)));
    });
}

int kvb_batch_job_schedule_pager_next(kvb_batch_job_schedule** out, kvb_batch_job_schedule_pager* pager) {
    return nextItem<JobSchedulePagerHandle, JobScheduleHandle>(out, pager);
}

void kvb_batch_job_schedule_pager_free(kvb_batch_job_schedule_pager* pager) {
    freeHandle<JobSchedulePagerHandle>(pager);
}

const char* kvb_batch_job_schedule_id(const kvb_batch_job_schedule* schedule) {
    return borrowText<JobScheduleHandle>(
        schedule, [](const auto& h) -> auto& { return h.value.id; });
}
const char* kvb_batch_job_schedule_state(const kvb_batch_job_schedule* schedule) {
    return borrowText<JobScheduleHandle>(
        schedule, [](const auto& h) -> auto& { return h.value.state; });
}
size_t kvb_batch_job_schedule_certificate_reference_count(const kvb_batch_job_schedule* schedule) {
    return readNumber<JobScheduleHandle>(schedule,
                                         [](const auto& h) { return autoPoolReferences(h.value).size(); });
}
const char* kvb_batch_job_schedule_certificate_reference_thumbprint(const kvb_batch_job_schedule* schedule,
                                                                    size_t index) {
    return borrowText<JobScheduleHandle>(
        schedule, [index](const auto& h) -> auto& {
            return at(autoPoolReferences(h.value), index).thumbprint;
        });
}

int kvb_batch_job_schedule_to_json(kvb_string* out, const kvb_batch_job_schedule* schedule) {
    return valueToJson<JobScheduleHandle>(out, schedule, writeBatchJobSchedule);
}

void kvb_batch_job_schedule_free(kvb_batch_job_schedule* schedule) {
    freeHandle<JobScheduleHandle>(schedule);
}

int kvb_batch_client_get_job(kvb_batch_job** out, const kvb_batch_client* client, const char* job_id,
                             const kvb_batch_get_options* options) {
    return guard([&] {
        resetOut(out);
        auto response = batchClientOf(client).getJob(required(job_id, "job_id"), getOptions(options));
        return returnHandle<JobHandle>(out, std::move(response.value));
    });
}

int kvb_batch_client_list_jobs(kvb_batch_job_pager** out, const kvb_batch_client* client,
                               const kvb_batch_list_options* options) {
    return guard([&] {
        resetOut(out);
        return returnHandle<JobPagerHandle>(out, batchClientOf(client).listJobs(listOptions(options)));
    });
}

int kvb_batch_job_pager_next(kvb_batch_job** out, kvb_batch_job_pager* pager) {
    return nextItem<JobPagerHandle, JobHandle>(out, pager);
}

void kvb_batch_job_pager_free(kvb_batch_job_pager* pager) {
    freeHandle<JobPagerHandle>(pager);
}

const char* kvb_batch_job_id(const kvb_batch_job* job) {
    return borrowText<JobHandle>(
        job, [](const auto& h) -> auto& { return h.value.id; });
}
const char* kvb_batch_job_state(const kvb_batch_job* job) {
    return borrowText<JobHandle>(
        job, [](const auto& h) -> auto& { return h.value.state; });
}
size_t kvb_batch_job_certificate_reference_count(const kvb_batch_job* job) {
    return readNumber<JobHandle>(job, [](const auto& h) { return autoPoolReferences(h.value).size(); });
}
const char* kvb_batch_job_certificate_reference_thumbprint(const kvb_batch_job* job, size_t index) {
    return borrowText<JobHandle>(
        job, [index](const auto& h) -> auto& { return at(autoPoolReferences(h.value), index).thumbprint; });
}

int kvb_batch_job_to_json(kvb_string* out, const kvb_batch_job* job) {
    return valueToJson<JobHandle>(out, job, writeBatchJob);
}

void kvb_batch_job_free(kvb_batch_job* job) {
    freeHandle<JobHandle>(job);
}

} // extern "C"
