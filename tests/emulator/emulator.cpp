// SPDX-License-Identifier: MIT
#include "emulator.hpp"

#include "crypto_util.hpp"
#include "time_util.hpp"
#include "url_util.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>

namespace emu {

namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// First label when host is exactly "<label><suffix>".
std::optional<std::string> singleLabel(const std::string& host, const std::string& suffix) {
    if (!endsWith(host, suffix)) return std::nullopt;
    std::string label = host.substr(0, host.size() - suffix.size());
    if (label.empty() || label.find('.') != std::string::npos) return std::nullopt;
    return label;
}

HttpReply controlError(int status, const std::string& code, const std::string& message) {
    HttpReply r;
    r.status = status;
    r.body = "{\"error\":{\"code\":" + jsonQuote(code) + ",\"message\":" + jsonQuote(message) + "}}";
    return r;
}

HttpReply keyVaultError(int status, const std::string& code, const std::string& message) {
    return controlError(status, code, message);
}

// The throttle budget of Resource Manager writes (a key no vault name can take).
constexpr const char* kArmBudget = "/arm";
// What ARM reports as left when no budget is configured (its per-hour defaults).
constexpr int kArmReadsLeft = 11999, kArmWritesLeft = 1199;

bool managementHost(const std::string& host) {
    return host == "management.localhost" || host == "management.azure.com";
}

HttpReply ok(const std::string& body = "{}") {
    HttpReply r;
    r.body = body;
    return r;
}

} // namespace

Emulator::Emulator(const std::string& configJson) : entra_(issuer_), configJson_(configJson) {
    std::unique_ptr<JsonDoc> config;
    if (!configJson.empty()) {
        config = parseJsonObject(configJson);
        if (!config) throw std::runtime_error("the --config file is not a JSON object");
        if (auto tenant = getString(*config, "tenant")) entra_.setTenant(*tenant);
        auto others = config->FindMember("additionalTenants");
        if (others != config->MemberEnd() && others->value.IsArray()) {
            for (const auto& t : others->value.GetArray()) {
                if (t.IsString()) entra_.addTenant(t.GetString());
            }
        }
    }
    batch_ = std::make_unique<BatchService>(issuer_, entra_.tenant());
    arm_ = std::make_unique<ArmService>(
        *batch_, entra_.tenant(), [this](auto delay, auto work) { later_.schedule(delay, std::move(work)); });
    arm_->onVaultDeleted([this](const std::string& name) { keyVault_.dropVault(name); });
    entra_.setIdentityLookup(
        [this](const std::string& field, const std::string& value) { return arm_->identity(field, value); });
    if (config) applyConfig(*config, true);
}

