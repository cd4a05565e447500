// SPDX-License-Identifier: MIT
#include "http/curl_transport.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/secret_string.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <filesystem>

#include "core/input_file.hpp"
#include "core/url.hpp"

namespace kvb::http {

namespace {

struct GlobalInit {
    GlobalInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

void ensureGlobalInit() {
    static GlobalInit once;
    (void)once;
}

} // namespace

// Named, not internal: a Handle (which has linkage) holds them.
struct CurlSlistFree {
    void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistFree>;

/** What libcurl's callbacks of one transfer write to and read from. */
struct CurlTransfer {
    RawResponse* response;
    const Context* context;
};

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

size_t onHeader(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<CurlTransfer*>(user);
    const std::string_view line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        // A new status line (after 100-continue or a proxy CONNECT): start over.
        t->response->headers.clear();
        const auto sp = line.find(' ');
        if (sp != std::string_view::npos) {
            const auto rest = line.substr(sp + 1);
            const auto sp2 = rest.find(' ');
            t->response->reason =
                std::string(trim(sp2 == std::string_view::npos ? "" : rest.substr(sp2 + 1)));
        }
        return size * count;
    }
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        const auto name = trim(line.substr(0, colon));
        const auto value = trim(line.substr(colon + 1));
        t->response->headers.add(name, value);
        // Size the body buffer once, so it is received straight into its final place.
        if (equalsIgnoreCase(name, "Content-Length")) {
            std::size_t n = 0;
            auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec == std::errc() && n < (64u << 20)) t->response->body.reserve(n);
        }
    }
    return size * count;
}

size_t onBody(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<CurlTransfer*>(user);
    t->response->body.append(data, size * count);
    return size * count;
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* t = static_cast<CurlTransfer*>(user);
    return t->context->isCancelled() ? 1 : 0;
}

} // namespace

struct CurlTransport::Handle {
    CURL* easy = nullptr;
    CurlSlist connectTo;
    CurlTransfer transfer{nullptr, nullptr}; ///< the callbacks' data, pointed to once at configure()
    bool configured = false;
    Method method = Method::Get; ///< the method the handle is configured for
    // The request headers as "name: value\0" lines, and list nodes pointing into them: built in
    // place on every request, so the steady state allocates nothing (libcurl only reads the list).
    std::string headerText;
    std::vector<curl_slist> headerNodes;
    Handle() : easy(curl_easy_init()) {
        if (!easy) throw std::bad_alloc();
    }
    ~Handle() {
        secureWipe(headerText);
        curl_easy_cleanup(easy);
    }
};

CurlTransport::CurlTransport(TransportOptions options) : options_(std::move(options)) {
    ensureGlobalInit();
}

CurlTransport::~CurlTransport() = default;

std::unique_ptr<CurlTransport::Handle> CurlTransport::acquire() {
    {
        std::lock_guard lock(poolMutex_);
        if (!idle_.empty()) {
            auto h = std::move(idle_.back());
            idle_.pop_back();
            return h;
        }
    }
    auto h = std::make_unique<Handle>();
    for (const auto& entry : options_.connectTo) {
        curl_slist* next = curl_slist_append(h->connectTo.get(), entry.c_str());
        if (!next) throw std::bad_alloc();
        (void)h->connectTo.release();
        h->connectTo.reset(next);
    }
    return h;
}

void CurlTransport::release(std::unique_ptr<Handle> handle) {
    std::lock_guard lock(poolMutex_);
    if (idle_.size() < options_.maxIdleConnections) idle_.push_back(std::move(handle));
}

void CurlTransport::configure(Handle& h, Method method) const {
    // Every option that does not change between requests of one method is set here, once per
    // handle (and again when the method changes), not on every request.
    CURL* easy = h.easy;
    curl_easy_reset(easy); // keeps the connection cache and TLS session of the handle
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &h.transfer);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &h.transfer);
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, &h.transfer);
    curl_easy_setopt(easy, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, options_.verifyTls ? 1L : 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, options_.verifyTls ? 2L : 0L);
    if (!options_.caFile.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, options_.caFile.c_str());
    if (!options_.caPath.empty()) curl_easy_setopt(easy, CURLOPT_CAPATH, options_.caPath.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION,
                     options_.http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1);
    // An empty proxy string turns off libcurl's *_proxy environment variables: proxies are explicit.
    curl_easy_setopt(easy, CURLOPT_PROXY, options_.proxy.c_str());
    if (!options_.proxy.empty() && !options_.proxyUsername.empty()) {
        curl_easy_setopt(easy, CURLOPT_PROXYUSERNAME, options_.proxyUsername.c_str());
        std::string password(options_.proxyPassword.reveal());
        curl_easy_setopt(easy, CURLOPT_PROXYPASSWORD, password.c_str()); // libcurl keeps a copy
        secureWipe(password);
    }
    if (h.connectTo) curl_easy_setopt(easy, CURLOPT_CONNECT_TO, h.connectTo.get());
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connectTimeout.count()));
    switch (method) {
    case Method::Get: curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L); break;
    case Method::Head: curl_easy_setopt(easy, CURLOPT_NOBODY, 1L); break;
    default: curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, methodName(method)); break;
    }
    h.method = method;
    h.configured = true;
}

