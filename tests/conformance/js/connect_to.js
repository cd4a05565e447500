// SPDX-License-Identifier: MIT
// curl's --connect-to for the Azure SDK: every connection goes to the emulator on 127.0.0.1:PORT
// while the request keeps its real URL and Host header, and TLS keeps its real name (SNI and
// certificate verification against e.g. myvault.vault.localhost, with NODE_EXTRA_CA_CERTS
// trusting the emulator's CA). It plugs in through the SDK's public pipeline options
// (additionalPolicies), so the SDK itself runs unmodified; mapping every host also means
// nothing the SDK sends can leave loopback.
"use strict";

const https = require("node:https");

class ConnectToAgent extends https.Agent {
  constructor(port) {
    super({ keepAlive: true });
    this.emulatorPort = port;
  }

  createConnection(options, callback) {
    const name = options.servername || options.host;
    return super.createConnection({ ...options, host: "127.0.0.1", port: this.emulatorPort, servername: name },
                                  callback);
  }
}

/** A pipeline policy that sends each request through one ConnectToAgent for @p port. */
function connectToPolicy(port) {
  const agent = new ConnectToAgent(port);
  return {
    name: "kvbridgeConnectTo",
    sendRequest(request, next) {
      if (!request.url.startsWith("https://")) {
        throw new Error(`refusing a non-HTTPS request to ${new URL(request.url).host}`);
      }
      request.agent = agent;
      return next(request);
    },
  };
}

/** Client options for every SDK client and credential of the suite. */
function clientOptions(port, extra = {}) {
  return { additionalPolicies: [{ policy: connectToPolicy(port), position: "perCall" }], ...extra };
}

module.exports = { clientOptions };
