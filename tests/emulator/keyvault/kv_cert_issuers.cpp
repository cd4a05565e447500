// SPDX-License-Identifier: MIT
// Certificate issuers (/certificates/issuers) and contacts (/certificates/contacts).
#include "kv_cert_store.hpp"

namespace emu::kv {

namespace {

Json issuerView(const Ctx& ctx, const std::string& name, const Json& stored) {
    Json out = publicView(stored);
    out["id"] = ctx.base + "/certificates/issuers/" + name;
    if (Json* cred = out.find("credentials")) cred->erase("pwd");
    return out;
}

[[noreturn]] void issuerNotFound(const std::string& name) {
    throw KvError(404, "CertificateIssuerNotFound", "Issuer not found: " + name);
}

void mergeIssuer(Json& stored, const Json& body, bool requireProvider) {
    const Json* provider = body.find("provider");
    if (provider != nullptr && !provider->isNull()) {
        if (!provider->isString() || provider->asString().empty())
            badParameter("The parameter 'provider' must be a string.");
        stored["provider"] = provider->asString();
    } else if (requireProvider) {
        badParameter("The parameter 'provider' is required.");
    }
    for (const char* f : {"credentials", "org_details"}) {
        const Json* j = body.find(f);
        if (j == nullptr || j->isNull()) continue;
        if (!j->isObject()) badParameter(std::string("The parameter '") + f + "' must be an object.");
        stored[f] = *j;
    }
    Json attrs = stored.has("attributes") ? stored["attributes"] : newAttributes(nullptr, false);
    patchAttributes(attrs, body.find("attributes"));
    stored["attributes"] = attrs;
}

} // namespace

HttpReply handleIssuers(Ctx& ctx) {
    const auto& s = ctx.segs;
    const std::string& m = ctx.req.method;
    auto& issuers = ctx.vault.issuers;
    if (s.size() == 2) {
        if (m != "GET") noRoute(true);
        std::vector<Json> items;
        for (const auto& [name, stored] : issuers) {
            Json item = Json::object();
            item["id"] = ctx.base + "/certificates/issuers/" + name;
            item["provider"] = stored["provider"];
            items.push_back(item);
        }
        return jsonReply(page(ctx, items));
    }
    if (s.size() != 3) noRoute(false);
    const std::string& name = s[2];
    requireName(name);
    auto it = issuers.find(name);
    if (m == "PUT") {
        Json stored = Json::object();
        mergeIssuer(stored, ctx.body(), true);
        issuers[name] = stored;
        return jsonReply(issuerView(ctx, name, stored));
    }
    if (m != "GET" && m != "PATCH" && m != "DELETE") noRoute(true);
    if (it == issuers.end()) issuerNotFound(name);
    if (m == "PATCH") mergeIssuer(it->second, ctx.body(), false);
    Json out = issuerView(ctx, it->first, it->second);
    if (m == "DELETE") issuers.erase(it);
    return jsonReply(out);
}

HttpReply handleContacts(Ctx& ctx) {
    const std::string& m = ctx.req.method;
    Json& contacts = ctx.vault.contacts;
    auto view = [&] {
        Json out = Json::object();
        out["id"] = ctx.base + "/certificates/contacts";
        out["contacts"] = contacts["contacts"];
        return out;
    };
    if (m == "PUT") {
        const Json* list = ctx.body().find("contacts");
        if (list == nullptr || !list->isArray()) badParameter("The parameter 'contacts' must be an array.");
        for (const auto& c : list->asArray()) {
            if (!c.isObject()) badParameter("Each contact must be an object.");
            for (const auto& [k, v] : c.asObject())
                if (!v.isString()) badParameter("The contact member '" + k + "' must be a string.");
        }
        contacts = Json::object();
        contacts["contacts"] = *list;
        return jsonReply(view());
    }
    if (m != "GET" && m != "DELETE") noRoute(true);
    if (contacts.isNull()) throw KvError(404, "ContactsNotFound", "Contacts not found.");
    Json out = view();
    if (m == "DELETE") contacts = Json();
    return jsonReply(out);
}

} // namespace emu::kv
