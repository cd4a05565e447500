// SPDX-License-Identifier: MIT
// Secrets: /secrets and /deletedsecrets.
#include "kv_handlers.hpp"
#include "kv_x509.hpp"

namespace emu::kv {

namespace {

Json secretBundle(const Ctx& ctx, const Entity& e, const Json& v, bool withValue) {
    Json out = publicView(v);
    if (!withValue) out.erase("value");
    out["id"] = objectUrl(ctx, kSecretKind, e.name, v.str("_v").value_or(""));
    if (v.boolean("managed").value_or(false))
        out["kid"] = objectUrl(ctx, kKeyKind, e.name, v.str("_v").value_or(""));
    return out;
}

Json secretItem(const Ctx& ctx, const Entity& e, const Json& v, bool versioned) {
    Json out = Json::object();
    out["id"] = objectUrl(ctx, kSecretKind, e.name, versioned ? v.str("_v").value_or("") : "");
    for (const char* f : {"attributes", "tags", "contentType", "managed"})
        if (const Json* x = v.find(f)) out[f] = *x;
    return out;
}

std::optional<std::string> optionalString(const Json& body, const char* field) {
    const Json* j = body.find(field);
    if (j == nullptr || j->isNull()) return std::nullopt;
    if (!j->isString()) badParameter(std::string("The parameter '") + field + "' must be a string.");
    return j->asString();
}

HttpReply setSecret(Ctx& ctx, const std::string& name) {
    requireName(name);
    const Json& body = ctx.body();
    const Json* value = body.find("value");
    if (value == nullptr || !value->isString())
        badParameter("The parameter 'value' is required and must be a string.");
    if (value->asString().size() > kMaxSecretValueBytes)
        badParameter("The secret value exceeds the 25 KB limit.");
    auto contentType = optionalString(body, "contentType");
    auto tags = readTags(body);
    refuseIfDeleted(kSecretKind, ctx.vault.deletedSecrets, name);
    auto it = ctx.vault.secrets.find(name);
    if (it != ctx.vault.secrets.end() && !it->second.versions.empty())
        refuseManaged(kSecretKind, it->second.versions.back(), "set");
    Json v = Json::object();
    v["_v"] = newVersionId();
    v["value"] = value->asString();
    if (contentType) v["contentType"] = *contentType;
    v["attributes"] = newAttributes(body.find("attributes"));
    if (tags) v["tags"] = *tags;
    Entity& e = ctx.vault.secrets[name];
    if (e.name.empty()) e.name = name;
    e.versions.push_back(v);
    return jsonReply(secretBundle(ctx, e, e.versions.back(), true));
}

HttpReply getSecret(Ctx& ctx, const std::string& name, const std::string& version) {
    Entity& e = liveEntity(kSecretKind, ctx.vault.secrets, name);
    const Json& v = liveVersion(kSecretKind, e, version);
    if (const Json* a = v.find("attributes"); a != nullptr && !a->boolean("enabled").value_or(true))
        throw KvError(403, "Forbidden", "Operation get is not allowed on a disabled secret.",
                      "SecretDisabled");
    Json out = secretBundle(ctx, e, v, true);
    if (auto want = ctx.query("outContentType")) {
        if (*want != "application/x-pem-file" && *want != "application/x-pkcs12")
            badParameter("The parameter 'outContentType' must be application/x-pem-file or "
                         "application/x-pkcs12.");
        std::string have = v.str("contentType").value_or("");
        if (have != *want) {
            if (have == "application/x-pkcs12" && *want == "application/x-pem-file") {
                auto pfx = base64Decode(v.str("value").value_or(""));
                if (!pfx) badParameter("The secret does not hold a PKCS#12 file.");
                out["value"] = pfxToPem(*pfx, "");
                wipe(*pfx);
            } else if (have == "application/x-pem-file") {
                std::string pfx = pemToPfx(v.str("value").value_or(""));
                out["value"] = base64(pfx);
                wipe(pfx);
            } else {
                badParameter("The parameter 'outContentType' applies only to certificate secrets.");
            }
            out["contentType"] = *want;
        }
    }
    return jsonReply(out);
}

HttpReply updateSecret(Ctx& ctx, const std::string& name, const std::string& version) {
    Entity& e = liveEntity(kSecretKind, ctx.vault.secrets, name);
    Json& v = liveVersion(kSecretKind, e, version);
    const Json& body = ctx.body();
    auto tags = readTags(body);
    if (const Json* ct = body.find("contentType")) {
        if (ct->isNull())
            v.erase("contentType");
        else if (ct->isString())
            v["contentType"] = ct->asString();
        else
            badParameter("The parameter 'contentType' must be a string.");
    }
    Json attrs = v["attributes"];
    patchAttributes(attrs, body.find("attributes"));
    v["attributes"] = attrs;
    if (tags) v["tags"] = *tags;
    return jsonReply(secretBundle(ctx, e, v, false));
}

HttpReply listSecretVersions(Ctx& ctx, const std::string& name) {
    Entity& e = liveEntity(kSecretKind, ctx.vault.secrets, name);
    std::vector<Json> items;
    for (const auto& v : e.versions) items.push_back(secretItem(ctx, e, v, true));
    return jsonReply(page(ctx, items));
}

Collection secrets(Ctx& ctx) {
    return Collection{
        kSecretKind, ctx.vault.secrets, ctx.vault.deletedSecrets,
        [](const Ctx& c, const Entity& e, const Json& v) { return secretBundle(c, e, v, false); },
        [](const Ctx& c, const Entity& e, const Json& v) { return secretItem(c, e, v, false); }};
}

} // namespace

HttpReply handleSecrets(Ctx& ctx) {
    const auto& s = ctx.segs;
    const std::string& m = ctx.req.method;
    if (s[0] == "deletedsecrets") {
        return routeDeleted(ctx, secrets(ctx));
    }
    if (s.size() == 1) {
        if (m == "GET") return listLatest(ctx, secrets(ctx));
        noRoute(true);
    }
    if (s.size() == 2) {
        if (s[1] == "restore" && m == "POST") return restoreOne(ctx, secrets(ctx));
        if (m == "PUT") return setSecret(ctx, s[1]);
        if (m == "DELETE") return softDeleteOne(ctx, secrets(ctx), s[1]);
        if (m == "GET") return getSecret(ctx, s[1], "");
        if (m == "PATCH") return updateSecret(ctx, s[1], "");
        noRoute(true);
    }
    if (s.size() == 3) {
        if (s[2] == "versions" && m == "GET") return listSecretVersions(ctx, s[1]);
        if (s[2] == "backup" && m == "POST") return backupOne(ctx, secrets(ctx), s[1]);
        if (m == "GET") return getSecret(ctx, s[1], s[2]);
        if (m == "PATCH") return updateSecret(ctx, s[1], s[2]);
        noRoute(true);
    }
    noRoute(false);
}

} // namespace emu::kv
