// Health, info and metrics of a sandbox's agent, plus the readiness checks the official SDK offers
// (`isHealthy`, `ensureHealthy`) — with a deadline, so waiting for an agent can never hang.
import type {
  AgentInfoResponse,
  AgentRootResponse,
  HealthResponse,
  MetricsSnapshot,
  PingResponse,
  SystemInfoResponse,
} from "../../../generated/vm-agent/index.js";
import { APIError, ErrorCode, HopxError, NetworkError, TimeoutError } from "../../runtime/errors.js";
import { checkDurationMs } from "../../runtime/guards.js";
import type { RequestOptions } from "../../runtime/operation.js";
import { pollUntil } from "../../runtime/time.js";
import { renamed } from "../../runtime/units.js";
import type { AgentContext } from "./context.js";

/** Options of `ensureHealthy`: how long to wait and how often to probe. */
export interface EnsureHealthyOptions {
  /** Longest wait in milliseconds for a healthy answer (default 30 000). */
  timeoutMs?: number;
  /** @deprecated Use `timeoutMs` (the same milliseconds). */
  timeout?: number;
  /** Pause between probes in milliseconds (default 1 500, the PY SDK's readiness poll). */
  intervalMs?: number;
  /** @deprecated Use `intervalMs` (the same milliseconds). */
  interval?: number;
  /** Stops waiting (with an `AbortError`) when it fires. */
  signal?: AbortSignal;
}

const healthy = (health: HealthResponse | undefined): boolean =>
  health?.status === "healthy" || health?.status === "ok";

/** Failures that mean "not healthy right now" rather than a mistake of the caller. */
const transient = (err: unknown): boolean =>
  err instanceof NetworkError ||
  err instanceof TimeoutError ||
  (err instanceof APIError && err.status !== undefined && (err.status >= 500 || err.status === 429));

/** Health, info and metrics of a sandbox's agent (`sandbox.observability`). */
export class Observability {
  constructor(private readonly ctx: AgentContext) {}

  /** Counters of the agent (`GET /metrics/snapshot`). */
  async getMetricsSnapshot(options?: RequestOptions): Promise<MetricsSnapshot> {
    return this.ctx.resources.metrics.snapshot(options);
  }

  /** Same snapshot as `getMetricsSnapshot` (the official SDK reads both from `/metrics/snapshot`). */
  async getAgentMetrics(options?: RequestOptions): Promise<MetricsSnapshot> {
    return this.ctx.resources.metrics.snapshot(options);
  }

  /** `GET /metrics`, which older PY clients read as the snapshot. */
  async getMetrics(options?: RequestOptions): Promise<MetricsSnapshot> {
    return this.ctx.resources.metrics.get(options);
  }

  /** Prometheus exposition text (`GET /metrics/prometheus`). */
  async getPrometheusMetrics(options?: RequestOptions): Promise<string> {
    return this.ctx.resources.metrics.prometheus(options);
  }

  /** The agent's health answer (`GET /health`). */
  async getHealth(options?: RequestOptions): Promise<HealthResponse> {
    return this.ctx.resources.agent.health(options);
  }

  /** The agent's version, features and endpoints (`GET /info`). */
  async getAgentInfo(options?: RequestOptions): Promise<AgentInfoResponse> {
    return this.ctx.resources.agent.info(options);
  }

  /** The sandbox's OS, hardware and network (`GET /system`). */
  async getSystemInfo(options?: RequestOptions): Promise<SystemInfoResponse> {
    return this.ctx.resources.agent.system(options);
  }

  /** The agent's self-description at `/` (name, version, endpoint list). */
  async getAgentRoot(options?: RequestOptions): Promise<AgentRootResponse> {
    return this.ctx.resources.agent.getRoot(options);
  }

  /** A liveness probe of the agent (`GET /ping`). */
  async ping(options?: RequestOptions): Promise<PingResponse> {
    return this.ctx.resources.agent.ping(options);
  }

  /**
   * True when the agent answers healthy. Network errors, timeouts, 5xx and 429 give false; an aborted
   * signal or a rejected argument still throws, since those are the caller's doing.
   */
  async isHealthy(options?: RequestOptions): Promise<boolean> {
    try {
      return healthy(await this.getHealth(options));
    } catch (err) {
      if (transient(err)) return false;
      throw err;
    }
  }

  /**
   * Polls `/health` until the agent says healthy, and returns that answer. Fails with TimeoutError
   * (its cause is the last probe's failure) when `timeout` passes first.
   */
  async ensureHealthy(options: EnsureHealthyOptions = {}): Promise<HealthResponse> {
    const timeoutMs = checkDurationMs(
      "ensureHealthy: timeoutMs",
      renamed("ensureHealthy", options, "timeoutMs", "timeout") ?? 30_000,
    );
    const intervalMs = checkDurationMs(
      "ensureHealthy: intervalMs",
      renamed("ensureHealthy", options, "intervalMs", "interval") ?? 1_500,
    );
    return pollUntil(
      async (signal, notYet) => {
        const health = await this.getHealth({ timeoutMs: this.ctx.requestTimeoutMs, ...(signal ? { signal } : {}) });
        return healthy(health)
          ? health
          : notYet(
              new HopxError(`agent reports status ${JSON.stringify(health?.status)}`, {
                code: ErrorCode.SERVICE_UNAVAILABLE,
              }),
            );
      },
      { intervalMs, timeoutMs, signal: options.signal, what: "the agent to be healthy", retryable: transient },
    );
  }
}
