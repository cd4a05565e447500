// SPDX-License-Identifier: MIT
#include "kv_test_util.hpp"

#include <set>
#include <stdexcept>

using namespace kvtest;

TEST_SUITE("emulator::keyvault secrets") {

    TEST_CASE("set, get, update and version a secret") {
        emu::KeyVaultService svc;
        auto r1 = call(
            svc, "PUT", "/secrets/db-password",
            R"({"value":"s3cret","contentType":"text/plain","tags":{"env":"test"},"attributes":{"exp":4102444800}})");
        REQUIRE(r1.status == 200);
        CHECK(r1.body.str("value") == "s3cret");
        CHECK(r1.body.str("contentType") == "text/plain");
        std::string id1 = *r1.body.str("id");
        CHECK(id1.rfind(kBase + "/secrets/db-password/", 0) == 0);
        CHECK(id1.size() == kBase.size() + std::string("/secrets/db-password/").size() + 32);
        const Json& attrs = r1.body["attributes"];
        CHECK(attrs.boolean("enabled") == true);
        CHECK(attrs.integer("exp") == 4102444800);
        CHECK(attrs.integer("created") == attrs.integer("updated"));
        CHECK(attrs.str("recoveryLevel") == "Recoverable+Purgeable");
        CHECK(attrs.integer("recoverableDays") == 90);
        CHECK(r1.body["tags"].str("env") == "test");

        auto r2 = call(svc, "PUT", "/secrets/db-password", R"({"value":"second"})");
        REQUIRE(r2.status == 200);
        CHECK(r2.body.str("id") != id1);

        auto latest = call(svc, "GET", "/secrets/db-password/");
        CHECK(latest.status == 200);
        CHECK(latest.body.str("value") == "second");
        std::string v1 = id1.substr(id1.rfind('/') + 1);
        auto old = call(svc, "GET", "/secrets/db-password/" + v1);
        CHECK(old.body.str("value") == "s3cret");

        auto upd =
            call(svc, "PATCH", "/secrets/db-password/" + v1,
                 R"({"contentType":"application/json","tags":{"a":"b"},"attributes":{"enabled":false}})");
        REQUIRE(upd.status == 200);
        CHECK_FALSE(upd.body.has("value"));
        CHECK(upd.body.str("contentType") == "application/json");
        CHECK(upd.body["attributes"].boolean("enabled") == false);

        auto disabled = call(svc, "GET", "/secrets/db-password/" + v1);
        CHECK(disabled.status == 403);
        CHECK(disabled.errorCode() == "Forbidden");
        CHECK(disabled.body["error"]["innererror"].str("code") == "SecretDisabled");

        auto versions = call(svc, "GET", "/secrets/db-password/versions");
        REQUIRE(versions.status == 200);
        CHECK(versions.body["value"].asArray().size() == 2);
        for (const auto& item : versions.body["value"].asArray()) CHECK_FALSE(item.has("value"));
    }

    TEST_CASE("secret errors have the service's codes") {
        emu::KeyVaultService svc;
        auto missing = call(svc, "GET", "/secrets/nothing-here/");
        CHECK(missing.status == 404);
        CHECK(missing.errorCode() == "SecretNotFound");
        CHECK(missing.body["error"].str("message")->find("nothing-here") != std::string::npos);

        CHECK(call(svc, "PUT", "/secrets/bad_name", R"({"value":"x"})").errorCode() == "BadParameter");
        CHECK(call(svc, "PUT", "/secrets/" + std::string(128, 'a'), R"({"value":"x"})").status == 400);
        CHECK(call(svc, "PUT", "/secrets/ok", R"({"value":)").status == 400);
        CHECK(call(svc, "PUT", "/secrets/ok", R"({"contentType":"x"})").status == 400);
        CHECK(call(svc, "PUT", "/secrets/ok", R"({"value":"x","tags":{"a":1}})").status == 400);
        CHECK(call(svc, "GET", "/secrets?api-version=7.0").errorCode() == "BadParameter");
        CHECK(call(svc, "GET", "/secrets?api-version=7.5").status == 200);
        CHECK(call(svc, "GET", "/secrets?api-version=2025-07-01").status == 200);
        CHECK(call(svc, "POST", "/secrets").status == 405);
        CHECK(call(svc, "GET", "/nowhere").status == 404);
        // A rejected request leaves no trace.
        CHECK(call(svc, "GET", "/secrets/ok/").status == 404);
    }

    TEST_CASE("soft delete, recover and purge") {
        emu::KeyVaultService svc;
        REQUIRE(call(svc, "PUT", "/secrets/gone", R"({"value":"v"})").status == 200);
        auto del = call(svc, "DELETE", "/secrets/gone");
        REQUIRE(del.status == 200);
        CHECK(del.body.str("recoveryId") == kBase + "/deletedsecrets/gone");
        CHECK(del.body.integer("scheduledPurgeDate") == *del.body.integer("deletedDate") + 90 * 86400);
        CHECK_FALSE(del.body.has("value"));

        CHECK(call(svc, "GET", "/secrets/gone/").status == 404);
        auto reuse = call(svc, "PUT", "/secrets/gone", R"({"value":"again"})");
        CHECK(reuse.status == 409);
        CHECK(reuse.body["error"]["innererror"].str("code") == "ObjectIsDeletedButRecoverable");

        auto listed = call(svc, "GET", "/deletedsecrets");
        REQUIRE(listed.body["value"].asArray().size() == 1);
        CHECK(listed.body["value"].asArray()[0].str("recoveryId") == kBase + "/deletedsecrets/gone");
        CHECK(call(svc, "GET", "/deletedsecrets/gone").status == 200);

        auto rec = call(svc, "POST", "/deletedsecrets/gone/recover");
        REQUIRE(rec.status == 200);
        CHECK(call(svc, "GET", "/secrets/gone/").body.str("value") == "v");
        CHECK(call(svc, "GET", "/deletedsecrets/gone").errorCode() == "SecretNotFound");

        REQUIRE(call(svc, "DELETE", "/secrets/gone").status == 200);
        auto purge = call(svc, "DELETE", "/deletedsecrets/gone");
        CHECK(purge.status == 204);
        CHECK(purge.raw.empty());
        CHECK(call(svc, "DELETE", "/deletedsecrets/gone").status == 404);
        CHECK(call(svc, "PUT", "/secrets/gone", R"({"value":"new"})").status == 200);
    }

    TEST_CASE("softDeleteDelayMs: a delete and a recovery show only after the delay") {
        emu::KeyVaultService svc;
        // Long enough that the calls right after the request cannot miss the window.
        svc.setConfig({.certificateCreateDelayMs = 300, .defaultMaxResults = 25, .softDeleteDelayMs = 1500});
        REQUIRE(call(svc, "PUT", "/secrets/slow", R"({"value":"v"})").status == 200);
        REQUIRE(call(svc, "DELETE", "/secrets/slow").status == 200);
        CHECK(call(svc, "GET", "/secrets/slow/").status == 404);
        CHECK(call(svc, "GET", "/deletedsecrets/slow").errorCode() == "SecretNotFound");
        CHECK(call(svc, "GET", "/deletedsecrets").body["value"].asArray().empty());
        CHECK(call(svc, "POST", "/deletedsecrets/slow/recover").status == 404);
        CHECK(call(svc, "PUT", "/secrets/slow", R"({"value":"w"})").status == 409);
        CHECK(getOnceThere(svc, "/deletedsecrets/slow").status == 200);

        REQUIRE(call(svc, "POST", "/deletedsecrets/slow/recover").status == 200);
        CHECK(call(svc, "GET", "/secrets/slow/").status == 404);
        CHECK(call(svc, "GET", "/secrets").body["value"].asArray().empty());
        CHECK(call(svc, "GET", "/deletedsecrets/slow").status == 404);
        CHECK(getOnceThere(svc, "/secrets/slow/").body.str("value") == "v");
    }

    TEST_CASE("listing pages with maxresults and nextLink") {
        emu::KeyVaultService svc;
        for (int i = 0; i < 7; ++i)
            REQUIRE(call(svc, "PUT", "/secrets/s" + std::to_string(i), R"({"value":"x","contentType":"c"})")
                        .status == 200);
        std::vector<std::string> ids;
        const auto pages = allPages(svc, "/secrets?maxresults=3");
        for (const auto& r : pages) {
            REQUIRE(r.status == 200);
            for (const auto& item : r.body["value"].asArray()) {
                CHECK_FALSE(item.has("value"));
                CHECK(item.str("contentType") == "c");
                ids.push_back(*item.str("id"));
            }
            const Json* link = r.body.find("nextLink");
            if (link != nullptr && link->isString()) {
                CHECK(link->asString().find("api-version=2026-04-01") != std::string::npos);
                CHECK(link->asString().find("maxresults=3") != std::string::npos);
                CHECK(link->asString().find("$skiptoken=") != std::string::npos);
            }
        }
        CHECK(pages.size() == 3);
        REQUIRE(ids.size() == 7);
        CHECK(ids[0] == kBase + "/secrets/s0");
        CHECK(ids[6] == kBase + "/secrets/s6");
        CHECK(call(svc, "GET", "/secrets?maxresults=0").status == 400);
        CHECK(call(svc, "GET", "/secrets?maxresults=26").status == 400);
    }

    TEST_CASE("seedSecrets creates many secrets at once; paging walks them all, once each") {
        emu::KeyVaultService svc;
        svc.seedSecrets("testvault", "bulk-", 60, "seeded");
        CHECK(call(svc, "GET", "/secrets/bulk-59/").body.str("value") == "seeded");
        std::set<std::string> ids;
        const auto pages = allPages(svc, "/secrets?maxresults=25");
        for (const auto& page : pages) {
            REQUIRE(page.status == 200);
            for (const auto& item : page.body["value"].asArray()) ids.insert(*item.str("id"));
        }
        CHECK(pages.size() == 3);
        CHECK(ids.size() == 60);
        CHECK(ids.count(kBase + "/secrets/bulk-0") == 1);
        CHECK_THROWS_AS(svc.seedSecrets("testvault", "bad_name", 1, "x"), std::invalid_argument);
        CHECK_THROWS_AS(svc.seedSecrets("testvault", "ok-", 0, "x"), std::invalid_argument);
    }

    TEST_CASE("backup and restore, with tampering detected") {
        emu::KeyVaultService svc;
        REQUIRE(call(svc, "PUT", "/secrets/saved", R"({"value":"keep me","tags":{"t":"1"}})").status == 200);
        auto backup = call(svc, "POST", "/secrets/saved/backup");
        REQUIRE(backup.status == 200);
        std::string blob = *backup.body.str("value");
        CHECK(blob.find("keep me") == std::string::npos);

        CHECK(call(svc, "POST", "/secrets/restore", Json(Json::Object{{"value", blob}}).dump()).status ==
              409);
        REQUIRE(call(svc, "DELETE", "/secrets/saved").status == 200);
        REQUIRE(call(svc, "DELETE", "/deletedsecrets/saved").status == 204);

        std::string tampered = blob;
        tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
        auto bad = call(svc, "POST", "/secrets/restore", Json(Json::Object{{"value", tampered}}).dump());
        CHECK(bad.status == 400);
        CHECK(bad.errorCode() == "BadParameter");
        CHECK(call(svc, "GET", "/secrets/saved/").status == 404);

        auto restored = call(svc, "POST", "/secrets/restore", Json(Json::Object{{"value", blob}}).dump());
        REQUIRE(restored.status == 200);
        CHECK(restored.body["tags"].str("t") == "1");
        CHECK(call(svc, "GET", "/secrets/saved/").body.str("value") == "keep me");
    }

    TEST_CASE("state survives saveState and loadState") {
        emu::KeyVaultService a;
        REQUIRE(call(a, "PUT", "/secrets/persisted", R"({"value":"v1"})").status == 200);
        REQUIRE(call(a, "PUT", "/secrets/deleted-one", R"({"value":"v2"})").status == 200);
        REQUIRE(call(a, "DELETE", "/secrets/deleted-one").status == 200);
        emu::KeyVaultService b;
        b.loadState(a.saveState());
        CHECK(call(b, "GET", "/secrets/persisted/").body.str("value") == "v1");
        CHECK(call(b, "GET", "/deletedsecrets/deleted-one").status == 200);
        b.reset();
        CHECK(call(b, "GET", "/secrets/persisted/").status == 404);
    }
}
