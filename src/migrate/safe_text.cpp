// SPDX-License-Identifier: MIT
#include "migrate/safe_text.hpp"

#include "core/secret_redactor.hpp"
#include "migrate/text_util.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace kvb::detail {

namespace {

using Range = std::pair<std::size_t, std::size_t>;

bool isBlobChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/' || c == '-' || c == '_' ||
           c == '=';
}

// Length of a line break at @p at: CR, LF, or their JSON escapes ("\n", "\\n"), else 0.
std::size_t lineBreakAt(std::string_view s, std::size_t at) {
    if (s[at] == '\r' || s[at] == '\n') return 1;
    std::size_t i = at;
    while (i < s.size() && s[i] == '\\') ++i;
    if (i == at || i >= s.size() || (s[i] != 'n' && s[i] != 'r')) return 0;
    return i + 1 - at;
}

// "-----BEGIN ...-----" through the matching "-----END ...-----", or to the end of a cut quote.
void findPemBlocks(std::string_view s, std::vector<Range>& out) {
    constexpr std::string_view kBegin = "-----BEGIN ", kEnd = "-----END ", kDashes = "-----";
    for (std::size_t at = s.find(kBegin); at != std::string_view::npos; at = s.find(kBegin, at)) {
        std::size_t end = s.find(kEnd, at + kBegin.size());
        if (end == std::string_view::npos) {
            end = s.size();
        } else {
            const std::size_t close = s.find(kDashes, end + kEnd.size());
            end = close == std::string_view::npos ? s.size() : close + kDashes.size();
        }
        out.emplace_back(at, end);
        at = end;
    }
}

void findBlobs(std::string_view s, std::vector<Range>& out) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (!isBlobChar(s[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        std::size_t counted = 0, end = i;
        while (i < s.size()) {
            if (isBlobChar(s[i])) {
                ++counted;
                end = ++i;
            } else if (const std::size_t br = lineBreakAt(s, i); br != 0) {
                i += br;
            } else {
                break;
            }
        }
        if (counted >= kMinBlob) out.emplace_back(start, end);
    }
}

} // namespace

std::string withoutSecretsOf(std::string_view text, const migrate::PreparedImport& material) {
    kvb::detail::SecretRedactor secrets;
    if (material.pem)
        secrets.add(asText(material.value));
    else
        secrets.addBinary(material.value.reveal());
    secrets.add(material.password.reveal());
    secrets.add(material.privateKeyPkcs8.reveal());
    return secrets.redacted(text);
}

std::string withoutKeyMaterial(std::string_view text) {
    std::vector<Range> found;
    findPemBlocks(text, found);
    findBlobs(text, found);
    if (found.empty()) return std::string(text);
    std::sort(found.begin(), found.end());
    std::string out;
    std::size_t at = 0;
    for (const auto& [from, to] : found) {
        if (to <= at) continue;
        if (from >= at) {
            out.append(text.substr(at, from - at));
            out += kvb::detail::SecretRedactor::kMark;
        }
        at = to;
    }
    out.append(text.substr(at));
    return out;
}

migrate::MigrationReport withoutKeyMaterial(const migrate::MigrationReport& report) {
    migrate::MigrationReport out = report;
    for (auto& o : out.certificates) {
        o.plan.reason = withoutKeyMaterial(o.plan.reason);
        o.detail = withoutKeyMaterial(o.detail);
        o.batchCertificateCleanup = withoutKeyMaterial(o.batchCertificateCleanup);
        for (auto& d : o.duplicates) d.detail = withoutKeyMaterial(d.detail);
    }
    for (auto& f : out.fileFindings) f.detail = withoutKeyMaterial(f.detail);
    for (auto& p : out.poolCleanups) p.detail = withoutKeyMaterial(p.detail);
    for (auto& w : out.warnings) w = withoutKeyMaterial(w);
    return out;
}

} // namespace kvb::detail
