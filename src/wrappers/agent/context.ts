// What every agent-side wrapper (code, commands, files, env, desktop, terminal …) is built from. A Sandbox
// creates one context per sandbox; tests and advanced users build one with `agentContext()` in clients.ts.
import type { AgentResources } from "../../../generated/vm-agent/index.js";
import type { paths as AgentPaths } from "../../../generated/vm-agent/index.js";
import type { ProxySettings } from "../../runtime/proxy.js";
import type { Transport } from "../../runtime/transport.js";
import type { StreamLimits } from "../clients.js";
import type { OpenStreams } from "./open-streams.js";

/**
 * What every agent module (`Code`, `Files`, `Commands` …) is built from: one sandbox's agent resources, transport,
 * credentials and open streams. A `Sandbox` makes one per sandbox; `agentContext()` builds one from an agent URL and
 * token.
 */
export interface AgentContext {
  /** Generated, typed agent resources (camelCase in and out) bound to this sandbox's token. */
  readonly resources: AgentResources;
  /** The transport under them (its `client` is the raw openapi-fetch client of the agent). */
  readonly transport: Transport<AgentPaths>;
  /**
   * Credential headers for this sandbox's agent origin (`Authorization: Bearer <jwt>`), refreshed when the
   * token is about to expire. WebSocket upgrades send these; nothing else may be sent to the agent.
   */
  headers(): Promise<Record<string, string>>;
  /** Called after a WebSocket upgrade was refused with 401: renews the token once; true when a new one is ready. */
  renew(usedHeaders: Readonly<Record<string, string>>): Promise<boolean>;
  /** Default per-call timeout (ms) of the client, also the default idle timeout of streams. */
  readonly requestTimeoutMs: number;
  /** How much a stream may buffer (SSE event size, WebSocket queue). */
  readonly limits: StreamLimits;
  /** The client's proxies, for WebSockets. */
  readonly proxy?: ProxySettings;
  /** The sandbox's id, for spans. */
  readonly sandboxId?: string;
  /** The client's `traceContext`. */
  readonly traceContext?: boolean;
  /** Streams opened through this context; `closeAll()` when the sandbox is killed. */
  readonly streams: OpenStreams;
}
