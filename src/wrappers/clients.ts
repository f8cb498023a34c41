// One client per plane, each bound to its own origin and credential, so the account API key can never
// be sent to an agent host and a sandbox token never to the control plane.
import { DEFAULT_MAX_SSE_EVENT_BYTES } from "../runtime/sse.js";
import { DEFAULT_MAX_QUEUED_BYTES } from "../runtime/websocket.js";
import {
  AgentResources,
  operationShapes as agentOperationShapes,
  shapes as agentShapes,
} from "../../generated/vm-agent/index.js";
import type { paths as AgentPaths } from "../../generated/vm-agent/index.js";
import {
  ControlPlaneResources,
  operationShapes as cpOperationShapes,
  shapes as cpShapes,
} from "../../generated/control-plane/index.js";
import type { paths as ControlPlanePaths } from "../../generated/control-plane/index.js";
import { AuthenticationError, ErrorCode } from "../runtime/errors.js";
import { checkHeaderValue, limitOr } from "../runtime/guards.js";
import { rememberSecret } from "../runtime/secrets.js";
import { renamed } from "../runtime/units.js";
import { levelLogger, type Logger, type LogLevel } from "../runtime/logger.js";
import { sdkProxySettings, type ProxyOption, type ProxySettings } from "../runtime/proxy.js";
import { tracingHooks } from "../runtime/tracing.js";
import { createTransport, DEFAULT_TIMEOUT_MS, type Transport, type TransportConfig } from "../runtime/transport.js";
import type { AgentContext } from "./agent/context.js";
import { OpenStreams } from "./agent/open-streams.js";
import { VERSION } from "../version.js";

/** The control plane's origin when neither `baseURL` nor `HOPX_BASE_URL` says otherwise. */
export const DEFAULT_BASE_URL = "https://api.hopx.dev";
const USER_AGENT = `hopx-client/${VERSION}`;

/** Transport settings shared by both planes. Every value is checked when the client is built. */
export interface ClientOptions {
  /** Default per-call timeout in milliseconds (60 000; at most 2^31−1; `Infinity` for none). */
  requestTimeoutMs?: number;
  /** @deprecated Use `requestTimeoutMs` (the same milliseconds). */
  timeout?: number;
  /** Retries after the first attempt on 429/502/503/504 and network errors (default 2, 0 to 10). */
  maxRetries?: number;
  /** Largest JSON, text or error body read into memory, in bytes (default 64 MiB); beyond it LimitExceededError. */
  maxResponseBytes?: number;
  /** Longest Server-Sent Events line or event, in bytes (default 1 MiB); beyond it LimitExceededError. */
  maxSseEventBytes?: number;
  /**
   * Bytes of WebSocket messages held for a consumer that reads slower than the server sends (default
   * 16 MiB). Reading from the socket pauses there where the runtime can pause it (`ws`); elsewhere the
   * stream ends with LimitExceededError.
   */
  maxQueuedBytes?: number;
  /** Requests in flight to one host per client before further calls queue (default 128; streams not counted). */
  maxConnections?: number;
  /** Allows plain http to a non-loopback host (never needed for HopX itself). */
  allowInsecure?: boolean;
  /** Receives redacted log lines at `logLevel` and above. */
  logger?: Logger;
  /** Least severe level passed to `logger` (default `"info"`). */
  logLevel?: LogLevel;
  /** The `fetch` to send requests with (default: the runtime's own); for tests, proxies or instrumentation. */
  fetch?: typeof globalThis.fetch;
  /** Proxy URL for every call and WebSocket, or `false` for none (default: HTTPS_PROXY, NO_PROXY …). */
  proxy?: ProxyOption;
  /** Sends `traceparent` with each request while OpenTelemetry records its span (default false). */
  traceContext?: boolean;
}

/** Options of a control-plane client: the account's API key and origin, plus the transport settings. */
export interface ControlPlaneOptions extends ClientOptions {
  /** Account API key; defaults to the `HOPX_API_KEY` environment variable. */
  apiKey?: string;
  /** Control-plane origin; defaults to `HOPX_BASE_URL`, then https://api.hopx.dev. */
  baseURL?: string;
}

/**
 * Options of an agent client (`createAgent`, `agentContext`): a sandbox's agent origin and token, never the API key.
 */
export interface AgentOptions extends ClientOptions {
  /** The sandbox's agent origin (`public_host`), or a function that finds it at the first call. */
  baseURL: string | (() => Promise<string>);
  /** The sandbox JWT, or a function returning the current one (may be async, e.g. refresh first). */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /**
   * Called once per call after the agent answered 401 with `usedToken`; resolve true when a new token is
   * ready (the call is then resent once).
   */
  renewToken?: (usedToken: string | undefined) => Promise<boolean>;
  /** The sandbox's id, for spans (`hopx.sandbox.id`). */
  sandboxId?: string;
}

/** Limits of the stream readers (SSE, WebSocket), checked once when a client is built. */
export interface StreamLimits {
  /** Longest Server-Sent Events line or event, in bytes. */
  readonly maxSseEventBytes: number;
  /** Bytes of WebSocket messages held for a slow reader. */
  readonly maxQueuedBytes: number;
}

export function streamLimits(options: ClientOptions): StreamLimits {
  return {
    maxSseEventBytes: limitOr("maxSseEventBytes", options.maxSseEventBytes, DEFAULT_MAX_SSE_EVENT_BYTES),
    maxQueuedBytes: limitOr("maxQueuedBytes", options.maxQueuedBytes, DEFAULT_MAX_QUEUED_BYTES),
  };
}

