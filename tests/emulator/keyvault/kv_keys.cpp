// SPDX-License-Identifier: MIT
// Keys: /keys, /deletedkeys and /rng.
#include "kv_handlers.hpp"
#include "kv_keys.hpp"
#include "kv_x509.hpp"

#include <algorithm>
#include <mutex>

namespace emu::kv {

namespace {

const std::vector<std::string> kAllOps = {"encrypt", "decrypt",   "sign",   "verify",
                                          "wrapKey", "unwrapKey", "import", "export"};

std::string baseType(const std::string& kty) {
    auto dash = kty.find("-HSM");
    return dash == std::string::npos ? kty : kty.substr(0, dash);
}

Json defaultOps(const std::string& kty) {
    std::string t = baseType(kty);
    std::vector<std::string> ops =
        t == "RSA"  ? std::vector<std::string>{"encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"}
        : t == "EC" ? std::vector<std::string>{"sign", "verify"}
                    : std::vector<std::string>{"encrypt", "decrypt", "wrapKey", "unwrapKey"};
    Json a = Json::array();
    for (const auto& o : ops) a.push(o);
    return a;
}

Json readOps(const Json* in, const std::string& kty) {
    if (in == nullptr || in->isNull()) return defaultOps(kty);
    if (!in->isArray()) badParameter("The parameter 'key_ops' must be an array.");
    for (const auto& op : in->asArray())
        if (!op.isString() || std::find(kAllOps.begin(), kAllOps.end(), op.asString()) == kAllOps.end())
            badParameter("The parameter 'key_ops' holds an unknown operation.");
    return *in;
}

std::optional<Json> readReleasePolicy(const Json& body) {
    const Json* p = body.find("release_policy");
    if (p == nullptr || p->isNull()) return std::nullopt;
    if (!p->isObject()) badParameter("The parameter 'release_policy' must be an object.");
    Json out = Json::object();
    out["contentType"] = p->str("contentType").value_or("application/json; charset=utf-8");
    if (auto imm = p->boolean("immutable")) out["immutable"] = *imm;
    std::string data = decodeField(*p, "data");
    if (!Json::parse(data)) badParameter("The release policy 'data' must be base64url-encoded JSON.");
    out["data"] = base64url(data);
    return out;
}

Json keyAttributes(const Json& body) {
    const Json* in = body.find("attributes");
    Json attrs = newAttributes(in);
    if (in != nullptr && in->isObject()) {
        if (const Json* ex = in->find("exportable"); ex != nullptr && !ex->isNull()) {
            if (!ex->isBool()) badParameter("The attribute 'exportable' must be a boolean.");
            attrs["exportable"] = ex->asBool();
        }
    }
    return attrs;
}

// Builds a stored version from key material and the request's common members.
Json storeVersion(const std::string& kty, Pkey key, std::string octKey, const Json& body, Json ops) {
    Json v = Json::object();
    v["_v"] = newVersionId();
    Json jwk = key ? publicJwk(key.get()) : Json::object();
    jwk["kty"] = kty;
    jwk["key_ops"] = std::move(ops);
    v["key"] = jwk;
    if (key)
        v["_priv"] = pkeyToPem(key.get());
    else
        v["_k"] = base64url(octKey);
    wipe(octKey);
    Json attrs = keyAttributes(body);
    auto policy = readReleasePolicy(body);
    if (attrs.boolean("exportable").value_or(false) && !policy)
        badParameter("An exportable key needs a release policy.");
    v["attributes"] = attrs;
    if (policy) v["release_policy"] = *policy;
    if (auto tags = readTags(body)) v["tags"] = *tags;
    return v;
}

struct Generated {
    Pkey key;
    std::string oct;
};

Generated generateFor(const std::string& kty, const Json& body) {
    std::string t = baseType(kty);
    auto size = body.integer("key_size");
    if (t == "RSA") {
        int bits = static_cast<int>(size.value_or(2048));
        if (bits != 2048 && bits != 3072 && bits != 4096)
            badParameter("The RSA key size must be 2048, 3072 or 4096.");
        auto e = body.integer("public_exponent").value_or(65537);
        if (e < 3 || e % 2 == 0 || e > 0xFFFFFFFFLL)
            badParameter("The public exponent must be an odd number of at least 3.");
        return {generateRsa(bits, static_cast<unsigned long>(e)), {}};
    }
    if (t == "EC") {
        std::string crv = body.str("crv").value_or("");
        if (crv.empty()) crv = size == 384 ? "P-384" : size == 521 ? "P-521" : "P-256";
        return {generateEc(crv), {}};
    }
    if (t == "oct") {
        int bits = static_cast<int>(size.value_or(256));
        if (bits != 128 && bits != 192 && bits != 256)
            badParameter("The oct key size must be 128, 192 or 256.");
        return {nullptr, randomBytes(static_cast<std::size_t>(bits / 8))};
    }
    badParameter("The key type '" + kty + "' is not supported.");
}

bool validKty(const std::string& kty) {
    return kty == "RSA" || kty == "RSA-HSM" || kty == "EC" || kty == "EC-HSM" || kty == "oct" ||
           kty == "oct-HSM";
}

Json keyBundle(const Ctx& ctx, const Entity& e, const Json& v) {
    Json out = publicView(v);
    out["key"]["kid"] = objectUrl(ctx, kKeyKind, e.name, v.str("_v").value_or(""));
    return out;
}

Json keyItem(const Ctx& ctx, const Entity& e, const Json& v, bool versioned) {
    Json out = Json::object();
    out["kid"] = objectUrl(ctx, kKeyKind, e.name, versioned ? v.str("_v").value_or("") : "");
    for (const char* f : {"attributes", "tags", "managed"})
        if (const Json* x = v.find(f)) out[f] = *x;
    return out;
}

Collection keys(Ctx& ctx) {
    return Collection{kKeyKind, ctx.vault.keys, ctx.vault.deletedKeys, keyBundle,
                      [](const Ctx& c, const Entity& e, const Json& v) { return keyItem(c, e, v, false); }};
}

Entity& writableEntity(Ctx& ctx, const std::string& name, const char* op) {
    requireName(name);
    refuseIfDeleted(kKeyKind, ctx.vault.deletedKeys, name);
    Entity& e = ctx.vault.keys[name];
    if (e.name.empty()) e.name = name;
    if (!e.versions.empty()) refuseManaged(kKeyKind, e.versions.back(), op);
    return e;
}

HttpReply createKey(Ctx& ctx, const std::string& name) {
    requireName(name);
    const Json& body = ctx.body();
    std::string kty = body.str("kty").value_or("");
    if (!validKty(kty)) badParameter("The parameter 'kty' is missing or not a supported key type.");
    Json ops = readOps(body.find("key_ops"), kty);
    Generated g = generateFor(kty, body);
    Json v = storeVersion(kty, std::move(g.key), std::move(g.oct), body, ops);
    Entity& e = writableEntity(ctx, name, "create");
    e.versions.push_back(std::move(v));
    return jsonReply(keyBundle(ctx, e, e.versions.back()));
}

HttpReply importKey(Ctx& ctx, const std::string& name) {
    requireName(name);
    const Json& body = ctx.body();
    const Json* jwk = body.find("key");
    if (jwk == nullptr || !jwk->isObject())
        badParameter("The parameter 'key' is required and must be a JSON web key.");
    std::string kty = jwk->str("kty").value_or("");
    if (!validKty(kty)) badParameter("The JSON web key has a missing or unsupported 'kty'.");
    if (body.boolean("Hsm").value_or(false) && kty.find("-HSM") == std::string::npos) kty += "-HSM";
    Json ops = readOps(jwk->find("key_ops"), kty);
    Pkey key;
    std::string oct;
    if (baseType(kty) == "oct") {
        oct = decodeField(*jwk, "k");
        if (oct.size() != 16 && oct.size() != 24 && oct.size() != 32)
            badParameter("The oct key must be 128, 192 or 256 bits.");
    } else {
        key = pkeyFromJwk(*jwk);
    }
    Json v = storeVersion(kty, std::move(key), std::move(oct), body, ops);
    Entity& e = writableEntity(ctx, name, "import");
    e.versions.push_back(std::move(v));
    return jsonReply(keyBundle(ctx, e, e.versions.back()));
}

HttpReply getKey(Ctx& ctx, const std::string& name, const std::string& version) {
    Entity& e = liveEntity(kKeyKind, ctx.vault.keys, name);
    return jsonReply(keyBundle(ctx, e, liveVersion(kKeyKind, e, version)));
}

HttpReply updateKey(Ctx& ctx, const std::string& name, const std::string& version) {
    Entity& e = liveEntity(kKeyKind, ctx.vault.keys, name);
    Json& v = liveVersion(kKeyKind, e, version);
    const Json& body = ctx.body();
    auto tags = readTags(body);
    Json ops = body.has("key_ops") ? readOps(body.find("key_ops"), *v["key"].str("kty")) : Json();
    auto policy = readReleasePolicy(body);
    if (policy && v.find("release_policy") != nullptr &&
        v["release_policy"].boolean("immutable").value_or(false))
        throw KvError(403, "Forbidden", "The key's release policy is immutable.");
    Json attrs = v["attributes"];
    bool wasExportable = attrs.boolean("exportable").value_or(false);
    patchAttributes(attrs, body.find("attributes"), {"exportable"});
    if (wasExportable && !attrs.boolean("exportable").value_or(false))
        badParameter("An exportable key cannot be made non-exportable.");
    v["attributes"] = attrs;
    if (tags) v["tags"] = *tags;
    if (!ops.isNull()) v["key"]["key_ops"] = ops;
    if (policy) v["release_policy"] = *policy;
    return jsonReply(keyBundle(ctx, e, v));
}

HttpReply listKeyVersions(Ctx& ctx, const std::string& name) {
    Entity& e = liveEntity(kKeyKind, ctx.vault.keys, name);
    std::vector<Json> items;
    for (const auto& v : e.versions) items.push_back(keyItem(ctx, e, v, true));
    return jsonReply(page(ctx, items));
}

// ---- cryptographic operations ----

void requireUsable(const Json& v, const std::string& op) {
    const Json* attrs = v.find("attributes");
    if (attrs != nullptr && !attrs->boolean("enabled").value_or(true))
        throw KvError(403, "Forbidden", "Operation " + op + " is not allowed on a disabled key.",
                      "KeyDisabled");
    std::int64_t now = nowSeconds();
    if (attrs != nullptr &&
        (attrs->integer("exp").value_or(now + 1) < now || attrs->integer("nbf").value_or(now) > now))
        throw KvError(403, "Forbidden",
                      "Operation " + op + " is not allowed on a key outside its validity period.");
    const Json* key = v.find("key");
    const Json* ops = key == nullptr ? nullptr : key->find("key_ops");
    bool allowed = false;
    if (ops != nullptr && ops->isArray())
        for (const auto& o : ops->asArray()) allowed = allowed || (o.isString() && o.asString() == op);
    if (!allowed) throw KvError(403, "Forbidden", "Operation " + op + " is not permitted on this key.");
}

struct Material {
    Pkey key;
    std::string oct;
    Material() = default;
    Material(Material&&) = default;
    Material& operator=(Material&&) = default;
    ~Material() { wipe(oct); }
};

Material materialOf(const Json& v) {
    Material m;
    if (auto pem = v.str("_priv"))
        m.key = pkeyFromPem(*pem);
    else if (auto k = v.str("_k"))
        m.oct = base64Decode(*k).value_or("");
    return m;
}

std::string algOf(const Json& body) {
    auto alg = body.str("alg");
    if (!alg || alg->empty()) badParameter("The parameter 'alg' is required.");
    return *alg;
}

Json opResult(const Ctx& ctx, const Entity& e, const Json& v) {
    Json out = Json::object();
    out["kid"] = objectUrl(ctx, kKeyKind, e.name, v.str("_v").value_or(""));
    return out;
}

HttpReply cipherOp(Ctx& ctx, Entity& e, Json& v, const std::string& op) {
    bool wrapOp = op == "wrapKey" || op == "unwrapKey";
    bool forward = op == "encrypt" || op == "wrapKey";
    requireUsable(v, op);
    const Json& body = ctx.body();
    std::string alg = algOf(body);
    std::string data = decodeField(body, "value");
    Material m = materialOf(v);
    Json out = opResult(ctx, e, v);
    std::string result;
    if (m.key && isRsaCipher(alg)) {
        result = forward ? rsaEncrypt(m.key.get(), alg, data) : rsaDecrypt(m.key.get(), alg, data);
    } else if (!m.key && wrapOp && isAesWrap(alg)) {
        result = aesWrap(m.oct, alg, data, forward);
    } else if (!m.key && !wrapOp && isSymCipher(alg)) {
        std::string iv = decodeField(body, "iv", false), aad = decodeField(body, "aad", false);
        if (forward) {
            SymResult r = symEncrypt(m.oct, alg, data, iv, aad);
            result = r.value;
            out["iv"] = base64url(r.iv);
            if (!r.tag.empty()) out["tag"] = base64url(r.tag);
            if (!r.aad.empty()) out["aad"] = base64url(r.aad);
        } else {
            result = symDecrypt(m.oct, alg, data, iv, aad, decodeField(body, "tag", false));
        }
    } else {
        badParameter("The algorithm '" + alg + "' is not supported for this key and operation.");
    }
    out["value"] = base64url(result);
    wipe(result);
    wipe(data);
    return jsonReply(out);
}

HttpReply signOp(Ctx& ctx, Entity& e, Json& v) {
    requireUsable(v, "sign");
    const Json& body = ctx.body();
    std::string alg = algOf(body), digest = decodeField(body, "value");
    Material m = materialOf(v);
    if (!m.key) badParameter("The algorithm '" + alg + "' is not supported for an oct key.");
    Json out = opResult(ctx, e, v);
    out["value"] = base64url(signDigest(m.key.get(), alg, digest));
    return jsonReply(out);
}

HttpReply verifyOp(Ctx& ctx, Json& v) {
    requireUsable(v, "verify");
    const Json& body = ctx.body();
    std::string alg = algOf(body), digest = decodeField(body, "digest"), sig = decodeField(body, "value");
    Material m = materialOf(v);
    if (!m.key) badParameter("The algorithm '" + alg + "' is not supported for an oct key.");
    Json out = Json::object();
    out["value"] = verifyDigest(m.key.get(), alg, digest, sig);
    return jsonReply(out);
}

// The key, with its private members, for release and backup of exportable keys.
Json privateKeyBundle(const Ctx& ctx, const Entity& e, const Json& v) {
    Json b = keyBundle(ctx, e, v);
    Material m = materialOf(v);
    if (m.key)
        addPrivateJwk(m.key.get(), b["key"]);
    else
        b["key"]["k"] = base64url(m.oct);
    return b;
}

// The service answers with a JWS signed by the HSM. The emulator's JWS is HS256 over the
// same claims with its own fixed key (see keyReleaseSigningKey), so a test can check it.
HttpReply releaseOp(Ctx& ctx, Entity& e, Json& v) {
    const Json& body = ctx.body();
    auto target = body.str("target");
    if (!target || target->empty())
        badParameter("The parameter 'target' (an attestation token) is required.");
    const Json* attrs = v.find("attributes");
    if (attrs == nullptr || !attrs->boolean("exportable").value_or(false) || !v.has("release_policy"))
        throw KvError(403, "Forbidden",
                      "The key is not exportable or has no release policy; it cannot be released.");
    if (const Json* a = v.find("attributes"); a != nullptr && !a->boolean("enabled").value_or(true))
        throw KvError(403, "Forbidden", "Operation release is not allowed on a disabled key.", "KeyDisabled");
    std::string kid = objectUrl(ctx, kKeyKind, e.name, v.str("_v").value_or(""));
    Json header = Json::object();
    header["alg"] = "HS256";
    header["typ"] = "JWT";
    header["kid"] = kid;
    Json request = Json::object();
    request["api-version"] = ctx.apiVersion;
    request["kid"] = kid;
    if (auto nonce = body.str("nonce")) request["nonce"] = *nonce;
    if (auto enc = body.str("enc")) request["enc"] = *enc;
    Json response = Json::object();
    response["key"] = privateKeyBundle(ctx, e, v);
    Json claims = Json::object();
    claims["request"] = request;
    claims["response"] = response;
    claims["iat"] = nowSeconds();
    std::string input = base64url(header.dump()) + "." + base64url(claims.dump());
    Json out = Json::object();
    out["value"] = input + "." + base64url(hmacSha256(keyReleaseSigningKey(), input));
    wipe(input);
    return jsonReply(out);
}

HttpReply secureWrapOp(Ctx& ctx, Entity& e, Json& v, bool wrap) {
    requireUsable(v, wrap ? "wrapKey" : "unwrapKey");
    const Json& body = ctx.body();
    std::string alg = algOf(body);
    if (!wrap && (!body.str("target") || body.str("target")->empty()))
        badParameter("The parameter 'target' (an attestation token) is required.");
    if (alg != "RSA-OAEP-256" && !isAesWrap(alg))
        badParameter("The algorithm '" + alg + "' is not a key wrap algorithm.");
    Material m = materialOf(v);
    if (m.key ? alg != "RSA-OAEP-256" : !isAesWrap(alg))
        badParameter("The algorithm '" + alg + "' does not match the key type.");
    std::string in = wrap ? randomBytes(32) : decodeField(body, "value");
    std::string result = m.key ? (wrap ? rsaEncrypt(m.key.get(), alg, in) : rsaDecrypt(m.key.get(), alg, in))
                               : aesWrap(m.oct, alg, in, wrap);
    Json out = opResult(ctx, e, v);
    out["alg"] = alg;
    out["value"] = base64url(result);
    wipe(in);
    wipe(result);
    return jsonReply(out);
}

HttpReply attestationOp(Ctx& ctx, Entity& e, Json& v) {
    std::string kty = v["key"].str("kty").value_or("");
    if (kty.find("-HSM") == std::string::npos)
        badParameter("Key attestation is available for HSM-protected keys only.");
    Json out = keyBundle(ctx, e, v);
    out["attributes"]["attestation"] = attestKey(out["key"], out["key"].str("kid").value_or(""));
    return jsonReply(out);
}

HttpReply randomBytesOp(Ctx& ctx) {
    const Json* count = ctx.body().find("count");
    if (count == nullptr || !count->isInt() || count->asInt() < 1 || count->asInt() > 128)
        badParameter("The parameter 'count' must be an integer from 1 to 128.");
    Json out = Json::object();
    out["value"] = base64url(randomBytes(static_cast<std::size_t>(count->asInt())));
    return jsonReply(out);
}

// ---- rotation ----

Json defaultRotationPolicy() {
    Json action = Json::object();
    action["trigger"]["timeBeforeExpiry"] = "P30D";
    action["action"]["type"] = "Notify";
    Json p = Json::object();
    p["lifetimeActions"].push(action);
    p["attributes"] = Json::object();
    return p;
}

Json policyReply(const Ctx& ctx, const Entity& e) {
    const Json* stored = e.extra.find("rotationPolicy");
    Json p = stored != nullptr ? *stored : defaultRotationPolicy();
    p["id"] = objectUrl(ctx, kKeyKind, e.name) + "/rotationpolicy";
    return p;
}

HttpReply updateRotationPolicy(Ctx& ctx, const std::string& name) {
    Entity& e = liveEntity(kKeyKind, ctx.vault.keys, name);
    const Json& body = ctx.body();
    Json p = Json::object();
    const Json* actions = body.find("lifetimeActions");
    p["lifetimeActions"] = Json::array();
    if (actions != nullptr && !actions->isNull()) {
        if (!actions->isArray()) badParameter("The parameter 'lifetimeActions' must be an array.");
        for (const auto& a : actions->asArray()) {
            const Json* trig = a.find("trigger");
            const Json* act = a.find("action");
            std::string type = act != nullptr ? act->str("type").value_or("") : "";
            std::string lower = type;
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return std::tolower(c); });
            if (lower != "rotate" && lower != "notify")
                badParameter("A lifetime action type must be Rotate or Notify.");
            auto after = trig ? trig->str("timeAfterCreate") : std::nullopt;
            auto before = trig ? trig->str("timeBeforeExpiry") : std::nullopt;
            if (after.has_value() == before.has_value())
                badParameter("A lifetime action trigger needs exactly one of timeAfterCreate and "
                             "timeBeforeExpiry.");
            if (!isoDurationSeconds(after ? *after : *before))
                badParameter("A lifetime action trigger is not an ISO 8601 duration.");
            Json item = Json::object();
            item["trigger"] = *trig;
            item["action"]["type"] = lower == "rotate" ? "Rotate" : "Notify";
            p["lifetimeActions"].push(item);
        }
    }
    Json attrs = Json::object();
    if (const Json* in = body.find("attributes"); in != nullptr && in->isObject()) {
        if (auto exp = in->str("expiryTime")) {
            if (!isoDurationSeconds(*exp)) badParameter("The expiryTime is not an ISO 8601 duration.");
            attrs["expiryTime"] = *exp;
        }
    }
    std::int64_t now = nowSeconds();
    const Json* old = e.extra.find("rotationPolicy");
    attrs["created"] = old != nullptr ? old->find("attributes")->integer("created").value_or(now) : now;
    attrs["updated"] = now;
    p["attributes"] = attrs;
    e.extra["rotationPolicy"] = p;
    return jsonReply(policyReply(ctx, e));
}

