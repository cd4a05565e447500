// SPDX-License-Identifier: MIT
// The documents of batch.h.

#include "documents/batch.hpp"

#include <map>

namespace kvb::capi {

namespace {

void writeReferences(JsonWriter& w, std::string_view name,
                     const std::vector<batch::CertificateReference>& refs) {
    writeObjects(w, name, refs, [&](const batch::CertificateReference& r) {
        w.member("thumbprint", r.thumbprint).member("thumbprintAlgorithm", r.thumbprintAlgorithm);
        w.member("storeLocation", r.storeLocation).member("storeName", r.storeName);
        w.member("visibility", r.visibility);
    });
}

void writeMetadata(JsonWriter& w, const std::vector<batch::MetadataItem>& metadata) {
    std::map<std::string, std::string> map;
    for (const auto& m : metadata) map[m.name] = m.value;
    w.member("metadata", map);
}

void writeService(JsonWriter& w, const std::string& rawJson) {
    if (!rawJson.empty()) w.key("service").raw(rawJson);
}

/** Job schedules and jobs share their document. */
template <class JobLike>
void writeJobLike(JsonWriter& w, const JobLike& s) {
    writeObject(w, [&] {
        w.member("id", s.id).member("displayName", s.displayName).member("state", s.state);
        if (s.poolInfo) w.member("poolId", s.poolInfo->poolId);
        writeReferences(w, "autoPoolCertificateReferences", autoPoolReferences(s));
        writeMetadata(w, s.metadata);
        writeService(w, s.rawJson);
    });
}

} // namespace

void writeBatchCertificate(JsonWriter& w, const batch::BatchCertificate& c) {
    writeObject(w, [&] {
        w.member("thumbprint", c.thumbprint).member("thumbprintAlgorithm", c.thumbprintAlgorithm);
        w.member("url", c.url);
        if (c.state) w.member("state", batch::toString(*c.state));
        w.memberUnixTime("stateTransitionTime", c.stateTransitionTime);
        if (c.previousState) w.member("previousState", batch::toString(*c.previousState));
        w.memberUnixTime("previousStateTransitionTime", c.previousStateTransitionTime);
        w.member("publicData", c.publicData);
        if (const auto& e = c.deleteCertificateError) {
            writeObject(w.key("deleteCertificateError"), [&] {
                w.member("code", e->code).member("message", e->message);
                writeObjects(w, "values", e->values, [&](const batch::NameValuePair& v) {
                    w.member("name", v.name).member("value", v.value);
                });
            });
        }
    });
}

void writeBatchPool(JsonWriter& w, const batch::BatchPool& p) {
    writeObject(w, [&] {
        w.member("id", p.id).member("displayName", p.displayName);
        if (p.state) w.member("state", batch::toString(*p.state));
        w.member("vmSize", p.vmSize);
        if (p.virtualMachineConfiguration)
            w.member("nodeAgentSkuId", p.virtualMachineConfiguration->nodeAgentSkuId);
        writeReferences(w, "certificateReferences", p.certificateReferences);
        writeMetadata(w, p.metadata);
        writeService(w, p.rawJson);
    });
}

void writeBatchJobSchedule(JsonWriter& w, const batch::BatchJobSchedule& s) {
    writeJobLike(w, s);
}

void writeBatchJob(JsonWriter& w, const batch::BatchJob& j) {
    writeJobLike(w, j);
}

} // namespace kvb::capi
