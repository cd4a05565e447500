// SPDX-License-Identifier: MIT
#pragma once

// Unit-test helpers for the Key Vault clients: a transport that challenges
// unauthenticated requests like Key Vault does and answers the rest from a queue, and the
// swagger example files.

#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/keyvault/keyvault_client_options.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/json.hpp"
#include "fake_credential.hpp"
#include "fake_transport.hpp"
#include "test_files.hpp"

namespace kvb::test {

/** Answers 401 + challenge to requests without a token, queued responses to the others. */
class VaultFake final : public http::Transport {
public:
    FakeTransport queue;

    http::RawResponse send(const http::Request& request, const Context& context) override {
        if (!request.headers.get("Authorization")) {
            http::RawResponse r;
            r.status = 401;
            r.headers.set("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/"
                                              "tenant\", resource=\"https://vault.azure.net\"");
            return r;
        }
        return queue.send(request, context);
    }
    /** The authenticated requests, in order. */
    std::vector<http::Request> requests() const { return queue.requests(); }
};

inline keyvault::KeyVaultClientOptions optionsOver(const std::shared_ptr<VaultFake>& fake,
                                                   std::string apiVersion = "7.5") {
    keyvault::KeyVaultClientOptions o;
    o.client.transport = fake;
    o.client.retry.maxRetries = 0;
    o.apiVersion = std::move(apiVersion);
    return o;
}

inline std::shared_ptr<const identity::TokenCredential> fakeCredential() {
    return std::make_shared<FakeCredential>();
}

inline constexpr const char* kVault = "https://myvault.vault.azure.net";

/** A vault client (KeyClient, SecretClient) of kVault over a VaultFake. */
template <class Client>
struct VaultFixture {
    std::shared_ptr<VaultFake> fake = std::make_shared<VaultFake>();
    Client client{kVault, fakeCredential(), optionsOver(fake)};
};

/** A swagger example: specs/keyvault/<version>/examples/<name>-example.json. */
struct Example {
    rapidjson::Document doc;
    std::string text;

    explicit Example(const std::string& name, const std::string& version = "7.5") {
        const auto dir = kvb::test::specsDir() / "keyvault" / version / "examples";
        REQUIRE_MESSAGE(std::filesystem::is_directory(dir), dir.string());
        std::ifstream in(dir / (name + "-example.json"));
        REQUIRE_MESSAGE(in.good(), "missing example " << name);
        std::stringstream ss;
        ss << in.rdbuf();
        text = ss.str();
        doc.Parse(text.c_str());
        REQUIRE(!doc.HasParseError());
    }
    /** parameters.<name> (the request body is "parameters"). */
    const kvb::detail::JsonValue& parameter(const char* name) const { return doc["parameters"][name]; }
    const kvb::detail::JsonValue& body(const char* status = "200") const {
        return doc["responses"][status]["body"];
    }
    std::string bodyText(const char* status = "200") const { return kvb::detail::toJsonText(body(status)); }
    /** Queue the example's response on @p fake. */
    void respondOn(VaultFake& fake, const char* status = "200") const {
        const auto& r = doc["responses"][status];
        fake.queue.respond(std::atoi(status), r.HasMember("body") ? bodyText(status) : std::string());
    }
};

inline std::chrono::system_clock::time_point unixTime(const kvb::detail::JsonValue& v) {
    return std::chrono::system_clock::time_point(std::chrono::seconds(v.GetInt64()));
}

inline std::string str(const kvb::detail::JsonValue& v) {
    return {v.GetString(), v.GetStringLength()};
}

/** Parse a recorded request body. */
inline rapidjson::Document bodyOf(const http::Request& request) {
    rapidjson::Document d;
    d.Parse(request.body.c_str());
    REQUIRE(!d.HasParseError());
    return d;
}

/** Every member of @p expected is in @p actual with an equal value (deep, arrays in order). */
inline bool jsonContains(const kvb::detail::JsonValue& actual, const kvb::detail::JsonValue& expected) {
    if (expected.IsObject()) {
        if (!actual.IsObject()) return false;
        for (const auto& m : expected.GetObject()) {
            if (!actual.HasMember(m.name) || !jsonContains(actual[m.name], m.value)) return false;
        }
        return true;
    }
    if (expected.IsArray()) {
        if (!actual.IsArray() || actual.Size() != expected.Size()) return false;
        for (rapidjson::SizeType i = 0; i < expected.Size(); ++i)
            if (!jsonContains(actual[i], expected[i])) return false;
        return true;
    }
    return actual == expected;
}

/**
 * What the properties of every vault item (KeyProperties, SecretProperties) take from a
 * SecretBundle/KeyBundle example @p body whose identifier is @p id: name and version, the
 * vault, the attributes and the tags.
 */
template <class Properties>
void checkItemProperties(const Properties& p, const kvb::detail::JsonValue& body, const std::string& id) {
    CHECK(p.id == id);
    const auto parsed = keyvault::KeyVaultId::parse(id);
    CHECK(p.name == parsed.name);
    CHECK(p.version == parsed.version);
    CHECK(p.vaultUrl == "https://myvault.vault.azure.net");
    const auto& a = body["attributes"];
    CHECK(p.enabled == a["enabled"].GetBool());
    CHECK(p.createdOn == unixTime(a["created"]));
    CHECK(p.updatedOn == unixTime(a["updated"]));
    if (a.HasMember("nbf")) CHECK(p.notBefore == unixTime(a["nbf"]));
    if (a.HasMember("exp")) CHECK(p.expiresOn == unixTime(a["exp"]));
    if (a.HasMember("recoveryLevel")) CHECK(p.recoveryLevel == str(a["recoveryLevel"]));
    if (body.HasMember("tags"))
        for (const auto& t : body["tags"].GetObject()) CHECK(p.tags.at(str(t.name)) == str(t.value));
}

/** The recovery id and dates of a deleted item (DeletedKey, DeletedSecret) from its example @p body. */
template <class Deleted>
void checkDeletion(const Deleted& d, const kvb::detail::JsonValue& body) {
    CHECK(d.recoveryId == str(body["recoveryId"]));
    CHECK(d.deletedOn == unixTime(body["deletedDate"]));
    CHECK(d.scheduledPurgeDate == unixTime(body["scheduledPurgeDate"]));
}

} // namespace kvb::test
