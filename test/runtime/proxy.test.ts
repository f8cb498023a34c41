// Proxies: HTTPS_PROXY/HTTP_PROXY/NO_PROXY (lower-case too) and the `proxy` option, against a loopback proxy
// that records what passes through it. HTTP calls to http: targets go in absolute form, agent WebSockets
// through a CONNECT tunnel; a NO_PROXY host goes direct; a refusing proxy is a ProxyError; the proxy's
// password shows up in no error and no log line.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Hopx, ProxyError, ValidationError } from "hopx-client";
import { startMock, type HopxMock } from "hopx-client/mock";
import { proxyFor, redactProxyUrl, sdkProxySettings as proxySettings } from "../../src/runtime/proxy.js";
import { lineLogger } from "../support/recorder.js";
import { startProxy, type TestProxy } from "../support/proxy-server.js";

const SECRET = "s3cret-proxy-pass";
const VARS = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"];

let mock: HopxMock;
let proxy: TestProxy;
const saved = new Map(VARS.map((name) => [name, process.env[name]]));

beforeAll(async () => {
  [mock, proxy] = await Promise.all([startMock(), startProxy()]);
});
afterAll(async () => {
  await Promise.all([mock.stop(), proxy.close()]);
});
afterEach(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  proxy.hits.length = 0;
  mock.reset();
});

const portOf = (url: string): string => new URL(url).port;
const withAuth = (url: string): string => url.replace("http://", `http://user:${SECRET}@`);

/** Every kind of traffic a sandbox makes: JSON calls on both planes, an upload, a download, SSE and a WebSocket. */
async function everyKindOfCall(hopx: Hopx): Promise<void> {
  const sandbox = await hopx.sandboxes.create({ template: "code-interpreter" });
  await sandbox.files.upload(new Blob(["proxied bytes"]), "/workspace/p.txt");
  expect(new TextDecoder().decode(await sandbox.files.downloadBytes("/workspace/p.txt"))).toBe("proxied bytes");
  const types: string[] = [];
  for await (const message of sandbox.runCodeStream("print(1)")) types.push(message.type);
  expect(types).toContain("complete");
  for await (const _event of sandbox.streamMetrics()) break;
  await sandbox.kill();
}

describe("proxy settings", () => {
  it("reads lower-case variables first, falls back to HTTP_PROXY for https, and matches NO_PROXY like undici", () => {
    const settings = proxySettings(undefined, {
      http_proxy: "http://lower:1",
      HTTP_PROXY: "http://upper:2",
      NO_PROXY: "internal.example, .corp.example,10.0.0.1:8443",
    });
    expect(proxyFor(settings, "http://api.example/x")?.host).toBe("lower:1");
    expect(proxyFor(settings, "wss://api.example/x")?.host).toBe("lower:1");
    expect(proxyFor(settings, "https://internal.example/")).toBeUndefined();
    expect(proxyFor(settings, "https://a.b.corp.example/")).toBeUndefined();
    expect(proxyFor(settings, "https://corp.example.evil/")?.host).toBe("lower:1");
    expect(proxyFor(settings, "https://10.0.0.1:8443/")).toBeUndefined();
    expect(proxyFor(settings, "https://10.0.0.1/")?.host).toBe("lower:1");
    expect(proxyFor(proxySettings(undefined, { HTTPS_PROXY: "p:3", NO_PROXY: "*" }), "https://a/")).toBeUndefined();
    expect(proxyFor(proxySettings(undefined, { HTTPS_PROXY: "p:3" }), "http://a/")).toBeUndefined();
  });

  it("lets the proxy option override the environment, false turning proxies off, and refuses bad URLs", () => {
    const env = { HTTPS_PROXY: "http://env:1", NO_PROXY: "a.example" };
    expect(proxyFor(proxySettings("http://opt:2", env), "https://a.example/")?.host).toBe("opt:2");
    expect(proxySettings(false, env)).toBeUndefined();
    expect(() => proxySettings("socks5://p:1", env)).toThrow(ValidationError);
    expect(redactProxyUrl(new URL(`http://user:${SECRET}@p:3128`))).toBe("http://***@p:3128");
  });
});