HttpReply rotateKey(Ctx& ctx, const std::string& name) {
    Entity& e = liveEntity(kKeyKind, ctx.vault.keys, name);
    refuseManaged(kKeyKind, e.versions.back(), "rotate");
    const Json& cur = e.versions.back();
    std::string kty = cur.find("key")->str("kty").value_or("RSA");
    Json params = Json::object();
    Material m = materialOf(cur);
    if (m.key && isRsa(m.key.get())) params["key_size"] = static_cast<std::int64_t>(rsaBits(m.key.get()));
    if (m.key && !isRsa(m.key.get())) params["crv"] = jwkCurve(m.key.get());
    if (!m.key) params["key_size"] = static_cast<std::int64_t>(m.oct.size() * 8);
    Generated g = generateFor(kty, params);
    Json v = Json::object();
    v["_v"] = newVersionId();
    Json jwk = g.key ? publicJwk(g.key.get()) : Json::object();
    jwk["kty"] = kty;
    jwk["key_ops"] = *cur.find("key")->find("key_ops");
    v["key"] = jwk;
    if (g.key)
        v["_priv"] = pkeyToPem(g.key.get());
    else
        v["_k"] = base64url(g.oct);
    Json attrs = newAttributes(nullptr);
    if (auto ex = cur.find("attributes")->boolean("exportable")) attrs["exportable"] = *ex;
    if (const Json* p = e.extra.find("rotationPolicy"))
        if (auto exp = p->find("attributes")->str("expiryTime"))
            attrs["exp"] = attrs.integer("created").value_or(0) + isoDurationSeconds(*exp).value_or(0);
    v["attributes"] = attrs;
    for (const char* f : {"tags", "release_policy"})
        if (const Json* x = cur.find(f)) v[f] = *x;
    e.versions.push_back(std::move(v));
    return jsonReply(keyBundle(ctx, e, e.versions.back()));
}

