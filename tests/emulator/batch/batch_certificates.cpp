// SPDX-License-Identifier: MIT
// Batch certificates and their state machine: add (201), get and list, delete (202) that
// removes an unreferenced certificate at once but leaves a referenced one in deletefailed
// (previous state deleting) naming the pools in the way, and cancel deletion (204) that
// returns a deletefailed certificate to active. What an add accepts: batch_certificate_model.cpp.
#include "../time_util.hpp"
#include "../url_util.hpp"
#include "batch_handlers.hpp"
#include "odata_filter.hpp"

#include <algorithm>

namespace emu::batch {

namespace {

HttpReply add(BatchAccount& account, const HttpRequest& req) {
    auto body = parseBody(req);
    BatchCertificate cert = certificateFromAddParameter(*body);
    if (account.certificates.count(cert.thumbprint)) {
        throw BatchFailure(409, "CertificateExists", "The specified certificate already exists.");
    }
    const std::string url =
        req.baseUrl + "/certificates(thumbprintAlgorithm=sha1,thumbprint=" + cert.thumbprint + ")";
    account.certificates[cert.thumbprint] = cert;
    HttpReply r;
    r.status = 201;
    r.headers.emplace_back("DataServiceId", url);
    r.headers.emplace_back("ETag", newEtag());
    r.headers.emplace_back("Last-Modified", httpDate(nowSeconds()));
    r.contentType = "";
    return r;
}

// active -> gone, or -> deletefailed (from deleting) while pools reference the certificate.
void startDeletion(BatchAccount& account, BatchCertificate& cert) {
    std::vector<std::string> blocking;
    for (const auto& [id, pool] : account.pools) {
        const auto refs = referencedThumbprints(*pool);
        if (std::find(refs.begin(), refs.end(), cert.thumbprint) != refs.end()) {
            blocking.push_back(getString(*pool, "id").value_or(id));
        }
    }
    if (blocking.empty()) {
        account.certificates.erase(cert.thumbprint);
        return;
    }
    const std::int64_t now = nowMillis();
    cert.previousState = "deleting";
    cert.previousStateMs = now;
    cert.state = "deletefailed";
    cert.stateMs = now;
    cert.blockingPools = blocking;
}

// deletefailed -> active.
void cancelDeletion(BatchCertificate& cert) {
    if (cert.state != "deletefailed") {
        throw BatchFailure(409, "CertificateStateActive",
                           "The specified certificate is not in the deletefailed state.");
    }
    cert.previousState = cert.state;
    cert.previousStateMs = cert.stateMs;
    cert.state = "active";
    cert.stateMs = nowMillis();
    cert.blockingPools.clear();
}

} // namespace

HttpReply handleCertificates(BatchAccount& account, const HttpRequest& req, const std::string& rest) {
    if (rest.empty()) {
        if (req.method == "POST") return add(account, req);
        if (req.method != "GET") methodNotAllowed();
        std::vector<std::unique_ptr<JsonDoc>> items;
        for (const auto& [tp, cert] : account.certificates)
            items.push_back(certificateJson(cert, req.baseUrl));
        return listReply(req, "certificates", std::move(items));
    }
    // "(thumbprintAlgorithm=sha1,thumbprint=abc)" optionally followed by "/canceldelete"
    const std::string algPrefix = "(thumbprintAlgorithm=";
    const std::size_t comma = rest.find(",thumbprint=");
    const std::size_t close = rest.find(')');
    if (rest.rfind(algPrefix, 0) != 0 || comma == std::string::npos || close == std::string::npos ||
        close < comma) {
        invalidUri(req, 400);
    }
    const std::string alg = toLower(rest.substr(algPrefix.size(), comma - algPrefix.size()));
    const std::string thumbprint = toLower(rest.substr(comma + 12, close - comma - 12));
    const std::string tail = rest.substr(close + 1);
    if (tail != "" && tail != "/canceldelete") invalidUri(req);
    if (alg != "sha1") {
        throw BatchFailure(400, "InvalidUri", "The thumbprint algorithm must be sha1.",
                           {{"UriPath", req.path}});
    }
    auto it = account.certificates.find(thumbprint);
    const bool isGet = req.method == "GET", isDelete = req.method == "DELETE", isPost = req.method == "POST";
    if ((tail.empty() && !isGet && !isDelete) || (!tail.empty() && !isPost)) methodNotAllowed();
    if (it == account.certificates.end())
        notFound("CertificateNotFound", "The specified certificate does not exist.");
    BatchCertificate& cert = it->second;
    HttpReply r;
    if (isGet) {
        auto doc = certificateJson(cert, req.baseUrl);
        const std::string select = firstValue(req.query, "$select");
        r.body = toJson(select.empty() ? *doc : *applySelect(*doc, select));
        return r;
    }
    r.contentType = "";
    if (isDelete) {
        if (cert.state == "deleting") {
            throw BatchFailure(
                409, "CertificateBeingDeleted",
                "The specified certificate has been marked for deletion and is being deleted.");
        }
        startDeletion(account, cert);
        r.status = 202;
        return r;
    }
    cancelDeletion(cert);
    r.status = 204;
    return r;
}

} // namespace emu::batch