describe("through a loopback proxy", () => {
  it("sends HTTP calls, uploads, downloads and SSE in absolute form and WebSockets through CONNECT", async () => {
    process.env.http_proxy = withAuth(proxy.url);
    await everyKindOfCall(new Hopx({ ...mock.clientOptions, maxRetries: 0 }));
    const absolute = proxy.hits.filter((h) => h.kind === "absolute").map((h) => new URL(h.target));
    expect(absolute.some((u) => u.port === portOf(mock.controlPlaneUrl) && u.pathname === "/v1/sandboxes")).toBe(true);
    expect(absolute.some((u) => u.port === portOf(mock.agentUrl) && u.pathname.endsWith("/files/upload"))).toBe(true);
    expect(absolute.some((u) => u.pathname.endsWith("/metrics/stream"))).toBe(true);
    const tunnels = proxy.hits.filter((h) => h.kind === "connect");
    expect(tunnels.map((h) => h.target)).toContain(`127.0.0.1:${portOf(mock.agentUrl)}`);
    const basic = `Basic ${Buffer.from(`user:${SECRET}`).toString("base64")}`;
    expect(proxy.hits.every((h) => h.proxyAuthorization === basic)).toBe(true);
  });

  it("goes direct to a NO_PROXY host (the agent here) and through the proxy to the others", async () => {
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = `localhost,127.0.0.1:${portOf(mock.agentUrl)}`;
    await everyKindOfCall(new Hopx({ ...mock.clientOptions, maxRetries: 0 }));
    expect(proxy.hits.length).toBeGreaterThan(0);
    expect(proxy.hits.filter((h) => h.target.includes(`:${portOf(mock.agentUrl)}`))).toEqual([]);
  });

  it("takes the proxy option over the environment, and proxy: false for no proxy at all", async () => {
    const dead = await startProxy({ refuse: 403 });
    try {
      process.env.HTTP_PROXY = dead.url;
      await new Hopx({ ...mock.clientOptions, proxy: proxy.url }).sandboxes.list();
      await new Hopx({ ...mock.clientOptions, proxy: false }).sandboxes.list();
      expect(proxy.hits.filter((h) => h.target.endsWith("/v1/sandboxes"))).toHaveLength(1);
      expect(dead.hits).toEqual([]);
    } finally {
      await dead.close();
    }
  });
});

describe("a proxy that refuses", () => {
  it("is a ProxyError on HTTP calls, with the password in no error and no log line", async () => {
    const refusing = await startProxy({ refuse: 407 });
    const { logger, lines } = lineLogger();
    try {
      const hopx = new Hopx({ ...mock.clientOptions, proxy: withAuth(refusing.url), logger, logLevel: "debug" });
      const failed = await hopx.sandboxes.list().catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(ProxyError);
      expect(failed).toMatchObject({ code: "PROXY_REFUSED", status: 407 });
      // Not retried: the proxy decided, and asking again gets the same answer.
      expect(refusing.hits).toHaveLength(1);
      const err = failed as Error;
      expect(err.message).toContain("http://***@127.0.0.1");
      expect(`${err.message} ${err.stack} ${String(err.cause)}`).not.toContain(SECRET);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join("\n")).not.toContain(SECRET);
    } finally {
      await refusing.close();
    }
  });

  it("refuses a WebSocket tunnel with a ProxyError, not the agent's error", async () => {
    const refusing = await startProxy({ refuse: 407 });
    try {
      process.env.HTTP_PROXY = proxy.url;
      process.env.NO_PROXY = `127.0.0.1:${portOf(mock.controlPlaneUrl)}`;
      const sandbox = await new Hopx({ ...mock.clientOptions, maxRetries: 0 }).sandboxes.create({
        template: "code-interpreter",
      });
      process.env.HTTP_PROXY = withAuth(refusing.url);
      const stranded = await new Hopx({ ...mock.clientOptions, maxRetries: 0 }).sandboxes.connect(sandbox.sandboxId);
      const error = await (async () => {
        for await (const _m of stranded.runCodeStream("print(1)")) return undefined;
        return undefined;
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProxyError);
      expect(error).toMatchObject({ code: "PROXY_REFUSED", status: 407, operation: "streamExecution" });
      expect((error as Error).message).not.toContain(SECRET);
      expect(refusing.hits.map((h) => h.kind)).toContain("connect");
    } finally {
      await refusing.close();
    }
  });
});
