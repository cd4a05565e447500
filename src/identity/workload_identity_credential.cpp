// SPDX-License-Identifier: MIT
#include <kvbridge/identity/workload_identity_credential.hpp>

#include <kvbridge/error.hpp>

#include <fstream>
#include <iterator>
#include <mutex>
#include <sys/stat.h>

#include "identity/confidential_client.hpp"
#include "identity/token_request.hpp"

namespace kvb::identity {

namespace {

// The federated token file, re-read when its modification time changes.
class TokenFile {
public:
    explicit TokenFile(std::string path) : path_(std::move(path)) {}

    SecretString read() const {
        struct stat st {};
        if (::stat(path_.c_str(), &st) != 0)
            throw AuthenticationError("WorkloadIdentityCredential: cannot read the token file " + path_);
        std::lock_guard lock(mutex_);
        const bool changed = st.st_mtim.tv_sec != mtime_.tv_sec || st.st_mtim.tv_nsec != mtime_.tv_nsec;
        if (changed || cached_.empty()) {
            std::ifstream in(path_, std::ios::binary);
            std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
                text.pop_back();
            if (!in.good() && !in.eof())
                throw AuthenticationError("WorkloadIdentityCredential: cannot read the token file " + path_);
            if (text.empty())
                throw AuthenticationError("WorkloadIdentityCredential: the token file " + path_ +
                                          " is empty");
            cached_ = SecretString(std::move(text));
            mtime_ = st.st_mtim;
        }
        return cached_;
    }

private:
    std::string path_;
    mutable std::mutex mutex_;
    mutable SecretString cached_;
    mutable timespec mtime_{};
};

std::string orEnvironment(std::string value, const char* variable) {
    return value.empty() ? environment(variable) : value;
}

} // namespace

WorkloadIdentityCredential::WorkloadIdentityCredential(WorkloadIdentityCredentialOptions options) {
    const std::string tenantId = orEnvironment(options.tenantId, "AZURE_TENANT_ID");
    const std::string clientId = orEnvironment(options.clientId, "AZURE_CLIENT_ID");
    const std::string path = orEnvironment(options.tokenFilePath, "AZURE_FEDERATED_TOKEN_FILE");
    if (tenantId.empty() || clientId.empty() || path.empty())
        throw InvalidArgument("WorkloadIdentityCredential is not configured: set AZURE_TENANT_ID, "
                              "AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE (or the options)");
    auto file = std::make_shared<const TokenFile>(path);
    client_ =
        std::make_unique<ConfidentialClient>(name(), tenantId, clientId, options.credential,
                                             [file](std::string& form, const std::string&, const Context&) {
                                                 appendClientAssertion(form, file->read().reveal());
                                             });
}

WorkloadIdentityCredential::~WorkloadIdentityCredential() = default;

AccessToken WorkloadIdentityCredential::getToken(const TokenRequestContext& request,
                                                 const Context& context) const {
    return client_->getToken(request, context);
}

std::string WorkloadIdentityCredential::name() const {
    return "WorkloadIdentityCredential";
}

} // namespace kvb::identity