void Emulator::applyConfig(const JsonValue& config, bool atStart) {
    // Validate everything before changing anything, so a rejected request leaves no trace.
    std::optional<std::int64_t> lifetime;
    std::optional<bool> scope;
    std::optional<int> createDelay, maxResults, retryAfter, softDeleteDelay;
    if (config.HasMember("tokenLifetimeSeconds")) {
        lifetime = getInt(config, "tokenLifetimeSeconds");
        if (!lifetime || *lifetime < 1 || *lifetime > 86400) {
            throw std::invalid_argument("tokenLifetimeSeconds must be an integer 1..86400");
        }
    }
    if (config.HasMember("challengeForm")) {
        const std::string form = getString(config, "challengeForm").value_or("");
        if (form != "resource" && form != "scope")
            throw std::invalid_argument("challengeForm must be \"resource\" or \"scope\"");
        scope = form == "scope";
    }
    auto intField = [&](const char* name, std::optional<int>& out, int lo, int hi) {
        if (!config.HasMember(name)) return;
        auto v = getInt(config, name);
        if (!v || *v < lo || *v > hi) throw std::invalid_argument(std::string(name) + " is out of range");
        out = static_cast<int>(*v);
    };
    auto httpsField = [&](const char* name) -> std::optional<std::string> {
        if (!config.HasMember(name)) return std::nullopt;
        auto v = getString(config, name);
        if (!v || (!v->empty() && v->rfind("https://", 0) != 0))
            throw std::invalid_argument(std::string(name) + " must be an https URL or \"\"");
        return v;
    };
    const auto challengeAuthority = httpsField("challengeAuthority");
    const auto challengeResource = httpsField("challengeResource");
    intField("certificateCreateDelayMs", createDelay, 0, 600000);
    intField("defaultMaxResults", maxResults, 1, 1000);
    intField("certificateRetryAfterSeconds", retryAfter, 0, 3600);
    intField("softDeleteDelayMs", softDeleteDelay, 0, 600000);
    std::optional<int> armCreateDelay, armRetryAfter, armResizeDelay;
    intField("armVaultCreateDelayMs", armCreateDelay, 0, 600000);
    intField("armRetryAfterSeconds", armRetryAfter, 0, 60);
    intField("armPoolResizeDelayMs", armResizeDelay, 0, 600000);
    if (lifetime) entra_.setTokenLifetime(*lifetime);
    if (scope) scopeChallenge_ = *scope;
    if (challengeAuthority || challengeResource) {
        std::lock_guard lock(challengeMutex_);
        if (challengeAuthority) challengeAuthority_ = *challengeAuthority;
        if (challengeResource) challengeResource_ = *challengeResource;
    }
    if (createDelay || maxResults || retryAfter || softDeleteDelay) {
        KeyVaultConfig kv = keyVault_.config();
        if (createDelay) kv.certificateCreateDelayMs = *createDelay;
        if (maxResults) kv.defaultMaxResults = *maxResults;
        if (retryAfter) kv.certificateRetryAfterSeconds = *retryAfter;
        if (softDeleteDelay) kv.softDeleteDelayMs = *softDeleteDelay;
        keyVault_.setConfig(kv);
    }
    if (armCreateDelay || armRetryAfter || armResizeDelay) {
        ArmConfig a = arm_->config();
        if (armCreateDelay) a.vaultCreateDelayMs = *armCreateDelay;
        if (armRetryAfter) a.retryAfterSeconds = *armRetryAfter;
        if (armResizeDelay) a.poolResizeDelayMs = *armResizeDelay;
        arm_->setConfig(a);
    }
    if (atStart) {
        try {
            arm_->configure(*kv::Json::parse(toJson(config)));
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error(std::string("bad Resource Manager setting in config: ") + e.what());
        }
        entra_.loadState(config);
        try {
            batch_->loadSeeds(config);
        } catch (const BatchFailure& f) {
            std::string detail;
            for (const auto& [k, v] : f.values) detail += " " + k + "=" + v;
            throw std::runtime_error(std::string("bad Batch seed in config: ") + f.code + detail);
        }
    }
}

void Emulator::resetAll() {
    entra_.reset();
    batch_->reset();
    keyVault_.reset();
    keyVault_.setConfig(KeyVaultConfig{});
    arm_->reset();
    faults_.clear();
    later_.clear();
    throttle_.clear();
    counters_.reset();
    scopeChallenge_ = false;
    {
        std::lock_guard lock(challengeMutex_);
        challengeAuthority_.clear();
        challengeResource_.clear();
    }
    if (!configJson_.empty()) {
        if (auto config = parseJsonObject(configJson_)) applyConfig(*config, true);
    }
}

std::vector<std::string> Emulator::serverNames() const {
    std::vector<std::string> names = {
        "localhost",         "*.localhost",          "*.vault.localhost",
        "*.batch.localhost", "*.vault.azure.net",    "login.microsoftonline.com",
        "login.localhost",   "management.azure.com", "management.localhost"};
    for (const auto& region : batch_->regions()) names.push_back("*." + region + ".batch.azure.com");
    return names;
}

Emulator::Route Emulator::classify(const HttpRequest& req) const {
    Route r;
    const std::string& path = req.path;
    if (path == "/_emulator" || path.rfind("/_emulator/", 0) == 0) {
        r.target = Target::Control;
    } else if (path == "/metadata/identity/oauth2/token") {
        r.target = Target::Imds;
    } else if (path == "/msi/token") {
        r.target = Target::AppService;
    } else if (managementHost(req.host)) {
        r.target = Target::Arm;
    } else if (auto v = singleLabel(req.host, ".vault.azure.net")) {
        r = {Target::Vault, *v, true};
    } else if (auto v2 = singleLabel(req.host, ".vault.localhost")) {
        r = {Target::Vault, *v2, false};
    } else if (auto b = singleLabel(req.host, ".batch.localhost")) {
        r = {Target::Batch, *b, false};
    } else if (endsWith(req.host, ".batch.azure.com")) {
        const std::string front =
            req.host.substr(0, req.host.size() - std::string(".batch.azure.com").size());
        const std::size_t dot = front.find('.');
        if (dot != std::string::npos && dot > 0 && front.find('.', dot + 1) == std::string::npos) {
            r = {Target::Batch, front.substr(0, dot), true};
        }
    }
    return r;
}

