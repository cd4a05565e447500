// SPDX-License-Identifier: MIT
#include "keyvault_service.hpp"

#include "kv_handlers.hpp"

#include <array>
#include <mutex>
#include <stdexcept>

namespace emu {

using kv::Json;
using kv::KvError;

struct KeyVaultService::Impl {
    mutable std::mutex mutex;
    KeyVaultConfig config;
    std::map<std::string, kv::Vault, CaseInsensitiveLess> vaults;
};

namespace {

constexpr std::array kApiVersions = {"7.5", "7.6", "2025-07-01", "2026-04-01"};

std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> segs;
    std::string cur;
    std::size_t i = path.empty() || path[0] != '/' ? 0 : 1;
    for (; i < path.size(); ++i) {
        if (path[i] == '/') {
            segs.push_back(cur);
            cur.clear();
        } else {
            cur += path[i];
        }
    }
    segs.push_back(cur);
    // "/secrets/" lists; "/secrets/name/" keeps its empty version segment (the latest).
    if (segs.size() != 3 && segs.size() > 1 && segs.back().empty()) segs.pop_back();
    return segs;
}

HttpReply errorReply(const KvError& e) {
    Json err = Json::object();
    err["code"] = e.code();
    err["message"] = std::string(e.what());
    if (!e.inner().empty()) {
        Json inner = Json::object();
        inner["code"] = e.inner();
        err["innererror"] = inner;
    }
    Json body = Json::object();
    body["error"] = err;
    return kv::jsonReply(body, e.status());
}

} // namespace

KeyVaultService::KeyVaultService() : impl_(std::make_unique<Impl>()) {}
KeyVaultService::~KeyVaultService() = default;

HttpReply KeyVaultService::handle(const std::string& vaultName, const HttpRequest& req) {
    std::lock_guard lock(impl_->mutex);
    try {
        auto it = req.query.find("api-version");
        if (it == req.query.end())
            throw KvError(400, "BadParameter", "The 'api-version' query parameter is missing.");
        bool known = false;
        for (const char* v : kApiVersions) known = known || it->second == v;
        if (!known)
            throw KvError(400, "BadParameter",
                          "The specified version (" + it->second +
                              ") is not recognized. Consider using the latest supported version "
                              "(2026-04-01).");
        std::string base = req.baseUrl;
        while (!base.empty() && base.back() == '/') base.pop_back();
        kv::Ctx ctx{req, impl_->vaults[vaultName], impl_->config, base, it->second, splitPath(req.path)};
        kv::completeDueCertificates(ctx);
        const std::string& area = ctx.segs.front();
        if (area == "secrets" || area == "deletedsecrets") return kv::handleSecrets(ctx);
        if (area == "keys" || area == "deletedkeys" || area == "rng") return kv::handleKeys(ctx);
        if (area == "certificates" || area == "deletedcertificates") return kv::handleCertificates(ctx);
        kv::noRoute(false);
    } catch (const KvError& e) {
        return errorReply(e);
    } catch (const std::exception&) {
        return errorReply(KvError(500, "InternalServerError", "The emulator failed to handle the request."));
    }
}

void KeyVaultService::setConfig(const KeyVaultConfig& config) {
    std::lock_guard lock(impl_->mutex);
    impl_->config = config;
}

KeyVaultConfig KeyVaultService::config() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->config;
}

void KeyVaultService::seedSecrets(const std::string& vaultName, const std::string& prefix, std::size_t count,
                                  const std::string& value) {
    constexpr std::size_t kMaxSeed = 1'000'000;
    if (count == 0 || count > kMaxSeed) throw std::invalid_argument("count must be between 1 and 1000000");
    if (!kv::validName(prefix + std::to_string(count - 1)))
        throw std::invalid_argument("prefix must match ^[0-9a-zA-Z-]+$ (names at most 127 characters)");
    if (value.size() > kv::kMaxSecretValueBytes) throw std::invalid_argument("value exceeds the 25 KB limit");
    std::lock_guard lock(impl_->mutex);
    kv::Vault& vault = impl_->vaults[vaultName];
    for (std::size_t i = 0; i < count; ++i) {
        const std::string name = prefix + std::to_string(i);
        if (vault.deletedSecrets.count(name) != 0)
            throw std::invalid_argument("secret " + name + " is deleted; purge or recover it first");
        Json v = Json::object();
        v["_v"] = kv::newVersionId();
        v["value"] = value;
        v["attributes"] = kv::newAttributes(nullptr);
        kv::Entity& e = vault.secrets[name];
        if (e.name.empty()) e.name = name;
        e.versions.push_back(std::move(v));
    }
}

void KeyVaultService::dropVault(const std::string& vaultName) {
    std::lock_guard lock(impl_->mutex);
    impl_->vaults.erase(vaultName);
}

void KeyVaultService::reset() {
    std::lock_guard lock(impl_->mutex);
    impl_->vaults.clear();
}

std::string KeyVaultService::saveState() const {
    std::lock_guard lock(impl_->mutex);
    Json vaults = Json::object();
    for (const auto& [name, v] : impl_->vaults) vaults[name] = v.toJson();
    Json root = Json::object();
    root["format"] = "kvbridge-emulator-keyvault/1";
    root["vaults"] = vaults;
    return root.dump();
}

void KeyVaultService::loadState(const std::string& json) {
    auto parsed = Json::parse(json);
    std::map<std::string, kv::Vault, CaseInsensitiveLess> vaults;
    if (parsed && parsed->isObject())
        if (const Json* v = parsed->find("vaults"); v != nullptr && v->isObject())
            for (const auto& [name, vault] : v->asObject())
                if (vault.isObject()) vaults[name] = kv::Vault::fromJson(vault);
    std::lock_guard lock(impl_->mutex);
    impl_->vaults = std::move(vaults);
}

} // namespace emu
