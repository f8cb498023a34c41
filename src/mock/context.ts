// What a default handler gets for one request.
import type { Reply } from "./reply.js";
import type { Route } from "./spec.js";
import type { SandboxState, World } from "./state.js";

/** One request as the default handlers see it (wire form: snake_case, as sent). */
export interface CallContext {
  route: Route;
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** The JSON body, or for multipart uploads the fields as text and the `file` part as bytes. */
  body: unknown;
  raw: Buffer;
  headers: Record<string, string | string[] | undefined>;
  world: World;
  /** The sandbox whose agent was called (agent plane only). */
  sandbox?: SandboxState;
  /** The agent base URL of a sandbox (its `public_host`). */
  agentUrlOf(sandbox: SandboxState): string;
  /** Where the upload of a COPY step's sources goes. */
  uploadUrlOf(hash: string): string;
}

/** A default handler: the stateful answer of one operation. */
export type DefaultHandler = (ctx: CallContext) => Reply | Promise<Reply>;

/** ISO 8601 of an epoch-ms instant, as the APIs send them (no milliseconds). */
export const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