HttpReply Emulator::serviceError(const HttpRequest& req, int status, const std::string& code,
                                 const std::string& message) {
    switch (classify(req).target) {
    case Target::Batch: return BatchService::error(req, status, code, message);
    case Target::Arm: return ArmService::error(status, code, message);
    case Target::Vault:
    case Target::Control: return controlError(status, code, message);
    default: {
        const int aadCode = status == 413 ? 90023 : 90056;
        return entra_.error(status, "invalid_request", aadCode, message);
    }
    }
}

Outcome Emulator::dispatch(const HttpRequest& req) {
    const Route route = classify(req);
    if (route.target == Target::Control) return {control(req), std::nullopt};
    Outcome out = serve(route, req);
    // Key Vault stamps every answer (injected faults included) with its own id; clients put it in
    // their errors.
    if (route.target == Target::Vault) out.reply.headers.emplace_back("x-ms-request-id", newUuid());
    if (route.target == Target::Arm) {
        // Resource Manager stamps every answer with its ids and what is left of the caller's
        // request budget, faults and throttled answers included.
        auto& h = out.reply.headers;
        h.emplace_back("x-ms-request-id", newUuid());
        auto correlation = req.headers.find("x-ms-correlation-request-id");
        h.emplace_back("x-ms-correlation-request-id",
                       correlation != req.headers.end() ? correlation->second : newUuid());
        if (req.method == "GET" || req.method == "HEAD") {
            h.emplace_back("x-ms-ratelimit-remaining-subscription-reads", std::to_string(kArmReadsLeft));
        } else {
            const int left = throttle_.remaining(kArmBudget).value_or(kArmWritesLeft);
            h.emplace_back(req.method == "DELETE" ? "x-ms-ratelimit-remaining-subscription-deletes"
                                                  : "x-ms-ratelimit-remaining-subscription-writes",
                           std::to_string(left));
        }
    }
    return out;
}

Outcome Emulator::serve(const Route& route, const HttpRequest& req) {
    const Counters::Service service = route.target == Target::Vault   ? Counters::Service::Vault
                                      : route.target == Target::Batch ? Counters::Service::Batch
                                      : route.target == Target::Arm   ? Counters::Service::Arm
                                                                      : Counters::Service::Entra;
    counters_.request(service, operationTemplate(req.method, req.path),
                      req.headers.count("Authorization") != 0);
    if (auto fault = faults_.take(req.method, req.path, req.host)) {
        counters_.faultInjected(faultLabel(*fault));
        if (fault->kind == FaultKind::Delay) {
            std::this_thread::sleep_for(std::chrono::milliseconds(fault->delayMs));
        } else if (fault->kind == FaultKind::DelayedWrite) {
            later_.schedule(std::chrono::milliseconds(fault->delayMs), [this, route, req] {
                answer(route, req); // nobody is left to read the reply
                counters_.delayedWriteDone();
            });
            return {HttpReply{}, FaultKind::Reset};
        } else {
            Outcome out{faultReply(route, req, *fault), std::nullopt};
            if (fault->kind == FaultKind::Reset || fault->kind == FaultKind::Truncate)
                out.transportFault = fault->kind;
            return out;
        }
    }
    return answer(route, req);
}

Outcome Emulator::answer(const Route& route, const HttpRequest& req) {
    switch (route.target) {
    case Target::Imds:
    case Target::AppService: {
        EntraReply r = route.target == Target::Imds ? entra_.imds(req) : entra_.appService(req);
        if (r.reply.status == 200) counters_.tokenRequest(r.clientId);
        return {r.reply, std::nullopt};
    }
    case Target::Vault: return {vault(route, req), std::nullopt};
    case Target::Batch: return {batch_->handle(route.name, req), std::nullopt};
    case Target::Arm: return {arm(req), std::nullopt};
    default: return {entra(req), std::nullopt};
    }
}

