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
                      "reused; in this state, the " +
                      kind.noun + " can only be recovered or purged.",
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
    if (it == live.end() || it->second.versions.empty() || it->second.settling()) notFound(kind, name);
    return it->second;
}

Entity& deletedEntity(const Kind& kind, EntityMap& deleted, const std::string& name) {
    requireName(name);
    auto it = deleted.find(name);
    if (it == deleted.end() || it->second.settling())
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

HttpReply listLatest(Ctx& ctx, const Collection& c) {
    // Only the page's own items are built: a page of a 100,000-secret vault costs a walk over the
    // names before it, not 100,000 list entries.
    const PageWindow w = pageWindow(ctx);
    std::vector<Json> slice;
    std::size_t index = 0;
    bool more = false;
    for (auto& [n, e] : c.live) {
        if (e.versions.empty() || e.settling()) continue;
        if (index >= w.start + w.max) {
            more = true;
            break;
        }
        if (index++ >= w.start) slice.push_back(c.item(ctx, e, e.versions.back()));
    }
    return jsonReply(pageReply(ctx, w, std::move(slice), more));
}

HttpReply listDeleted(Ctx& ctx, const Collection& c) {
    std::vector<Json> items;
    for (auto& [n, e] : c.deleted) {
        if (e.versions.empty() || e.settling()) continue;
        Json out = c.item(ctx, e, e.versions.back());
        addDeletedInfo(ctx, c.kind, e, out);
        items.push_back(out);
    }
    return jsonReply(page(ctx, items));
}

HttpReply softDeleteOne(Ctx& ctx, const Collection& c, const std::string& name) {
    Entity& e = liveEntity(c.kind, c.live, name);
    refuseManaged(c.kind, e.versions.back(), "delete");
    std::string key = e.name;
    softDelete(c.live, c.deleted, key);
    Entity& d = c.deleted[key];
    d.settleAfter(ctx.config.softDeleteDelayMs);
    Json out = c.bundle(ctx, d, d.versions.back());
    addDeletedInfo(ctx, c.kind, d, out);
    return jsonReply(out);
}

HttpReply deletedOperation(Ctx& ctx, const Collection& c, const std::string& name, const std::string& op) {
    Entity& e = deletedEntity(c.kind, c.deleted, name);
    if (op == "get") {
        Json out = c.bundle(ctx, e, e.versions.back());
        addDeletedInfo(ctx, c.kind, e, out);
        return jsonReply(out);
    }
    refuseManaged(c.kind, e.versions.back(), op);
    std::string key = e.name;
    if (op == "purge") {
        c.deleted.erase(key);
        return emptyReply(204);
    }
    Entity live = std::move(e);
    c.deleted.erase(key);
    live.deletedDate = live.scheduledPurgeDate = 0;
    Entity& r = c.live[key] = std::move(live);
    r.settleAfter(ctx.config.softDeleteDelayMs);
    return jsonReply(c.bundle(ctx, r, r.versions.back()));
}

HttpReply routeDeleted(Ctx& ctx, const std::function<HttpReply()>& list,
                       const std::function<HttpReply(const std::string& name, const std::string& op)>& one) {
    const auto& s = ctx.segs;
    const std::string& m = ctx.req.method;
    if (s.size() == 1) {
        if (m == "GET") return list();
    } else if (s.size() == 2) {
        if (m == "GET") return one(s[1], "get");
        if (m == "DELETE") return one(s[1], "purge");
    } else if (s.size() == 3 && s[2] == "recover") {
        if (m == "POST") return one(s[1], "recover");
    } else {
        noRoute(false);
    }
    noRoute(true);
}

HttpReply routeDeleted(Ctx& ctx, const Collection& c) {
    return routeDeleted(
        ctx, [&] { return listDeleted(ctx, c); },
        [&](const std::string& name, const std::string& op) { return deletedOperation(ctx, c, name, op); });
}

HttpReply backupOne(Ctx&, const Collection& c, const std::string& name) {
    Entity& e = liveEntity(c.kind, c.live, name);
    refuseManaged(c.kind, e.versions.back(), "backup");
    Json content = Json::object();
    content["kind"] = c.kind.path;
    content["entity"] = e.toJson();
    Json out = Json::object();
    out["value"] = sealBlob(content);
    return jsonReply(out);
}

HttpReply restoreOne(Ctx& ctx, const Collection& c) {
    auto blob = ctx.body().str("value");
    if (!blob) badParameter("The parameter 'value' is required.");
    Json content = unsealBlob(*blob);
    const Json* ent = content.find("entity");
    if (content.str("kind") != std::string(c.kind.path) || ent == nullptr)
        badParameter("Backup blob is invalid or corrupt.");
    Entity e = Entity::fromJson(*ent);
    std::string name = e.name;
    restoreEntity(c.kind, c.live, c.deleted, std::move(e));
    Entity& r = c.live[name];
    return jsonReply(c.bundle(ctx, r, r.versions.back()));
}

} // namespace emu::kv
