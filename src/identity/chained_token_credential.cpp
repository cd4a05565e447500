// SPDX-License-Identifier: MIT
#include <kvbridge/identity/chained_token_credential.hpp>

#include <kvbridge/error.hpp>
#include <kvbridge/log.hpp>

namespace kvb::identity {

ChainedTokenCredential::ChainedTokenCredential(std::vector<std::shared_ptr<const TokenCredential>> sources)
    : sources_(std::move(sources)) {
    if (sources_.empty()) throw InvalidArgument("ChainedTokenCredential: no credentials given");
    for (const auto& s : sources_)
        if (!s) throw InvalidArgument("ChainedTokenCredential: a credential is null");
}

ChainedTokenCredential::~ChainedTokenCredential() = default;

AccessToken ChainedTokenCredential::getToken(const TokenRequestContext& request,
                                             const Context& context) const {
    const int remembered = selected_.load();
    if (remembered >= 0) return sources_[static_cast<std::size_t>(remembered)]->getToken(request, context);
    std::string reasons;
    for (std::size_t i = 0; i < sources_.size(); ++i) {
        try {
            AccessToken token = sources_[i]->getToken(request, context);
            selected_ = static_cast<int>(i);
            if (shouldLog(LogLevel::Informational))
                log(LogLevel::Informational, name() + ": using " + sources_[i]->name());
            return token;
        } catch (const AuthenticationError& e) {
            reasons += "\n  " + sources_[i]->name() + ": " + e.what();
        } catch (const InvalidArgument& e) {
            reasons += "\n  " + sources_[i]->name() + ": " + e.what();
        }
    }
    throw AuthenticationError(name() + ": no credential could get a token:" + reasons);
}

std::string ChainedTokenCredential::name() const {
    return "ChainedTokenCredential";
}

std::string ChainedTokenCredential::selectedCredential() const {
    const int i = selected_.load();
    return i < 0 ? std::string() : sources_[static_cast<std::size_t>(i)]->name();
}

} // namespace kvb::identity
