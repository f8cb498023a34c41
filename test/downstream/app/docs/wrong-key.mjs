// Follows https://docs.hopx.ai/api/authentication: the key as `Authorization: Bearer` or `X-API-Key`; a
// missing or invalid key is a 401. (HOPX_BASE_URL stands in for https://api.hopx.dev.)
import assert from "node:assert/strict";
import { AuthenticationError, Sandbox } from "hopx-client";

const base = process.env.HOPX_BASE_URL;
const apiKey = process.env.HOPX_API_KEY;

const bearer = await fetch(`${base}/v1/sandboxes`, { headers: { Authorization: `Bearer ${apiKey}` } });
const header = await fetch(`${base}/v1/sandboxes`, { headers: { "X-API-Key": apiKey } });
assert.deepEqual([bearer.status, header.status], [200, 200]);

const wrong = await fetch(`${base}/v1/sandboxes`, { headers: { Authorization: "Bearer invalid_key" } });
const body = await wrong.json();
console.log(wrong.status, body);
assert.equal(wrong.status, 401);
assert.equal(body.code, "AUTHENTICATION_REQUIRED");

const missing = await fetch(`${base}/v1/sandboxes`);
assert.equal(missing.status, 401);

await assert.rejects(Sandbox.create({ template: "code-interpreter", apiKey: "invalid_key" }), AuthenticationError);
