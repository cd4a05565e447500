// SPDX-License-Identifier: MIT
#pragma once

// Entry points of the three Key Vault areas and the helpers they share for soft delete,
// recovery and replies.

#include "kv_common.hpp"

#include <functional>

namespace emu::kv {

HttpReply handleSecrets(Ctx& ctx);
HttpReply handleKeys(Ctx& ctx);
HttpReply handleCertificates(Ctx& ctx);
// Finish pending Self-issued certificate operations whose delay has passed.
void completeDueCertificates(Ctx& ctx);

HttpReply jsonReply(const Json& body, int status = 200);
HttpReply emptyReply(int status);
// 405 when the path exists with other methods, 404 otherwise.
[[noreturn]] void noRoute(bool pathKnown);

// Names, paths and error codes of one object kind.
struct Kind {
    const char* path;        // "secrets"
    const char* deletedPath; // "deletedsecrets"
    const char* noun;        // "secret"
    const char* notFound;    // "SecretNotFound"
};
extern const Kind kSecretKind;
extern const Kind kKeyKind;
extern const Kind kCertKind;

[[noreturn]] void notFound(const Kind& kind, const std::string& name);
// 409 when a soft-deleted object holds the name.
void refuseIfDeleted(const Kind& kind, const EntityMap& deleted, const std::string& name);
// 403/409 for direct changes to a certificate's key or secret.
void refuseManaged(const Kind& kind, const Json& version, const std::string& operation);

Entity& liveEntity(const Kind& kind, EntityMap& live, const std::string& name);
Entity& deletedEntity(const Kind& kind, EntityMap& deleted, const std::string& name);
Json& liveVersion(const Kind& kind, Entity& e, const std::string& version);

std::string objectUrl(const Ctx& ctx, const Kind& kind, const std::string& name,
                      const std::string& version = {});
// recoveryId, deletedDate and scheduledPurgeDate of a deleted entity, added to out.
void addDeletedInfo(const Ctx& ctx, const Kind& kind, const Entity& e, Json& out);

// Restore guard and insert for backups of one kind.
void restoreEntity(const Kind& kind, EntityMap& live, const EntityMap& deleted, Entity e);

// The operations secrets and keys share, parameterised by how one version is shown.
using View = std::function<Json(const Ctx&, const Entity&, const Json& version)>;
struct Collection {
    const Kind& kind;
    EntityMap& live;
    EntityMap& deleted;
    View bundle; // a full object (SecretBundle, KeyBundle)
    View item;   // a list entry (SecretItem, KeyItem) of the latest version, unversioned id
};
HttpReply listLatest(Ctx& ctx, const Collection& c);
HttpReply listDeleted(Ctx& ctx, const Collection& c);
HttpReply softDeleteOne(Ctx& ctx, const Collection& c, const std::string& name);
// op: "get", "purge" or "recover".
HttpReply deletedOperation(Ctx& ctx, const Collection& c, const std::string& name, const std::string& op);
// Routes /deleted<kind>[/{name}[/recover]]: GET lists, GET/DELETE/POST recover act on one name.
HttpReply routeDeleted(Ctx& ctx, const std::function<HttpReply()>& list,
                       const std::function<HttpReply(const std::string& name, const std::string& op)>& one);
// The same for a collection: listDeleted() and deletedOperation().
HttpReply routeDeleted(Ctx& ctx, const Collection& c);
HttpReply backupOne(Ctx& ctx, const Collection& c, const std::string& name);
HttpReply restoreOne(Ctx& ctx, const Collection& c);

} // namespace emu::kv
