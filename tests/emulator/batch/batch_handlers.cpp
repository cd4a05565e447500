// SPDX-License-Identifier: MIT
// The failures and body checks every Batch handler uses, worded as the service words them.
#include "batch_handlers.hpp"

namespace emu::batch {

void missingProperty(const std::string& name) {
    throw BatchFailure(400, "MissingRequiredProperty",
                       "A required property was not specified in the request body.",
                       {{"PropertyName", name}});
}

void invalidProperty(const std::string& name, const std::string& reason) {
    throw BatchFailure(400, "InvalidPropertyValue",
                       "The value provided for one of the properties in the request body is invalid.",
                       {{"PropertyName", name}, {"Reason", reason}});
}

void invalidUri(const HttpRequest& req, int status) {
    throw BatchFailure(status, "InvalidUri",
                       "The requested URI does not represent any resource on the server.",
                       {{"UriPath", req.path}});
}

void notFound(const std::string& code, const std::string& message) {
    throw BatchFailure(404, code, message);
}

void methodNotAllowed() {
    throw BatchFailure(405, "UnsupportedHttpVerb", "The resource doesn't support the specified HTTP verb.");
}

std::unique_ptr<JsonDoc> parseBody(const HttpRequest& req) {
    auto doc = parseJsonObject(req.body);
    if (!doc)
        throw BatchFailure(400, "InvalidRequestBody",
                           "The specified Request Body is not syntactically valid.");
    return doc;
}

void requireMembers(const JsonValue& body, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        if (!body.HasMember(name)) missingProperty(name);
    }
}

void requireArrays(const JsonValue& body, std::initializer_list<const char*> names) {
    requireMembers(body, names);
    for (const char* name : names) {
        if (!body[name].IsArray()) invalidProperty(name, "The value must be an array.");
    }
}

} // namespace emu::batch
