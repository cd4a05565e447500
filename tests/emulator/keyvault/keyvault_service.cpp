// SPDX-License-Identifier: MIT
#include "keyvault_service.hpp"

#include <mutex>

namespace emu {

struct KeyVaultService::Impl {
    mutable std::mutex mutex;
    KeyVaultConfig config;
};

KeyVaultService::KeyVaultService() : impl_(std::make_unique<Impl>()) {}
KeyVaultService::~KeyVaultService() = default;

HttpReply KeyVaultService::handle(const std::string&, const HttpRequest& req) {
    HttpReply reply;
    reply.status = 404;
    reply.body = R"({"error":{"code":"NotFound","message":"No route for )" + req.method + R"("}})";
    return reply;
}

void KeyVaultService::setConfig(const KeyVaultConfig& config) {
    std::lock_guard lock(impl_->mutex);
    impl_->config = config;
}

KeyVaultConfig KeyVaultService::config() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->config;
}

void KeyVaultService::reset() {}
std::string KeyVaultService::saveState() const { return "{}"; }
void KeyVaultService::loadState(const std::string&) {}

} // namespace emu
