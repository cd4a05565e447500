// SPDX-License-Identifier: MIT
// Certificates: /certificates and /deletedcertificates. A certificate version owns a managed
// key and secret of the same name and version, which move with it through delete, recover,
// purge, backup and restore.
#include "kv_cert_store.hpp"

#include <cctype>

namespace emu::kv {

namespace {

const char* const kInProgress = "Pending certificate created. Certificate request is in progress. "
                                "This may take some time based on the "
                                "issuer provider. Please check again later.";

// An answer about an operation still in progress, with the Retry-After the service paces its
// pollers with (when configured).
HttpReply paced(const Ctx& ctx, HttpReply reply) {
    if (ctx.config.certificateRetryAfterSeconds > 0)
        reply.headers.emplace_back("Retry-After", std::to_string(ctx.config.certificateRetryAfterSeconds));
    return reply;
}

Entity& certWithVersions(Ctx& ctx, const std::string& name) {
    return liveEntity(kCertKind, ctx.vault.certs, name);
}

// A certificate known to the vault: with versions or only a pending operation.
Entity& knownCert(Ctx& ctx, const std::string& name) {
    requireName(name);
    auto it = ctx.vault.certs.find(name);
    if (it == ctx.vault.certs.end() || it->second.settling()) notFound(kCertKind, name);
    return it->second;
}

void completeSelfSigned(Ctx& ctx, Entity& cert) {
    Json& op = cert.extra["pending"];
    try {
        CertMaterial m;
        m.key = pkeyFromPem(op.str("_key").value_or(""));
        m.chain.push_back(makeSelfSigned(m.key.get(), cert.extra["policy"]["x509_props"]));
        addCertificateVersion(ctx, cert, m, op.find("_attributes"), op.find("_tags"),
                              op.boolean("preserveCertOrder"));
        op["status"] = "completed";
        op.erase("status_details");
    } catch (const KvError& e) {
        op["status"] = "failed";
        op["status_details"] = std::string(e.what());
        op["error"]["code"] = e.code();
        op["error"]["message"] = std::string(e.what());
    }
    op.erase("_key");
    op.erase("_completeAt");
}

HttpReply createCertificate(Ctx& ctx, const std::string& name) {
    requireName(name);
    const Json& body = ctx.body();
    auto tags = readTags(body);
    requireLinkedNamesFree(ctx, name);
    auto it = ctx.vault.certs.find(name);
    Entity* existing = it == ctx.vault.certs.end() ? nullptr : &it->second;
    if (existing != nullptr) {
        const Json* op = existing->extra.find("pending");
        if (op != nullptr && op->str("status") == "inProgress")
            throw KvError(409, "Conflict", "There is a pending operation for certificate " + name + ".");
    }
    const Json* previous = existing != nullptr ? existing->extra.find("policy") : nullptr;
    if (body.find("policy") == nullptr && previous == nullptr)
        badParameter("The parameter 'policy' is required.");
    Json policy = normalizePolicy(body.find("policy"), previous, nullptr, nullptr, "Unknown");
    if (!policy["x509_props"].str("subject") && !policy["x509_props"].has("sans"))
        badParameter("The certificate policy needs a subject or subject alternative names.");
    if (const Json* attrs = body.find("attributes");
        attrs != nullptr && !attrs->isNull() && !attrs->isObject())
        badParameter("The parameter 'attributes' must be an object.");
    const Json* pco = body.find("preserveCertOrder");
    if (pco != nullptr && !pco->isNull() && !pco->isBool())
        badParameter("The parameter 'preserveCertOrder' must be a boolean.");

    Pkey key;
    if (existing != nullptr && policy["key_props"].boolean("reuse_key").value_or(false))
        if (auto k = ctx.vault.keys.find(name); k != ctx.vault.keys.end() && !k->second.versions.empty())
            key = pkeyFromPem(k->second.versions.back().str("_priv").value_or(""));
    if (!key) key = generatePolicyKey(policy);
    std::string csr = makeCsrDer(key.get(), policy["x509_props"]);

    Entity& cert = ctx.vault.certs[name];
    if (cert.name.empty()) cert.name = name;
    cert.extra["policy"] = policy;
    Json op = Json::object();
    std::string issuer = policy["issuer"].str("name").value_or("Unknown");
    op["issuer"] = policy["issuer"];
    op["csr"] = base64(csr);
    op["cancellation_requested"] = false;
    op["status"] = "inProgress";
    op["status_details"] = kInProgress;
    op["request_id"] = newVersionId();
    if (pco != nullptr && pco->isBool()) op["preserveCertOrder"] = pco->asBool();
    op["_key"] = pkeyToPem(key.get());
    if (const Json* a = body.find("attributes"); a != nullptr && a->isObject()) op["_attributes"] = *a;
    if (tags) op["_tags"] = *tags;
    if (issuer == "Self") op["_completeAt"] = nowMillis() + ctx.config.certificateCreateDelayMs;
    cert.extra["pending"] = op;
    return paced(ctx, jsonReply(pendingView(ctx, cert), 202));
}

HttpReply importCertificate(Ctx& ctx, const std::string& name) {
    requireName(name);
    const Json& body = ctx.body();
    auto value = body.str("value");
    if (!value || value->empty()) badParameter("The parameter 'value' is required.");
    auto tags = readTags(body);
    const Json* pwdJson = body.find("pwd");
    if (pwdJson != nullptr && !pwdJson->isNull() && !pwdJson->isString())
        badParameter("The parameter 'pwd' must be a string.");
    std::string pwd = pwdJson != nullptr && pwdJson->isString() ? pwdJson->asString() : "";
    const Json* pco = body.find("preserveCertOrder");
    if (pco != nullptr && !pco->isNull() && !pco->isBool())
        badParameter("The parameter 'preserveCertOrder' must be a boolean.");
    std::optional<bool> preserve;
    if (pco != nullptr && pco->isBool()) preserve = pco->asBool();
    requireLinkedNamesFree(ctx, name);

    bool pemInput = value->find("-----BEGIN") != std::string::npos;
    CertMaterial m;
    if (pemInput) {
        m = parsePem(*value);
    } else {
        auto der = base64Decode(*value);
        if (!der) badParameter("The parameter 'value' is neither PEM text nor base64 PKCS#12 content.");
        m = parsePfx(*der, pwd);
        wipe(*der);
    }
    wipe(pwd);
    orderChain(m, preserve.value_or(false));

    Json inPolicy = body.has("policy") ? body["policy"] : Json::object();
    if (!inPolicy.isObject()) badParameter("The parameter 'policy' must be an object.");
    if (!inPolicy["secret_props"].str("contentType"))
        inPolicy["secret_props"]["contentType"] =
            pemInput ? "application/x-pem-file" : "application/x-pkcs12";
    auto it = ctx.vault.certs.find(name);
    const Json* previous = it == ctx.vault.certs.end() ? nullptr : it->second.extra.find("policy");
    Json policy = normalizePolicy(&inPolicy, previous, m.key.get(), m.chain[m.leaf].get(), "Unknown");

    Entity& cert = ctx.vault.certs[name];
    if (cert.name.empty()) cert.name = name;
    cert.extra["policy"] = policy;
    Json& v = addCertificateVersion(ctx, cert, m, body.find("attributes"), tags ? &*tags : nullptr, preserve);
    return jsonReply(certBundle(ctx, cert, v));
}

// A certificate whose first version is still pending (an Unknown issuer's, awaiting its merge)
// as Key Vault shows it: its policy, disabled, no cer yet. The Azure SDK for JavaScript's
// getCertificateOperation reads it before the operation.
Json pendingBundle(const Ctx& ctx, const Entity& cert) {
    Json out = Json::object();
    out["id"] = objectUrl(ctx, kCertKind, cert.name);
    out["attributes"]["enabled"] = false;
    out["policy"] = policyView(ctx, cert);
    return out;
}

HttpReply getCertificate(Ctx& ctx, const std::string& name, const std::string& version) {
    if (version.empty()) {
        Entity& known = knownCert(ctx, name);
        if (known.versions.empty() && known.extra.has("pending")) return jsonReply(pendingBundle(ctx, known));
    }
    Entity& cert = certWithVersions(ctx, name);
    return jsonReply(certBundle(ctx, cert, liveVersion(kCertKind, cert, version)));
}

HttpReply updateCertificate(Ctx& ctx, const std::string& name, const std::string& version) {
    Entity& cert = certWithVersions(ctx, name);
    Json& v = liveVersion(kCertKind, cert, version);
    const Json& body = ctx.body();
    auto tags = readTags(body);
    if (body.has("policy"))
        cert.extra["policy"] =
            normalizePolicy(body.find("policy"), cert.extra.find("policy"), nullptr, nullptr, "Unknown");
    Json attrs = v["attributes"];
    patchAttributes(attrs, body.find("attributes"));
    v["attributes"] = attrs;
    if (tags) v["tags"] = *tags;
    // The linked key and secret follow the certificate's attributes.
    std::string ver = v.str("_v").value_or("");
    for (EntityMap* map : {&ctx.vault.keys, &ctx.vault.secrets}) {
        auto it = map->find(cert.name);
        if (it == map->end()) continue;
        if (Json* linked = it->second.find(ver)) {
            for (const char* f : {"enabled", "nbf", "exp", "updated"})
                if (const Json* x = attrs.find(f)) (*linked)["attributes"][f] = *x;
            if (tags) (*linked)["tags"] = *tags;
        }
    }
    return jsonReply(certBundle(ctx, cert, v));
}

HttpReply listCertificates(Ctx& ctx, bool deleted) {
    bool includePending = ctx.query("includePending") == "true";
    std::vector<Json> items;
    for (auto& [n, cert] : deleted ? ctx.vault.deletedCerts : ctx.vault.certs) {
        if (cert.settling()) continue;
        Json item;
        if (!cert.versions.empty()) {
            item = certItem(ctx, cert, cert.versions.back(), false);
        } else if (includePending && cert.extra.has("pending")) {
            item = Json::object();
            item["id"] = objectUrl(ctx, kCertKind, cert.name);
        } else {
            continue;
        }
        if (deleted) addDeletedInfo(ctx, kCertKind, cert, item);
        items.push_back(item);
    }
    return jsonReply(page(ctx, items));
}

HttpReply listCertificateVersions(Ctx& ctx, const std::string& name) {
    Entity& cert = certWithVersions(ctx, name);
    std::vector<Json> items;
    for (const auto& v : cert.versions) items.push_back(certItem(ctx, cert, v, true));
    return jsonReply(page(ctx, items));
}

HttpReply pendingOperation(Ctx& ctx, const std::string& name) {
    Entity& cert = knownCert(ctx, name);
    const std::string& m = ctx.req.method;
    Json out = pendingView(ctx, cert);
    if (m == "GET") {
        const Json* op = cert.extra.find("pending");
        const bool inProgress = op != nullptr && op->str("status") == "inProgress";
        return inProgress ? paced(ctx, jsonReply(out)) : jsonReply(out);
    }
    if (m == "PATCH") {
        const Json* cancel = ctx.body().find("cancellation_requested");
        if (cancel == nullptr || !cancel->isBool())
            badParameter("The parameter 'cancellation_requested' must be a boolean.");
        Json& op = cert.extra["pending"];
        if (cancel->asBool() && op.str("status") == "inProgress") {
            op["cancellation_requested"] = true;
            op["status"] = "cancelled";
            op.erase("_completeAt");
            op.erase("_key");
        }
        return jsonReply(pendingView(ctx, cert));
    }
    if (m == "DELETE") {
        cert.extra.erase("pending");
        if (cert.versions.empty()) ctx.vault.certs.erase(cert.name);
        return jsonReply(out);
    }
    noRoute(true);
}

// An x5c entry's certificate as clients send it: base64 of the DER, or (as the Azure SDK for
// JavaScript's merge sample and live test do) base64 of the certificate's own base64 text, PEM
// armor and line breaks in it or not. Key Vault takes both.
std::string x5cDer(const std::string& decoded) {
    if (!decoded.empty() && static_cast<unsigned char>(decoded[0]) == 0x30) return decoded; // a DER SEQUENCE
    std::string text;
    for (std::size_t i = 0; i < decoded.size();) {
        if (decoded.compare(i, 5, "-----") == 0) { // "-----BEGIN CERTIFICATE-----", "-----END ...-----"
            const std::size_t close = decoded.find("-----", i + 5);
            if (close == std::string::npos) return decoded;
            i = close + 5;
            continue;
        }
        if (!std::isspace(static_cast<unsigned char>(decoded[i]))) text += decoded[i];
        ++i;
    }
    auto der = base64Decode(text);
    return der ? *der : decoded; // not base64 either: certFromDer names it unreadable
}

HttpReply mergeCertificate(Ctx& ctx, const std::string& name) {
    Entity& cert = knownCert(ctx, name);
    const Json* opPtr = cert.extra.find("pending");
    if (opPtr == nullptr || opPtr->str("status") != "inProgress")
        throw KvError(404, "PendingCertificateNotFound", "Pending certificate not found: " + name);
    const Json& body = ctx.body();
    const Json* x5c = body.find("x5c");
    if (x5c == nullptr || !x5c->isArray() || x5c->asArray().empty())
        badParameter("The parameter 'x5c' must be a non-empty array.");
    auto tags = readTags(body);
    Json& op = cert.extra["pending"];
    CertMaterial m;
    m.key = pkeyFromPem(op.str("_key").value_or(""));
    for (const auto& c : x5c->asArray()) {
        auto der = c.isString() ? base64Decode(c.asString()) : std::nullopt;
        if (!der) badParameter("Each x5c entry must be a base64 DER certificate.");
        m.chain.push_back(certFromDer(x5cDer(*der)));
    }
    if (X509_check_private_key(m.chain[0].get(), m.key.get()) != 1)
        badParameter("Public key from x509 certificate and key of this instance doesn't match.");
    const Json* attrs = body.find("attributes");
    if (attrs == nullptr || attrs->isNull()) attrs = op.find("_attributes");
    Json& v = addCertificateVersion(ctx, cert, m, attrs, tags ? &*tags : op.find("_tags"),
                                    op.boolean("preserveCertOrder"));
    op["status"] = "completed";
    op.erase("status_details");
    op.erase("_key");
    return jsonReply(certBundle(ctx, cert, v), 201);
}

HttpReply certificatePolicy(Ctx& ctx, const std::string& name) {
    Entity& cert = knownCert(ctx, name);
    if (ctx.req.method == "PATCH")
        cert.extra["policy"] =
            normalizePolicy(&ctx.body(), cert.extra.find("policy"), nullptr, nullptr, "Unknown");
    else if (ctx.req.method != "GET")
        noRoute(true);
    return jsonReply(policyView(ctx, cert));
}

// Moves a certificate and its managed key and secret between live and deleted maps.
void moveLinked(Ctx& ctx, const std::string& name, bool toDeleted) {
    auto move = [&](EntityMap& from, EntityMap& to) {
        auto it = from.find(name);
        if (it == from.end()) return;
        if (toDeleted) {
            softDelete(from, to, name);
            return;
        }
        Entity e = std::move(it->second);
        from.erase(it);
        e.deletedDate = e.scheduledPurgeDate = 0;
        std::string key = e.name;
        to[key] = std::move(e);
    };
    Vault& v = ctx.vault;
    move(toDeleted ? v.certs : v.deletedCerts, toDeleted ? v.deletedCerts : v.certs);
    move(toDeleted ? v.keys : v.deletedKeys, toDeleted ? v.deletedKeys : v.keys);
    move(toDeleted ? v.secrets : v.deletedSecrets, toDeleted ? v.deletedSecrets : v.secrets);
}

Json deletedView(const Ctx& ctx, const Entity& cert) {
    Json out = cert.versions.empty() ? Json::object() : certBundle(ctx, cert, cert.versions.back());
    if (cert.versions.empty()) out["id"] = objectUrl(ctx, kCertKind, cert.name);
    addDeletedInfo(ctx, kCertKind, cert, out);
    return out;
}

HttpReply deleteCertificate(Ctx& ctx, const std::string& name) {
    Entity& cert = knownCert(ctx, name);
    std::string key = cert.name;
    cert.extra.erase("pending");
    moveLinked(ctx, key, true);
    Entity& deleted = ctx.vault.deletedCerts[key];
    deleted.settleAfter(ctx.config.softDeleteDelayMs);
    return jsonReply(deletedView(ctx, deleted));
}

HttpReply deletedOperation(Ctx& ctx, const std::string& name, const std::string& op) {
    Entity& cert = deletedEntity(kCertKind, ctx.vault.deletedCerts, name);
    std::string key = cert.name;
    if (op == "get") return jsonReply(deletedView(ctx, cert));
    if (op == "purge") {
        ctx.vault.deletedCerts.erase(key);
        ctx.vault.deletedKeys.erase(key);
        ctx.vault.deletedSecrets.erase(key);
        return emptyReply(204);
    }
    if (ctx.vault.keys.count(key) != 0 || ctx.vault.secrets.count(key) != 0)
        throw KvError(409, "Conflict",
                      "A key or secret named " + key + " exists; the certificate cannot be recovered.");
    moveLinked(ctx, key, false);
    Entity& live = ctx.vault.certs[key];
    live.settleAfter(ctx.config.softDeleteDelayMs);
    if (live.versions.empty()) {
        Json out = Json::object();
        out["id"] = objectUrl(ctx, kCertKind, key);
        return jsonReply(out);
    }
    return jsonReply(certBundle(ctx, live, live.versions.back()));
}

HttpReply backupCertificate(Ctx& ctx, const std::string& name) {
    Entity& cert = certWithVersions(ctx, name);
    Json content = Json::object();
    content["kind"] = kCertKind.path;
    Entity copy = cert;
    copy.extra.erase("pending");
    content["entity"] = copy.toJson();
    for (auto [field, map] : {std::pair{"key", &ctx.vault.keys}, {"secret", &ctx.vault.secrets}})
        if (auto it = map->find(cert.name); it != map->end()) content[field] = it->second.toJson();
    Json out = Json::object();
    out["value"] = sealBlob(content);
    return jsonReply(out);
}

HttpReply restoreCertificate(Ctx& ctx) {
    auto blob = ctx.body().str("value");
    if (!blob) badParameter("The parameter 'value' is required.");
    Json content = unsealBlob(*blob);
    if (content.str("kind") != std::string(kCertKind.path) || !content.has("entity") || !content.has("key") ||
        !content.has("secret"))
        badParameter("Backup blob is invalid or corrupt.");
    Entity cert = Entity::fromJson(content["entity"]);
    std::string name = cert.name;
    if (!validName(name)) badParameter("Backup blob is invalid or corrupt.");
    requireLinkedNamesFree(ctx, name);
    if (ctx.vault.keys.count(name) != 0 || ctx.vault.secrets.count(name) != 0)
        throw KvError(409, "Conflict",
                      "A key or secret named " + name + " already exists in this key vault.");
    restoreEntity(kCertKind, ctx.vault.certs, ctx.vault.deletedCerts, std::move(cert));
    for (auto [field, map] : {std::pair{"key", &ctx.vault.keys}, {"secret", &ctx.vault.secrets}}) {
        Entity e = Entity::fromJson(content[field]);
        e.name = name;
        (*map)[name] = std::move(e);
    }
    Entity& r = ctx.vault.certs[name];
    return jsonReply(certBundle(ctx, r, r.versions.back()));
}

} // namespace

void completeDueCertificates(Ctx& ctx) {
    std::int64_t now = nowMillis();
    for (auto& [name, cert] : ctx.vault.certs) {
        const Json* op = cert.extra.find("pending");
        if (op == nullptr || op->str("status") != "inProgress") continue;
        auto due = op->integer("_completeAt");
        if (due && *due <= now) completeSelfSigned(ctx, cert);
    }
}

HttpReply handleCertificates(Ctx& ctx) {
    const auto& s = ctx.segs;
    const std::string& m = ctx.req.method;
    if (s[0] == "deletedcertificates") {
        return routeDeleted(
            ctx, [&] { return listCertificates(ctx, true); },
            [&](const std::string& name, const std::string& op) { return deletedOperation(ctx, name, op); });
    }
    if (s.size() == 1) {
        if (m == "GET") return listCertificates(ctx, false);
        noRoute(true);
    }
    if (s[1] == "issuers" && s.size() <= 3) return handleIssuers(ctx);
    if (s.size() == 2) {
        if (s[1] == "contacts") return handleContacts(ctx);
        if (s[1] == "restore" && m == "POST") return restoreCertificate(ctx);
        if (m == "DELETE") return deleteCertificate(ctx, s[1]);
        if (m == "GET") return getCertificate(ctx, s[1], "");
        if (m == "PATCH") return updateCertificate(ctx, s[1], "");
        noRoute(true);
    }
    if (s.size() == 3) {
        const std::string& what = s[2];
        if (what == "pending") return pendingOperation(ctx, s[1]);
        if (what == "policy") return certificatePolicy(ctx, s[1]);
        if (what == "create" && m == "POST") return createCertificate(ctx, s[1]);
        if (what == "import" && m == "POST") return importCertificate(ctx, s[1]);
        if (what == "backup" && m == "POST") return backupCertificate(ctx, s[1]);
        if (what == "versions" && m == "GET") return listCertificateVersions(ctx, s[1]);
        if (m == "GET") return getCertificate(ctx, s[1], what);
        if (m == "PATCH") return updateCertificate(ctx, s[1], what);
        noRoute(true);
    }
    if (s.size() == 4 && s[2] == "pending" && s[3] == "merge") {
        if (m == "POST") return mergeCertificate(ctx, s[1]);
        noRoute(true);
    }
    noRoute(false);
}

} // namespace emu::kv
