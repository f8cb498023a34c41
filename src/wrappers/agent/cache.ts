// The agent's execution-result cache.
import type { CacheClearResponse, CacheStatsResponse, CacheStatusResponse } from "../../../generated/vm-agent/index.js";
import type { RequestOptions } from "../../runtime/operation.js";
import type { AgentContext } from "./context.js";

/** The agent's execution-result cache (`sandbox.cache`): stats, status and clearing. */
export class Cache {
  constructor(private readonly ctx: AgentContext) {}

  /** Size, hits and TTL of the cache (`GET /cache/stats`). */
  async stats(options?: RequestOptions): Promise<CacheStatsResponse> {
    return this.ctx.resources.cache.stats(options);
  }

  /** Empties the cache (`POST /cache/clear`). */
  async clear(options?: RequestOptions): Promise<CacheClearResponse> {
    return this.ctx.resources.cache.clear(options);
  }

  /** Agent metadata as the docs' "Get Cache Stats" page shows it (`GET /cache`). */
  async status(options?: RequestOptions): Promise<CacheStatusResponse> {
    return this.ctx.resources.cache.status(options);
  }
}
