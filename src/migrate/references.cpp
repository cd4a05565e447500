// SPDX-License-Identifier: MIT
#include "migrate/references.hpp"

#include <kvbridge/error.hpp>

#include "core/json.hpp"
#include "migrate/text_util.hpp"

namespace kvb::detail {

namespace {

using kvb::detail::findMember;
using kvb::detail::JsonValue;

const JsonValue* autoPoolValue(const JsonValue& schedule) {
    const JsonValue* v = &schedule;
    for (const char* name : {"jobSpecification", "poolInfo", "autoPoolSpecification", "pool"}) {
        if (!v->IsObject()) return nullptr;
        v = findMember(*v, name);
        if (v == nullptr) return nullptr;
    }
    return v->IsObject() ? v : nullptr;
}

} // namespace

std::vector<std::pair<std::string, migrate::CertificateUse>>
certificateUsesOf(migrate::ReferenceKind kind, const std::string& id, const std::string& json) {
    auto doc = kvb::detail::parseJson(json, kind == migrate::ReferenceKind::Pool ? "pool" : "job schedule");
    const JsonValue* pool =
        kind == migrate::ReferenceKind::Pool ? &kvb::detail::requireObject(doc, "pool") : autoPoolValue(doc);
    std::vector<std::pair<std::string, migrate::CertificateUse>> out;
    if (pool == nullptr) return out;
    const JsonValue* refs = findMember(*pool, "certificateReferences");
    if (refs == nullptr || !refs->IsArray()) return out;
    for (const auto& ref : refs->GetArray()) {
        if (!ref.IsObject()) continue;
        const std::string thumbprint = kvb::detail::optString(ref, "thumbprint").value_or("");
        const std::string algorithm =
            toLower(kvb::detail::optString(ref, "thumbprintAlgorithm").value_or("sha1"));
        if (!isThumbprintHex(thumbprint) || algorithm != "sha1") continue;
        migrate::CertificateUse use;
        use.kind = kind;
        use.ownerId = id;
        use.storeLocation = kvb::detail::optString(ref, "storeLocation").value_or("");
        use.storeName = kvb::detail::optString(ref, "storeName").value_or("");
        use.visibility = kvb::detail::optStringArray(ref, "visibility");
        out.emplace_back(toUpper(thumbprint), std::move(use));
    }
    return out;
}

std::string certificateReferencesOf(const std::string& poolJson) {
    auto doc = kvb::detail::parseJson(poolJson, "pool");
    const JsonValue* refs = findMember(kvb::detail::requireObject(doc, "pool"), "certificateReferences");
    return refs != nullptr && refs->IsArray() ? kvb::detail::toJsonText(*refs) : "[]";
}

std::string withCertificateReferences(const std::string& poolJson, const std::string& referencesJson) {
    auto doc = kvb::detail::parseJson(poolJson, "pool");
    kvb::detail::requireObject(doc, "pool");
    auto refs = kvb::detail::parseJson(referencesJson, "certificate references");
    if (!refs.IsArray()) throw ParseError("certificate references: not an array");
    rapidjson::Value copy(refs, doc.GetAllocator());
    if (doc.HasMember("certificateReferences"))
        doc["certificateReferences"] = std::move(copy);
    else
        doc.AddMember("certificateReferences", std::move(copy), doc.GetAllocator());
    return kvb::detail::toJsonText(doc);
}

std::optional<std::string> autoPoolOf(const std::string& jobScheduleJson) {
    auto doc = kvb::detail::parseJson(jobScheduleJson, "job schedule");
    if (const JsonValue* pool = autoPoolValue(doc)) return kvb::detail::toJsonText(*pool);
    return std::nullopt;
}

} // namespace kvb::detail