HttpReply Emulator::faultReply(const Route& route, const HttpRequest& req, const Fault& fault) {
    HttpReply r;
    if (fault.kind == FaultKind::Malformed) {
        r.body = "{\"value\": [ {\"id\": \"truncated";
        return r;
    }
    if (fault.kind == FaultKind::Truncate) {
        r.body = "{\"value\":[{\"id\":\"partial\"},";
        return r;
    }
    if (fault.kind == FaultKind::Reset) return r;
    std::string message = "Injected fault: status " + std::to_string(fault.status) + ".";
    if (fault.echoBody) message += " Request body: " + echoedBody(fault, req.body);
    const std::string code = fault.status == 429 && route.target == Target::Arm ? "TooManyRequests"
                             : fault.status == 429                              ? "Throttled"
                             : fault.status >= 500                              ? "ServiceUnavailable"
                                                                                : "InjectedFault";
    r = route.target == Target::Batch
            ? BatchService::error(req, fault.status, code == "Throttled" ? "TooManyRequests" : code, message)
            : serviceError(req, fault.status, code, message);
    if (fault.retryAfter == "http-date") {
        r.headers.emplace_back("Retry-After", httpDate(nowSeconds() + 1));
    } else if (!fault.retryAfter.empty()) {
        r.headers.emplace_back("Retry-After", fault.retryAfter);
    }
    if (fault.retryAfterMs >= 0) {
        r.headers.emplace_back("x-ms-retry-after-ms", std::to_string(fault.retryAfterMs));
        r.headers.emplace_back("retry-after-ms", std::to_string(fault.retryAfterMs));
    }
    return r;
}

HttpReply Emulator::vault(const Route& route, const HttpRequest& req) {
    const std::string resource = route.azureHost ? "https://vault.azure.net" : "https://vault.localhost";
    const std::string authority =
        route.azureHost ? "https://login.microsoftonline.com/" : "https://login.localhost/";
    bool authorized = false;
    std::optional<TokenClaims> claims;
    auto auth = req.headers.find("Authorization");
    if (auth != req.headers.end() && auth->second.rfind("Bearer ", 0) == 0) {
        claims = issuer_.validate(auth->second.substr(7));
        authorized = claims && claims->tid == entra_.tenant() &&
                     (claims->aud == resource || claims->aud == resource + "/");
    }
    if (!authorized) {
        HttpReply r;
        r.status = 401;
        r.contentType = "";
        std::string named = resource, namedAuthority = authority;
        {
            std::lock_guard lock(challengeMutex_);
            if (!challengeResource_.empty()) named = challengeResource_;
            if (!challengeAuthority_.empty()) namedAuthority = challengeAuthority_;
        }
        const std::string where =
            scopeChallenge_ ? "scope=\"" + named + "/.default\"" : "resource=\"" + named + "\"";
        r.headers.emplace_back("WWW-Authenticate",
                               "Bearer authorization=\"" + namedAuthority + entra_.tenant() + "\", " + where);
        return r;
    }
    // A vault made through Resource Manager with enableRbacAuthorization asks its role assignments.
    if (auto denied = arm_->authorizeVault(route.name, req, {claims->appid, claims->oid, claims->tid}))
        return *denied;
    if (req.method != "GET" && req.method != "HEAD") {
        if (auto wait = throttle_.admitWrite(route.name)) {
            counters_.throttled();
            HttpReply r = keyVaultError(429, "Throttled",
                                        "Request was not processed because too many requests were received. "
                                        "Reason: VaultRequestTypeLimitReached");
            r.headers.emplace_back("Retry-After", std::to_string(*wait));
            return r;
        }
    }
    return keyVault_.handle(route.name, req);
}

HttpReply Emulator::entra(const HttpRequest& req) {
    // "/{tenant}/oauth2/v2.0/token"
    const std::string suffix = "/oauth2/v2.0/token";
    if (endsWith(req.path, suffix)) {
        const std::string tenant = req.path.substr(1, req.path.size() - suffix.size() - 1);
        if (!tenant.empty() && tenant.find('/') == std::string::npos) {
            if (req.method != "POST") {
                return entra_.error(405, "invalid_request", 900561,
                                    "The endpoint only accepts POST requests. Received a " + req.method +
                                        " request.");
            }
            EntraReply r = entra_.token(tenant, req);
            if (r.reply.status == 200) counters_.tokenRequest(r.clientId);
            return r.reply;
        }
    }
    return entra_.error(404, "invalid_request", 90056,
                        "No such endpoint: " + req.method + " " + req.path + ".");
}