HttpReply versionOp(Ctx& ctx, const std::string& name, const std::string& version, const std::string& op) {
    Entity& e = liveEntity(kKeyKind, ctx.vault.keys, name);
    Json& v = liveVersion(kKeyKind, e, version);
    if (op == "encrypt" || op == "decrypt") return cipherOp(ctx, e, v, op);
    if (op == "wrapkey") return cipherOp(ctx, e, v, "wrapKey");
    if (op == "unwrapkey") return cipherOp(ctx, e, v, "unwrapKey");
    if (op == "sign") return signOp(ctx, e, v);
    if (op == "verify") return verifyOp(ctx, v);
    if (op == "release") return releaseOp(ctx, e, v);
    if (op == "securewrapkey") return secureWrapOp(ctx, e, v, true);
    if (op == "secureunwrapkey") return secureWrapOp(ctx, e, v, false);
    noRoute(false);
}

bool isVersionOp(const std::string& op) {
    static const std::vector<std::string> ops = {"encrypt",   "decrypt",       "wrapkey",
                                                 "unwrapkey", "sign",          "verify",
                                                 "release",   "securewrapkey", "secureunwrapkey"};
    return std::find(ops.begin(), ops.end(), op) != ops.end();
}

} // namespace

const std::string& keyReleaseSigningKey() {
    static const std::string key = sha256("kvbridge-emulator key release signing key v1");
    return key;
}

