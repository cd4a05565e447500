// SPDX-License-Identifier: MIT
#pragma once

// Drives swagger x-ms-examples through the emulator: request from the example's parameters,
// then the example's status and the example's response fields (with the same JSON types).
// A service adapter seeds what the example needs and signs or authorizes the request.

#include "emulator_client.hpp"

#include "../json_util.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace emutest {

struct ExampleParam {
    std::string name;
    std::string in; // path, query, header, body
};

struct ExampleCase {
    std::string file;
    std::string operationId;
    std::string method;
    std::string pathTemplate;
    std::vector<ExampleParam> params;
    std::unique_ptr<emu::JsonDoc> example;

    emu::JsonValue& parameters() { return (*example)["parameters"]; }
    int expectedStatus() const;
    const emu::JsonValue* expectedBody() const;
    std::vector<std::string> expectedHeaders() const;
};

struct ExampleRequest {
    std::string method;
    std::string pathAndQuery;
    std::vector<std::string> headers;
    std::string body;
};

// Every example referenced by the swagger files that exists on disk (resolved next to each
// swagger).
std::vector<ExampleCase> loadExamples(const std::vector<std::string>& swaggerFiles);
ExampleRequest buildRequest(ExampleCase& c, const std::vector<std::string>& skipParams);
// Differences between expected and actual: missing fields and JSON type mismatches.
std::vector<std::string> shapeDifferences(const emu::JsonValue& expected, const emu::JsonValue& actual,
                                          const std::string& where = "$");

struct ExampleAdapter {
    // Seeds state and adjusts the example's parameters; returns "" or why it cannot run.
    std::function<std::string(ExampleCase&)> prepare;
    std::function<Reply(const ExampleRequest&)> send;
    std::vector<std::string> skipParams; // parameters never sent as-is (e.g. ocp-date)
};

// What one example did: why it could not be sent, or how the reply differs from the example's.
struct ExampleOutcome {
    std::string name;         // "<file> (<operationId>) <METHOD> <path and query>"
    std::string setupFailure; // why seeding or the reset failed; "" when the request was sent
    long status = 0;
    int expectedStatus = 0;
    std::string body;                  // the reply's first 300 bytes, for the report
    std::vector<std::string> problems; // missing headers, body shape (when the status matched)
};

// Runs every case, each on a reset emulator.
std::vector<ExampleOutcome> runExamples(std::vector<ExampleCase>& cases, const EmulatorProcess& emu,
                                        const ExampleAdapter& adapter);
// Checks each outcome (seeded and sent, status, headers and body shape); returns how many passed.
int checkOutcomes(const std::vector<ExampleOutcome>& outcomes);

} // namespace emutest
