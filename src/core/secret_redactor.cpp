// SPDX-License-Identifier: MIT
#include "core/secret_redactor.hpp"

#include <kvbridge/secret_string.hpp>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "core/encoding.hpp"

namespace kvb::detail {

namespace {

// Canonical byte for every non-ASCII code point: UTF-8, "\u00e9" and "%C3%A9" must agree, and
// the secret's own code points are compared by position, not by value.
constexpr char kNonAscii = '\x80';

// One left-to-right pass over the text. Each canonical byte remembers the span of the text it
// came from, so a match found in canonical form is cut out of the text as written.
class Canonical {
public:
    Canonical(std::string_view text, bool withSpans) : spans_(withSpans) {
        out_.reserve(text.size());
        if (spans_) {
            begin_.reserve(text.size());
            end_.reserve(text.size());
        }
        read(text);
    }
    Canonical(const Canonical&) = delete;
    Canonical& operator=(const Canonical&) = delete;
    ~Canonical() { secureWipe(out_); }

    std::string& text() noexcept { return out_; }
    const std::string& text() const noexcept { return out_; }
    // The span of the original text behind canonical bytes [from, to).
    std::pair<std::size_t, std::size_t> span(std::size_t from, std::size_t to) const {
        return {begin_[from], end_[to - 1]};
    }

private:
    void read(std::string_view s) {
        const std::size_t n = s.size();
        std::size_t i = 0;
        while (i < n) {
            const std::size_t at = i;
            const char c = s[i];
            if (c == '\\') {
                // A run of backslashes is one escape, however many times the text was escaped.
                std::size_t j = i;
                while (j < n && s[j] == '\\') ++j;
                if (j == n) break;
                const char e = s[j];
                if (e == 'n' || e == 'r' || e == 't' || e == 'b' || e == 'f') {
                    i = j + 1; // an escaped control character: dropped like the character itself
                    continue;
                }
                if (e == 'u' && j + 4 < n && hexDigitValue(s[j + 1]) >= 0 && hexDigitValue(s[j + 2]) >= 0 &&
                    hexDigitValue(s[j + 3]) >= 0 && hexDigitValue(s[j + 4]) >= 0) {
                    const int cp = (hexDigitValue(s[j + 1]) << 12) | (hexDigitValue(s[j + 2]) << 8) |
                                   (hexDigitValue(s[j + 3]) << 4) | hexDigitValue(s[j + 4]);
                    i = j + 5;
                    if (cp < 0x80)
                        emit(static_cast<char>(cp), at, i);
                    else if (cp >= 0xDC00 && cp <= 0xDFFF)
                        extend(at, i); // the second half of a surrogate pair: one code point
                    else
                        push(kNonAscii, at, i);
                    continue;
                }
                i = j; // \" \/ and the like: the escaped character is read next
                continue;
            }
            if (c == '%' && i + 2 < n && hexDigitValue(s[i + 1]) >= 0 && hexDigitValue(s[i + 2]) >= 0) {
                char b = static_cast<char>((hexDigitValue(s[i + 1]) << 4) | hexDigitValue(s[i + 2]));
                i += 3;
                // "%2541": the body was URL-encoded twice.
                while (b == '%' && i + 1 < n && hexDigitValue(s[i]) >= 0 && hexDigitValue(s[i + 1]) >= 0) {
                    b = static_cast<char>((hexDigitValue(s[i]) << 4) | hexDigitValue(s[i + 1]));
                    i += 2;
                }
                emit(b, at, i);
                continue;
            }
            emit(c, at, ++i);
        }
    }

    void emit(char c, std::size_t from, std::size_t to) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || c == '\\') return; // line breaks, tabs: PEM wrapping differs
        if (u >= 0x80) {
            if ((u & 0xC0) == 0x80)
                extend(from, to); // a UTF-8 continuation byte belongs to the code point before
            else
                push(kNonAscii, from, to);
            return;
        }
        if (c == '-' || c == ' ')
            c = '+'; // base64url for base64; '+' for a space in form encoding
        else if (c == '_')
            c = '/';
        push(c, from, to);
    }

    void push(char c, std::size_t from, std::size_t to) {
        out_.push_back(c);
        if (spans_) {
            begin_.push_back(static_cast<std::uint32_t>(from));
            end_.push_back(static_cast<std::uint32_t>(to));
        }
    }

    void extend(std::size_t from, std::size_t to) {
        if (spans_ && !end_.empty() && end_.back() == from) end_.back() = static_cast<std::uint32_t>(to);
    }

    bool spans_;
    std::string out_;
    std::vector<std::uint32_t> begin_, end_; // offsets into the text (callers keep it below 4 GiB)
};

std::uint64_t mix(std::uint64_t x) noexcept {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

// The slot of the kWindow bytes at @p p; equality is then checked byte by byte.
std::uint64_t windowHash(const char* p) noexcept {
    static_assert(SecretRedactor::kWindow == 16, "two 8-byte words per window");
    std::uint64_t a = 0, b = 0;
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + 8, 8);
    return mix(a ^ mix(b + 0x9e3779b97f4a7c15ULL));
}

using Range = std::pair<std::size_t, std::size_t>;

