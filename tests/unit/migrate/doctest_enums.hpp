// SPDX-License-Identifier: MIT
#pragma once

// Lets doctest print the migration enums in failed assertions.

#include <kvbridge/migrate/models.hpp>
#include <kvbridge/migrate/pool_guidance.hpp>

#include <doctest/doctest.h>

namespace doctest {
template <>
struct StringMaker<kvb::migrate::PlanAction> {
    static String convert(kvb::migrate::PlanAction a) { return kvb::migrate::toText(a); }
};
template <>
struct StringMaker<kvb::migrate::StepResult> {
    static String convert(kvb::migrate::StepResult r) { return kvb::migrate::toText(r); }
};
template <>
struct StringMaker<kvb::migrate::KeyFileProblem> {
    static String convert(kvb::migrate::KeyFileProblem p) { return kvb::migrate::toText(p); }
};
template <>
struct StringMaker<kvb::migrate::PoolOs> {
    static String convert(kvb::migrate::PoolOs os) {
        return os == kvb::migrate::PoolOs::Linux ? "Linux" : "Windows";
    }
};
} // namespace doctest
