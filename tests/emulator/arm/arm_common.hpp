// SPDX-License-Identifier: MIT
#pragma once

// What the Resource Manager handlers share: the failure they throw (turned into ARM's error body
// by ArmService::handle) and the parsed management path.

#include "../http_types.hpp"
#include "../keyvault/kv_json.hpp"
#include "arm_service.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace emu {

struct ArmFailure : std::runtime_error {
    ArmFailure(int status, std::string code, const std::string& message)
        : std::runtime_error(message), status(status), code(std::move(code)) {}
    int status;
    std::string code;
};

// "/subscriptions/{s}/[resourceGroups/{rg}/]...providers/{ns}/{rest...}": the namespace and what
// follows the last "providers" segment; scope is the path before it (the resource an extension
// resource such as a role assignment hangs on).
struct ArmService::Target {
    std::vector<std::string> segs;
    std::string ns; // lower-cased namespace, "" when there is none
    std::vector<std::string> rest;
    std::string scope;
    std::string resourceGroup;
};

namespace arm {

// The request body as a JSON object; 400 InvalidRequestContent otherwise.
kv::Json parseBody(const HttpRequest& req);
HttpReply jsonReply(const kv::Json& body, int status = 200);
HttpReply noContent();
// "The Resource '<type>/<name>' under resource group '<rg>' was not found..."
[[noreturn]] void notFound(const std::string& type, const std::string& name, const std::string& rg);
bool isGuid(const std::string& s);
// "https://<name>.vault.localhost[:port]/" or "https://<name>.vault.azure.net/", after the
// management host the request came in on.
std::string vaultUri(const std::string& name, const HttpRequest& req);

} // namespace arm

} // namespace emu
