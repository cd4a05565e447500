// SPDX-License-Identifier: MIT
#include "kv_common.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <chrono>
#include <memory>

namespace emu::kv {

void badParameter(const std::string& message) {
    throw KvError(400, "BadParameter", message);
}

Json* Entity::find(const std::string& version) {
    if (version.empty()) return latest();
    for (auto& v : versions)
        if (v.str("_v") == version) return &v;
    return nullptr;
}

Json Entity::toJson() const {
    Json j = Json::object();
    j["name"] = name;
    j["versions"] = Json(versions);
    j["extra"] = extra;
    j["deletedDate"] = deletedDate;
    j["scheduledPurgeDate"] = scheduledPurgeDate;
    return j;
}

Entity Entity::fromJson(const Json& j) {
    Entity e;
    e.name = j.str("name").value_or("");
    if (const Json* v = j.find("versions"); v != nullptr && v->isArray()) e.versions = v->asArray();
    if (const Json* x = j.find("extra"); x != nullptr && x->isObject()) e.extra = *x;
    e.deletedDate = j.integer("deletedDate").value_or(0);
    e.scheduledPurgeDate = j.integer("scheduledPurgeDate").value_or(0);
    return e;
}

namespace {

Json mapToJson(const EntityMap& m) {
    Json a = Json::array();
    for (const auto& [name, e] : m) a.push(e.toJson());
    return a;
}

EntityMap mapFromJson(const Json* j) {
    EntityMap m;
    if (j == nullptr || !j->isArray()) return m;
    for (const auto& item : j->asArray()) {
        Entity e = Entity::fromJson(item);
        if (!e.name.empty()) m[e.name] = std::move(e);
    }
    return m;
}

} // namespace

Json Vault::toJson() const {
    Json j = Json::object();
    j["secrets"] = mapToJson(secrets);
    j["keys"] = mapToJson(keys);
    j["certificates"] = mapToJson(certs);
    j["deletedSecrets"] = mapToJson(deletedSecrets);
    j["deletedKeys"] = mapToJson(deletedKeys);
    j["deletedCertificates"] = mapToJson(deletedCerts);
    Json iss = Json::object();
    for (const auto& [name, i] : issuers) iss[name] = i;
    j["issuers"] = iss;
    j["contacts"] = contacts;
    return j;
}

Vault Vault::fromJson(const Json& j) {
    Vault v;
    v.secrets = mapFromJson(j.find("secrets"));
    v.keys = mapFromJson(j.find("keys"));
    v.certs = mapFromJson(j.find("certificates"));
    v.deletedSecrets = mapFromJson(j.find("deletedSecrets"));
    v.deletedKeys = mapFromJson(j.find("deletedKeys"));
    v.deletedCerts = mapFromJson(j.find("deletedCertificates"));
    if (const Json* iss = j.find("issuers"); iss != nullptr && iss->isObject())
        for (const auto& [name, i] : iss->asObject()) v.issuers[name] = i;
    if (const Json* c = j.find("contacts"); c != nullptr && c->isObject()) v.contacts = *c;
    return v;
}

const Json& Ctx::body() {
    if (!body_) {
        auto parsed = Json::parse(req.body);
        if (!parsed || !parsed->isObject()) badParameter("The request body is not a valid JSON object.");
        body_ = std::move(*parsed);
    }
    return *body_;
}

std::optional<std::string> Ctx::query(const std::string& name) const {
    auto it = req.query.find(name);
    if (it == req.query.end()) return std::nullopt;
    return it->second;
}

namespace {

constexpr char kStd[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kUrl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string encode(std::string_view in, const char* alphabet, bool pad) {
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    auto byte = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(in[k])); };
    for (; i + 2 < in.size(); i += 3) {
        unsigned n = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += alphabet[n & 63];
    }
    if (i + 1 == in.size()) {
        unsigned n = byte(i) << 16;
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        if (pad) out += "==";
    } else if (i + 2 == in.size()) {
        unsigned n = (byte(i) << 16) | (byte(i + 1) << 8);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        if (pad) out += '=';
    }
    return out;
}

int sextet(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

} // namespace

std::string base64(std::string_view bytes) {
    return encode(bytes, kStd, true);
}
std::string base64url(std::string_view bytes) {
    return encode(bytes, kUrl, false);
}

std::optional<std::string> base64Decode(std::string_view text) {
    std::string out;
    out.reserve(text.size() * 3 / 4);
    unsigned acc = 0;
    int bits = 0;
    bool padding = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') {
            padding = true;
            continue;
        }
        int v = sextet(c);
        if (v < 0 || padding) return std::nullopt;
        acc = (acc << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    if (bits >= 6) return std::nullopt; // a lone trailing character carries no whole byte
    return out;
}

std::string decodeField(const Json& body, const std::string& field, bool required) {
    const Json* j = body.find(field);
    if (j == nullptr || j->isNull()) {
        if (required) badParameter("The parameter '" + field + "' is required.");
        return {};
    }
    if (!j->isString()) badParameter("The parameter '" + field + "' must be a string.");
    auto decoded = base64Decode(j->asString());
    if (!decoded) badParameter("The parameter '" + field + "' is not valid base64url.");
    return *decoded;
}

std::string randomBytes(std::size_t n) {
    std::string out(n, '\0');
    if (n > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
        throw KvError(500, "InternalServerError", "The random generator failed.");
    return out;
}

std::string newVersionId() {
    static constexpr char hex[] = "0123456789abcdef";
    std::string r = randomBytes(16), out;
    for (unsigned char c : r) {
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    return out;
}

std::int64_t nowSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::int64_t nowMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void wipe(std::string& s) {
    if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
    s.clear();
}

bool validName(std::string_view name) {
    if (name.empty() || name.size() > 127) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    });
}

void requireName(const std::string& name) {
    if (!validName(name))
        badParameter("The request URI contains an invalid name: " + name +
                     ". Follow this rule: '^[0-9a-zA-Z-]+$' and at most 127 characters.");
}

namespace {

void readOptionalInt(Json& attrs, const Json& in, const char* field) {
    const Json* v = in.find(field);
    if (v == nullptr) return;
    if (v->isNull()) {
        attrs.erase(field);
        return;
    }
    if (!v->isNumber()) badParameter(std::string("The attribute '") + field + "' must be a number.");
    attrs[field] = v->asInt();
}

void readBool(Json& attrs, const Json& in, const std::string& field) {
    const Json* v = in.find(field);
    if (v == nullptr || v->isNull()) return;
    if (!v->isBool()) badParameter("The attribute '" + field + "' must be a boolean.");
    attrs[field] = v->asBool();
}

} // namespace

Json newAttributes(const Json* in, bool recoverable) {
    Json attrs = Json::object();
    attrs["enabled"] = true;
    if (in != nullptr && !in->isNull()) {
        if (!in->isObject()) badParameter("The parameter 'attributes' must be an object.");
        readBool(attrs, *in, "enabled");
        readOptionalInt(attrs, *in, "nbf");
        readOptionalInt(attrs, *in, "exp");
    }
    std::int64_t now = nowSeconds();
    attrs["created"] = now;
    attrs["updated"] = now;
    if (recoverable) {
        attrs["recoveryLevel"] = "Recoverable+Purgeable";
        attrs["recoverableDays"] = kRecoverableDays;
    }
    return attrs;
}

void patchAttributes(Json& attrs, const Json* in, const std::vector<std::string>& extraBools) {
    if (in != nullptr && !in->isNull()) {
        if (!in->isObject()) badParameter("The parameter 'attributes' must be an object.");
        readBool(attrs, *in, "enabled");
        readOptionalInt(attrs, *in, "nbf");
        readOptionalInt(attrs, *in, "exp");
        for (const auto& b : extraBools) readBool(attrs, *in, b);
    }
    attrs["updated"] = nowSeconds();
}

std::optional<Json> readTags(const Json& body) {
    const Json* t = body.find("tags");
    if (t == nullptr || t->isNull()) return std::nullopt;
    if (!t->isObject()) badParameter("The parameter 'tags' must be an object of strings.");
    for (const auto& [k, v] : t->asObject())
        if (!v.isString()) badParameter("The tag '" + k + "' must have a string value.");
    if (t->asObject().size() > 15) badParameter("At most 15 tags are allowed.");
    return *t;
}

Json publicView(const Json& stored) {
    Json out = Json::object();
    for (const auto& [k, v] : stored.asObject())
        if (k.empty() || k[0] != '_') out[k] = v;
    return out;
}

PageWindow pageWindow(const Ctx& ctx) {
    std::int64_t max = ctx.config.defaultMaxResults;
    if (auto m = ctx.query("maxresults")) {
        try {
            std::size_t used = 0;
            max = std::stoll(*m, &used);
            if (used != m->size()) max = -1;
        } catch (const std::exception&) {
            max = -1;
        }
        if (max < 1 || max > 25) badParameter("Invalid value for maxresults: it must be between 1 and 25.");
    }
    PageWindow w;
    w.max = static_cast<std::size_t>(std::max<std::int64_t>(max, 1));
    // Tokens from elsewhere (the spec examples carry the real service's) restart the listing.
    if (auto tok = ctx.query("$skiptoken")) {
        auto raw = base64Decode(*tok);
        if (raw && raw->rfind("offset:", 0) == 0) {
            try {
                w.start = static_cast<std::size_t>(std::stoull(raw->substr(7)));
            } catch (const std::exception&) {
                w.start = 0;
            }
        }
    }
    return w;
}

Json pageReply(const Ctx& ctx, const PageWindow& w, std::vector<Json> slice, bool more) {
    Json out = Json::object();
    Json value = Json::array();
    const std::size_t end = w.start + slice.size();
    for (auto& item : slice) value.push(std::move(item));
    out["value"] = std::move(value);
    if (more) {
        out["nextLink"] = ctx.base + ctx.req.path + "?api-version=" + ctx.apiVersion +
                          "&$skiptoken=" + base64url("offset:" + std::to_string(end)) +
                          "&maxresults=" + std::to_string(w.max);
    } else {
        out["nextLink"] = Json();
    }
    return out;
}

Json page(const Ctx& ctx, const std::vector<Json>& items) {
    const PageWindow w = pageWindow(ctx);
    std::vector<Json> slice;
    const std::size_t end = std::min(items.size(), w.start + w.max);
    for (std::size_t i = w.start; i < end; ++i) slice.push_back(items[i]);
    return pageReply(ctx, w, std::move(slice), end < items.size());
}

namespace {

// The emulator's sealing key is fixed so that backups survive a restart of the emulator, as
// they survive in the service; only integrity matters here, the blob is documented as opaque.
std::string sealKey() {
    static const std::string label = "kvbridge-emulator backup sealing key v1";
    unsigned char d[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(label.data()), label.size(), d);
    return std::string(reinterpret_cast<char*>(d), sizeof d);
}

struct CipherCtxFree {
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

constexpr std::string_view kMagic = "KVBEMU1";

} // namespace

std::string sealBlob(const Json& content) {
    std::string plain = content.dump();
    std::string key = sealKey(), iv = randomBytes(12);
    std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> c(EVP_CIPHER_CTX_new());
    std::string out(plain.size() + 16, '\0');
    int len = 0, fin = 0;
    unsigned char tag[16];
    const auto* k = reinterpret_cast<const unsigned char*>(key.data());
    const auto* ivp = reinterpret_cast<const unsigned char*>(iv.data());
    if (!c || EVP_EncryptInit_ex(c.get(), EVP_aes_256_gcm(), nullptr, k, ivp) != 1 ||
        EVP_EncryptUpdate(c.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(kMagic.data()),
                          static_cast<int>(kMagic.size())) != 1 ||
        EVP_EncryptUpdate(c.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
                          reinterpret_cast<const unsigned char*>(plain.data()),
                          static_cast<int>(plain.size())) != 1 ||
        EVP_EncryptFinal_ex(c.get(), reinterpret_cast<unsigned char*>(out.data()) + len, &fin) != 1 ||
        EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_GET_TAG, 16, tag) != 1) {
        wipe(plain);
        throw KvError(500, "InternalServerError", "Sealing the backup failed.");
    }
    out.resize(static_cast<std::size_t>(len + fin));
    wipe(plain);
    return base64url(std::string(kMagic) + iv + out + std::string(reinterpret_cast<char*>(tag), 16));
}

Json unsealBlob(const std::string& blob) {
    auto raw = base64Decode(blob);
    const std::size_t overhead = kMagic.size() + 12 + 16;
    if (!raw || raw->size() < overhead || raw->compare(0, kMagic.size(), kMagic) != 0)
        badParameter("Backup blob is invalid or corrupt.");
    std::string key = sealKey();
    std::string iv = raw->substr(kMagic.size(), 12);
    std::string tag = raw->substr(raw->size() - 16);
    std::string ct = raw->substr(kMagic.size() + 12, raw->size() - overhead);
    std::string plain(ct.size() + 16, '\0');
    int len = 0, fin = 0;
    std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> c(EVP_CIPHER_CTX_new());
    bool ok = c &&
              EVP_DecryptInit_ex(c.get(), EVP_aes_256_gcm(), nullptr,
                                 reinterpret_cast<const unsigned char*>(key.data()),
                                 reinterpret_cast<const unsigned char*>(iv.data())) == 1 &&
              EVP_DecryptUpdate(c.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(kMagic.data()),
                                static_cast<int>(kMagic.size())) == 1 &&
              EVP_DecryptUpdate(c.get(), reinterpret_cast<unsigned char*>(plain.data()), &len,
                                reinterpret_cast<const unsigned char*>(ct.data()),
                                static_cast<int>(ct.size())) == 1 &&
              EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_SET_TAG, 16, tag.data()) == 1 &&
              EVP_DecryptFinal_ex(c.get(), reinterpret_cast<unsigned char*>(plain.data()) + len, &fin) == 1;
    if (!ok) {
        wipe(plain);
        badParameter("Backup blob is invalid or corrupt.");
    }
    plain.resize(static_cast<std::size_t>(len + fin));
    auto parsed = Json::parse(plain);
    wipe(plain);
    if (!parsed || !parsed->isObject()) badParameter("Backup blob is invalid or corrupt.");
    return *parsed;
}

void Entity::settleAfter(int delayMs) {
    settlesAtMs = delayMs > 0 ? nowMillis() + delayMs : 0;
}

bool Entity::settling() const {
    return settlesAtMs != 0 && nowMillis() < settlesAtMs;
}

void softDelete(EntityMap& live, EntityMap& deleted, const std::string& name) {
    auto it = live.find(name);
    if (it == live.end()) return;
    Entity e = std::move(it->second);
    live.erase(it);
    e.deletedDate = nowSeconds();
    e.scheduledPurgeDate = e.deletedDate + kRecoverableDays * 86400;
    std::string key = e.name;
    deleted[key] = std::move(e);
}

} // namespace emu::kv
