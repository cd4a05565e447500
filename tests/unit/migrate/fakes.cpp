// SPDX-License-Identifier: MIT
#include "fakes.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/pki/certificate_bundle.hpp>

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/encoding.hpp"

namespace kvb::test {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string refsJson(const std::vector<std::string>& thumbprints, bool windows) {
    std::string refs;
    for (const auto& t : thumbprints) {
        if (!refs.empty()) refs += ",";
        refs += R"({"thumbprint":")" + lower(t) + R"(","thumbprintAlgorithm":"sha1","storeLocation":")" +
                (windows ? "localmachine" : "currentuser") + R"(","storeName":")" +
                (windows ? "Root" : "My") + R"(","visibility":["starttask","task"]})";
    }
    return "[" + refs + "]";
}

[[noreturn]] void fail(int status, const std::string& code) {
    ServiceErrorInfo info;
    info.httpStatus = status;
    info.serviceCode = code;
    info.message = code;
    throwServiceError(info);
}

} // namespace

void FakeBatch::addPool(const std::string& id, const std::vector<std::string>& thumbprints, bool windows) {
    const std::string sku = windows ? "batch.node.windows amd64" : "batch.node.ubuntu 22.04";
    pools.push_back(
        {id, R"({"id":")" + id +
                 R"(","vmSize":"standard_d2s_v3","targetDedicatedNodes":2,)"
                 R"("virtualMachineConfiguration":{"imageReference":{"publisher":"p","offer":"o","sku":"s"},)"
                 R"("nodeAgentSKUId":")" +
                 sku +
                 R"("},"startTask":{"commandLine":"echo hi"},)"
                 R"("metadata":[{"name":"team","value":"blue"}],"certificateReferences":)" +
                 refsJson(thumbprints, windows) + "}"});
}

void FakeBatch::addJobSchedule(const std::string& id, const std::vector<std::string>& thumbprints) {
    jobSchedules.push_back(
        {id, R"({"id":")" + id +
                 R"(","jobSpecification":{"poolInfo":{"autoPoolSpecification":)"
                 R"({"poolLifetimeOption":"job","pool":{"vmSize":"standard_d2s_v3",)"
                 R"("virtualMachineConfiguration":{"nodeAgentSKUId":"batch.node.ubuntu 22.04"},)"
                 R"("certificateReferences":)" +
                 refsJson(thumbprints, false) + "}}}}}"});
}

std::vector<migrate::BatchCertificateRecord> FakeBatch::listCertificates(const Context&) const {
    if (retired) fail(400, "CertificateRetired");
    return certificates;
}

void FakeBatch::clearPoolCertificateReferences(const std::string& poolId, const Context&) const {
    std::lock_guard lock(mutex);
    clearedPools.push_back(poolId);
}

void FakeBatch::deleteCertificate(const std::string& thumbprint, const Context&) const {
    if (retired) fail(400, "CertificateRetired");
    std::lock_guard lock(mutex);
    deleted.push_back(thumbprint);
}

std::string FakeBatch::certificateState(const std::string& thumbprint, const Context&) const {
    std::lock_guard lock(mutex);
    // Still referenced by an uncleared pool: Batch ends the delete in deletefailed.
    for (const auto& pool : pools) {
        if (std::find(clearedPools.begin(), clearedPools.end(), pool.id) == clearedPools.end() &&
            pool.json.find(lower(thumbprint)) != std::string::npos) {
            return "deletefailed";
        }
    }
    fail(404, "CertificateNotFound");
}

void FakeVault::checkBroken() const {
    if (!brokenReason.empty()) throw InvalidArgument(brokenReason);
}

std::size_t FakeVault::versionCount(const std::string& name) const {
    std::lock_guard lock(mutex);
    auto it = certificates.find(lower(name));
    auto sit = secrets.find(lower(name));
    return (it == certificates.end() ? 0 : it->second.size()) +
           (sit == secrets.end() ? 0 : sit->second.size());
}

std::vector<migrate::VaultObject> FakeVault::listCertificates(const Context&) const {
    checkBroken();
    std::lock_guard lock(mutex);
    std::vector<migrate::VaultObject> out;
    for (const auto& [name, versions] : certificates) out.push_back(versions.back().object);
    return out;
}

std::optional<migrate::VaultObject> FakeVault::getCertificate(const std::string& name, const Context&) const {
    checkBroken();
    std::lock_guard lock(mutex);
    auto it = certificates.find(lower(name));
    if (it == certificates.end()) return std::nullopt;
    return it->second.back().object;
}

