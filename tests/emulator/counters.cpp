// SPDX-License-Identifier: MIT
#include "counters.hpp"

#include "json_util.hpp"

#include <set>

namespace emu {

void Counters::request(Service service, const std::string& operation, bool withAuthorization) {
    std::lock_guard lock(mutex_);
    ++requests_;
    if (service == Service::Vault) {
        ++vaultRequests_;
        if (withAuthorization) ++vaultWithToken_;
    }
    if (service == Service::Batch) ++batchRequests_;
    if (service == Service::Arm) ++armRequests_;
    ++byOperation_[operation];
}

void Counters::tokenRequest(const std::string& clientId) {
    std::lock_guard lock(mutex_);
    ++tokenRequests_;
    ++byClient_[clientId];
}

void Counters::throttled() {
    std::lock_guard lock(mutex_);
    ++throttled_;
}

void Counters::faultInjected(const std::string& label) {
    std::lock_guard lock(mutex_);
    ++faults_;
    ++faultsByKind_[label];
}

void Counters::delayedWriteDone() {
    std::lock_guard lock(mutex_);
    ++delayedWritesDone_;
}

std::string Counters::toJson() const {
    std::lock_guard lock(mutex_);
    auto object = [](const std::map<std::string, std::uint64_t>& m) {
        std::string s = "{";
        for (const auto& [k, v] : m) s += (s.size() > 1 ? "," : "") + jsonQuote(k) + ":" + std::to_string(v);
        return s + "}";
    };
    return "{\"requests\":" + std::to_string(requests_) +
           ",\"tokenRequests\":" + std::to_string(tokenRequests_) +
           ",\"tokenRequestsByClient\":" + object(byClient_) +
           ",\"vaultRequests\":" + std::to_string(vaultRequests_) +
           ",\"vaultRequestsWithToken\":" + std::to_string(vaultWithToken_) +
           ",\"batchRequests\":" + std::to_string(batchRequests_) +
           ",\"armRequests\":" + std::to_string(armRequests_) +
           ",\"throttled\":" + std::to_string(throttled_) + ",\"faultsInjected\":" + std::to_string(faults_) +
           ",\"faultsInjectedByKind\":" + object(faultsByKind_) +
           ",\"delayedWritesDone\":" + std::to_string(delayedWritesDone_) +
           ",\"byOperation\":" + object(byOperation_) + "}";
}

void Counters::reset() {
    std::lock_guard lock(mutex_);
    requests_ = tokenRequests_ = vaultRequests_ = vaultWithToken_ = batchRequests_ = armRequests_ =
        throttled_ = faults_ = delayedWritesDone_ = 0;
    byClient_.clear();
    byOperation_.clear();
    faultsByKind_.clear();
}

std::string operationTemplate(const std::string& method, const std::string& path) {
    // Words that are fixed parts of the REST surfaces; anything else in a later segment is a name.
    static const std::set<std::string> kLiterals = {"secrets",
                                                    "keys",
                                                    "certificates",
                                                    "deletedsecrets",
                                                    "deletedkeys",
                                                    "deletedcertificates",
                                                    "versions",
                                                    "backup",
                                                    "restore",
                                                    "create",
                                                    "import",
                                                    "pending",
                                                    "merge",
                                                    "policy",
                                                    "issuers",
                                                    "contacts",
                                                    "recover",
                                                    "rotate",
                                                    "rotationpolicy",
                                                    "encrypt",
                                                    "decrypt",
                                                    "sign",
                                                    "verify",
                                                    "wrapkey",
                                                    "unwrapkey",
                                                    "release",
                                                    "attestation",
                                                    "rng",
                                                    "pools",
                                                    "jobs",
                                                    "jobschedules",
                                                    "poolusagemetrics",
                                                    "canceldelete",
                                                    "updateproperties",
                                                    "enableautoscale",
                                                    "disableautoscale",
                                                    "evaluateautoscale",
                                                    "resize",
                                                    "stopresize",
                                                    "removenodes",
                                                    "oauth2",
                                                    "v2.0",
                                                    "token",
                                                    "metadata",
                                                    "identity",
                                                    "msi",
                                                    "_emulator",
                                                    "counters",
                                                    "reset",
                                                    "config",
                                                    "faults",
                                                    "throttle",
                                                    "batch",
                                                    "accounts",
                                                    "entra",
                                                    "clients",
                                                    "retired",
                                                    "securewrapkey",
                                                    "secureunwrapkey"};
    std::string out = method + " ";
    std::size_t start = 1;
    bool first = true;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        std::string seg = path.substr(start, slash - start);
        const std::size_t paren = seg.find('(');
        if (paren != std::string::npos)
            seg = seg.substr(0, paren) + "({})";
        else if (!seg.empty() && !kLiterals.count(seg))
            seg = "{}";
        out += "/" + seg;
        first = false;
        start = slash + 1;
    }
    if (first) out += "/";
    return out;
}

} // namespace emu
