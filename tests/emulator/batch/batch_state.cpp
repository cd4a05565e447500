// SPDX-License-Identifier: MIT
// How Batch state gets in and out of the emulator without the REST API: the control plane's
// seeds (accounts, certificates, pools, job schedules, jobs, the retired switch), --config's
// batchAccounts, and the --state file, which saves certificates with their state machine's
// fields so a restart finds a deletefailed certificate still deletefailed.
#include "../crypto_util.hpp"
#include "../time_util.hpp"
#include "../url_util.hpp"
#include "batch_handlers.hpp"
#include "batch_service.hpp"

namespace emu {

namespace {

bool isSavedCertificate(const JsonValue& c) {
    return c.IsObject() && c.HasMember("state");
}

BatchCertificate certificateFromSaved(const JsonValue& c) {
    BatchCertificate cert;
    cert.thumbprint = toLower(getString(c, "thumbprint").value_or(""));
    cert.publicData = getString(c, "publicData").value_or("");
    cert.format = getString(c, "format").value_or("pfx");
    cert.state = getString(c, "state").value_or("active");
    cert.previousState = getString(c, "previousState").value_or("");
    cert.stateMs = getInt(c, "stateMs").value_or(nowMillis());
    cert.previousStateMs = getInt(c, "previousStateMs").value_or(0);
    auto pools = c.FindMember("blockingPools");
    if (pools != c.MemberEnd() && pools->value.IsArray()) {
        for (const auto& p : pools->value.GetArray()) {
            if (p.IsString()) cert.blockingPools.emplace_back(p.GetString());
        }
    }
    return cert;
}

JsonValue savedCertificate(const BatchCertificate& c, JsonDoc::AllocatorType& a) {
    JsonValue cv(rapidjson::kObjectType);
    setString(cv, "thumbprint", c.thumbprint, a);
    setString(cv, "publicData", c.publicData, a);
    setString(cv, "format", c.format, a);
    setString(cv, "state", c.state, a);
    setString(cv, "previousState", c.previousState, a);
    setInt(cv, "stateMs", c.stateMs, a);
    setInt(cv, "previousStateMs", c.previousStateMs, a);
    JsonValue pools(rapidjson::kArrayType);
    for (const auto& p : c.blockingPools) pools.PushBack(JsonValue(p.c_str(), a), a);
    cv.AddMember("blockingPools", pools, a);
    return cv;
}

} // namespace

BatchAccount& BatchService::accountOrThrow(const std::string& name) {
    auto it = accounts_.find(toLower(name));
    if (it == accounts_.end()) batch::notFound("AccountNotFound", "The specified account does not exist.");
    return it->second;
}

void BatchService::seedAccount(const JsonValue& body) {
    const std::string name = toLower(getString(body, "name").value_or(""));
    if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789") != std::string::npos) {
        throw BatchFailure(400, "InvalidPropertyValue",
                           "The account name must be lower-case letters and digits.",
                           {{"PropertyName", "name"}});
    }
    const std::string key = getString(body, "key").value_or(kDefaultKey);
    auto decoded = base64Decode(key);
    if (!decoded || decoded->empty()) {
        throw BatchFailure(400, "InvalidPropertyValue", "The account key must be base64.",
                           {{"PropertyName", "key"}});
    }
    wipe(*decoded);
    std::lock_guard lock(mutex_);
    BatchAccount& a = accounts_[name];
    a.name = name;
    a.region = toLower(getString(body, "region").value_or(kDefaultRegion));
    a.key = key;
    if (auto retired = getBool(body, "retired")) a.retired = *retired;
}

void BatchService::seedCertificate(const std::string& account, const JsonValue& body) {
    BatchCertificate cert = certificateFromAddParameter(body);
    std::lock_guard lock(mutex_);
    accountOrThrow(account).certificates[cert.thumbprint] = cert;
}

void BatchService::seedEntity(const std::string& account, const std::string& kind, const JsonValue& body) {
    if (!body.IsObject()) throw BatchFailure(400, "InvalidRequestBody", "The body must be a JSON object.");
    const std::string id = batch::entityId(body);
    auto doc = cloneJson(body);
    doc->RemoveMember("url");
    batch::fillComputed(*doc, kind);
    std::lock_guard lock(mutex_);
    BatchAccount& a = accountOrThrow(account);
    EntityTable& table = kind == "pools" ? a.pools : kind == "jobschedules" ? a.jobSchedules : a.jobs;
    table[toLower(id)] = std::move(doc);
}

