// SPDX-License-Identifier: MIT
#include "curl_floor.hpp"

#include <openssl/crypto.h>

#include <new>
#include <stdexcept>

namespace kvb::bench {

namespace {

size_t collect(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

curl_slist* toList(std::vector<std::string>& lines) {
    curl_slist* list = nullptr;
    for (auto& line : lines) {
        curl_slist* next = curl_slist_append(list, line.c_str());
        if (!next) throw std::bad_alloc();
        list = next;
        OPENSSL_cleanse(line.data(), line.size()); // may hold the bearer token
    }
    return list;
}

} // namespace

CurlFloor::CurlFloor(const std::string& caFile, std::vector<std::string> getHeaders,
                     std::vector<std::string> putHeaders)
    : easy_(curl_easy_init()) {
    if (!easy_) throw std::runtime_error("curl_easy_init failed");
    headers_ = toList(getHeaders);
    putHeaders_ = toList(putHeaders);
    curl_easy_setopt(easy_, CURLOPT_CAINFO, caFile.c_str());
    curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(easy_, CURLOPT_WRITEDATA, &response_);
}

CurlFloor::~CurlFloor() {
    curl_easy_cleanup(easy_);
    curl_slist_free_all(headers_);
    curl_slist_free_all(putHeaders_);
    OPENSSL_cleanse(response_.data(), response_.size());
}

void CurlFloor::get(const std::string& url) {
    curl_easy_setopt(easy_, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, headers_);
    perform(url);
}

void CurlFloor::put(const std::string& url, const std::string& body) {
    curl_easy_setopt(easy_, CURLOPT_CUSTOMREQUEST, "PUT");
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(easy_, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, putHeaders_);
    perform(url);
    curl_easy_setopt(easy_, CURLOPT_CUSTOMREQUEST, nullptr);
}

void CurlFloor::perform(const std::string& url) {
    OPENSSL_cleanse(response_.data(), response_.size());
    response_.clear();
    curl_easy_setopt(easy_, CURLOPT_URL, url.c_str());
    const CURLcode rc = curl_easy_perform(easy_);
    if (rc != CURLE_OK) throw std::runtime_error(std::string("curl: ") + curl_easy_strerror(rc));
    long status = 0;
    curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) throw std::runtime_error("curl floor: HTTP " + std::to_string(status));
}

} // namespace kvb::bench
