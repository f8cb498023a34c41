// A fetch that sends each request through the proxy proxy.ts picks for its URL. On Node that is undici's
// ProxyAgent with undici's own fetch (the npm package's agent on Node's built-in fetch breaks when their
// undici versions differ, e.g. Node 18's undici 5); on Bun the `proxy` fetch option. undici is an optional
// peer, loaded at the first proxied request only.
import { ErrorCode, HopxError, NetworkError, ProxyError } from "./errors.js";
import { proxyFor, redactProxyUrl, type ProxySettings } from "./proxy.js";
import { runtimeImport } from "./runtime-import.js";
import { runtimeKind } from "./runtime-kind.js";

type Fetch = typeof globalThis.fetch;

/** The part of undici used here (undici 6, 7 and 8 all have it). */
interface Undici {
  fetch: (input: string, init: object) => Promise<Response>;
  ProxyAgent: new (options: { uri: string; proxyTunnel?: boolean }) => object;
}

/** The error for an optional package that a configured feature needs, naming the command that installs it. */
function missingDependency(name: string, feature: string, cause: unknown): HopxError {
  return new HopxError(`${feature} needs the optional package ${name}: run \`npm install ${name}\``, {
    code: ErrorCode.MISSING_DEPENDENCY,
    cause,
  });
}

/**
 * A loader of the optional peer `name`, which `feature` needs: imported at the first call and kept (its ESM
 * namespace, or its CommonJS `default` when `has` finds no export there). A failed import is a
 * MISSING_DEPENDENCY error and is not kept, so a package installed later in a long-lived process is found.
 */
export function optionalPeer<M>(name: string, feature: string, has: (mod: M) => boolean): () => Promise<M> {
  let loaded: Promise<M> | undefined;
  return () =>
    (loaded ??= runtimeImport<M & { default?: M }>(name).then(
      (mod) => (has(mod) ? mod : (mod.default as M)),
      (err: unknown) => {
        loaded = undefined;
        throw missingDependency(name, feature, err);
      },
    ));
}

const loadUndici = optionalPeer<Undici>("undici", "a proxy", (mod) => typeof mod.ProxyAgent === "function");

/**
 * undici's words for a refusing proxy: `Proxy response (403) !== 200 when HTTP Tunneling` (CONNECT), `Proxy
 * Authentication Required (407)` (absolute form).
 */
const TUNNEL_REFUSED = /Proxy (?:response|Authentication Required) \((\d{3})\)/;

/** The typed error of a proxy that refused; the proxy's URL appears without its credentials. */
export function proxyRefused(proxy: URL, status: number, operation?: string): ProxyError {
  return new ProxyError(`the proxy ${redactProxyUrl(proxy)} refused the request (HTTP ${status})`, {
    code: ErrorCode.PROXY_REFUSED,
    status,
    ...(operation ? { operation } : {}),
  });
}

/** A network failure on the way to or through the proxy, the proxy named (redacted). */
function throughProxy(err: unknown, proxy: URL, signal: AbortSignal | null | undefined): unknown {
  // An abort or deadline is the caller's, not the proxy's: the transport types it.
  if (signal?.aborted || err instanceof HopxError) return err;
  let text = "";
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) text += ` ${e.message}`;
  const refused = TUNNEL_REFUSED.exec(text);
  if (refused) return proxyRefused(proxy, Number(refused[1]));
  const detail = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
  return new NetworkError(`network error via proxy ${redactProxyUrl(proxy)} (${detail})`, {
    code: ErrorCode.NETWORK_ERROR,
    retryable: true,
    cause: err,
  });
}

/** How one runtime sends a request through a proxy. */
type ProxiedSend = (url: string, init: RequestInit, proxy: URL) => Promise<Response>;

/**
 * undici ProxyAgents by proxy and form, shared by every client of the process: the agent pools the connections
 * to its proxy, so all transports, sandboxes and template uploads going through one proxy reuse them.
 */
const agents = new Map<string, object>();

function nodeSend(): ProxiedSend {
  return async (url, init, proxy) => {
    const lib = await loadUndici();
    // http targets in absolute form (no tunnel needed); https through CONNECT. Older undici tunnels both.
    const key = `${proxy.href} ${url.startsWith("http:")}`;
    let agent = agents.get(key);
    if (!agent) {
      agent = new lib.ProxyAgent({ uri: proxy.href, proxyTunnel: !url.startsWith("http:") });
      agents.set(key, agent);
    }
    // undici's fetch takes only its own FormData class (the runtime's would go as "[object FormData]"):
    // the runtime encodes it, boundary in the Content-Type, and the bytes go as a stream.
    let sent = init;
    if (typeof FormData !== "undefined" && init.body instanceof FormData) {
      const encoded = new Response(init.body);
      const headers = new Headers(init.headers);
      headers.set("content-type", encoded.headers.get("content-type") ?? "multipart/form-data");
      sent = { ...init, headers, body: encoded.body, duplex: "half" } as RequestInit;
    }
    return lib.fetch(url, { ...sent, dispatcher: agent });
  };
}

function runtimeSend(base: Fetch): ProxiedSend {
  // Bun's fetch takes the proxy as an option. Deno, like Node, goes through undici (an npm package there
  // too); its own fetch follows the variables by itself.
  if (runtimeKind() === "bun") return (url, init, proxy) => base(url, { ...init, proxy: proxy.href } as RequestInit);
  return nodeSend();
}

/**
 * The fetch a client sends with: the caller's own `fetch` as given (its network, its proxies); else the
 * runtime's, each request going through the proxy `settings` pick for its URL. A 407 from the proxy, or a
 * refused tunnel, is a ProxyError.
 */
export function clientFetch(custom: Fetch | undefined, settings: ProxySettings | undefined): Fetch {
  const base = custom ?? globalThis.fetch.bind(globalThis);
  if (custom || !settings) return base;
  let send: ProxiedSend | undefined;
  return async (input, init = {}) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const proxy = proxyFor(settings, url);
    if (!proxy) return base(input, init);
    send ??= runtimeSend(base);
    let response: Response;
    try {
      response = await send(url, init, proxy);
    } catch (err) {
      throw throughProxy(err, proxy, init.signal);
    }
    // 407 is the proxy's own answer (it wants credentials), never the sandbox API's.
    if (response.status === 407) {
      await response.body?.cancel().catch(() => undefined);
      throw proxyRefused(proxy, 407);
    }
    return response;
  };
}
