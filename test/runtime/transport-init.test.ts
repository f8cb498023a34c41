// Transport.init() and Transport.with(), as a user of hopx-client/raw drives them: the init object cannot gain
// keys (the direct path relies on knowing them), `with` fills that same object, and options spread into an
// object of the caller's own still reach openapi-fetch, so an option the direct path does not know is honoured.
import { controlPlaneTransport } from "hopx-client/raw";
import { afterEach, describe, expect, it } from "vitest";
import { json, sandboxRecord, useFaultServer } from "../support/fault-server.js";

const server = useFaultServer();
afterEach(() => server.clear());

const getSandbox = {
  id: "getSandbox",
  method: "GET",
  path: "/v1/sandboxes/{sandboxId}",
  plane: "controlPlane",
  retrySafe: true,
  stream: "json",
} as const;

describe("Transport.init / with", () => {
  it("init() gives an object that cannot gain keys; with() fills and returns that same object", () => {
    const t = controlPlaneTransport({ apiKey: "acct-key-1", baseURL: server.url });
    const init = t.init(getSandbox);
    expect(Object.isExtensible(init)).toBe(false);
    expect(() => Object.assign(init, { cache: "no-store" })).toThrow(TypeError);
    const filled = t.with(init, { params: { path: { sandboxId: "sb-1" } } });
    expect(filled).toBe(init);
    expect(filled.params.path.sandboxId).toBe("sb-1");
  });

  it("a call with the init object sends the request and its answer is the result", async () => {
    server.script(json(200, sandboxRecord(server.url, { id: "sb-1" })));
    const t = controlPlaneTransport({ apiKey: "acct-key-1", baseURL: server.url });
    const init = t.init(getSandbox);
    const call = t.client.GET("/v1/sandboxes/{sandboxId}", t.with(init, { params: { path: { sandboxId: "sb-1" } } }));
    const sandbox = await t.finish<{ id: string }>(getSandbox, init, call);
    expect(sandbox.id).toBe("sb-1");
    expect(server.received[0]?.url).toBe("/v1/sandboxes/sb-1");
    expect(server.received[0]?.headers["x-api-key"]).toBe("acct-key-1");
  });

  it("a spread copy of the options keeps an openapi-fetch option the direct path does not know", async () => {
    server.script(json(200, { object: "list", data: [] }));
    const t = controlPlaneTransport({ apiKey: "acct-key-1", baseURL: server.url });
    const op = { ...getSandbox, id: "listSandboxes", path: "/v1/sandboxes" } as const;
    const init = t.init(op);
    const call = t.client.GET("/v1/sandboxes", {
      ...init,
      params: { query: { limit: 5 } },
      querySerializer: () => "limit=7&custom=1",
    });
    await t.finish(op, init, call);
    expect(server.received[0]?.url).toBe("/v1/sandboxes?limit=7&custom=1");
  });
});