namespace {

// Lays the request headers out in @p text and links @p nodes over them; returns the list head.
curl_slist* headerList(const Headers& headers, std::string& text, std::vector<curl_slist>& nodes) {
    // libcurl adds "Expect: 100-continue" to large POSTs; Azure does not need the extra round trip.
    constexpr std::string_view kNoExpect = "Expect:";
    std::size_t size = kNoExpect.size() + 1;
    for (const auto& [name, value] : headers.entries()) size += name.size() + value.size() + 3;
    text.clear();
    text.reserve(size); // no reallocation below: the nodes point into this buffer
    nodes.resize(headers.size() + 1);
    std::size_t i = 0;
    for (const auto& [name, value] : headers.entries()) {
        const std::size_t at = text.size();
        text += name;
        text += value.empty() ? ";" : ": ";
        text += value;
        text += '\0';
        nodes[i++].data = text.data() + at;
    }
    const std::size_t at = text.size();
    text += kNoExpect;
    text += '\0';
    nodes[i].data = text.data() + at;
    for (std::size_t n = 0; n + 1 < nodes.size(); ++n) nodes[n].next = &nodes[n + 1];
    nodes.back().next = nullptr;
    return nodes.data();
}

} // namespace

RawResponse CurlTransport::send(const Request& request, const Context& context) {
    context.throwIfCancelled();
    auto handle = acquire();
    Handle& h = *handle;
    CURL* easy = h.easy;
    if (!h.configured || h.method != request.method) configure(h, request.method);

    RawResponse response;
    response.headers.reserve(16);
    h.transfer = CurlTransfer{&response, &context};

    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headerList(request.headers, h.headerText, h.headerNodes));
    auto timeout = options_.timeout;
    bool deadlineBound = false; // the caller's deadline, not our own limit, ends this transfer
    if (auto deadline = context.deadline()) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Context::Clock::now());
        if (left < timeout) {
            timeout = std::max(std::chrono::milliseconds(1), left);
            deadlineBound = true;
        }
    }
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    // When a reused connection dies before any answer, libcurl sends the request again on a new
    // one, unasked. The server may have taken the first one in: a write that must not be
    // replayed gets a connection of its own, which libcurl never retries that way.
    curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, request.replayAfterSend ? 0L : 1L);
    if (request.method != Method::Get && request.method != Method::Head) {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }

    const CURLcode rc = curl_easy_perform(easy);
    // The header lines held the bearer token or Shared Key signature: wipe them now.
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);
    secureWipe(h.headerText.data(), h.headerText.size());
    h.transfer = CurlTransfer{nullptr, nullptr};
    long connects = 0;
    curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &connects);
    connections_ += connects;
    if (rc != CURLE_OK) {
        // A failed handle may hold a broken connection; drop it rather than pool it.
        handle.reset();
        if (rc == CURLE_ABORTED_BY_CALLBACK) context.throwIfCancelled();
        if (rc == CURLE_OPERATION_TIMEDOUT && deadlineBound) throw OperationCancelled("deadline exceeded");
        // curl_easy_strerror names the failure without echoing any header or body; the endpoint
        // (scheme, host and port only: a query may hold a signature) says which service failed.
        throw TransportError("transport failed for " + kvb::detail::endpointOf(request.url) + ": " +
                                 curl_easy_strerror(rc),
                             static_cast<int>(rc));
    }
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    release(std::move(handle));
    return response;
}

std::shared_ptr<Transport> makeCurlTransport(const TransportOptions& options) {
    if (options.connectTimeout.count() <= 0 || options.timeout.count() <= 0)
        throw InvalidArgument("transport timeouts must be positive");
    // libcurl only finds a bad CA file on the first request, as "Problem with the local SSL CA
    // cert"; named here, the mistake shows before anything is sent.
    if (!options.caFile.empty()) {
        if (const auto problem = kvb::detail::unreadableFileReason(options.caFile); !problem.empty())
            throw InvalidArgument("CA file " + options.caFile + " " + problem);
    }
    if (!options.caPath.empty() && !std::filesystem::is_directory(options.caPath))
        throw InvalidArgument("CA folder " + options.caPath + " is not a folder");
    return std::make_shared<CurlTransport>(options);
}

} // namespace kvb::http
