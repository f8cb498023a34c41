// One client per plane, each bound to its own origin and credential, so the account API key can never
// be sent to an agent host and a sandbox token never to the control plane.
import { AgentResources, operationShapes as agentOperationShapes, shapes as agentShapes } from "../../generated/vm-agent/index.js";
import type { paths as AgentPaths } from "../../generated/vm-agent/index.js";
import { ControlPlaneResources, operationShapes as cpOperationShapes, shapes as cpShapes } from "../../generated/control-plane/index.js";
import type { paths as ControlPlanePaths } from "../../generated/control-plane/index.js";
import { AuthenticationError, ErrorCode } from "../runtime/errors.js";
import { levelLogger, type Logger, type LogLevel } from "../runtime/logger.js";
import { createTransport, DEFAULT_TIMEOUT_MS, type Transport, type TransportConfig } from "../runtime/transport.js";
import type { AgentContext } from "./agent/context.js";
import { VERSION } from "../version.js";

export const DEFAULT_BASE_URL = "https://api.hopx.dev";
const USER_AGENT = `hopx-client/${VERSION}`;

/** Transport settings shared by both planes. */
export interface ClientOptions {
  /** Default per-call timeout in milliseconds (60 000). */
  timeout?: number;
  /** Retries after the first attempt on 429/502/503/504 and network errors (default 2). */
  maxRetries?: number;
  /** Allows plain http to a non-loopback host (never needed for HopX itself). */
  allowInsecure?: boolean;
  /** Receives redacted log lines at `logLevel` and above. */
  logger?: Logger;
  logLevel?: LogLevel;
  fetch?: typeof globalThis.fetch;
}

export interface ControlPlaneOptions extends ClientOptions {
  /** Account API key; defaults to the `HOPX_API_KEY` environment variable. */
  apiKey?: string;
  /** Control-plane origin; defaults to `HOPX_BASE_URL`, then https://api.hopx.dev. */
  baseURL?: string;
}

export interface AgentOptions extends ClientOptions {
  /** The sandbox's agent origin (`public_host`). */
  baseURL: string;
  /** The sandbox JWT, or a function returning the current one (may be async, e.g. refresh first). */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /**
   * Called once per call after the agent answered 401 with `usedToken`; resolve true when a new token is
   * ready (the call is then resent once).
   */
  renewToken?: (usedToken: string | undefined) => Promise<boolean>;
}

function transportOptions(options: ClientOptions): Pick<TransportConfig, "timeout" | "maxRetries" | "allowInsecure" | "logger" | "fetch"> {
  const logger = levelLogger(options.logger, options.logLevel);
  return {
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    ...(options.allowInsecure === undefined ? {} : { allowInsecure: options.allowInsecure }),
    ...(logger ? { logger } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}

export const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

/** Control-plane resources (`sandboxes`, `templates`, `health`) bound to one API key. */
export function createControlPlane(options: ControlPlaneOptions = {}): ControlPlaneResources {
  return new ControlPlaneResources(controlPlaneTransport(options));
}

export function controlPlaneTransport(options: ControlPlaneOptions = {}): Transport<ControlPlanePaths> {
  const apiKey = options.apiKey ?? env("HOPX_API_KEY");
  return createTransport<ControlPlanePaths>({
    baseUrl: options.baseURL ?? env("HOPX_BASE_URL") ?? DEFAULT_BASE_URL,
    // Without a key nothing is sent: the server's 401 would say less than this, and a retry loop would only
    // repeat it. Public operations (health) skip credentials and still work.
    credentials: (op): Record<string, string> => {
      if (!apiKey) throw new AuthenticationError(`${op?.id ?? "request"}: no API key (pass apiKey or set HOPX_API_KEY)`, { code: ErrorCode.AUTHENTICATION_REQUIRED, ...(op ? { operation: op.id } : {}) });
      return { "X-API-Key": apiKey };
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
  const transport = agentTransport(options);
  return {
    resources: new AgentResources(transport),
    transport,
    headers: () => agentHeaders(options.token),
    renew: async (used) => (options.renewToken ? options.renewToken(bearer(used)) : false),
    timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
  };
}

/** Agent resources of one sandbox (`code`, `files`, `commands`, `env`, `desktop` …) bound to its token. */
export function createAgent(options: AgentOptions): AgentResources {
  return new AgentResources(agentTransport(options));
}

const bearer = (headers: Readonly<Record<string, string>>): string | undefined => headers.Authorization?.replace(/^Bearer /, "");

async function agentHeaders(token: AgentOptions["token"]): Promise<Record<string, string>> {
  const value = typeof token === "function" ? await token() : token;
  return value ? { Authorization: `Bearer ${value}` } : {};
}

export function agentTransport(options: AgentOptions): Transport<AgentPaths> {
  const renew = options.renewToken;
  return createTransport<AgentPaths>({
    baseUrl: options.baseURL,
    credentials: () => agentHeaders(options.token),
    ...(renew ? { onUnauthorized: (_op, used) => renew(bearer(used)) } : {}),
    label: "agent baseURL",
    shapes: agentShapes,
    operationShapes: agentOperationShapes,
    userAgent: USER_AGENT,
    ...transportOptions(options),
  });
}
