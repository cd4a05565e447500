// SPDX-License-Identifier: MIT
#pragma once

// What the Batch files share: the failures every handler throws (BatchService::handle turns
// them into Batch's error body), request body checks, and the entry points the router in
// batch_service.cpp calls. Each entry point lives in the file its comment names.

#include "../http_types.hpp"
#include "../token_issuer.hpp"
#include "batch_model.hpp"

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace emu::batch {

[[noreturn]] void missingProperty(const std::string& name);
[[noreturn]] void invalidProperty(const std::string& name, const std::string& reason);
// "InvalidUri" naming the request's path; 404 unless the path is malformed (400).
[[noreturn]] void invalidUri(const HttpRequest& req, int status = 404);
[[noreturn]] void notFound(const std::string& code, const std::string& message);
[[noreturn]] void methodNotAllowed();

// The request body as a JSON object (400 InvalidRequestBody otherwise).
std::unique_ptr<JsonDoc> parseBody(const HttpRequest& req);
void requireMembers(const JsonValue& body, std::initializer_list<const char*> names);
void requireArrays(const JsonValue& body, std::initializer_list<const char*> names);

// batch_auth.cpp: Shared Key or bearer; throws 403 AuthenticationFailed.
void authenticate(const BatchAccount& account, const HttpRequest& req, const TokenIssuer& issuer,
                  const std::string& tenant);

// batch_paging.cpp: one page of @p items after $filter, with $select, maxresults, $skiptoken
// and odata.nextLink.
HttpReply listReply(const HttpRequest& req, const std::string& kind,
                    std::vector<std::unique_ptr<JsonDoc>> items);

// batch_certificates.cpp: /certificates and /certificates(...)[/canceldelete]; @p rest is the
// path after "/certificates".
HttpReply handleCertificates(BatchAccount& account, const HttpRequest& req, const std::string& rest);

// batch_entities.cpp: /<kind> and /<kind>/<id> of pools, jobschedules or jobs.
HttpReply handleEntities(EntityTable& table, const std::string& kind, const HttpRequest& req,
                         const std::vector<std::string>& parts);
// The "id" of an add or seed body (400 MissingRequiredProperty without one).
std::string entityId(const JsonValue& body);
// Server-side properties a freshly added entity carries; kept when a seed already has them.
void fillComputed(JsonDoc& doc, const std::string& kind);
// A new ETag and lastModified after a change.
void touch(JsonDoc& doc);
HttpReply withEntityHeaders(HttpReply r, const JsonValue& stored);
// 412 ConditionNotMet when If-Match names another ETag.
void checkIfMatch(const HttpRequest& req, const JsonValue& stored);

// batch_pools.cpp: pools, their actions (/pools/<id>/<action>) and /poolusagemetrics.
HttpReply handlePools(BatchAccount& account, const HttpRequest& req, const std::vector<std::string>& parts);
HttpReply handlePoolUsageMetrics(const BatchAccount& account, const HttpRequest& req);

} // namespace emu::batch
