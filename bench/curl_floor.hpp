// SPDX-License-Identifier: MIT
#pragma once

#include <curl/curl.h>

#include <string>
#include <string_view>

namespace kvb::bench {

/**
 * @brief The floor: one reused libcurl easy handle sending the same request as SecretClient,
 * with the same bearer token and verified TLS, and nothing else (no parsing, no pipeline).
 */
class CurlFloor {
public:
    CurlFloor(const std::string& caFile, std::string_view bearerToken);
    ~CurlFloor();
    CurlFloor(const CurlFloor&) = delete;
    CurlFloor& operator=(const CurlFloor&) = delete;

    /** @brief GET @p url; @throws std::runtime_error unless 200. */
    void get(const std::string& url);
    /** @brief PUT @p body (JSON) to @p url; @throws std::runtime_error unless 200. */
    void put(const std::string& url, const std::string& body);

private:
    void perform(const std::string& url);

    CURL* easy_;
    curl_slist* headers_ = nullptr;
    curl_slist* putHeaders_ = nullptr;
    std::string response_;
};

} // namespace kvb::bench
