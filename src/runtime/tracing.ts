// OpenTelemetry spans, one per operation, when the application has registered a tracer provider with
// @opentelemetry/api. Nothing is imported: the API keeps what was registered in a global under
// Symbol.for("opentelemetry.js.api.1") (shared by every copy of API 1.x in a process, by design), so the
// SDK reads the provider there. Without one — the package absent, or present with nothing registered —
// every call here is one property lookup and returns the no-op trace.

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

/**
 * `body` handed on as it is read, the span ended when it ends: read to the end, cancelled, or failed. For
 * downloads and SSE, whose operation lasts as long as their stream.
 */
export function traceStream<T>(body: ReadableStream<T>, trace: OperationTrace): ReadableStream<T> {
  const reader = body.getReader();
  return new ReadableStream<T>(
    {
      async pull(controller) {
        try {
          const next = await reader.read();
          if (next.done) {
            trace.end();
            controller.close();
          } else controller.enqueue(next.value);
        } catch (err) {
          trace.end(err);
          controller.error(err);
        }
      },
      cancel(reason) {
        trace.end();
        return reader.cancel(reason);
      },
    },
    // Nothing read ahead: the consumer's pace is the network's, as without tracing.
    { highWaterMark: 0 },
  );
}

/**
 * What an attempt adds to the span: on the first, the URL and the sandbox (`sandboxId`, else the one the
 * path names); on a resend, `http.request.resend_count`. `setHeader` receives the trace-context headers.
 */
export function traceAttempt(
  trace: OperationTrace,
  pathTemplate: string,
  url: string,
  attempt: number,
  sandboxId: string | undefined,
  setHeader: (name: string, value: string) => void,
): void {
  if (!trace.active) return;
  if (attempt === 0)
    trace.set({
      ...urlAttributes(url),
      // Control-plane calls name their sandbox in the path (`/v1/sandboxes/{sandboxId}…`).
      "hopx.sandbox.id":
        sandboxId ??
        (pathTemplate.startsWith("/v1/sandboxes/{") ? /\/v1\/sandboxes\/([^/?#]+)/.exec(url)?.[1] : undefined),
    });
  else trace.set({ "http.request.resend_count": attempt });
  const headers = trace.headers();
  for (const name in headers) setHeader(name, headers[name]!);
}
