// SPDX-License-Identifier: MIT
#include "kv_handlers.hpp"

namespace emu::kv {

const Kind kSecretKind{"secrets", "deletedsecrets", "secret", "SecretNotFound"};
const Kind kKeyKind{"keys", "deletedkeys", "key", "KeyNotFound"};
const Kind kCertKind{"certificates", "deletedcertificates", "certificate", "CertificateNotFound"};

HttpReply jsonReply(const Json& body, int status) {
    HttpReply r;
    r.status = status;
    r.body = body.dump();
    return r;
}

HttpReply emptyReply(int status) {
    HttpReply r;
    r.status = status;
    return r;
}

void noRoute(bool pathKnown) {
    if (pathKnown)
        throw KvError(405, "MethodNotAllowed", "The requested method is not allowed on this resource.");
    throw KvError(404, "NotFound", "The requested resource does not exist in this key vault.");
}

void notFound(const Kind& kind, const std::string& name) {
    throw KvError(404, kind.notFound,
                  std::string("A ") + kind.noun + " with (name/id) " + name +
                      " was not found in this key vault. If you recently deleted this " + kind.noun +
                      " you may be able to recover it using the correct recovery command. For help "
                      "resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182");
}

void refuseIfDeleted(const Kind& kind, const EntityMap& deleted, const std::string& name) {
    if (deleted.count(name) == 0) return;
    std::string noun = kind.noun;
    noun[0] = static_cast<char>(noun[0] - 'a' + 'A');
    throw KvError(409, "Conflict",
                  noun + " " + name +
                      " is currently in a deleted but recoverable state, and its name cannot be "
                      "reused; in this state, the " + kind.noun +
                      " can only be recovered or purged.",
                  "ObjectIsDeletedButRecoverable");
}

void refuseManaged(const Kind& kind, const Json& version, const std::string& operation) {
    if (version.boolean("managed").value_or(false)) {
        int status = operation == "set" || operation == "import" ? 409 : 403;
        throw KvError(status, status == 409 ? "Conflict" : "Forbidden",
                      "Operation " + operation + " is not allowed on a " + kind.noun +
                          " that is managed by a certificate; use the certificates API.");
    }
}

Entity& liveEntity(const Kind& kind, EntityMap& live, const std::string& name) {
    requireName(name);
    auto it = live.find(name);
    if (it == live.end() || it->second.versions.empty()) notFound(kind, name);
    return it->second;
}

Entity& deletedEntity(const Kind& kind, EntityMap& deleted, const std::string& name) {
    requireName(name);
    auto it = deleted.find(name);
    if (it == deleted.end())
        throw KvError(404, kind.notFound,
                      std::string("Deleted ") + kind.noun + " " + name + " was not found in this key vault.");
    return it->second;
}

Json& liveVersion(const Kind& kind, Entity& e, const std::string& version) {
    Json* v = e.find(version);
    if (v == nullptr) notFound(kind, e.name + (version.empty() ? "" : "/" + version));
    return *v;
}

std::string objectUrl(const Ctx& ctx, const Kind& kind, const std::string& name, const std::string& version) {
    std::string url = ctx.base + "/" + kind.path + "/" + name;
    if (!version.empty()) url += "/" + version;
    return url;
}

void addDeletedInfo(const Ctx& ctx, const Kind& kind, const Entity& e, Json& out) {
    out["recoveryId"] = ctx.base + "/" + kind.deletedPath + "/" + e.name;
    out["deletedDate"] = e.deletedDate;
    out["scheduledPurgeDate"] = e.scheduledPurgeDate;
}

void restoreEntity(const Kind& kind, EntityMap& live, const EntityMap& deleted, Entity e) {
    if (!validName(e.name) || e.versions.empty()) badParameter("Backup blob is invalid or corrupt.");
    refuseIfDeleted(kind, deleted, e.name);
    if (live.count(e.name) != 0)
        throw KvError(409, "Conflict",
                      std::string("A ") + kind.noun + " with name " + e.name +
                          " already exists in this key vault; restore needs an unused name.");
    e.deletedDate = 0;
    e.scheduledPurgeDate = 0;
    std::string name = e.name;
    live[name] = std::move(e);
}

} // namespace emu::kv
