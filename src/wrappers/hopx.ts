// One configuration (API key, base URL, transport options) bound once, for multi-tenant callers who
// cannot rely on HOPX_API_KEY: `new Hopx({ apiKey }).sandboxes.create(…)`. The static Sandbox methods use
// a shared Hopx per key and URL, so repeated static calls reuse one client.
import type { Client } from "openapi-fetch";
import { ControlPlaneResources, type HealthResponse } from "../../generated/control-plane/index.js";
import type { paths as ControlPlanePaths } from "../../generated/control-plane/index.js";
import type { RequestOptions } from "../runtime/operation.js";
import type { Transport } from "../runtime/transport.js";
import {
  controlPlaneTransport,
  env,
  streamLimits,
  type ClientOptions,
  type ControlPlaneOptions,
  type StreamLimits,
} from "./clients.js";
import { Sandboxes } from "./sandboxes.js";
import { Templates } from "./templates.js";

/** Options of {@link Hopx}: API key, base URL and transport settings ({@link ControlPlaneOptions}). */
export type HopxOptions = ControlPlaneOptions;

/**
 * One client configuration (API key, base URL, transport options) held by an object rather than read from the
 * environment, for multi-tenant callers. The static `Sandbox` methods share one `Hopx` per key and URL.
 *
 * @example
 * ```ts
 * import { Hopx } from "hopx-client";
 *
 * const tenant = new Hopx({ apiKey: process.env.TENANT_A_KEY, requestTimeoutMs: 30_000 });
 * const sandbox = await tenant.sandboxes.create({ template: "code-interpreter" });
 * await sandbox.kill();
 * ```
 */
export class Hopx {
  /** Generated control-plane resources (camelCase), one method per operation of the spec. */
  readonly controlPlane: ControlPlaneResources;
  /** The raw openapi-fetch client (snake_case wire shapes) on the same transport, for wire-level callers. */
  readonly raw: Client<ControlPlanePaths>;
  /**
   * Sandboxes of this account: `create`, `connect`, `list`, `iter`, `pages` (the static `Sandbox` methods, bound to
   * this client).
   */
  readonly sandboxes: Sandboxes;
  /** Templates of this account: list, get and delete them, and follow a build's status and logs. */
  readonly templates: Templates;
  /** Stream limits of this client (SSE event size, WebSocket queue), checked at construction. */
  readonly limits: StreamLimits;
  /** Transport settings handed to each sandbox's agent client; never the API key. */
  readonly agentOptions: Readonly<ClientOptions>;

  constructor(options: HopxOptions = {}) {
    const transport: Transport<ControlPlanePaths> = controlPlaneTransport(options);
    this.controlPlane = new ControlPlaneResources(transport);
    this.raw = transport.client;
    this.limits = streamLimits(options);
    const { apiKey: _key, baseURL: _url, ...agentOptions } = options;
    this.agentOptions = Object.freeze(agentOptions);
    this.sandboxes = new Sandboxes(this);
    this.templates = new Templates(this);
  }

  /** Control-plane health; needs no API key. */
  async health(options?: RequestOptions): Promise<HealthResponse> {
    return this.controlPlane.health.check(options);
  }
}

/** Shared clients kept for static calls; the least recently used is dropped past this many. */
const MAX_SHARED = 16;
const shared = new Map<string, Hopx>();

/**
 * The Hopx behind static calls. Calls that pass only a key and URL share one client per pair (at most
 * MAX_SHARED pairs, least recently used dropped first); a call with its own transport options gets its own.
 */
export function hopxFor(options: HopxOptions = {}): Hopx {
  const { apiKey, baseURL, ...rest } = options;
  if (Object.values(rest).some((value) => value !== undefined)) return new Hopx(options);
  // The environment is read now, so a changed HOPX_API_KEY gets a new client rather than a stale one.
  const key = `${baseURL ?? env("HOPX_BASE_URL") ?? ""}\u0000${apiKey ?? env("HOPX_API_KEY") ?? ""}`;
  let hopx = shared.get(key);
  if (hopx) {
    shared.delete(key);
  } else {
    hopx = new Hopx(options);
    if (shared.size >= MAX_SHARED) shared.delete(shared.keys().next().value as string);
  }
  shared.set(key, hopx);
  return hopx;
}
