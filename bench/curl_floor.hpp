// SPDX-License-Identifier: MIT
#pragma once

#include <curl/curl.h>

#include <string>
#include <vector>

namespace kvb::bench {

/**
 * @brief The floor: one reused libcurl easy handle sending the same requests as SecretClient
 * (the header lines SecretClient sent, captured from the wire side of its pipeline, bearer token
 * included) over the same verified TLS, and nothing else: no parsing, no pipeline.
 */
class CurlFloor {
public:
    /** @p getHeaders, @p putHeaders: "name: value" lines, wiped once handed to libcurl. */
    CurlFloor(const std::string& caFile, std::vector<std::string> getHeaders,
              std::vector<std::string> putHeaders);
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
