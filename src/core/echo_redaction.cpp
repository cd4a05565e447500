// SPDX-License-Identifier: MIT
#include "core/echo_redaction.hpp"

#include <kvbridge/secret_string.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
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

// Shorter values would be found inside ordinary words of the message; they cannot be told apart
// from the service's own text.
constexpr std::size_t kMinLength = 4;

bool isSecretField(std::string_view name) {
    return std::find(kSecretFields.begin(), kSecretFields.end(), name) != kSecretFields.end();
}

// Copies of secret values, wiped when the redaction is done.
class SecretList {
public:
    SecretList() = default;
    SecretList(const SecretList&) = delete;
    SecretList& operator=(const SecretList&) = delete;
    ~SecretList() {
        for (auto& s : items_) secureWipe(s);
    }
    void add(std::string value) {
        if (value.size() >= kMinLength)
            items_.push_back(std::move(value));
        else
            secureWipe(value);
    }
    // Longest first, so a secret that contains another is cut out whole.
    void sortLongestFirst() {
        std::sort(items_.begin(), items_.end(),
                  [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    }
    const std::vector<std::string>& items() const { return items_; }

private:
    std::vector<std::string> items_;
};

void collectJson(const JsonValue& node, SecretList& out) {
    if (node.IsObject()) {
        for (const auto& member : node.GetObject()) {
            const std::string_view name(member.name.GetString(), member.name.GetStringLength());
            if (member.value.IsString() && isSecretField(name))
                out.add(std::string(member.value.GetString(), member.value.GetStringLength()));
            else
                collectJson(member.value, out);
        }
    } else if (node.IsArray()) {
        for (const auto& item : node.GetArray()) collectJson(item, out);
    }
}

void collectForm(std::string_view body, SecretList& out) {
    while (!body.empty()) {
        const std::size_t amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
        const std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos || !isSecretField(pair.substr(0, eq))) continue;
        const std::string_view raw = pair.substr(eq + 1);
        out.add(std::string(raw)); // a service may quote the encoded form as sent
        out.add(urlUnescape(raw));
    }
}

void redactIn(std::string& text, const SecretList& secrets) {
    static constexpr std::string_view kMark = "[redacted]";
    for (const auto& secret : secrets.items())
        for (std::size_t at = text.find(secret); at != std::string::npos;
             at = text.find(secret, at + kMark.size()))
            text.replace(at, secret.size(), kMark);
}

} // namespace

void redactEchoedSecrets(const http::Request& request, ServiceErrorInfo& info) {
    if (!request.sensitiveBody || request.body.empty()) return;
    SecretList secrets;
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
    if (secrets.items().empty()) return;
    secrets.sortLongestFirst();
    redactIn(info.serviceCode, secrets);
    redactIn(info.message, secrets);
    for (auto& [key, value] : info.values) redactIn(value, secrets);
}

} // namespace kvb::detail
