// Where an operation's life shows outside the transport: its start, each attempt, each wait before a retry,
// each token renewal, its answer's status, and its end with the typed error it fails with. Tracing (one span
// per operation, tracing.ts) plugs in here, through `TransportConfig.hooks`; without hooks nothing is called
// and nothing is allocated.
import type { HopxError } from "./errors.js";
import type { OperationInfo } from "./operation.js";

/** The request of one attempt, as it will be sent: its final URL and its headers (credentials already set). */
export interface AttemptRequest {
  readonly url: string;
  /** May be added to (trace-context headers); the attempt is sent with them. */
  readonly headers: Headers;
}

/** Follows one call of one operation from its start to its end. */
export interface CallObserver {
  /** An attempt is about to be sent (1 for the first; a resend after a token renewal repeats its number). */
  attempt?(attempt: number, request: AttemptRequest): void;
  /** An attempt was answered with `status` (a retry or renewal may follow). */
  answered?(status: number): void;
  /** Another attempt follows after `waitMs`: the status that asked for it, or the error of the failed attempt. */
  retry?(waitMs: number, reason: number | HopxError): void;
  /** The server answered 401; `renewed` is whether fresh credentials came back (then the call is resent once). */
  renewal?(renewed: boolean): void;
  /**
   * The call is over: `error` is what it rejects with (undefined when it resolves). Called exactly once; for
   * a streamed answer (SSE, downloads), when its stream ends: read to the end, cancelled or failed.
   */
  end(error: HopxError | undefined): void;
}

/** Called when a generated method starts an operation; the observer it returns sees the rest. */
export interface CallHooks {
  start(op: OperationInfo): CallObserver | undefined;
}

/**
 * `body` handed on as it is read, `end` called when it ends (read to the end, cancelled, or failed: `toError`
 * types the failure). Nothing is read ahead: the consumer's pace stays the network's.
 */
export function endsWithStream<T>(
  body: ReadableStream<T>,
  end: (error: HopxError | undefined) => void,
  toError: (err: unknown) => HopxError,
): ReadableStream<T> {
  const reader = body.getReader();
  return new ReadableStream<T>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<T>;
        try {
          next = await reader.read();
        } catch (err) {
          end(toError(err));
          // The reader sees the failure as it would without hooks: observing changes nothing downstream.
          controller.error(err);
          return;
        }
        if (!next.done) return controller.enqueue(next.value);
        end(undefined);
        controller.close();
      },
      cancel(reason) {
        end(undefined);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
