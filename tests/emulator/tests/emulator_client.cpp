// SPDX-License-Identifier: MIT
#include "emulator_client.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <curl/curl.h>

namespace emutest {

namespace {

std::size_t writeBody(char* data, std::size_t size, std::size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

std::size_t writeHeader(char* data, std::size_t size, std::size_t n, void* user) {
    auto* headers = static_cast<std::map<std::string, std::string>*>(user);
    std::string line(data, size * n);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        std::string value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
        (*headers)[name] = value;
    }
    return size * n;
}

struct CurlInit {
    CurlInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~CurlInit() { curl_global_cleanup(); }
};

} // namespace

Reply request(const EmulatorProcess& emu, const std::string& method, const std::string& url,
              const std::vector<std::string>& headers, const std::string& body, long timeoutMs) {
    static CurlInit curlInit;
    Reply reply;
    CURL* curl = curl_easy_init();
    const std::string connectTo = "::127.0.0.1:" + std::to_string(emu.port());
    curl_slist* connect = curl_slist_append(nullptr, connectTo.c_str());
    curl_slist* hdrs = nullptr;
    for (const auto& h : headers) hdrs = curl_slist_append(hdrs, h.c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CONNECT_TO, connect);
    curl_easy_setopt(curl, CURLOPT_CAINFO, emu.caFile().c_str());
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeoutMs);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, writeBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, writeHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply.headers);
    if (method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    }
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    reply.curlCode = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_slist_free_all(hdrs);
    curl_slist_free_all(connect);
    curl_easy_cleanup(curl);
    return reply;
}

Reply control(const EmulatorProcess& emu, const std::string& what, const std::string& json) {
    return request(emu, "POST", "https://127.0.0.1:" + std::to_string(emu.port()) + "/_emulator/" + what,
                   {"Content-Type: application/json"}, json);
}

Reply controlGet(const EmulatorProcess& emu, const std::string& what) {
    return request(emu, "GET", "https://127.0.0.1:" + std::to_string(emu.port()) + "/_emulator/" + what);
}

std::string token(const EmulatorProcess& emu, const std::string& scope) {
    const Reply r =
        request(emu, "POST",
                "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token",
                {"Content-Type: application/x-www-form-urlencoded"},
                "grant_type=client_credentials&client_id=aaaaaaaa-bbbb-cccc-dddd-000000000001"
                "&client_secret=emulator-client-secret&scope=" +
                    scope);
    const std::string key = "\"access_token\":\"";
    const std::size_t at = r.body.find(key);
    if (r.status != 200 || at == std::string::npos) throw std::runtime_error("token request failed");
    const std::size_t start = at + key.size();
    return r.body.substr(start, r.body.find('"', start) - start);
}

EmulatorProcess& sharedEmulator() {
    static EmulatorProcess emulator;
    return emulator;
}

kvb::test::TestCertificate makeCertificate(const std::string& commonName) {
    return kvb::test::makeTestCertificate(commonName,
                                          {.key = kvb::test::KeyType::Rsa2048, .tlsUsages = true});
}

std::string bytesText(const std::vector<std::uint8_t>& bytes) {
    return {bytes.begin(), bytes.end()};
}

} // namespace emutest
