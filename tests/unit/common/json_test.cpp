// SPDX-License-Identifier: MIT
#include <doctest/doctest.h>

#include "core/json.hpp"

using namespace kvb;
using namespace kvb::detail;

TEST_SUITE("detail::json") {
    TEST_CASE("reads typed fields and names the field on a type mismatch") {
        auto doc =
            parseJson(R"({"s":"x","n":5,"b":true,"t":1700000000,"tags":{"a":"1"},"arr":["p","q"]})", "doc");
        CHECK(requireString(doc, "s") == "x");
        CHECK(optInt(doc, "n") == 5);
        CHECK(optBool(doc, "b") == true);
        CHECK(optUnixTime(doc, "t")->time_since_epoch() == std::chrono::seconds(1700000000));
        CHECK(optStringMap(doc, "tags").at("a") == "1");
        CHECK(optStringArray(doc, "arr").size() == 2);
        CHECK_FALSE(optString(doc, "missing").has_value());
        CHECK_THROWS_WITH_AS(optString(doc, "n"), "JSON field 'n' is not a string", ParseError);
        CHECK_THROWS_WITH_AS(requireString(doc, "missing"), "JSON field 'missing' is missing", ParseError);
        CHECK_THROWS_AS(optBool(doc, "s"), ParseError);
        CHECK_THROWS_AS(optStringMap(doc, "arr"), ParseError);
    }

    TEST_CASE("malformed, empty and truncated bodies are ParseErrors") {
        CHECK_THROWS_AS(parseJson("", "body"), ParseError);
        CHECK_THROWS_AS(parseJson("{\"a\":", "body"), ParseError);
        CHECK_THROWS_AS(parseJson("not json", "body"), ParseError);
        CHECK_THROWS_AS(requireObject(parseJson("[1]", "body"), "body"), ParseError);
    }

    TEST_CASE("null members read as absent") {
        auto doc = parseJson(R"({"a":null})", "doc");
        CHECK_FALSE(optString(doc, "a").has_value());
    }

    TEST_CASE("writer produces compact JSON with maps, arrays and optional members") {
        JsonWriter w;
        std::optional<std::string> none;
        w.startObject()
            .member("value", "v\"q")
            .member("n", 3)
            .member("flag", false)
            .member("skip", none)
            .member("tags", std::map<std::string, std::string>{{"k", "v"}})
            .member("ops", std::vector<std::string>{"sign"})
            .endObject();
        CHECK(w.str() == R"({"value":"v\"q","n":3,"flag":false,"tags":{"k":"v"},"ops":["sign"]})");
    }
}
