// SPDX-License-Identifier: MIT
// Errors, owned strings, versions, logging and options of the C ABI.

#include <kvbridge/log.hpp>
#include <kvbridge/secret_string.hpp>
#include <kvbridge/version.hpp>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>

#include "capi_internal.hpp"
#include "options.hpp"

namespace kvb::capi {

namespace {

struct ErrorRecord {
    kvb_error view{KVB_OK, 0, "", "", "", ""};
    std::string serviceCode, message, requestId, clientRequestId;

    void publish() {
        view.service_code = serviceCode.c_str();
        view.message = message.c_str();
        view.request_id = requestId.c_str();
        view.client_request_id = clientRequestId.c_str();
    }
};

ErrorRecord& record() {
    thread_local ErrorRecord r;
    return r;
}

int statusOf(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::InvalidArgument: return KVB_E_INVALID_ARGUMENT;
    case ErrorKind::Transport: return KVB_E_TRANSPORT;
    case ErrorKind::Service: return KVB_E_SERVICE;
    case ErrorKind::NotFound: return KVB_E_NOT_FOUND;
    case ErrorKind::Conflict: return KVB_E_CONFLICT;
    case ErrorKind::Throttled: return KVB_E_THROTTLED;
    case ErrorKind::CertificateRetired: return KVB_E_CERTIFICATE_RETIRED;
    case ErrorKind::Authentication: return KVB_E_AUTHENTICATION;
    case ErrorKind::Parse: return KVB_E_PARSE;
    case ErrorKind::Crypto: return KVB_E_CRYPTO;
    case ErrorKind::Cancelled: return KVB_E_CANCELLED;
    case ErrorKind::Timeout: return KVB_E_TIMEOUT;
    }
    return KVB_E_INTERNAL;
}

} // namespace

void clearError() noexcept {
    auto& r = record();
    r.view.status = KVB_OK;
    r.view.http_status = 0;
    r.serviceCode.clear();
    r.message.clear();
    r.requestId.clear();
    r.clientRequestId.clear();
    r.publish();
}

int fail(int status, std::string message, const ServiceErrorInfo* info) {
    auto& r = record();
    r.view.status = status;
    r.message = std::move(message);
    if (info) {
        r.view.http_status = info->httpStatus;
        r.serviceCode = info->serviceCode;
        r.requestId = info->requestId;
        r.clientRequestId = info->clientRequestId;
    }
    r.publish();
    return status;
}

int failFromCurrentException() noexcept {
    try {
        throw;
    } catch (const ServiceError& e) {
        return fail(statusOf(e.kind()), e.what(), &e.info());
    } catch (const Error& e) {
        return fail(statusOf(e.kind()), e.what());
    } catch (const WrongHandle&) {
        return fail(KVB_E_WRONG_HANDLE, "NULL, freed or wrong-type handle");
    } catch (const std::bad_alloc&) {
        return fail(KVB_E_NO_MEMORY, "out of memory");
    } catch (const std::exception& e) {
        return fail(KVB_E_INTERNAL, std::string("internal error: ") + e.what());
    } catch (...) {
        return fail(KVB_E_INTERNAL, "internal error");
    }
}

std::string_view required(const char* text, const char* what) {
    if (text == nullptr) throw InvalidArgument(std::string(what) + " is NULL");
    return text;
}

std::string_view optional(const char* text) noexcept {
    return text ? std::string_view(text) : std::string_view();
}

void fillString(kvb_string* out, std::string_view bytes) {
    requireOut(out);
    char* p = static_cast<char*>(std::malloc(bytes.size() + 1));
    if (!p) throw std::bad_alloc();
    if (!bytes.empty()) std::memcpy(p, bytes.data(), bytes.size());
    p[bytes.size()] = '\0';
    out->ptr = p;
    out->size = bytes.size();
}

std::span<const std::uint8_t> bytesIn(const uint8_t* data, size_t size, const char* what) {
    if (data == nullptr && size > 0) throw InvalidArgument(std::string(what) + " is NULL");
    return data ? std::span<const std::uint8_t>(data, size) : std::span<const std::uint8_t>();
}

keyvault::KeyVaultClientOptions keyVaultOptions(const kvb_client_options* options) {
    keyvault::KeyVaultClientOptions out;
    out.client = clientOptions(options);
    if (options) {
        if (options->api_version) out.apiVersion = options->api_version;
        out.verifyChallengeResource = options->disable_challenge_resource_verification == 0;
    }
    return out;
}

keyvault::KeyVaultListOptions keyVaultListOptions(const kvb_keyvault_list_options* options) {
    keyvault::KeyVaultListOptions out;
    if (const auto& o = optionsOrDefaults(options); o.max_results != 0) out.maxResults = o.max_results;
    return out;
}

