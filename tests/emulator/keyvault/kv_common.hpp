// SPDX-License-Identifier: MIT
#pragma once

// Shared pieces of the Key Vault emulator: the stored state, the per-request context, service
// errors, encodings, attributes and paging. Handlers throw KvError; the service turns it into
// the service's {"error":{...}} body.

#include "../http_types.hpp"
#include "keyvault_service.hpp"
#include "kv_json.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace emu::kv {

class KvError : public std::runtime_error {
public:
    KvError(int status, std::string code, const std::string& message, std::string inner = {})
        : std::runtime_error(message), status_(status), code_(std::move(code)), inner_(std::move(inner)) {}
    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::string& inner() const { return inner_; }

private:
    int status_;
    std::string code_;
    std::string inner_;
};

[[noreturn]] void badParameter(const std::string& message);

// One named object (secret, key or certificate) with its versions, oldest first. Internal
// members of a stored version start with '_' and never reach a reply.
struct Entity {
    std::string name;
    std::vector<Json> versions;
    Json extra = Json::object(); // kind-specific: rotation policy, certificate policy, pending op
    std::int64_t deletedDate = 0;
    std::int64_t scheduledPurgeDate = 0;
    std::int64_t settlesAtMs = 0; // a delete or recovery still in flight until then (not saved)

    // Start a delete or recovery that takes @p delayMs to show.
    void settleAfter(int delayMs);
    // True while a delete or recovery is in flight: the entity is not there yet.
    bool settling() const;

    Json* latest() { return versions.empty() ? nullptr : &versions.back(); }
    // Empty version means the latest.
    Json* find(const std::string& version);
    Json toJson() const;
    static Entity fromJson(const Json& j);
};

using EntityMap = std::map<std::string, Entity, CaseInsensitiveLess>;

struct Vault {
    EntityMap secrets, keys, certs;
    EntityMap deletedSecrets, deletedKeys, deletedCerts;
    std::map<std::string, Json, CaseInsensitiveLess> issuers;
    Json contacts; // null when none were set

    Json toJson() const;
    static Vault fromJson(const Json& j);
};

struct Ctx {
    Ctx(const HttpRequest& r, Vault& v, const KeyVaultConfig& c, std::string b, std::string api,
        std::vector<std::string> s)
        : req(r), vault(v), config(c), base(std::move(b)), apiVersion(std::move(api)), segs(std::move(s)) {}

    const HttpRequest& req;
    Vault& vault;
    const KeyVaultConfig& config;
    std::string base; // vault URL without a trailing slash
    std::string apiVersion;
    std::vector<std::string> segs;

    // The request body as a JSON object, or 400 BadParameter.
    const Json& body();
    std::optional<std::string> query(const std::string& name) const;

private:
    std::optional<Json> body_;
};

// Encodings. Decoders accept both alphabets, optional padding and skip whitespace.
std::string base64(std::string_view bytes);
std::string base64url(std::string_view bytes);
std::optional<std::string> base64Decode(std::string_view text);
// Decodes a member that must be base64/base64url, or 400 BadParameter naming the member.
std::string decodeField(const Json& body, const std::string& field, bool required = true);

std::string randomBytes(std::size_t n);
std::string newVersionId(); // 32 lower-case hex digits
std::int64_t nowSeconds();
std::int64_t nowMillis();
void wipe(std::string& s);

bool validName(std::string_view name);
void requireName(const std::string& name);

// Attributes of a new object from the request's "attributes" member (created = updated = now).
Json newAttributes(const Json* in, bool recoverable = true);
// Apply a PATCH "attributes" member; fields not named are kept.
void patchAttributes(Json& attrs, const Json* in, const std::vector<std::string>& extraBools = {});
// Validate "tags": an object of strings.
std::optional<Json> readTags(const Json& body);

// Copy of a stored version without internal members.
Json publicView(const Json& stored);

// The window of a list request: items [start, start + max) by $skiptoken and maxresults.
struct PageWindow {
    std::size_t start = 0;
    std::size_t max = 25;
};
PageWindow pageWindow(const Ctx& ctx);
// The reply for the window's @p slice; @p more: items remain after it (then a nextLink).
Json pageReply(const Ctx& ctx, const PageWindow& w, std::vector<Json> slice, bool more);
// One page of items after $skiptoken with maxresults, and a nextLink when more remain.
Json page(const Ctx& ctx, const std::vector<Json>& items);

// Backup blobs: authenticated encryption so a changed byte is detected.
std::string sealBlob(const Json& content);
Json unsealBlob(const std::string& blob);

constexpr std::int64_t kRecoverableDays = 90;
// The service's limit on a secret value.
constexpr std::size_t kMaxSecretValueBytes = 25 * 1024;

void softDelete(EntityMap& live, EntityMap& deleted, const std::string& name);

} // namespace emu::kv
