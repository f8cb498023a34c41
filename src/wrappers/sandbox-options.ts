// Option types of the Sandbox API (the official SDK's names) and the split between what configures the
// client (key, URL, transport) and what describes the call.
import type { ListSandboxesQuery, Sandbox as SandboxModel } from "../../generated/control-plane/index.js";
import type { ClientOptions } from "./clients.js";
import type { ExpiryInfo } from "./expiry.js";
import type { HopxOptions } from "./hopx.js";

/** A sandbox as the control plane describes it, without its agent token (see `getToken()`). */
export type SandboxInfo = Omit<SandboxModel, "authToken" | "tokenExpiresAt" | "requestId"> & {
  /** Same as `id` (the official SDK's name). */
  sandboxId: string;
};

/** Per-call controls every Sandbox method accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Milliseconds for this call (default: the client's `requestTimeoutMs`). */
  timeoutMs?: number;
  /** @deprecated Use `timeoutMs` (the same milliseconds). */
  timeout?: number;
}

export interface ExpiryWatchOptions {
  /** Called once when the sandbox enters the last `expiryWarningThresholdSeconds` of its life. */
  onExpiringSoon?: (info: ExpiryInfo) => void;
  /** Seconds before expiry that count as "soon" (default 300). */
  expiryWarningThresholdSeconds?: number;
  /** @deprecated The official SDK's name; use `expiryWarningThresholdSeconds` (the same seconds). */
  expiryWarningThreshold?: number;
}

export interface SandboxCreateOptions extends Omit<HopxOptions, "timeout">, ExpiryWatchOptions {
  /**
   * Milliseconds for the create call itself (default 300 000). Not the sandbox's lifetime (that is
   * `timeoutSeconds`), and not a default for later calls (that is `requestTimeoutMs`).
   */
  timeoutMs?: number;
  /** @deprecated The official SDK's name, in **seconds**; use `timeoutMs`. */
  timeout?: number;
  /** Template name (e.g. `code-interpreter`); give this or `templateId`. */
  template?: string;
  templateId?: string | number;
  region?: string;
  /** Auto-kill after this many seconds; omitted means no auto-kill. */
  timeoutSeconds?: number;
  internetAccess?: boolean;
  /** Environment of the sandbox; also applied through the agent, which the API alone does not do reliably. */
  envVars?: Record<string, string>;
  /** Milliseconds to wait until the sandbox is running (default 300 000). */
  readyTimeoutMs?: number;
  /** @deprecated Use `readyTimeoutMs` (the same milliseconds). */
  readyTimeout?: number;
  signal?: AbortSignal;
}

export interface SandboxConnectOptions extends HopxOptions, ExpiryWatchOptions {
  signal?: AbortSignal;
}

export interface SandboxListOptions extends HopxOptions, Omit<ListSandboxesQuery, "cursor"> {
  /** Start from this page cursor (`nextCursor` of an earlier page). */
  cursor?: string;
  signal?: AbortSignal;
}

export interface TemplateQueryOptions extends HopxOptions {
  category?: string;
  language?: string;
  signal?: AbortSignal;
}

const CLIENT_KEYS = [
  "apiKey",
  "baseURL",
  "requestTimeoutMs",
  "timeout",
  "maxRetries",
  "maxResponseBytes",
  "maxSseEventBytes",
  "maxQueuedBytes",
  "maxConnections",
  "allowInsecure",
  "logger",
  "logLevel",
  "fetch",
] as const;

/** The client half of a combined options object. */
export function clientOptionsOf(options: object): HopxOptions {
  const all = options as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const key of CLIENT_KEYS) if (all[key] !== undefined) picked[key] = all[key];
  return picked as HopxOptions;
}

export type { ClientOptions };