http::ClientOptions clientOptions(const kvb_client_options* o) {
    http::ClientOptions out;
    if (checkedOptions(o) == nullptr) return out;
    auto& t = out.transportOptions;
    t.caFile = optional(o->ca_file);
    t.caPath = optional(o->ca_path);
    t.verifyTls = o->verify_tls != 0;
    t.proxy = optional(o->proxy);
    t.proxyUsername = optional(o->proxy_username);
    t.proxyPassword = SecretString(optional(o->proxy_password));
    if (o->connect_timeout_ms) t.connectTimeout = std::chrono::milliseconds(o->connect_timeout_ms);
    if (o->timeout_ms) t.timeout = std::chrono::milliseconds(o->timeout_ms);
    if (o->connect_to_count > 0 && o->connect_to == nullptr) throw InvalidArgument("connect_to is NULL");
    for (size_t i = 0; i < o->connect_to_count; ++i)
        t.connectTo.emplace_back(required(o->connect_to[i], "connect_to entry"));
    if (o->max_retries >= 0) out.retry.maxRetries = o->max_retries;
    if (o->retry_base_delay_ms) out.retry.baseDelay = std::chrono::milliseconds(o->retry_base_delay_ms);
    if (o->retry_max_delay_ms) out.retry.maxDelay = std::chrono::milliseconds(o->retry_max_delay_ms);
    out.applicationId = optional(o->application_id);
    if (o->version >= 2) {
        if (o->total_timeout_ms) out.retry.totalTimeout = std::chrono::milliseconds(o->total_timeout_ms);
        t.http2 = o->http2 != 0;
        if (o->max_idle_connections) t.maxIdleConnections = o->max_idle_connections;
    }
    return out;
}

} // namespace kvb::capi

using namespace kvb::capi;

extern "C" {

const kvb_error* kvb_error_last(void) {
    return &record().view;
}

void kvb_string_dispose(kvb_string* s) {
    if (s == nullptr || s->ptr == nullptr) return;
    kvb::secureWipe(s->ptr, s->size + 1);
    std::free(s->ptr);
    s->ptr = nullptr;
    s->size = 0;
}

void kvb_free(void* block) {
    // Blocks for kvb_free carry their size in front of them so they can be wiped.
    if (block == nullptr) return;
    auto* base = static_cast<unsigned char*>(block) - sizeof(std::max_align_t);
    std::size_t size = 0;
    std::memcpy(&size, base, sizeof size);
    kvb::secureWipe(block, size);
    std::free(base);
}

unsigned int kvb_version_num(void) {
    return kvb::versionNum();
}
const char* kvb_version_string(void) {
    return kvb::versionString();
}
int kvb_abi_version(void) {
    return KVB_ABI_VERSION;
}

int kvb_set_log_callback(kvb_log_callback callback, int min_level, void* payload) {
    return guard([&] {
        if (min_level < KVB_LOG_VERBOSE || min_level > KVB_LOG_OFF)
            throw kvb::InvalidArgument("bad log level");
        if (callback == nullptr) {
            kvb::setLogSink({});
            return KVB_OK;
        }
        kvb::setLogSink(
            [callback, payload](kvb::LogLevel level, std::string_view line) {
                callback(static_cast<int>(level), line.data(), line.size(), payload);
            },
            static_cast<kvb::LogLevel>(min_level));
        return KVB_OK;
    });
}

int kvb_client_options_init(kvb_client_options* options, unsigned int version) {
    if (version != 1) return initOptions(options, version);
    return guard([&] {
        requireOut(options);
        // A caller built against version 1 has the shorter struct: touch only its part.
        const kvb_client_options defaults = KVB_CLIENT_OPTIONS_INIT;
        std::memcpy(options, &defaults, offsetof(kvb_client_options, total_timeout_ms));
        options->version = version;
        return KVB_OK;
    });
}

int kvb_json_pager_next(kvb_string* json_out, kvb_json_pager* pager) {
    return guard([&] {
        requireOut(json_out);
        auto item = unwrap<JsonPagerHandle>(pager).next();
        if (!item) return static_cast<int>(KVB_ITEROVER);
        fillString(json_out, *item);
        return static_cast<int>(KVB_OK);
    });
}

void kvb_json_pager_free(kvb_json_pager* pager) {
    freeHandle<JsonPagerHandle>(pager);
}

int kvb_keyvault_list_options_init(kvb_keyvault_list_options* options, unsigned int version) {
    return initOptions(options, version);
}

} // extern "C"
