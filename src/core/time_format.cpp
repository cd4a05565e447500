// SPDX-License-Identifier: MIT
#include "core/time_format.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace kvb::detail {

namespace {

constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

std::optional<std::time_t> unixFromFields(int year, int month, int day, int hour, int minute, int second) {
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    const std::time_t t = timegm(&tm);
    if (t == static_cast<std::time_t>(-1)) return std::nullopt;
    return t;
}

// t + d, saturated at the ends of the range.
TimePoint saturatingAdd(TimePoint t, TimePoint::duration d) noexcept {
    TimePoint::rep sum = 0;
    if (__builtin_add_overflow(t.time_since_epoch().count(), d.count(), &sum))
        return d.count() > 0 ? TimePoint::max() : TimePoint::min();
    return TimePoint(TimePoint::duration(sum));
}

std::tm toTm(TimePoint t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    return tm;
}

} // namespace

TimePoint fromUnixSeconds(std::int64_t seconds) noexcept {
    return addSeconds(TimePoint{}, seconds);
}

TimePoint addSeconds(TimePoint t, std::int64_t seconds) noexcept {
    using Ticks = TimePoint::duration;
    constexpr Ticks::rep kTicksPerSecond = std::chrono::duration_cast<Ticks>(std::chrono::seconds(1)).count();
    Ticks::rep delta = 0;
    if (__builtin_mul_overflow(seconds, kTicksPerSecond, &delta))
        return seconds > 0 ? TimePoint::max() : TimePoint::min();
    return saturatingAdd(t, Ticks(delta));
}

std::optional<std::int64_t> wholeSeconds(double value) noexcept {
    // 2^63 is exactly representable; anything at or past it (or NaN) does not fit.
    constexpr double kLimit = 9223372036854775808.0;
    if (!(value > -kLimit && value < kLimit)) return std::nullopt;
    return static_cast<std::int64_t>(std::trunc(value));
}

std::string formatRfc1123(TimePoint t) {
    const std::tm tm = toTm(t);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday], tm.tm_mday,
                  kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

std::optional<TimePoint> parseRfc1123(std::string_view s) {
    // "Sun, 06 Nov 1994 08:49:37 GMT"
    if (s.size() != 29 || s[3] != ',' || s.substr(26) != "GMT") return std::nullopt;
    int day = 0, year = 0, hour = 0, minute = 0, second = 0;
    if (!digits(s, 5, 2, day) || !digits(s, 12, 4, year) || !digits(s, 17, 2, hour) ||
        !digits(s, 20, 2, minute) || !digits(s, 23, 2, second) || s[19] != ':' || s[22] != ':')
        return std::nullopt;
    const auto mon = s.substr(8, 3);
    for (int m = 0; m < 12; ++m)
        if (mon == kMonths[static_cast<std::size_t>(m)])
            if (const auto t = unixFromFields(year, m + 1, day, hour, minute, second))
                return fromUnixSeconds(*t);
    return std::nullopt;
}

std::string formatIso8601(TimePoint t) {
    const std::tm tm = toTm(t);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
    char buf[96];
    if (ms != 0)
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                      tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    else
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                      tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

std::optional<TimePoint> parseIso8601(std::string_view s) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(s, 0, 4, year) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, month) || s[7] != '-' ||
        !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, hour) ||
        s[13] != ':' || !digits(s, 14, 2, minute) || s[16] != ':' || !digits(s, 17, 2, second))
        return std::nullopt;
    std::size_t pos = 19;
    std::chrono::nanoseconds fraction{0};
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        long long scale = 100'000'000, ns = 0;
        const std::size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            ns += (s[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start) return std::nullopt;
        fraction = std::chrono::nanoseconds(ns);
    }
    std::chrono::minutes offset{0};
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh = 0, om = 0;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, om))
            return std::nullopt;
        offset = std::chrono::minutes(oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    }
    if (pos != s.size()) return std::nullopt;
    const auto base = unixFromFields(year, month, day, hour, minute, second);
    if (!base) return std::nullopt;
    const auto offsetSeconds = std::chrono::duration_cast<std::chrono::seconds>(offset).count();
    return saturatingAdd(fromUnixSeconds(*base - offsetSeconds),
                         std::chrono::duration_cast<TimePoint::duration>(fraction));
}

} // namespace kvb::detail
