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
  /** Aborts the call when it fires. */
  signal?: AbortSignal;
  /** Milliseconds for this call (default: the client's `requestTimeoutMs`). */
  timeoutMs?: number;
  /** @deprecated Use `timeoutMs` (the same milliseconds). */
  timeout?: number;
}

/** Options that watch a sandbox's expiry (on `Sandbox.create` and `Sandbox.connect`). */
export interface ExpiryWatchOptions {
  /** Called once when the sandbox enters the last `expiryWarningThresholdSeconds` of its life. */
  onExpiringSoon?: (info: ExpiryInfo) => void;
  /** Seconds before expiry that count as "soon" (default 300). */
  expiryWarningThresholdSeconds?: number;
  /** @deprecated The official SDK's name; use `expiryWarningThresholdSeconds` (the same seconds). */
  expiryWarningThreshold?: number;
}

/** Options of `Sandbox.create`: what to create, plus client options (key, URL, transport) and expiry watching. */
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
  /** Template id; give this or `template`. */
  templateId?: string | number;
  /** Region to run in, e.g. `us-east`; the default is HopX's choice. */
  region?: string;
  /** Auto-kill after this many seconds; omitted means no auto-kill. */
  timeoutSeconds?: number;
  /** Whether the sandbox can reach the internet. */
  internetAccess?: boolean;
  /** Environment of the sandbox; also applied through the agent, which the API alone does not do reliably. */
  envVars?: Record<string, string>;
  /** Milliseconds to wait until the sandbox is running (default 300 000). */
  readyTimeoutMs?: number;
  /** @deprecated Use `readyTimeoutMs` (the same milliseconds). */
  readyTimeout?: number;
  /** Aborts the create call and the wait for `running`. */
  signal?: AbortSignal;
}

/** Options of `Sandbox.connect`: client options and expiry watching. */
export interface SandboxConnectOptions extends HopxOptions, ExpiryWatchOptions {
  /** Aborts the call when it fires. */
  signal?: AbortSignal;
}

/**
 * Options of `Sandbox.list`, `iter` and `pages`: filters and page size of the control plane's list, plus client
 * options.
 */
export interface SandboxListOptions extends HopxOptions, Omit<ListSandboxesQuery, "cursor"> {
  /** Start from this page cursor (`nextCursor` of an earlier page). */
  cursor?: string;
  /** Aborts the listing when it fires. */
  signal?: AbortSignal;
}

/** Options of `Sandbox.listTemplates`: filters, plus client options. */
export interface TemplateQueryOptions extends HopxOptions {
  /** Only templates of this category. */
  category?: string;
  /** Only templates of this language. */
  language?: string;
  /** Aborts the call when it fires. */
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
