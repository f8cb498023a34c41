// Every guard of the one request path, for a JSON call, an upload and a download alike: redirects refused,
// requests kept on their plane's origin, each credential on its own plane only, answers bounded, deadlines kept.
import { AgentResources, agentTransport, createControlPlane } from "hopx-client/raw";
import { APIError, LimitExceededError, TimeoutError, ValidationError } from "hopx-client";
import { afterEach, describe, expect, it } from "vitest";
import { hang, json, raw, useFaultServer, type Handler } from "../support/fault-server.js";

const TOKEN = "sbx-token-5c1d";
const API_KEY = "acct-key-9e2b";

const agent = useFaultServer();
const other = useFaultServer();
afterEach(() => {
  agent.clear();
  other.clear();
});

type Options = Omit<Parameters<typeof agentTransport>[0], "baseURL" | "token">;
const agentTransportOf = (options: Options = {}) => agentTransport({ baseURL: agent.url, token: TOKEN, ...options });
const resourcesOf = (options: Options = {}) => new AgentResources(agentTransportOf(options));

/** One generated call of each kind; each resolves once its answer is read (a download's body too). */
const kinds: Record<string, (r: AgentResources, timeoutMs?: number) => Promise<unknown>> = {
  json: (r, timeoutMs) => r.files.read({ path: "/workspace/a.txt" }, timeoutMs ? { timeoutMs } : {}),
  upload: (r, timeoutMs) =>
    r.files.upload({ file: new Blob(["hello"]), path: "/workspace/a.txt" }, timeoutMs ? { timeoutMs } : {}),
  download: async (r, timeoutMs) =>
    new Response(await r.files.download({ path: "/workspace/a.txt" }, timeoutMs ? { timeoutMs } : {})).text(),
};
const success: Record<string, Handler> = {
  json: json(200, { content: "x", path: "/workspace/a.txt", size: 1 }),
  upload: json(200, { success: true, path: "/workspace/a.txt", size: 5 }),
  download: raw(200, "0123456789", { "content-type": "application/octet-stream", "content-length": "10" }),
};

describe.each(Object.keys(kinds))("the one request path, %s", (kind) => {
  const send = kinds[kind]!;

  it("sends the sandbox token, and only it, to the agent's origin", async () => {
    agent.script(success[kind]!);
    await send(resourcesOf());
    expect(agent.received).toHaveLength(1);
    expect(agent.received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(agent.received[0]?.headers["x-api-key"]).toBeUndefined();
  });

  it("refuses a redirect: typed error, the other host gets nothing", async () => {
    agent.script(raw(307, "", { location: `${other.url}/files` }));
    const error = await send(resourcesOf()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).code).toBe("INVALID_RESPONSE");
    expect(agent.received).toHaveLength(1);
    expect(other.received).toHaveLength(0);
  });

  it("refuses a request moved off its plane's origin (a middleware's new Request): nothing is sent", async () => {
    const transport = agentTransportOf();
    // openapi-fetch takes back only its own Request class from middleware: the transport's, built the same way.
    transport.client.use({
      onRequest: ({ request }) =>
        new (request.constructor as typeof Request)(`${other.url}/files`, {
          method: request.method,
          headers: request.headers,
        }),
    });
    const error = await send(new AgentResources(transport)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(other.received).toHaveLength(0);
    expect(agent.received).toHaveLength(0);
  });

  it("bounds an answer by maxResponseBytes: LimitExceededError", async () => {
    const big = "x".repeat(4096);
    agent.script(json(kind === "download" ? 500 : 200, { content: big, path: "/workspace/a.txt", size: 1 }));
    const error = await send(resourcesOf({ maxResponseBytes: 1024 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LimitExceededError);
    expect((error as LimitExceededError).limit).toBe("maxResponseBytes");
  });

  it("ends at its deadline when the server never answers: TimeoutError", async () => {
    agent.script(hang);
    const error = await send(resourcesOf({ maxRetries: 0 }), 150).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });
});

describe("credential scoping on the control plane", () => {
  it("sends the API key, never a bearer token, to the control plane", async () => {
    agent.script(json(200, { status: "ok" }));
    await createControlPlane({ apiKey: API_KEY, baseURL: agent.url }).sandboxes.list();
    expect(agent.received[0]?.headers["x-api-key"]).toBe(API_KEY);
    expect(agent.received[0]?.headers.authorization).toBeUndefined();
  });
});
