// Which proxy, if any, a request to a given URL goes through: the `proxy` client option, else HTTPS_PROXY /
// HTTP_PROXY / NO_PROXY (lower-case first, as curl and undici read them). The rules are undici's
// EnvHttpProxyAgent's, which is also what Node's own NODE_USE_ENV_PROXY uses, so a variable means the same
// whether Node or the SDK applies it. Pure: no library is loaded here (proxy-fetch.ts, proxy-socket.ts).
import { ErrorCode, ValidationError } from "./errors.js";
import { nodeVersion, runtimeKind } from "./runtime-kind.js";
import { rememberSecret } from "./secrets.js";

/** The `proxy` client option: a proxy URL, or `false` for none; absent: HTTPS_PROXY, NO_PROXY … */
export type ProxyOption = string | URL | false;

interface NoProxyEntry {
  readonly host: string;
  /** 0: any port. */
  readonly port: number;
}

/** A client's proxies, resolved once (see sdkProxySettings). */
export interface ProxySettings {
  /** For http: and ws: targets (`https`: the others). */
  readonly http: URL | undefined;
  readonly https: URL | undefined;
  readonly noProxy: readonly NoProxyEntry[];
  /** `*` in NO_PROXY. */
  readonly bypassAll: boolean;
  /** From the `proxy` option, not the environment. */
  readonly explicit: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

interface Runtime {
  process?: { env?: Env; execArgv?: readonly string[] };
}

function processEnv(): Env {
  try {
    return (globalThis as Runtime).process?.env ?? {};
  } catch {
    // Deno without --allow-env: no environment to read.
    return {};
  }
}

/** lower-case first, as undici and curl read them. */
const read = (env: Env, name: string): string | undefined =>
  env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;

/** The proxy URL, checked (http: or https:), its credentials remembered so no log or error prints them. */
function parseProxyUrl(value: string | URL, source: string): URL {
  let url: URL;
  try {
    // `proxy:3128` without a scheme is common in the environment; curl takes it as http.
    url = new URL(typeof value === "string" && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? `http://${value}` : value);
  } catch {
    throw new ValidationError(`${source}: not a proxy URL`, { code: ErrorCode.INVALID_ARGUMENT });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ValidationError(`${source}: an http: or https: proxy, not ${url.protocol}`, {
      code: ErrorCode.INVALID_ARGUMENT,
    });
  if (url.password || url.username) {
    rememberSecret(url.href);
    rememberSecret(url.password);
    rememberSecret(decodeURIComponent(url.password));
  }
  return url;
}

/** The proxy as it may be shown: credentials replaced, so `http://***@proxy:3128`. */
export function redactProxyUrl(url: URL): string {
  return `${url.protocol}//${url.username || url.password ? "***@" : ""}${url.host}`;
}

/**
 * The proxies the SDK applies for one client; undefined when none does (`proxy: false`, no variable set, or
 * a runtime that follows the variables itself), so such a client keeps the runtime's fetch and WebSocket.
 */
export function sdkProxySettings(option: ProxyOption | undefined, env: Env = processEnv()): ProxySettings | undefined {
  if (option === false) return undefined;
  if (option !== undefined) {
    const url = parseProxyUrl(option, "proxy");
    return { http: url, https: url, noProxy: [], bypassAll: false, explicit: true };
  }
  const httpValue = read(env, "http_proxy");
  const httpsValue = read(env, "https_proxy");
  if (!httpValue && !httpsValue) return undefined;
  const http = httpValue ? parseProxyUrl(httpValue, "HTTP_PROXY") : undefined;
  const https = httpsValue ? parseProxyUrl(httpsValue, "HTTPS_PROXY") : http;
  const noProxyValue = read(env, "no_proxy") ?? "";
  const noProxy: NoProxyEntry[] = [];
  for (const item of noProxyValue.split(/[,\s]/)) {
    const withPort = /^(.+):(\d+)$/.exec(item);
    if (item)
      noProxy.push({
        host: (withPort ? withPort[1]! : item).replace(/^\*?\./, "").toLowerCase(),
        port: withPort ? Number(withPort[2]) : 0,
      });
  }
  const settings = { http, https, noProxy, bypassAll: noProxyValue.trim() === "*", explicit: false };
  // Environment proxies a runtime already follows are left to it (see runtimeProxiesFromEnv).
  return runtimeProxiesFromEnv(env) ? undefined : settings;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { "http:": 80, "ws:": 80, "https:": 443, "wss:": 443 };

/** The proxy a request to `target` goes through, or undefined: direct (NO_PROXY, or no proxy for its scheme). */
export function proxyFor(settings: ProxySettings | undefined, target: string | URL): URL | undefined {
  if (!settings) return undefined;
  const url = typeof target === "string" ? new URL(target) : target;
  const secure = url.protocol === "https:" || url.protocol === "wss:";
  const proxy = secure ? settings.https : settings.http;
  if (!proxy || settings.bypassAll) return undefined;
  // `host` less its port keeps an IPv6 address's brackets, as NO_PROXY writes them.
  const host = url.host.replace(/:\d*$/, "").toLowerCase();
  const port = Number(url.port) || DEFAULT_PORTS[url.protocol] || 0;
  for (const entry of settings.noProxy) {
    if (entry.port && entry.port !== port) continue;
    if (host === entry.host || host.endsWith(`.${entry.host}`)) return undefined;
  }
  return proxy;
}

/**
 * True where the runtime's own fetch (and WebSocket) already follows HTTPS_PROXY/NO_PROXY: Bun, Deno, and Node
 * started with NODE_USE_ENV_PROXY=1 or --use-env-proxy (Node 22.21+, 24+). Proxying again there would send
 * the request through the proxy twice, so the SDK leaves environment proxies to the runtime.
 */
function runtimeProxiesFromEnv(env: Env): boolean {
  const kind = runtimeKind();
  if (kind === "bun" || kind === "deno") return true;
  const [major, minor] = nodeVersion();
  if (major < 22 || (major === 22 && minor < 21)) return false;
  const args = [...((globalThis as Runtime).process?.execArgv ?? []), ...(env.NODE_OPTIONS ?? "").split(/\s+/)];
  return env.NODE_USE_ENV_PROXY === "1" || args.includes("--use-env-proxy");
}
