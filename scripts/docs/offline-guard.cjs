// Preloaded (`node --require`) into every process of `npm run docs`: a connection or DNS lookup to anything
// but loopback is refused and written to the file named by HOPX_OFFLINE_LOG, so the build proves that it
// needs no network (no telemetry, no update check, no CDN). HOPX_OFFLINE_GUARD=all refuses loopback too
// connections (the guard's own test uses it to see a refusal without sending anything off the machine).
"use strict";
const dns = require("node:dns");
const fs = require("node:fs");
const net = require("node:net");

const log = process.env.HOPX_OFFLINE_LOG;
const refuseAll = process.env.HOPX_OFFLINE_GUARD === "all";

function isLoopback(host) {
  if (host === undefined || host === null || host === "") return true; // Node's default host is localhost
  const name = String(host)
    .replace(/^\[|\]$/g, "")
    .toLowerCase();
  return name === "localhost" || name === "::1" || /^127\.\d+\.\d+\.\d+$/.test(name) || name === "::ffff:127.0.0.1";
}

function refused(what, host, port) {
  if (isLoopback(host) && !(refuseAll && what === "connect")) return undefined;
  const target = port === undefined ? String(host) : `${host ?? "localhost"}:${port}`;
  const line = `${process.pid} ${what} ${target}\n`;
  if (log) fs.appendFileSync(log, line);
  const error = new Error(`offline guard: ${what} ${target} refused (the docs build must not use the network)`);
  error.code = "ECONNREFUSED";
  return error;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === "object" && first !== null ? first : { port: first, host: args[1] };
  if (!options.path) {
    const error = refused("connect", options.host, options.port);
    if (error) {
      process.nextTick(() => this.destroy(error));
      return this;
    }
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, options, callback) {
  const done = typeof options === "function" ? options : callback;
  const error = refused("lookup", hostname);
  if (error) return process.nextTick(() => done(error));
  return lookup.call(this, hostname, options, callback);
};
const lookupPromise = dns.promises.lookup;
dns.promises.lookup = function guardedLookupPromise(hostname, options) {
  const error = refused("lookup", hostname);
  return error ? Promise.reject(error) : lookupPromise.call(this, hostname, options);
};

module.exports = { isLoopback };
