// The mock's fixtures (generated/mock/fixtures.json, written by scripts/codegen/mock-assets.ts): what our
// fakes serve where Prism cannot — WebSocket transcripts, SSE frames, binary bodies.
import { readFileSync } from "node:fs";
import { pathTemplate } from "./spec.js";
import type { MessageSchema } from "./websocket.js";

export interface StreamFixture {
  operationId: string;
  method: string;
  /** Path template from the spec, e.g. `/v1/sandboxes/{sandboxId}/metrics/stream`. */
  path: string;
}
export interface WebSocketFixture extends StreamFixture {
  client: string;
  server: string;
  transcript: Array<{ client?: unknown; server?: unknown }>;
  /** The client message schema, inlined, so the mock can reject frames that break the spec. */
  clientSchema?: MessageSchema;
}
export interface BodyFixture extends StreamFixture {
  status: number;
  contentType: string;
  /** The example body as text (SSE frames, or a binary example's bytes as UTF-8). */
  body: string;
}
export interface MockFixtures {
  websocket: WebSocketFixture[];
  sse: BodyFixture[];
  binary: BodyFixture[];
}

export type Plane = "control-plane" | "vm-agent";

export function loadFixtures(file: URL): Record<Plane, MockFixtures> {
  const raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  return { "control-plane": raw["control-plane"] as MockFixtures, "vm-agent": raw["vm-agent"] as MockFixtures };
}

/** Compiles a path template into a matcher for request paths. */
export const pathMatcher = (template: string): RegExp => pathTemplate(template).match;
