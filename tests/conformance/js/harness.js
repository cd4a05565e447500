// SPDX-License-Identifier: MIT
// One line per check, "ok - NAME" or "FAIL - NAME: why", and a count at the end. A failure's
// reason is the SDK error's name, code and status (and its message, which for the Key Vault and
// Entra errors the emulator sends carries no secret): never a value the check handled.
"use strict";

const assert = require("node:assert/strict");

class Checks {
  constructor() {
    this.passed = 0;
    this.failed = 0;
  }

  /** Run @p body (async); a throw or a failed assertion fails the check. */
  async run(name, body) {
    try {
      await body();
      this.passed += 1;
      console.log(`ok - ${name}`);
    } catch (e) {
      this.failed += 1;
      console.log(`FAIL - ${name}: ${describe(e)}`);
    }
  }

  /** The closing line test runners read ("N passed, N failed"). */
  summary() {
    console.log(`${this.passed} passed, ${this.failed} failed`);
    return this.failed === 0;
  }
}

function describe(e) {
  if (!(e instanceof Error)) return String(e);
  const parts = [e.name];
  if (e.code) parts.push(`code ${e.code}`);
  if (e.statusCode) parts.push(`status ${e.statusCode}`);
  // The request the service refused: method and path (names, never values).
  if (e.request && e.request.url) parts.push(`${e.request.method} ${new URL(e.request.url).pathname}`);
  if (e.code === "ERR_ASSERTION" && e.generatedMessage) {
    // node's own assertion text quotes the values compared, which may be secret.
    parts.push("assertion failed");
  } else {
    // Checks' assertion messages name no value; SDK messages are the service's text (or the
    // SDK's own), and their first line is enough.
    parts.push(String(e.message).split("\n")[0].slice(0, 300));
  }
  return parts.join(", ");
}

/** Poll @p fn until it resolves, for soft-delete states that show after a moment. */
async function eventually(fn, { tries = 40, delayMs = 250 } = {}) {
  let last;
  for (let i = 0; i < tries; i += 1) {
    try {
      return await fn();
    } catch (e) {
      last = e;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  throw last;
}

/** An async iterable collected into an array. */
async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

module.exports = { Checks, assert, eventually, collect };