type TransportOptionKeys =
  | "requestTimeoutMs"
  | "maxRetries"
  | "maxResponseBytes"
  | "maxConnections"
  | "allowInsecure"
  | "logger"
  | "fetch"
  | "proxy"
  | "hooks";

function requestTimeout(options: ClientOptions): { requestTimeoutMs?: number } {
  const value = renamed("client options", options, "requestTimeoutMs", "timeout");
  return value === undefined ? {} : { requestTimeoutMs: value };
}

/**
 * `sandboxId`: the agent's sandbox, which its calls' spans name (control-plane calls name theirs in the path).
 * `proxy`: the client's proxies when the caller has resolved them already.
 */
function transportOptions(
  options: ClientOptions,
  sandboxId?: string,
  proxy: ProxySettings | undefined = sdkProxySettings(options.proxy),
): Pick<TransportConfig, TransportOptionKeys> {
  const logger = levelLogger(options.logger, options.logLevel);
  return {
    ...requestTimeout(options),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(options.maxResponseBytes === undefined ? {} : { maxResponseBytes: options.maxResponseBytes }),
    ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
    ...(options.allowInsecure === undefined ? {} : { allowInsecure: options.allowInsecure }),
    ...(logger ? { logger } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    proxy,
    // Spans, when an OpenTelemetry tracer provider is registered; otherwise one lookup per call.
    hooks: tracingHooks({ sandboxId, traceContext: options.traceContext === true }),
  };
}

export const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

/** Control-plane resources (`sandboxes`, `templates`, `health`) bound to one API key. */
export function createControlPlane(options: ControlPlaneOptions = {}): ControlPlaneResources {
  return new ControlPlaneResources(controlPlaneTransport(options));
}

/** The control plane's {@link Transport} (API key, retries, deadlines, limits), under {@link createControlPlane}. */
export function controlPlaneTransport(options: ControlPlaneOptions = {}): Transport<ControlPlanePaths> {
  const apiKey = options.apiKey ?? env("HOPX_API_KEY");
  // A key fetch cannot send (non-Latin-1, a line break) is refused now, not after retries of a send error.
  if (apiKey !== undefined) checkHeaderValue("X-API-Key (apiKey)", apiKey);
  const keyHeaders = apiKey ? Object.freeze({ "X-API-Key": apiKey }) : undefined;
  return createTransport<ControlPlanePaths>({
    baseUrl: options.baseURL ?? env("HOPX_BASE_URL") ?? DEFAULT_BASE_URL,
    // Without a key nothing is sent: the server's 401 would say less than this, and a retry loop would only
    // repeat it. Public operations (health) skip credentials and still work.
    credentials: (op): Readonly<Record<string, string>> => {
      if (!keyHeaders)
        throw new AuthenticationError(`${op?.id ?? "request"}: no API key (pass apiKey or set HOPX_API_KEY)`, {
          code: ErrorCode.AUTHENTICATION_REQUIRED,
          ...(op ? { operation: op.id } : {}),
        });
      return keyHeaders;
    },
    label: "control-plane baseURL",
    shapes: cpShapes,
    operationShapes: cpOperationShapes,
    userAgent: USER_AGENT,
    ...transportOptions(options),
  });
}

/** Everything an agent-side wrapper needs for one sandbox: resources, transport and credentials. */
export function agentContext(options: AgentOptions): AgentContext {
  // Resolved once: the same settings go to the transport (HTTP) and to the context (WebSockets).
  const proxy = sdkProxySettings(options.proxy);
  const transport = proxiedAgentTransport(options, proxy);
  return {
    ...(proxy ? { proxy } : {}),
    ...(options.sandboxId === undefined ? {} : { sandboxId: options.sandboxId }),
    traceContext: options.traceContext === true,
    resources: new AgentResources(transport),
    transport,
    headers: () => agentHeaders(options.token),
    renew: async (used) => (options.renewToken ? options.renewToken(bearer(used)) : false),
    requestTimeoutMs: requestTimeout(options).requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    limits: streamLimits(options),
    streams: new OpenStreams(),
  };
}

/** Agent resources of one sandbox (`code`, `files`, `commands`, `env`, `desktop` …) bound to its token. */
export function createAgent(options: AgentOptions): AgentResources {
  return new AgentResources(agentTransport(options));
}

const bearer = (headers: Readonly<Record<string, string>>): string | undefined =>
  headers.Authorization?.replace(/^Bearer /, "");

/** The credential headers of an agent request: the current token, read before every attempt. */
async function agentHeaders(token: AgentOptions["token"]): Promise<Record<string, string>> {
  const value = typeof token === "function" ? await token() : token;
  if (!value) return {};
  rememberSecret(value);
  return { Authorization: `Bearer ${value}` };
}

/** A sandbox agent's {@link Transport} (sandbox token, renewed after a 401), under {@link createAgent}. */
export function agentTransport(options: AgentOptions): Transport<AgentPaths> {
  return proxiedAgentTransport(options, sdkProxySettings(options.proxy));
}

/** {@link agentTransport} with the proxies already resolved from `options.proxy` and the environment. */
function proxiedAgentTransport(options: AgentOptions, proxy: ProxySettings | undefined): Transport<AgentPaths> {
  const renew = options.renewToken;
  return createTransport<AgentPaths>({
    baseUrl: options.baseURL,
    credentials: () => agentHeaders(options.token),
    ...(renew ? { onUnauthorized: (_op, used) => renew(bearer(used)) } : {}),
    label: "agent baseURL",
    shapes: agentShapes,
    operationShapes: agentOperationShapes,
    userAgent: USER_AGENT,
    ...transportOptions(options, options.sandboxId, proxy),
  });
}