// Sorted, overlapping or touching ranges joined.
std::vector<Range> merged(std::vector<Range> ranges) {
    std::sort(ranges.begin(), ranges.end());
    std::vector<Range> out;
    for (const auto& r : ranges) {
        if (!out.empty() && r.first <= out.back().second)
            out.back().second = std::max(out.back().second, r.second);
        else
            out.push_back(r);
    }
    return out;
}

} // namespace

SecretRedactor::~SecretRedactor() {
    for (auto& s : shortValues_) secureWipe(s);
    secureWipe(windows_);
}

void SecretRedactor::add(std::string_view secret) {
    {
        Canonical canonical(secret, false);
        if (canonical.text().size() < kMinLength) return; // in no form: its base64 is no longer
        addCanonical(canonical.text());
    }
    if (secret.size() > kMaxEncodedSource) return;
    // A part of the secret, encoded on its own, starts on any of three byte alignments.
    const std::size_t alignments = secret.size() >= kWindow ? 3 : 1;
    for (std::size_t k = 0; k < alignments; ++k) {
        std::string encoded = base64Encode(secret.substr(k));
        Canonical canonical(encoded, false);
        secureWipe(encoded);
        addCanonical(canonical.text());
    }
}

void SecretRedactor::addBinary(std::span<const std::uint8_t> bytes) {
    std::string encoded = base64Encode(bytes);
    Canonical canonical(encoded, false);
    secureWipe(encoded);
    addCanonical(canonical.text());
}

void SecretRedactor::addCanonical(const std::string& canonical) {
    if (canonical.size() < kMinLength) return;
    if (canonical.size() < kWindow) {
        if (std::find(shortValues_.begin(), shortValues_.end(), canonical) == shortValues_.end())
            shortValues_.push_back(canonical);
        return;
    }
    if (windows_.size() + canonical.size() + 1 >= kFree)
        throw std::length_error("secret too large to redact");
    const std::size_t first = windows_.size();
    // Appending may move the text: grown by hand, so that the old buffer is wiped.
    if (windows_.capacity() < first + canonical.size() + 1) {
        std::string bigger;
        bigger.reserve(std::max(2 * windows_.capacity(), first + canonical.size() + 1));
        bigger.append(windows_);
        secureWipe(windows_);
        windows_ = std::move(bigger);
    }
    windows_ += canonical;
    windows_ += '\0'; // no canonical text holds it: a match never runs on into the next secret
    const std::size_t windows = canonical.size() - kWindow + 1;
    grow(count_ + windows);
    for (std::size_t i = 0; i < windows; ++i) insert(static_cast<std::uint32_t>(first + i));
}

void SecretRedactor::grow(std::size_t expected) {
    // Load factor at most 3/4 keeps linear probing short; 4 bytes a window (8 MB for a 1 MB PFX).
    if (expected * 4 <= table_.size() * 3) return;
    std::size_t capacity = 1024;
    while (expected * 4 > capacity * 3) capacity *= 2;
    std::vector<std::uint32_t> old(capacity, kFree);
    old.swap(table_);
    count_ = 0;
    for (std::uint32_t position : old)
        if (position != kFree) insert(position);
}

void SecretRedactor::insert(std::uint32_t position) {
    const char* window = windows_.data() + position;
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = windowHash(window) & mask;; i = (i + 1) & mask) {
        if (table_[i] == kFree) {
            table_[i] = position;
            ++count_;
            return;
        }
        if (std::memcmp(windows_.data() + table_[i], window, kWindow) == 0) return; // seen already
    }
}

std::size_t SecretRedactor::find(const char* window) const noexcept {
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = windowHash(window) & mask;; i = (i + 1) & mask) {
        if (table_[i] == kFree) return std::string::npos;
        if (std::memcmp(windows_.data() + table_[i], window, kWindow) == 0) return table_[i];
    }
}

bool SecretRedactor::redact(std::string& text) const {
    if (empty() || text.empty()) return false;
    if (text.size() >= kFree) {
        // Beyond any message a service sends; nothing of it can be vouched for.
        secureWipe(text);
        text = kMark;
        return true;
    }
    const Canonical canonical(text, true);
    const std::string& c = canonical.text();
    std::vector<Range> found; // canonical byte ranges
    for (std::size_t i = 0; count_ != 0 && i + kWindow <= c.size();) {
        const std::size_t at = find(c.data() + i);
        if (at == std::string::npos) {
            ++i;
            continue;
        }
        // A quote is mostly one long run of the secret: follow it byte by byte instead of
        // looking up each of its windows; the windows that end past the run are looked up again.
        std::size_t length = kWindow;
        while (i + length < c.size() && c[i + length] == windows_[at + length]) ++length;
        found.emplace_back(i, i + length);
        i += length - kWindow + 1;
    }
    for (const auto& value : shortValues_)
        for (std::size_t at = c.find(value); at != std::string::npos; at = c.find(value, at + 1))
            found.emplace_back(at, at + value.size());
    if (found.empty()) return false;
    std::vector<Range> cut;
    for (const auto& [from, to] : merged(std::move(found))) cut.push_back(canonical.span(from, to));
    cut = merged(std::move(cut));
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    for (const auto& [from, to] : cut) {
        out.append(text, at, from - at);
        out += kMark;
        at = to;
    }
    out.append(text, at, std::string::npos);
    secureWipe(text);
    text = std::move(out);
    return true;
}

std::string SecretRedactor::redacted(std::string_view text) const {
    std::string out(text);
    redact(out);
    return out;
}

} // namespace kvb::detail
