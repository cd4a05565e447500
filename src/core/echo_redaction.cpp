// SPDX-License-Identifier: MIT
#include "core/echo_redaction.hpp"

#include <kvbridge/secret_string.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/secret_redactor.hpp"
#include "core/url.hpp"

namespace kvb::detail {

namespace {

// Names whose values are secret in the bodies kvbridge sends: secret values and PFX passwords
// (Key Vault), private JWK members (key import), certificate data and password (Batch add),
// and the confidential-client form fields (Entra ID token requests).
constexpr std::array<std::string_view, 18> kSecretFields{"value",
                                                         "pwd",
                                                         "password",
                                                         "data",
                                                         "d",
                                                         "p",
                                                         "q",
                                                         "dp",
                                                         "dq",
                                                         "qi",
                                                         "k",
                                                         "t",
                                                         "client_secret",
                                                         "client_assertion",
                                                         "assertion",
                                                         "refresh_token",
                                                         "code",
                                                         "key_hsm"};

bool isSecretField(std::string_view name) {
    return std::find(kSecretFields.begin(), kSecretFields.end(), name) != kSecretFields.end();
}

void collectJson(const JsonValue& node, SecretRedactor& out) {
    if (node.IsObject()) {
        for (const auto& member : node.GetObject()) {
            const std::string_view name(member.name.GetString(), member.name.GetStringLength());
            if (member.value.IsString() && isSecretField(name))
                out.add(std::string_view(member.value.GetString(), member.value.GetStringLength()));
            else
                collectJson(member.value, out);
        }
    } else if (node.IsArray()) {
        for (const auto& item : node.GetArray()) collectJson(item, out);
    }
}

void collectForm(std::string_view body, SecretRedactor& out) {
    while (!body.empty()) {
        const std::size_t amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
        const std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos || !isSecretField(pair.substr(0, eq))) continue;
        // Decoded, so that the base64 form is the value's; the encoded form as sent
        // canonicalises to the same text.
        std::string value = urlUnescape(pair.substr(eq + 1));
        out.add(value);
        secureWipe(value);
    }
}

} // namespace

void redactEchoedSecrets(const http::Request& request, ServiceErrorInfo& info) {
    if (!request.sensitiveBody || request.body.empty()) return;
    SecretRedactor secrets;
    const char first = request.body.front();
    if (first == '{' || first == '[') {
        // Parsed in place in a copy that is wiped, so the DOM holds no other copy of a secret.
        std::string copy = request.body;
        {
            rapidjson::Document doc;
            doc.ParseInsitu(copy.data());
            if (!doc.HasParseError()) collectJson(doc, secrets);
        }
        secureWipe(copy);
    } else {
        collectForm(request.body, secrets);
    }
    if (secrets.empty()) return;
    secrets.redact(info.serviceCode);
    secrets.redact(info.message);
    for (auto& [key, value] : info.values) secrets.redact(value);
}

} // namespace kvb::detail
