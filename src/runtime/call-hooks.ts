// Where an operation's life shows outside the transport: its start, each attempt, each wait before a retry,
// each token renewal, and its end with the typed error it fails with. Tracing (one span per operation) plugs
// in here, through `TransportConfig.hooks`; without hooks nothing is called and nothing is allocated.
import type { HopxError } from "./errors.js";
import type { OperationInfo } from "./operation.js";

/** Follows one call of one operation from its start to its end. */
export interface CallObserver {
  /** An attempt is about to be sent (1 for the first; a resend after a token renewal repeats its number). */
  attempt?(attempt: number): void;
  /** Another attempt follows after `waitMs`: the status that asked for it, or the error of the failed attempt. */
  retry?(waitMs: number, reason: number | HopxError): void;
  /** The server answered 401; `renewed` is whether fresh credentials came back (then the call is resent once). */
  renewal?(renewed: boolean): void;
  /** The call is over: `error` is what it rejects with (undefined when it resolves). Called exactly once. */
  end(error: HopxError | undefined): void;
}

/** Called when a generated method starts an operation; the observer it returns sees the rest. */
export interface CallHooks {
  start(op: OperationInfo): CallObserver | undefined;
}
