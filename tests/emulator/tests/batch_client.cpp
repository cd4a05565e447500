// SPDX-License-Identifier: MIT
#include "batch_client.hpp"

#include "../http_types.hpp"
#include "../batch/shared_key.hpp"
#include "../time_util.hpp"
#include "../url_util.hpp"

namespace emutest {

Reply batchRequest(const EmulatorProcess& emu, const std::string& method, const std::string& pathAndQuery,
                   const std::string& body, const std::vector<std::string>& extraHeaders,
                   const std::string& account, const std::string& key, const std::string& host,
                   const std::string& ocpDate) {
    emu::HttpRequest req;
    req.method = method;
    const std::size_t q = pathAndQuery.find('?');
    req.rawPath = pathAndQuery.substr(0, q);
    if (q != std::string::npos) req.query = emu::parseForm(pathAndQuery.substr(q + 1));
    std::vector<std::string> headers = extraHeaders;
    const std::string date = ocpDate.empty() ? emu::httpDate(emu::nowSeconds()) : ocpDate;
    headers.push_back("ocp-date: " + date);
    const bool hasBody = method == "POST" || method == "PUT" || method == "PATCH";
    if (hasBody) {
        headers.push_back("Content-Type: application/json; odata=minimalmetadata");
        req.headers["Content-Length"] = std::to_string(body.size());
    }
    for (const auto& h : headers) {
        const std::size_t colon = h.find(':');
        std::string value = h.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        req.headers[h.substr(0, colon)] = value;
    }
    const std::string sig = emu::sharedKeySignature(key, emu::sharedKeyStringToSign(req, account));
    headers.push_back("Authorization: SharedKey " + account + ":" + sig);
    return request(emu, method, host + pathAndQuery, headers, body);
}

} // namespace emutest
