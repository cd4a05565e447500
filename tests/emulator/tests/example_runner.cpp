// SPDX-License-Identifier: MIT
#include "example_runner.hpp"

#include "../url_util.hpp"

#include "test_files.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>

#include <unistd.h>

namespace emutest {

namespace {

std::string dirOf(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::unique_ptr<emu::JsonDoc> loadJson(const std::string& path) {
    auto doc = emu::parseJson(kvb::test::readText(path));
    REQUIRE_MESSAGE(doc != nullptr, "cannot parse " << path);
    return doc;
}

// Resolves {"$ref": "#/parameters/X"} or {"$ref": "common.json#/parameters/X"}.
const emu::JsonValue* resolveParam(const emu::JsonValue& p, const emu::JsonDoc& swagger,
                                   const std::string& dir, std::vector<std::unique_ptr<emu::JsonDoc>>& keep) {
    auto ref = emu::getString(p, "$ref");
    if (!ref) return &p;
    const std::size_t hash = ref->find('#');
    const emu::JsonDoc* doc = &swagger;
    if (hash > 0) {
        keep.push_back(loadJson(dir + "/" + ref->substr(0, hash)));
        doc = keep.back().get();
    }
    const std::string name = ref->substr(ref->rfind('/') + 1);
    auto params = doc->FindMember("parameters");
    if (params == doc->MemberEnd() || !params->value.HasMember(name.c_str())) return nullptr;
    return &params->value[name.c_str()];
}

std::string scalarText(const emu::JsonValue& v) {
    if (v.IsString()) return {v.GetString(), v.GetStringLength()};
    if (v.IsBool()) return v.GetBool() ? "true" : "false";
    return emu::toJson(v);
}

const char* typeName(const emu::JsonValue& v) {
    if (v.IsNull()) return "null";
    if (v.IsBool()) return "boolean";
    if (v.IsNumber()) return "number";
    if (v.IsString()) return "string";
    if (v.IsArray()) return "array";
    return "object";
}

} // namespace

int ExampleCase::expectedStatus() const {
    int best = 0;
    for (const auto& m : (*example)["responses"].GetObject()) {
        const int code = std::atoi(m.name.GetString());
        if (code >= 200 && code < 300 && (best == 0 || code < best)) best = code;
    }
    return best;
}

const emu::JsonValue* ExampleCase::expectedBody() const {
    const auto code = std::to_string(expectedStatus());
    const auto& r = (*example)["responses"][code.c_str()];
    auto it = r.FindMember("body");
    return it == r.MemberEnd() ? nullptr : &it->value;
}

std::vector<std::string> ExampleCase::expectedHeaders() const {
    std::vector<std::string> out;
    const auto code = std::to_string(expectedStatus());
    const auto& r = (*example)["responses"][code.c_str()];
    for (const auto& m : r.GetObject()) {
        const std::string name = m.name.GetString();
        if (name == "body") continue;
        if (name == "headers" && m.value.IsObject()) {
            for (const auto& h : m.value.GetObject()) out.push_back(emu::toLower(h.name.GetString()));
        } else {
            out.push_back(emu::toLower(name));
        }
    }
    return out;
}

std::vector<ExampleCase> loadExamples(const std::vector<std::string>& swaggerFiles) {
    std::vector<ExampleCase> cases;
    static const std::vector<std::string> kMethods = {"get", "put", "post", "patch", "delete", "head"};
    for (const auto& file : swaggerFiles) {
        auto swagger = loadJson(file);
        const std::string dir = dirOf(file);
        std::vector<std::unique_ptr<emu::JsonDoc>> keep;
        for (const auto& path : (*swagger)["paths"].GetObject()) {
            for (const auto& op : path.value.GetObject()) {
                const std::string method = op.name.GetString();
                if (std::find(kMethods.begin(), kMethods.end(), method) == kMethods.end()) continue;
                auto examples = op.value.FindMember("x-ms-examples");
                if (examples == op.value.MemberEnd()) continue;
                std::vector<ExampleParam> params;
                auto ps = op.value.FindMember("parameters");
                if (ps != op.value.MemberEnd()) {
                    for (const auto& p : ps->value.GetArray()) {
                        const emu::JsonValue* r = resolveParam(p, *swagger, dir, keep);
                        if (r)
                            params.push_back({emu::getString(*r, "name").value_or(""),
                                              emu::getString(*r, "in").value_or("")});
                    }
                }
                for (const auto& ex : examples->value.GetObject()) {
                    ExampleCase c;
                    c.file = dir + "/" + emu::getString(ex.value, "$ref").value_or("");
                    c.operationId = emu::getString(op.value, "operationId").value_or("");
                    c.method = emu::toLower(method);
                    std::transform(c.method.begin(), c.method.end(), c.method.begin(), ::toupper);
                    c.pathTemplate = path.name.GetString();
                    c.params = params;
                    // Only some upstream example files are stored in specs/; callers check the
                    // count.
                    if (access(c.file.c_str(), R_OK) != 0) continue;
                    c.example = loadJson(c.file);
                    cases.push_back(std::move(c));
                }
            }
        }
    }
    return cases;
}

ExampleRequest buildRequest(ExampleCase& c, const std::vector<std::string>& skipParams) {
    ExampleRequest r;
    r.method = c.method;
    const emu::JsonValue& values = c.parameters();
    std::string path = c.pathTemplate;
    std::string query;
    for (const auto& p : c.params) {
        if (std::find(skipParams.begin(), skipParams.end(), p.name) != skipParams.end()) continue;
        auto v = values.FindMember(p.name.c_str());
        if (v == values.MemberEnd()) continue;
        if (p.in == "path") {
            const std::string key = "{" + p.name + "}";
            const std::size_t at = path.find(key);
            if (at != std::string::npos) path.replace(at, key.size(), emu::urlEncode(scalarText(v->value)));
        } else if (p.in == "query") {
            query += (query.empty() ? "?" : "&") + p.name + "=" + emu::urlEncode(scalarText(v->value));
        } else if (p.in == "header") {
            r.headers.push_back(p.name + ": " + scalarText(v->value));
        } else if (p.in == "body") {
            r.body = emu::toJson(v->value);
        }
    }
    r.pathAndQuery = path + query;
    return r;
}

std::vector<std::string> shapeDifferences(const emu::JsonValue& expected, const emu::JsonValue& actual,
                                          const std::string& where) {
    std::vector<std::string> out;
    const bool sameType = (expected.IsNumber() && actual.IsNumber()) ||
                          (expected.IsBool() && actual.IsBool()) ||
                          std::string(typeName(expected)) == typeName(actual);
    if (!sameType) {
        out.push_back(where + ": expected " + typeName(expected) + ", got " + typeName(actual));
        return out;
    }
    if (expected.IsObject()) {
        for (const auto& m : expected.GetObject()) {
            const std::string name = m.name.GetString();
            auto it = actual.FindMember(m.name);
            if (it == actual.MemberEnd()) {
                out.push_back(where + "." + name + ": missing");
                continue;
            }
            auto sub = shapeDifferences(m.value, it->value, where + "." + name);
            out.insert(out.end(), sub.begin(), sub.end());
        }
    } else if (expected.IsArray() && !expected.Empty()) {
        if (actual.Empty()) {
            out.push_back(where + ": expected a non-empty array");
        } else {
            auto sub = shapeDifferences(expected[0], actual[0], where + "[0]");
            out.insert(out.end(), sub.begin(), sub.end());
        }
    }
    return out;
}

std::vector<ExampleOutcome> runExamples(std::vector<ExampleCase>& cases, const EmulatorProcess& emu,
                                        const ExampleAdapter& adapter) {
    std::vector<ExampleOutcome> outcomes;
    for (auto& c : cases) {
        ExampleOutcome& o = outcomes.emplace_back();
        o.name = c.file.substr(c.file.rfind('/') + 1) + " (" + c.operationId + ")";
        o.expectedStatus = c.expectedStatus();
        if (control(emu, "reset").status != 200) {
            o.setupFailure = "reset failed";
            continue;
        }
        try {
            o.setupFailure = adapter.prepare(c);
        } catch (const std::exception& e) {
            o.setupFailure = std::string("seeding failed: ") + e.what();
        }
        if (!o.setupFailure.empty()) continue;
        const ExampleRequest req = buildRequest(c, adapter.skipParams);
        o.name += " " + c.method + " " + req.pathAndQuery;
        const Reply reply = adapter.send(req);
        o.status = reply.status;
        o.body = reply.body.substr(0, 300);
        if (reply.status != o.expectedStatus) continue;
        for (const auto& h : c.expectedHeaders()) {
            if (reply.headers.count(h) == 0) o.problems.push_back("header " + h + " missing");
        }
        if (const emu::JsonValue* body = c.expectedBody()) {
            auto actual = emu::parseJson(reply.body);
            if (!actual) {
                o.problems.push_back("body is not JSON");
            } else {
                auto d = shapeDifferences(*body, *actual);
                o.problems.insert(o.problems.end(), d.begin(), d.end());
            }
        }
    }
    return outcomes;
}

int checkOutcomes(const std::vector<ExampleOutcome>& outcomes) {
    int passed = 0;
    for (const auto& o : outcomes) {
        CAPTURE(o.name);
        CHECK_MESSAGE(o.setupFailure.empty(), o.setupFailure);
        if (!o.setupFailure.empty()) continue;
        CHECK_MESSAGE(o.status == o.expectedStatus, o.body);
        std::string problems;
        for (const auto& p : o.problems) problems += "[" + p + "] ";
        CHECK_MESSAGE(o.problems.empty(), problems);
        if (o.status == o.expectedStatus && o.problems.empty()) ++passed;
    }
    return passed;
}

} // namespace emutest