HttpReply Emulator::arm(const HttpRequest& req) {
    auto refuse = [](const std::string& code, const std::string& message, const std::string& why) {
        HttpReply r = ArmService::error(401, code, message);
        r.headers.emplace_back("WWW-Authenticate",
                               "Bearer authorization_uri=\"https://login.microsoftonline.com/\", "
                               "error=\"invalid_token\", error_description=\"" +
                                   why + "\"");
        return r;
    };
    auto auth = req.headers.find("Authorization");
    if (auth == req.headers.end() || auth->second.rfind("Bearer ", 0) != 0)
        return refuse("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.",
                      "The authentication failed because of missing 'Authorization' header.");
    const auto claims = issuer_.validate(auth->second.substr(7));
    if (!claims)
        return refuse("InvalidAuthenticationToken", "The access token is invalid.",
                      "The access token is invalid.");
    if (claims->tid != entra_.tenant())
        return refuse("InvalidAuthenticationTokenTenant",
                      "The access token is from the wrong issuer 'https://sts.windows.net/" + claims->tid +
                          "/'. It must match the tenant 'https://sts.windows.net/" + entra_.tenant() +
                          "/' associated with this subscription.",
                      "The access token is from the wrong issuer.");
    const std::string& aud = claims->aud;
    if (aud != "https://management.azure.com" && aud != "https://management.azure.com/" &&
        aud != "https://management.core.windows.net" && aud != "https://management.core.windows.net/")
        return refuse("InvalidAuthenticationTokenAudience",
                      "The access token has been obtained for wrong audience or resource '" + aud +
                          "'. It should exactly match with one of the allowed audiences "
                          "'https://management.core.windows.net/','https://management.core.windows.net',"
                          "'https://management.azure.com/','https://management.azure.com'.",
                      "The access token has been obtained for wrong audience or resource.");
    if (req.method != "GET" && req.method != "HEAD") {
        if (auto wait = throttle_.admitWrite(kArmBudget)) {
            counters_.throttled();
            HttpReply r =
                ArmService::error(429, "TooManyRequests",
                                  "The request is being throttled as the limit has been reached for "
                                  "operation type - Write. For more information, see - "
                                  "https://aka.ms/srpthrottlinglimits");
            r.headers.emplace_back("Retry-After", std::to_string(*wait));
            return r;
        }
    }
    return arm_->handle(req, {claims->appid, claims->oid, claims->tid});
}

