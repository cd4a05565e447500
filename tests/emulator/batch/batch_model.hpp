// SPDX-License-Identifier: MIT
#pragma once

// In-memory model of Batch accounts and the failure type the Batch handlers throw; what a
// certificate add accepts and how a certificate reads back (batch_certificate_model.cpp).

#include "../json_util.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace emu {

// A request the service refuses; turned into a Batch error body by the caller.
struct BatchFailure : std::runtime_error {
    BatchFailure(int status, std::string code, const std::string& message,
                 std::vector<std::pair<std::string, std::string>> values = {})
        : std::runtime_error(message), status(status), code(std::move(code)), values(std::move(values)) {}
    int status;
    std::string code;
    std::vector<std::pair<std::string, std::string>> values;
};

struct BatchCertificate {
    std::string thumbprint; // lower-case hex, no spaces
    std::string thumbprintAlgorithm = "sha1";
    std::string publicData; // base64 DER of the certificate
    std::string format;     // pfx or cer
    std::string state = "active";
    std::string previousState;
    std::int64_t stateMs = 0;
    std::int64_t previousStateMs = 0;
    std::vector<std::string> blockingPools; // set when state is deletefailed
};

// Entities kept as the JSON the service returns, keyed by lower-cased id (ids are
// case-insensitive in Batch but kept as given).
using EntityTable = std::map<std::string, std::unique_ptr<JsonDoc>>;

struct BatchAccount {
    std::string name;
    std::string region;
    std::string key; // base64
    bool retired = false;
    std::map<std::string, BatchCertificate> certificates;
    EntityTable pools;
    EntityTable jobSchedules;
    EntityTable jobs;
};

// Validate CertificateAddParameter JSON as Certificate_Add does; throws BatchFailure.
BatchCertificate certificateFromAddParameter(const JsonValue& body);
// Certificate JSON as Get/List return it. baseUrl is "https://host[:port]".
std::unique_ptr<JsonDoc> certificateJson(const BatchCertificate& cert, const std::string& baseUrl);
// Thumbprints (lower-case) referenced by a pool's certificateReferences.
std::vector<std::string> referencedThumbprints(const JsonValue& pool);

std::string newEtag();

} // namespace emu
