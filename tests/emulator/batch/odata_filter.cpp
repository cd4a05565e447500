// SPDX-License-Identifier: MIT
#include "odata_filter.hpp"

#include <cctype>
#include <set>
#include <stdexcept>
#include <vector>

namespace emu {

struct ODataFilter::Node {
    enum class Kind { And, Or, Not, Compare, StartsWith } kind = Kind::Compare;
    std::unique_ptr<Node> left, right;
    std::string op;       // eq ne gt ge lt le
    std::string property; // "a/b"
    enum class Lit { String, Number, Bool, Null } litKind = Lit::String;
    std::string text;
    double number = 0;
    bool boolean = false;
};

namespace {

using Node = ODataFilter::Node;

struct Token {
    enum class Type { Word, String, Number, LParen, RParen, Comma, End } type = Type::End;
    std::string text;
};

std::vector<Token> tokenize(const std::string& s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (c == '(') {
            out.push_back({Token::Type::LParen, "("});
            ++i;
        } else if (c == ')') {
            out.push_back({Token::Type::RParen, ")"});
            ++i;
        } else if (c == ',') {
            out.push_back({Token::Type::Comma, ","});
            ++i;
        } else if (c == '\'') {
            std::string text;
            ++i;
            bool closed = false;
            while (i < s.size()) {
                if (s[i] == '\'') {
                    if (i + 1 < s.size() && s[i + 1] == '\'') {
                        text += '\'';
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                text += s[i++];
            }
            if (!closed) throw std::invalid_argument("unterminated string literal");
            out.push_back({Token::Type::String, text});
        } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') {
            std::size_t j = i + 1;
            while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
            out.push_back({Token::Type::Number, s.substr(i, j - i)});
            i = j;
        } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$') {
            std::size_t j = i + 1;
            while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' ||
                                    s[j] == '/' || s[j] == '.')) {
                ++j;
            }
            out.push_back({Token::Type::Word, s.substr(i, j - i)});
            i = j;
        } else {
            throw std::invalid_argument(std::string("unexpected character '") + c + "'");
        }
    }
    out.push_back({Token::Type::End, ""});
    return out;
}

class Parser {
public:
    explicit Parser(std::vector<Token> t) : tokens_(std::move(t)) {}

    std::unique_ptr<Node> parse() {
        auto n = parseOr();
        if (peek().type != Token::Type::End) throw std::invalid_argument("unexpected '" + peek().text + "'");
        return n;
    }

private:
    const Token& peek() const { return tokens_[pos_]; }
    Token next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
    bool isWord(const char* w) const { return peek().type == Token::Type::Word && peek().text == w; }
    void expect(Token::Type t, const char* what) {
        if (next().type != t) throw std::invalid_argument(std::string("expected ") + what);
    }

    std::unique_ptr<Node> binary(Node::Kind kind, std::unique_ptr<Node> l, std::unique_ptr<Node> r) {
        auto n = std::make_unique<Node>();
        n->kind = kind;
        n->left = std::move(l);
        n->right = std::move(r);
        return n;
    }

    std::unique_ptr<Node> parseOr() {
        auto n = parseAnd();
        while (isWord("or")) {
            next();
            n = binary(Node::Kind::Or, std::move(n), parseAnd());
        }
        return n;
    }

    std::unique_ptr<Node> parseAnd() {
        auto n = parseUnary();
        while (isWord("and")) {
            next();
            n = binary(Node::Kind::And, std::move(n), parseUnary());
        }
        return n;
    }

    void literal(Node& n) {
        const Token t = next();
        if (t.type == Token::Type::String) {
            n.litKind = Node::Lit::String;
            n.text = t.text;
        } else if (t.type == Token::Type::Number) {
            n.litKind = Node::Lit::Number;
            n.number = std::stod(t.text);
        } else if (t.type == Token::Type::Word && (t.text == "true" || t.text == "false")) {
            n.litKind = Node::Lit::Bool;
            n.boolean = t.text == "true";
        } else if (t.type == Token::Type::Word && t.text == "null") {
            n.litKind = Node::Lit::Null;
        } else {
            throw std::invalid_argument("expected a literal");
        }
    }