std::optional<std::int64_t> isoDurationSeconds(const std::string& text) {
    if (text.size() < 3 || text[0] != 'P') return std::nullopt;
    std::int64_t total = 0, num = 0;
    bool digits = false, time = false;
    for (std::size_t i = 1; i < text.size(); ++i) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            num = num * 10 + (c - '0');
            digits = true;
            if (num > 100000) return std::nullopt;
            continue;
        }
        if (c == 'T' && !time) {
            time = true;
            continue;
        }
        if (!digits) return std::nullopt;
        std::int64_t unit = 0;
        if (!time)
            unit = c == 'Y'   ? 365 * 86400
                   : c == 'M' ? 30 * 86400
                   : c == 'W' ? 7 * 86400
                   : c == 'D' ? 86400
                              : 0;
        else
            unit = c == 'H' ? 3600 : c == 'M' ? 60 : c == 'S' ? 1 : 0;
        if (unit == 0) return std::nullopt;
        total += num * unit;
        num = 0;
        digits = false;
    }
    if (digits) return std::nullopt;
    return total;
}

// Attestation statements are signed by an emulator attestation key (P-256) with a self-signed
// certificate; a test can check the signature with certificatePemFile.
Json attestKey(const Json& publicJwkWithKid, const std::string& kid) {
    static std::once_flag once;
    static Pkey signer;
    static std::string certPem;
    std::call_once(once, [] {
        signer = generateEc("P-256");
        Json props = Json::object();
        props["subject"] = "CN=kvbridge emulator key attestation";
        props["validity_months"] = 120;
        X509Ptr cert = makeSelfSigned(signer.get(), props);
        std::string der = certDer(cert.get());
        certPem = "-----BEGIN CERTIFICATE-----\n";
        std::string b64 = base64(der);
        for (std::size_t i = 0; i < b64.size(); i += 64) certPem += b64.substr(i, 64) + "\n";
        certPem += "-----END CERTIFICATE-----\n";
    });
    auto statement = [&](bool privatePart) {
        Json header = Json::object();
        header["alg"] = "ES256";
        header["typ"] = "JWT";
        Json claims = Json::object();
        claims["kid"] = kid;
        claims["keyType"] = publicJwkWithKid.str("kty").value_or("");
        claims["part"] = privatePart ? "private" : "public";
        Json jwk = publicJwkWithKid;
        jwk.erase("kid");
        jwk.erase("key_ops");
        claims["keyThumbprint"] = base64url(sha256(jwk.dump()));
        claims["iat"] = nowSeconds();
        std::string input = base64url(header.dump()) + "." + base64url(claims.dump());
        return input + "." + base64url(signDigest(signer.get(), "ES256", sha256(input)));
    };
    Json att = Json::object();
    att["certificatePemFile"] = base64url(certPem);
    att["privateKeyAttestation"] = base64url(statement(true));
    if (baseType(publicJwkWithKid.str("kty").value_or("")) != "oct")
        att["publicKeyAttestation"] = base64url(statement(false));
    att["version"] = "1.0";
    return att;
}

