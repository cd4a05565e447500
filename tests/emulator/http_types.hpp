// SPDX-License-Identifier: MIT
#pragma once

// The emulator's own request/reply types. The emulator is an independent oracle: it shares no
// model, JSON or HTTP code with the library, so nothing under src/ or include/ is used here.

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace emu {

struct CaseInsensitiveLess {
    bool operator()(const std::string& a, const std::string& b) const {
        return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
            return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
        });
    }
};

// A request after host routing: path without the host, query parameters URL-decoded.
struct HttpRequest {
    std::string method;                            // "GET", "POST", ...
    std::string path;                              // URL-decoded path, e.g. "/secrets/name/ver"
    std::string rawPath;                           // path exactly as sent (for Shared Key)
    std::multimap<std::string, std::string> query; // decoded names and values
    std::map<std::string, std::string, CaseInsensitiveLess> headers;
    std::string body;
    std::string host;    // Host header without port
    std::string baseUrl; // "https://" + Host header as sent (with port)
};

struct HttpReply {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string contentType = "application/json; charset=utf-8";
};

} // namespace emu