HttpReply Emulator::control(const HttpRequest& req) {
    const std::string& p = req.path;
    const bool post = req.method == "POST";
    auto body = [&]() {
        auto doc = req.body.empty() ? parseJsonObject("{}") : parseJsonObject(req.body);
        if (!doc) throw std::invalid_argument("the body is not a JSON object");
        return doc;
    };
    try {
        if (p == "/_emulator/counters") {
            if (req.method != "GET") return controlError(405, "MethodNotAllowed", "Use GET.");
            return ok(counters_.toJson());
        }
        if (p == "/_emulator/config" && req.method == "GET") {
            const KeyVaultConfig kv = keyVault_.config();
            const ArmConfig a = arm_->config();
            return ok("{\"tokenLifetimeSeconds\":" + std::to_string(entra_.tokenLifetime()) +
                      ",\"challengeForm\":\"" + (scopeChallenge_ ? "scope" : "resource") +
                      "\",\"certificateCreateDelayMs\":" + std::to_string(kv.certificateCreateDelayMs) +
                      ",\"defaultMaxResults\":" + std::to_string(kv.defaultMaxResults) +
                      ",\"certificateRetryAfterSeconds\":" + std::to_string(kv.certificateRetryAfterSeconds) +
                      ",\"softDeleteDelayMs\":" + std::to_string(kv.softDeleteDelayMs) +
                      ",\"armVaultCreateDelayMs\":" + std::to_string(a.vaultCreateDelayMs) +
                      ",\"armRetryAfterSeconds\":" + std::to_string(a.retryAfterSeconds) +
                      ",\"armPoolResizeDelayMs\":" + std::to_string(a.poolResizeDelayMs) +
                      ",\"subscriptionId\":" + jsonQuote(arm_->subscription()) +
                      ",\"tenant\":" + jsonQuote(entra_.tenant()) + "}");
        }
        if (!post)
            return controlError(405, "MethodNotAllowed",
                                "Control endpoints take POST (counters and config also GET).");
        if (p == "/_emulator/reset") {
            resetAll();
            return ok();
        }
        if (p == "/_emulator/counters/reset") {
            counters_.reset();
            return ok();
        }
        if (p == "/_emulator/config") {
            applyConfig(*body(), false);
            return ok();
        }
        if (p == "/_emulator/entra/clients") {
            auto b = body();
            EntraClient c;
            c.clientId = getString(*b, "clientId").value_or("");
            c.secret = getString(*b, "secret").value_or("");
            if (auto pem = getString(*b, "certificatePem")) c.certPems.push_back(*pem);
            entra_.registerClient(c);
            wipe(c.secret);
            return ok();
        }
        if (p == "/_emulator/faults") {
            faults_.add(FaultInjector::parse(*body()));
            return ok();
        }
        if (p == "/_emulator/faults/clear") {
            faults_.clear();
            return ok();
        }
        if (p == "/_emulator/throttle") {
            auto b = body();
            const bool arm = getBool(*b, "arm").value_or(false);
            const auto vaultName = arm ? std::optional<std::string>(kArmBudget) : getString(*b, "vault");
            const auto writes = getInt(*b, "writes");
            const auto window = getInt(*b, "windowSeconds").value_or(10);
            if (!vaultName || !writes || *writes < 0 || window < 0) {
                throw std::invalid_argument(
                    "throttle needs vault (string) or arm (true), writes and windowSeconds (integers >= 0)");
            }
            throttle_.configure(*vaultName, static_cast<int>(*writes), static_cast<int>(window));
            return ok();
        }
        if (p == "/_emulator/batch/accounts") {
            auto b = body();
            batch_->seedAccount(*b);
            arm_->setBatchAccount(*kv::Json::parse(toJson(*b)));
            return ok();
        }
        const std::string vaults = "/_emulator/keyvault/vaults/";
        if (p.rfind(vaults, 0) == 0 && p.size() > vaults.size() + 8 &&
            p.compare(p.size() - 8, 8, "/secrets") == 0) {
            auto b = body();
            const auto count = getInt(*b, "count");
            if (!count || *count < 1) throw std::invalid_argument("count must be an integer >= 1");
            std::string value = getString(*b, "value").value_or("seeded-value");
            keyVault_.seedSecrets(p.substr(vaults.size(), p.size() - 8 - vaults.size()),
                                  getString(*b, "prefix").value_or("secret-"),
                                  static_cast<std::size_t>(*count), value);
            wipe(value);
            return ok();
        }
        const std::string prefix = "/_emulator/batch/accounts/";
        if (p.rfind(prefix, 0) == 0) {
            const std::string rest = p.substr(prefix.size());
            const std::size_t slash = rest.find('/');
            if (slash != std::string::npos) {
                const std::string account = rest.substr(0, slash);
                const std::string what = rest.substr(slash + 1);
                if (what == "certificates") {
                    batch_->seedCertificate(account, *body());
                    return ok();
                }
                if (what == "pools" || what == "jobschedules" || what == "jobs") {
                    batch_->seedEntity(account, what, *body());
                    return ok();
                }
                if (what == "retired") {
                    auto enabled = getBool(*body(), "enabled");
                    if (!enabled) throw std::invalid_argument("enabled must be true or false");
                    batch_->setRetired(account, *enabled);
                    return ok();
                }
            }
        }
        return controlError(404, "NotFound", "No control endpoint " + p + ".");
    } catch (const BatchFailure& f) {
        std::string detail;
        for (const auto& [k, v] : f.values) detail += " " + k + "=" + v;
        return controlError(f.status, f.code, std::string(f.what()) + detail);
    } catch (const std::invalid_argument& e) {
        return controlError(400, "BadParameter", e.what());
    }
}

std::string Emulator::saveState() const {
    std::string kv = keyVault_.saveState();
    if (!parseJson(kv)) kv = jsonQuote(kv);
    return "{\"entra\":" + entra_.saveState() + ",\"batch\":" + batch_->saveState() + ",\"keyvault\":" + kv +
           ",\"arm\":" + arm_->saveState().dump() + "}";
}

void Emulator::loadState(const std::string& json) {
    auto doc = parseJsonObject(json);
    if (!doc) throw std::runtime_error("the state file is not a JSON object");
    try {
        if (doc->HasMember("entra")) entra_.loadState((*doc)["entra"]);
        if (doc->HasMember("batch")) batch_->loadState((*doc)["batch"]);
        if (doc->HasMember("arm")) arm_->loadState(*kv::Json::parse(toJson((*doc)["arm"])));
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("the state file is invalid: ") + e.what());
    }
    if (doc->HasMember("keyvault")) {
        const JsonValue& kv = (*doc)["keyvault"];
        keyVault_.loadState(kv.IsString() ? std::string(kv.GetString(), kv.GetStringLength()) : toJson(kv));
    }
}

} // namespace emu