EntityTable* BatchService::table(const std::string& account, const std::string& kind) {
    auto it = accounts_.find(toLower(account));
    if (it == accounts_.end()) return nullptr;
    BatchAccount& a = it->second;
    return kind == "pools" ? &a.pools : kind == "jobschedules" ? &a.jobSchedules : &a.jobs;
}

std::optional<std::string> BatchService::accountRegion(const std::string& account) const {
    std::lock_guard lock(mutex_);
    auto it = accounts_.find(toLower(account));
    if (it == accounts_.end()) return std::nullopt;
    return it->second.region;
}

std::unique_ptr<JsonDoc> BatchService::entity(const std::string& account, const std::string& kind,
                                              const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto acc = accounts_.find(toLower(account));
    if (acc == accounts_.end()) return nullptr;
    const BatchAccount& a = acc->second;
    const EntityTable& t = kind == "pools" ? a.pools : kind == "jobschedules" ? a.jobSchedules : a.jobs;
    auto it = t.find(toLower(id));
    return it == t.end() ? nullptr : cloneJson(*it->second);
}

bool BatchService::updateEntity(const std::string& account, const std::string& kind, const std::string& id,
                                const std::function<void(JsonDoc&)>& change) {
    std::lock_guard lock(mutex_);
    EntityTable* t = table(account, kind);
    if (t == nullptr) return false;
    auto it = t->find(toLower(id));
    if (it == t->end()) return false;
    change(*it->second);
    batch::touch(*it->second);
    return true;
}

bool BatchService::removeEntity(const std::string& account, const std::string& kind, const std::string& id) {
    std::lock_guard lock(mutex_);
    EntityTable* t = table(account, kind);
    return t != nullptr && t->erase(toLower(id)) > 0;
}

void BatchService::setRetired(const std::string& account, bool retired) {
    std::lock_guard lock(mutex_);
    accountOrThrow(account).retired = retired;
}

void BatchService::loadSeeds(const JsonValue& config) {
    auto accounts = config.FindMember("batchAccounts");
    if (accounts == config.MemberEnd()) return;
    if (!accounts->value.IsArray())
        throw BatchFailure(400, "InvalidPropertyValue", "batchAccounts must be an array.");
    for (const auto& acc : accounts->value.GetArray()) {
        seedAccount(acc);
        const std::string name = toLower(getString(acc, "name").value_or(""));
        auto each = [&](const char* member, auto&& fn) {
            auto m = acc.FindMember(member);
            if (m == acc.MemberEnd()) return;
            if (!m->value.IsArray())
                throw BatchFailure(400, "InvalidPropertyValue", std::string(member) + " must be an array.");
            for (const auto& item : m->value.GetArray()) fn(item);
        };
        each("certificates", [&](const JsonValue& c) {
            if (!isSavedCertificate(c)) return seedCertificate(name, c);
            BatchCertificate cert = certificateFromSaved(c);
            std::lock_guard lock(mutex_);
            accountOrThrow(name).certificates[cert.thumbprint] = cert;
        });
        each("pools", [&](const JsonValue& p) { seedEntity(name, "pools", p); });
        each("jobSchedules", [&](const JsonValue& p) { seedEntity(name, "jobschedules", p); });
        each("jobs", [&](const JsonValue& p) { seedEntity(name, "jobs", p); });
    }
}

std::string BatchService::saveState() const {
    std::lock_guard lock(mutex_);
    JsonDoc doc;
    doc.SetObject();
    auto& a = doc.GetAllocator();
    JsonValue accounts(rapidjson::kArrayType);
    for (const auto& [name, acc] : accounts_) {
        JsonValue o(rapidjson::kObjectType);
        setString(o, "name", acc.name, a);
        setString(o, "region", acc.region, a);
        setString(o, "key", acc.key, a);
        setBool(o, "retired", acc.retired, a);
        JsonValue certs(rapidjson::kArrayType);
        for (const auto& [tp, c] : acc.certificates) certs.PushBack(savedCertificate(c, a), a);
        o.AddMember("certificates", certs, a);
        auto table = [&](const char* member, const EntityTable& t) {
            JsonValue arr(rapidjson::kArrayType);
            for (const auto& [id, e] : t) arr.PushBack(JsonValue(*e, a), a);
            o.AddMember(JsonValue(member, a), arr, a);
        };
        table("pools", acc.pools);
        table("jobSchedules", acc.jobSchedules);
        table("jobs", acc.jobs);
        accounts.PushBack(o, a);
    }
    doc.AddMember("batchAccounts", accounts, a);
    return toJson(doc);
}

void BatchService::loadState(const JsonValue& state) {
    {
        std::lock_guard lock(mutex_);
        accounts_.clear();
    }
    loadSeeds(state);
}

} // namespace emu
