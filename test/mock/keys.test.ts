// The control plane checks API keys as HopX does (docs.hopx.ai/api/authentication): `X-API-Key` or
// `Authorization: Bearer`, a key in HopX's format, else a 401 in the API's error envelope.
import { afterAll, describe, expect, it } from "vitest";
import { AuthenticationError, Hopx, Sandbox } from "hopx-client";
import { startMock, type HopxMock } from "hopx-client/mock";

const mocks: HopxMock[] = [];
async function mockWith(options?: { apiKeys: string[] }): Promise<HopxMock> {
  const mock = await startMock(options);
  mocks.push(mock);
  return mock;
}
afterAll(() => Promise.all(mocks.map((m) => m.stop())));

const list = (mock: HopxMock, headers: Record<string, string>) =>
  fetch(`${mock.controlPlaneUrl}/v1/sandboxes`, { headers });

describe("API keys", () => {
  it("accepts a HopX key in either header, and answers 401 in the error envelope otherwise", async () => {
    const mock = await mockWith();
    expect((await list(mock, { "X-API-Key": "hopx_live_abcdefghijkl.c2VjcmV0" })).status).toBe(200);
    expect((await list(mock, { Authorization: "Bearer hopx_test_abcdefghijkl.c2VjcmV0" })).status).toBe(200);
    expect((await list(mock, { "X-API-Key": mock.apiKey })).status).toBe(200);

    const wrong = await list(mock, { Authorization: "Bearer invalid_key" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "Invalid API key", code: "AUTHENTICATION_REQUIRED" });
    const missing = await list(mock, {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: "Missing API key", code: "AUTHENTICATION_REQUIRED" });
    expect(mock.requests.map((r) => r.status)).toEqual([200, 200, 200, 401, 401]);
    // Health needs no key, on HopX too.
    expect((await fetch(`${mock.controlPlaneUrl}/health`)).status).toBe(200);
  });

  it("gives the SDK an AuthenticationError for a key that is not HopX's", async () => {
    const mock = await mockWith();
    const error = await Sandbox.create({ template: "python", baseURL: mock.controlPlaneUrl, apiKey: "sk-not-hopx" })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401 });
    expect(mock.sandboxes()).toEqual([]);
  });

  it("accepts only the configured keys when given apiKeys, the first being mock.apiKey", async () => {
    const mock = await mockWith({ apiKeys: ["team-a-key", "team-b-key"] });
    expect(mock.apiKey).toBe("team-a-key");
    expect(mock.env.HOPX_API_KEY).toBe("team-a-key");
    await expect(new Hopx(mock.clientOptions).sandboxes.list()).resolves.toEqual([]);
    expect((await list(mock, { Authorization: "Bearer team-b-key" })).status).toBe(200);
    expect((await list(mock, { "X-API-Key": "hopx_live_abcdefghijkl.c2VjcmV0" })).status).toBe(401);
    await expect(startMock({ apiKeys: [] })).rejects.toThrow(/apiKeys/);
  });
});