std::optional<migrate::VaultObject> FakeVault::getDeletedCertificate(const std::string& name,
                                                                     const Context&) const {
    checkBroken();
    std::lock_guard lock(mutex);
    auto it = deleted.find(lower(name));
    if (it == deleted.end()) return std::nullopt;
    return it->second;
}

std::optional<migrate::VaultObject> FakeVault::getSecretProperties(const std::string& name,
                                                                   const Context&) const {
    checkBroken();
    std::lock_guard lock(mutex);
    auto it = secrets.find(lower(name));
    if (it == secrets.end()) return std::nullopt;
    return it->second.back();
}

migrate::VaultObject FakeVault::importCertificate(const migrate::ImportRequest& request,
                                                  const Context&) const {
    checkBroken();
    ++writes;
    if (failImports.count(request.name) != 0) fail(500, "InternalError");
    auto bundle = request.pem ? pki::CertificateBundle::loadPem(kvb::detail::asChars(request.value.reveal()))
                              : pki::CertificateBundle::loadPfx(request.value.reveal(), request.password);
    std::lock_guard lock(mutex);
    auto& versions = certificates[lower(request.name)];
    const std::string version = "v" + std::to_string(versions.size() + 1);
    Version v;
    v.object.name = request.name;
    v.object.id = "https://fake.vault.azure.net/certificates/" + request.name + "/" + version;
    v.object.secretId = "https://fake.vault.azure.net/secrets/" + request.name + "/" + version;
    v.object.version = version;
    v.object.x5t = bundle.certificate().x5t();
    if (auto lie = lieAboutX5t.find(request.name); lie != lieAboutX5t.end()) v.object.x5t = lie->second;
    v.object.tags = request.tags;
    v.keyPem = std::string(bundle.privateKeyPkcs8Pem().reveal());
    v.value = std::string(bundle.toPem().reveal());
    v.pem = true;
    versions.push_back(v);
    if (loseReply.erase(request.name) != 0) throw http::TransportError("the reply was lost", 56);
    return v.object;
}

migrate::VaultObject FakeVault::recoverDeletedCertificate(const std::string& name, const Context&) const {
    checkBroken();
    ++writes;
    std::lock_guard lock(mutex);
    auto it = deleted.find(lower(name));
    if (it == deleted.end()) fail(404, "CertificateNotFound");
    Version v;
    v.object = it->second;
    certificates[lower(name)].push_back(v);
    deleted.erase(it);
    return v.object;
}

migrate::VaultObject FakeVault::setSecret(const migrate::SecretRequest& request, const Context&) const {
    checkBroken();
    ++writes;
    std::lock_guard lock(mutex);
    auto& versions = secrets[lower(request.name)];
    migrate::VaultObject o;
    o.name = request.name;
    o.version = "s" + std::to_string(versions.size() + 1);
    o.id = "https://fake.vault.azure.net/secrets/" + request.name + "/" + o.version;
    o.secretId = o.id;
    o.tags = request.tags;
    versions.push_back(o);
    return o;
}

SecretBytes FakeVault::downloadCertificate(const std::string& name, bool& pem, const Context&) const {
    checkBroken();
    std::lock_guard lock(mutex);
    auto it = certificates.find(lower(name));
    if (it == certificates.end()) fail(404, "CertificateNotFound");
    pem = true;
    return SecretBytes(kvb::detail::asBytes(it->second.back().value));
}

std::vector<migrate::VaultObject> FakeVault::listVersions(migrate::VaultObjectKind kind,
                                                          const std::string& name, const Context&) const {
    checkBroken();
    std::lock_guard lock(mutex);
    std::vector<migrate::VaultObject> out;
    if (kind == migrate::VaultObjectKind::Secret) {
        if (auto it = secrets.find(lower(name)); it != secrets.end()) out = it->second;
    } else if (auto it = certificates.find(lower(name)); it != certificates.end()) {
        for (const auto& v : it->second) out.push_back(v.object);
    }
    return out;
}

void FakeVault::disableVersion(migrate::VaultObjectKind kind, const std::string& name,
                               const std::string& version, const Context&) const {
    checkBroken();
    ++disables;
    std::lock_guard lock(mutex);
    if (kind == migrate::VaultObjectKind::Secret) {
        for (auto& o : secrets[lower(name)])
            if (o.version == version) o.enabled = false;
    } else {
        for (auto& v : certificates[lower(name)])
            if (v.object.version == version) v.object.enabled = false;
    }
}

} // namespace kvb::test
