// SPDX-License-Identifier: MIT
#include "shared_key.hpp"

#include "../crypto_util.hpp"
#include "../url_util.hpp"

#include <algorithm>
#include <vector>

namespace emu {

std::string sharedKeyStringToSign(const HttpRequest& req, const std::string& account) {
    static const char* const kHeaders[] = {"Content-Encoding",
                                           "Content-Language",
                                           "Content-Length",
                                           "Content-MD5",
                                           "Content-Type",
                                           "Date",
                                           "If-Modified-Since",
                                           "If-Match",
                                           "If-None-Match",
                                           "If-Unmodified-Since",
                                           "Range"};
    const bool hasOcpDate = req.headers.count("ocp-date") != 0;
    std::string s = req.method + "\n";
    for (const char* name : kHeaders) {
        auto it = req.headers.find(name);
        // ocp-date wins over Date, and then the Date line stays empty.
        if (it != req.headers.end() && !(hasOcpDate && std::string(name) == "Date")) s += it->second;
        s += "\n";
    }
    std::vector<std::pair<std::string, std::string>> ocp;
    for (const auto& [name, value] : req.headers) {
        const std::string lower = toLower(name);
        if (lower.rfind("ocp-", 0) == 0) ocp.emplace_back(lower, value);
    }
    std::sort(ocp.begin(), ocp.end());
    for (const auto& [name, value] : ocp) s += name + ":" + value + "\n";
    s += "/" + account + req.rawPath;
    // Query: names lower-cased and sorted, values decoded, repeated values sorted and comma-joined.
    std::map<std::string, std::vector<std::string>> params;
    for (const auto& [name, value] : req.query) params[toLower(name)].push_back(value);
    for (auto& [name, values] : params) {
        std::sort(values.begin(), values.end());
        s += "\n" + name + ":";
        for (std::size_t i = 0; i < values.size(); ++i) s += (i ? "," : "") + values[i];
    }
    return s;
}

std::string sharedKeySignature(const std::string& keyBase64, const std::string& stringToSign) {
    auto key = base64Decode(keyBase64);
    if (!key || key->empty()) return {};
    std::string sig = base64Encode(hmacSha256(*key, stringToSign));
    wipe(*key);
    return sig;
}

} // namespace emu
