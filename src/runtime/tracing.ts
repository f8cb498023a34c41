// OpenTelemetry spans, one per operation, when the application has registered a tracer provider with
// @opentelemetry/api. Nothing is imported: the API keeps what was registered in a global under
// Symbol.for("opentelemetry.js.api.1") (shared by every copy of API 1.x in a process, by design), so the
// SDK reads the provider there. Without one — the package absent, or present with nothing registered —
// every call here is one property lookup and returns the no-op trace.
import type { CallHooks } from "./call-hooks.js";

/** Attribute values as OpenTelemetry takes them; undefined ones are left out. */
export type TraceAttributes = Record<string, string | number | boolean | undefined>;

/** What the transport and the stream layer do with the span of one operation. */
export interface OperationTrace {
  /** Whether a span is being recorded (false: the no-op trace). */
  readonly active: boolean;
  /** Adds attributes learnt on the way (status code, resend count). */
  set(attributes: TraceAttributes): void;
  /** A point in time on the span: `hopx.retry`, `hopx.token_renewal`. */
  event(name: string, attributes?: TraceAttributes): void;
  /** W3C trace-context headers (`traceparent`, `tracestate`); empty unless the client opted in. */
  headers(): Record<string, string>;
  /** Ends the span; with an error: status ERROR and `error.type`, the error's class name. Once only. */
  end(error?: unknown): void;
}

interface SpanContextLike {
  traceId: string;
  spanId: string;
  traceFlags: number;
  traceState?: { serialize(): string };
}
interface SpanLike {
  setAttribute(key: string, value: string | number | boolean): unknown;
  addEvent(name: string, attributes?: Record<string, string | number | boolean>): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  spanContext(): SpanContextLike;
  end(): void;
}
interface Registry {
  trace?: { getTracer(name: string, version?: string): { startSpan(name: string, options: object): SpanLike } };
}

const REGISTRY = Symbol.for("opentelemetry.js.api.1");
const SPAN_KIND_CLIENT = 2;
const STATUS_ERROR = 2;
const TRACER = "hopx-client";

const noop = (): undefined => undefined;
const NO_TRACE: OperationTrace = Object.freeze({
  active: false,
  set: noop,
  event: noop,
  headers: () => ({}),
  end: noop,
});

function defined(attributes: TraceAttributes): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The class name of what was thrown (`RateLimitError`, `TimeoutError` …), for `error.type`. */
const errorType = (error: unknown): string => (error instanceof Error ? error.name : typeof error);

/** Whether a tracer provider is registered: one property lookup, so untraced calls build no attributes. */
export const tracing = (): boolean =>
  (globalThis as Record<symbol, Registry | undefined>)[REGISTRY]?.trace !== undefined;

/**
 * Starts the span `hopx.<operationId>` (kind CLIENT, child of the active span), or returns the no-op trace
 * when no tracer provider is registered. `propagate`: the client opted in to trace-context headers.
 */
export function startOperation(operationId: string, attributes: TraceAttributes, propagate = false): OperationTrace {
  const registry = (globalThis as Record<symbol, Registry | undefined>)[REGISTRY];
  const provider = registry?.trace;
  if (!provider) return NO_TRACE;
  const span = provider
    .getTracer(TRACER)
    .startSpan(`hopx.${operationId}`, { kind: SPAN_KIND_CLIENT, attributes: defined(attributes) });
  let ended = false;
  return {
    active: true,
    set(more) {
      const values = defined(more);
      for (const key in values) span.setAttribute(key, values[key]!);
    },
    event(name, eventAttributes) {
      span.addEvent(name, eventAttributes ? defined(eventAttributes) : undefined);
    },
    headers() {
      if (!propagate) return {};
      // W3C Trace Context, which HopX's side (and any OpenTelemetry collector) reads.
      const carrier: Record<string, string> = {};
      const { traceId, spanId, traceFlags, traceState } = span.spanContext();
      carrier.traceparent = `00-${traceId}-${spanId}-${(traceFlags & 0xff).toString(16).padStart(2, "0")}`;
      const state = traceState?.serialize();
      if (state) carrier.tracestate = state;
      return carrier;
    },
    end(error) {
      if (ended) return;
      ended = true;
      if (error !== undefined) {
        span.setAttribute("error.type", errorType(error));
        span.setStatus({ code: STATUS_ERROR, message: error instanceof Error ? error.message : String(error) });
      }
      span.end();
    },
  };
}

/** The span attributes of a request URL (semantic conventions: `url.full`, `server.address`, `server.port`). */
export function urlAttributes(url: string): TraceAttributes {
  const parsed = new URL(url);
  parsed.username = parsed.password = "";
  const port = Number(parsed.port) || (/^(https|wss):$/.test(parsed.protocol) ? 443 : 80);
  return { "url.full": parsed.href, "server.address": parsed.hostname, "server.port": port };
}

/** What the tracing hooks of one transport know beyond each operation. */
export interface TracingOptions {
  /** The agent's sandbox (`hopx.sandbox.id`); control-plane calls name theirs in the path. */
  sandboxId?: string | undefined;
  /** Sends `traceparent` (and `tracestate`) with each attempt while its span is recorded. */
  traceContext?: boolean | undefined;
}

/** The sandbox a control-plane URL names (`/v1/sandboxes/{sandboxId}…`), for `hopx.sandbox.id`. */
const pathSandbox = (pathTemplate: string, url: string): string | undefined =>
  pathTemplate.startsWith("/v1/sandboxes/{") ? /\/v1\/sandboxes\/([^/?#]+)/.exec(url)?.[1] : undefined;

/**
 * The transport's hooks (call-hooks.ts) as OpenTelemetry spans: one span per operation, started with the call
 * and ended with it (a stream's when the stream ends). `start` returns no observer while no tracer provider is
 * registered, so an untraced call pays one property lookup.
 */
export function tracingHooks(options: TracingOptions = {}): CallHooks {
  return {
    start(op) {
      if (!tracing()) return undefined;
      const attributes = { "http.request.method": op.method, "url.template": op.path, "hopx.plane": op.plane };
      const trace = startOperation(op.id, attributes, options.traceContext);
      if (!trace.active) return undefined;
      return {
        attempt(attempt, request) {
          if (attempt === 1)
            trace.set({
              ...urlAttributes(request.url),
              "hopx.sandbox.id": options.sandboxId ?? pathSandbox(op.path, request.url),
            });
          else trace.set({ "http.request.resend_count": attempt - 1 });
          const headers = trace.headers();
          for (const name in headers) request.headers.set(name, headers[name]!);
        },
        answered: (status) => trace.set({ "http.response.status_code": status }),
        retry(waitMs, reason) {
          const why =
            typeof reason === "number" ? { "http.response.status_code": reason } : { "error.type": reason.name };
          trace.event("hopx.retry", { ...why, "hopx.retry.delay_ms": waitMs });
        },
        renewal: (renewed) => trace.event("hopx.token_renewal", { "hopx.token_renewal.renewed": renewed }),
        end: (error) => trace.end(error),
      };
    },
  };
}
