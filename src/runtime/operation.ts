// What the generated code tells the runtime about each operation (from spec/sdk.yaml and the spec).

/** How an operation's response body is read: JSON, text, bytes, a server-sent event stream, a WebSocket, or nothing. */
export type StreamKind = "json" | "text" | "binary" | "sse" | "websocket" | "none";
export type Plane = "controlPlane" | "agent";
export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "PATCH";

/** Error classes an operation may name for an HTTP status (spec/sdk.yaml `errors`); all are in runtime/errors.ts. */
export type ErrorClassName =
  | "TemplateNotFoundError"
  | "SandboxExpiredError"
  | "FileNotFoundError"
  | "FileOperationError"
  | "CodeExecutionError"
  | "CommandExecutionError"
  | "NotFoundError"
  | "ValidationError"
  | "ServerError";

/**
 * What the runtime knows of one operation (generated from the spec and spec/sdk.yaml into
 * `generated/<api>/operations.ts`).
 */
export interface OperationInfo {
  /** operationId in the spec. */
  readonly id: string;
  /** HTTP method. */
  readonly method: HttpMethod;
  /** Path template as in the spec, e.g. `/v1/sandboxes/{sandboxId}`. */
  readonly path: string;
  /** Which API the operation belongs to: the control plane (API key) or a sandbox's agent (sandbox token). */
  readonly plane: Plane;
  /** Safe to resend after the request may have reached the server (idempotent). */
  readonly retrySafe: boolean;
  /** How the response body is read. */
  readonly stream: StreamKind;
  /** The operation returns one page of a cursor-paginated list. */
  readonly paginated?: boolean;
  /** Needs no credentials (the spec says `security: []`). */
  readonly public?: boolean;
  /** Set when the request body is not JSON (file uploads): such a body is streamed and never resent. */
  readonly upload?: "multipart" | "binary";
  /** Accept header to send when the response has several media types. */
  readonly accept?: string;
  /**
   * Per-operation error classes by HTTP status (`"404"` → `"TemplateNotFoundError"`), from spec/sdk.yaml.
   * The transport applies it when the server answers that status: the error it throws is of the named
   * class instead of the one chosen from the status and error code alone. Absent: no override.
   */
  readonly errors?: Readonly<Record<string, ErrorClassName>>;
  /**
   * Error statuses whose body, when it is not an error envelope, is the operation's result (runCommand: a
   * command that exits non-zero is answered 500 with its normal result). From spec/sdk.yaml `resultStatuses`.
   */
  readonly resultStatuses?: readonly number[];
}

/** Per-call options accepted by every SDK method. */
export interface RequestOptions {
  /** Aborts the call (and any retry) when it fires. */
  signal?: AbortSignal;
  /** Milliseconds before the call fails with a TimeoutError; overrides the client's `requestTimeoutMs`. */
  timeoutMs?: number;
  /** @deprecated Use `timeoutMs` (the same milliseconds). */
  timeout?: number;
  /**
   * Called with the final response's status and headers, before the method resolves (e.g. a download's
   * `Content-Length` for progress).
   */
  onResponse?: (response: { readonly status: number; readonly headers: Headers }) => void;
  /** Extra request headers (e.g. Prism's `Prefer` in tests). Credentials cannot be set here. */
  headers?: Record<string, string>;
}

/** Where a WebSocket operation connects; opened by the stream layer with the plane's credentials. */
export interface WebSocketTarget<Client, Server> {
  /** The WebSocket operation. */
  readonly operation: OperationInfo;
  /** ws:// or wss:// URL, query included. */
  readonly url: string;
  /** Type carriers only: messages the client sends and the server sends. */
  readonly __messages?: { client: Client; server: Server };
}
