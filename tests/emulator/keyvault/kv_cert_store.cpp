// SPDX-License-Identifier: MIT
#include "kv_cert_store.hpp"

namespace emu::kv {

namespace {

const char* const kPkcs12 = "application/x-pkcs12";
const char* const kPem = "application/x-pem-file";

void mergeSection(Json& policy, const Json& in, const char* section) {
    const Json* s = in.find(section);
    if (s == nullptr || s->isNull()) return;
    if (!s->isObject()) badParameter(std::string("The policy member '") + section + "' must be an object.");
    for (const auto& [k, v] : s->asObject()) policy[section][k] = v;
}

Json strings(std::initializer_list<const char*> items) {
    Json a = Json::array();
    for (const char* i : items) a.push(i);
    return a;
}

void requireStringArray(const Json& props, const char* field) {
    const Json* a = props.find(field);
    if (a == nullptr) return;
    bool ok = a->isArray();
    if (ok)
        for (const auto& i : a->asArray()) ok = ok && i.isString();
    if (!ok) badParameter(std::string("The policy member '") + field + "' must be an array of strings.");
}

} // namespace

Json normalizePolicy(const Json* in, const Json* previous, EVP_PKEY* key, X509* cert,
                     const std::string& defaultIssuer) {
    Json p = previous != nullptr ? *previous : Json::object();
    if (in != nullptr && !in->isNull()) {
        if (!in->isObject()) badParameter("The parameter 'policy' must be an object.");
        for (const char* section : {"key_props", "secret_props", "x509_props", "issuer"})
            mergeSection(p, *in, section);
        if (const Json* la = in->find("lifetime_actions"); la != nullptr && !la->isNull()) {
            if (!la->isArray()) badParameter("The policy member 'lifetime_actions' must be an array.");
            p["lifetime_actions"] = *la;
        }
    }
    Json& kp = p["key_props"];
    std::string kty = kp.str("kty").value_or("RSA");
    bool hsm = kty.size() > 4 && kty.substr(kty.size() - 4) == "-HSM";
    std::string base = hsm ? kty.substr(0, kty.size() - 4) : kty;
    if (base != "RSA" && base != "EC") badParameter("The certificate key type must be RSA or EC.");
    if (key != nullptr) base = isRsa(key) ? "RSA" : "EC";
    kp["kty"] = base + (hsm ? "-HSM" : "");
    if (base == "RSA") {
        std::int64_t size = key != nullptr ? rsaBits(key) : kp.integer("key_size").value_or(2048);
        if (size != 2048 && size != 3072 && size != 4096)
            badParameter("The RSA key size must be 2048, 3072 or 4096.");
        kp["key_size"] = size;
        kp.erase("crv");
    } else {
        std::string crv = key != nullptr ? jwkCurve(key) : kp.str("crv").value_or("");
        if (crv.empty()) {
            auto size = kp.integer("key_size");
            crv = size == 384 ? "P-384" : size == 521 ? "P-521" : "P-256";
        }
        if (crv != "P-256" && crv != "P-384" && crv != "P-521" && crv != "P-256K")
            badParameter("The curve '" + crv + "' is not supported.");
        kp["crv"] = crv;
        kp.erase("key_size");
    }
    if (!kp.boolean("exportable")) kp["exportable"] = true;
    if (!kp.boolean("reuse_key")) kp["reuse_key"] = false;

    std::string ct = p["secret_props"].str("contentType").value_or(kPkcs12);
    if (ct != kPkcs12 && ct != kPem)
        badParameter("The secret content type must be application/x-pkcs12 or application/x-pem-file.");
    p["secret_props"]["contentType"] = ct;

    Json& xp = p["x509_props"];
    if (cert != nullptr) {
        CertFacts f = certFacts(cert);
        xp["subject"] = f.subject;
        if (!f.sans.isNull()) xp["sans"] = f.sans;
        xp["validity_months"] = f.validityMonths;
        xp["ekus"] = f.ekus;
        xp["key_usage"] = f.keyUsage;
        xp["basic_constraints"]["ca"] = f.ca;
    }
    // The service reports this member (absent from the REST specification); certificates it
    // makes are end-entity ones.
    if (!xp.has("basic_constraints")) xp["basic_constraints"]["ca"] = false;
    if (!xp.has("ekus")) xp["ekus"] = strings({"1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"});
    if (!xp.has("key_usage"))
        xp["key_usage"] =
            base == "RSA" ? strings({"digitalSignature", "keyEncipherment"}) : strings({"digitalSignature"});
    requireStringArray(xp, "ekus");
    requireStringArray(xp, "key_usage");
    if (const Json* vm = xp.find("validity_months"); vm != nullptr && !vm->isInt())
        badParameter("The policy member 'validity_months' must be an integer.");
    if (!xp.has("validity_months")) xp["validity_months"] = 12;
    if (const Json* subj = xp.find("subject"); subj != nullptr && !subj->isString())
        badParameter("The policy member 'subject' must be a string.");

    if (!p["issuer"].str("name")) p["issuer"]["name"] = defaultIssuer;
    if (!p.has("lifetime_actions")) {
        Json action = Json::object();
        action["trigger"]["lifetime_percentage"] = 80;
        action["action"]["action_type"] = p["issuer"].str("name") == "Self" ? "AutoRenew" : "EmailContacts";
        p["lifetime_actions"].push(action);
    }
    Json attrs = p.has("attributes") ? p["attributes"] : newAttributes(nullptr, false);
    patchAttributes(attrs, in != nullptr ? in->find("attributes") : nullptr);
    p["attributes"] = attrs;
    p.erase("id");
    return p;
}

Json policyView(const Ctx& ctx, const Entity& cert) {
    Json p = cert.extra["policy"];
    p["id"] = objectUrl(ctx, kCertKind, cert.name) + "/policy";
    return p;
}

void requireLinkedNamesFree(Ctx& ctx, const std::string& name) {
    refuseIfDeleted(kCertKind, ctx.vault.deletedCerts, name);
    refuseIfDeleted(kKeyKind, ctx.vault.deletedKeys, name);
    refuseIfDeleted(kSecretKind, ctx.vault.deletedSecrets, name);
    auto unmanaged = [&](EntityMap& m) {
        auto it = m.find(name);
        return it != m.end() && !it->second.versions.empty() &&
               !it->second.versions.back().boolean("managed").value_or(false);
    };
    if (unmanaged(ctx.vault.keys) || unmanaged(ctx.vault.secrets))
        throw KvError(409, "Conflict",
                      "A key or secret named " + name +
                          " already exists; a certificate needs the name for its own key and secret.");
}

Json& addCertificateVersion(Ctx& ctx, Entity& cert, CertMaterial& m, const Json* attributes, const Json* tags,
                            std::optional<bool> preserveOrder) {
    std::string ver = newVersionId();
    X509* leaf = m.chain[m.leaf].get();
    std::string der = certDer(leaf);
    CertFacts facts = certFacts(leaf);
    Json attrs = newAttributes(attributes);
    attrs["nbf"] = facts.nbf;
    attrs["exp"] = facts.exp;
    const Json& policy = cert.extra["policy"];
    std::string ct = policy["secret_props"].str("contentType").value_or(kPkcs12);

    Json key = Json::object();
    key["_v"] = ver;
    Json jwk = publicJwk(m.key.get());
    jwk["kty"] = policy["key_props"].str("kty").value_or(isRsa(m.key.get()) ? "RSA" : "EC");
    Json ops = Json::array();
    for (const char* op : {"sign", "verify"}) ops.push(op);
    if (isRsa(m.key.get()))
        for (const char* op : {"wrapKey", "unwrapKey", "encrypt", "decrypt"}) ops.push(op);
    jwk["key_ops"] = ops;
    key["key"] = jwk;
    key["_priv"] = pkeyToPem(m.key.get());
    key["attributes"] = attrs;
    key["attributes"]["exportable"] = policy["key_props"].boolean("exportable").value_or(true);
    key["managed"] = true;

    Json secret = Json::object();
    secret["_v"] = ver;
    if (ct == kPem) {
        secret["value"] = buildPem(m);
    } else {
        std::string pfx = buildPfx(m);
        secret["value"] = base64(pfx);
        wipe(pfx);
    }
    secret["contentType"] = ct;
    secret["attributes"] = attrs;
    secret["managed"] = true;
    // As the service does for certificates made since June 2025: the secret names the version it follows.
    if (!cert.versions.empty()) secret["previousVersion"] = cert.versions.back().str("_v").value_or("");

    Json v = Json::object();
    v["_v"] = ver;
    v["cer"] = base64(der);
    v["x5t"] = thumbprintSha1(der);
    v["attributes"] = attrs;
    v["contentType"] = ct;
    if (tags != nullptr && !tags->isNull()) {
        v["tags"] = *tags;
        key["tags"] = *tags;
        secret["tags"] = *tags;
    }
    if (preserveOrder) v["preserveCertOrder"] = *preserveOrder;

    for (auto [map, stored] : {std::pair{&ctx.vault.keys, &key}, {&ctx.vault.secrets, &secret}}) {
        Entity& e = (*map)[cert.name];
        if (e.name.empty()) e.name = cert.name;
        e.versions.push_back(std::move(*stored));
    }
    cert.versions.push_back(std::move(v));
    return cert.versions.back();
}

Json certBundle(const Ctx& ctx, const Entity& cert, const Json& version) {
    Json out = publicView(version);
    std::string ver = version.str("_v").value_or("");
    out["id"] = objectUrl(ctx, kCertKind, cert.name, ver);
    out["kid"] = objectUrl(ctx, kKeyKind, cert.name, ver);
    out["sid"] = objectUrl(ctx, kSecretKind, cert.name, ver);
    out["policy"] = policyView(ctx, cert);
    return out;
}

Json certItem(const Ctx& ctx, const Entity& cert, const Json& version, bool versioned) {
    Json out = Json::object();
    out["id"] = objectUrl(ctx, kCertKind, cert.name, versioned ? version.str("_v").value_or("") : "");
    for (const char* f : {"x5t", "attributes", "tags"})
        if (const Json* x = version.find(f)) out[f] = *x;
    return out;
}

Json pendingView(const Ctx& ctx, const Entity& cert) {
    const Json* op = cert.extra.find("pending");
    if (op == nullptr)
        throw KvError(404, "PendingCertificateNotFound", "Pending certificate not found: " + cert.name);
    Json out = publicView(*op);
    out["id"] = objectUrl(ctx, kCertKind, cert.name) + "/pending";
    if (out.str("status") == "completed") out["target"] = objectUrl(ctx, kCertKind, cert.name);
    return out;
}

Pkey generatePolicyKey(const Json& policy) {
    const Json& kp = policy["key_props"];
    std::string kty = kp.str("kty").value_or("RSA");
    if (kty.rfind("RSA", 0) == 0)
        return generateRsa(static_cast<int>(kp.integer("key_size").value_or(2048)), 65537);
    return generateEc(kp.str("crv").value_or("P-256"));
}

} // namespace emu::kv