    std::unique_ptr<Node> parseUnary() {
        if (isWord("not")) {
            next();
            auto n = std::make_unique<Node>();
            n->kind = Node::Kind::Not;
            n->left = parseUnary();
            return n;
        }
        if (peek().type == Token::Type::LParen) {
            next();
            auto n = parseOr();
            expect(Token::Type::RParen, "')'");
            return n;
        }
        if (isWord("startswith")) {
            next();
            auto n = std::make_unique<Node>();
            n->kind = Node::Kind::StartsWith;
            expect(Token::Type::LParen, "'('");
            const Token prop = next();
            if (prop.type != Token::Type::Word) throw std::invalid_argument("expected a property");
            n->property = prop.text;
            expect(Token::Type::Comma, "','");
            literal(*n);
            if (n->litKind != Node::Lit::String) throw std::invalid_argument("startswith needs a string");
            expect(Token::Type::RParen, "')'");
            return n;
        }
        const Token prop = next();
        if (prop.type != Token::Type::Word) throw std::invalid_argument("expected a property name");
        const Token op = next();
        static const std::set<std::string> kOps = {"eq", "ne", "gt", "ge", "lt", "le"};
        if (op.type != Token::Type::Word || kOps.count(op.text) == 0) {
            throw std::invalid_argument("expected a comparison operator after '" + prop.text + "'");
        }
        auto n = std::make_unique<Node>();
        n->kind = Node::Kind::Compare;
        n->property = prop.text;
        n->op = op.text;
        literal(*n);
        return n;
    }

    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
};

const JsonValue* lookup(const JsonValue& entity, const std::string& path) {
    const JsonValue* cur = &entity;
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        const std::string part = path.substr(start, slash == std::string::npos ? slash : slash - start);
        if (!cur->IsObject()) return nullptr;
        auto it = cur->FindMember(part.c_str());
        if (it == cur->MemberEnd()) return nullptr;
        cur = &it->value;
        if (slash == std::string::npos) return cur;
        start = slash + 1;
    }
}

template <typename T>
bool compare(const std::string& op, const T& a, const T& b) {
    if (op == "eq") return a == b;
    if (op == "ne") return !(a == b);
    if (op == "gt") return a > b;
    if (op == "ge") return a >= b;
    if (op == "lt") return a < b;
    return a <= b;
}

bool eval(const Node& n, const JsonValue& e) {
    switch (n.kind) {
    case Node::Kind::And: return eval(*n.left, e) && eval(*n.right, e);
    case Node::Kind::Or: return eval(*n.left, e) || eval(*n.right, e);
    case Node::Kind::Not: return !eval(*n.left, e);
    case Node::Kind::StartsWith: {
        const JsonValue* v = lookup(e, n.property);
        return v && v->IsString() && std::string(v->GetString()).rfind(n.text, 0) == 0;
    }
    case Node::Kind::Compare: break;
    }
    const JsonValue* v = lookup(e, n.property);
    if (n.litKind == Node::Lit::Null) return compare(n.op, v == nullptr || v->IsNull(), true);
    if (v == nullptr) return n.op == "ne";
    switch (n.litKind) {
    case Node::Lit::String:
        return v->IsString() && compare(n.op, std::string(v->GetString(), v->GetStringLength()), n.text);
    case Node::Lit::Number: return v->IsNumber() && compare(n.op, v->GetDouble(), n.number);
    case Node::Lit::Bool: return v->IsBool() && compare(n.op, v->GetBool(), n.boolean);
    case Node::Lit::Null: break;
    }
    return false;
}

} // namespace

ODataFilter::ODataFilter(const std::string& text) : root_(Parser(tokenize(text)).parse()) {}
ODataFilter::~ODataFilter() = default;
ODataFilter::ODataFilter(ODataFilter&&) noexcept = default;
ODataFilter& ODataFilter::operator=(ODataFilter&&) noexcept = default;

bool ODataFilter::matches(const JsonValue& entity) const {
    return eval(*root_, entity);
}

std::unique_ptr<JsonDoc> applySelect(const JsonValue& entity, const std::string& select) {
    std::set<std::string> keep;
    std::size_t start = 0;
    while (start <= select.size()) {
        std::size_t comma = select.find(',', start);
        if (comma == std::string::npos) comma = select.size();
        std::string name = select.substr(start, comma - start);
        while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.erase(0, 1);
        while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
        if (!name.empty()) keep.insert(name);
        start = comma + 1;
    }
    auto doc = std::make_unique<JsonDoc>();
    doc->SetObject();
    for (const auto& m : entity.GetObject()) {
        if (keep.count(m.name.GetString())) {
            doc->AddMember(JsonValue(m.name, doc->GetAllocator()), JsonValue(m.value, doc->GetAllocator()),
                           doc->GetAllocator());
        }
    }
    return doc;
}

} // namespace emu