HttpReply handleKeys(Ctx& ctx) {
    const auto& s = ctx.segs;
    const std::string& m = ctx.req.method;
    if (s[0] == "rng") {
        if (s.size() != 1) noRoute(false);
        if (m == "POST") return randomBytesOp(ctx);
        noRoute(true);
    }
    if (s[0] == "deletedkeys") {
        return routeDeleted(ctx, keys(ctx));
    }
    if (s.size() == 1) {
        if (m == "GET") return listLatest(ctx, keys(ctx));
        noRoute(true);
    }
    if (s.size() == 2) {
        if (s[1] == "restore" && m == "POST") return restoreOne(ctx, keys(ctx));
        if (m == "PUT") return importKey(ctx, s[1]);
        if (m == "DELETE") return softDeleteOne(ctx, keys(ctx), s[1]);
        if (m == "GET") return getKey(ctx, s[1], "");
        if (m == "PATCH") return updateKey(ctx, s[1], "");
        noRoute(true);
    }
    if (s.size() == 3) {
        const std::string& what = s[2];
        if (what == "create" && m == "POST") return createKey(ctx, s[1]);
        if (what == "backup" && m == "POST") return backupOne(ctx, keys(ctx), s[1]);
        if (what == "rotate" && m == "POST") return rotateKey(ctx, s[1]);
        if (what == "versions" && m == "GET") return listKeyVersions(ctx, s[1]);
        if (what == "rotationpolicy" && m == "GET") {
            Entity& e = liveEntity(kKeyKind, ctx.vault.keys, s[1]);
            return jsonReply(policyReply(ctx, e));
        }
        if (what == "rotationpolicy" && m == "PUT") return updateRotationPolicy(ctx, s[1]);
        if (m == "GET") return getKey(ctx, s[1], what);
        if (m == "PATCH") return updateKey(ctx, s[1], what);
        noRoute(true);
    }
    if (s.size() == 4) {
        if (s[3] == "attestation" && m == "GET") {
            Entity& e = liveEntity(kKeyKind, ctx.vault.keys, s[1]);
            return attestationOp(ctx, e, liveVersion(kKeyKind, e, s[2]));
        }
        if (isVersionOp(s[3])) {
            if (m == "POST") return versionOp(ctx, s[1], s[2], s[3]);
            noRoute(true);
        }
    }
    noRoute(false);
}

} // namespace emu::kv
