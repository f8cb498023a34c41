// Streaming over the agent's WebSockets: code execution, commands and file watching as Stream handles of
// typed camelCase messages (runtime/stream.ts). Breaking out of a loop, close() and killing the sandbox
// close the socket; an abort, an idle stream or a server that hangs up before the protocol's last message
// ends the loop with a typed error.
import { shapes } from "../../../generated/vm-agent/index.js";
import type {
  CommandStreamRequestMessage,
  ExecuteStreamRequestMessage,
  ExecuteStreamServerMessage,
  FileChangeMessage,
  FileWatchRequestMessage,
  RichStreamServerMessage,
} from "../../../generated/vm-agent/index.js";
import { AuthenticationError, HopxError, TokenExpiredError } from "../../runtime/errors.js";
import type { WebSocketTarget } from "../../runtime/operation.js";
import { fromWire } from "../../runtime/shape.js";
import { startOperation, urlAttributes } from "../../runtime/tracing.js";
import { checkDurationSeconds, checkEnvMap } from "../../runtime/guards.js";
import { EXECUTION_GRACE_MS } from "../../runtime/time.js";
import { renamed } from "../../runtime/units.js";
import { StreamHandle, type Stream } from "../../runtime/stream.js";
import {
  openSocket,
  type MessageSocket,
  type OpenSocketOptions,
  type WebSocketImplementation,
} from "../../runtime/websocket.js";
import { checkLanguage, type LanguageName } from "./code.js";
import type { AgentContext } from "./context.js";

/** Options every agent stream takes: its signal, idle and open timeouts, and the WebSocket implementation. */
export interface StreamOptions {
  /** Aborting ends the iteration at once (AbortError) and closes the socket. */
  signal?: AbortSignal;
  /** Milliseconds without a message before the iteration ends with a TimeoutError (0: never). */
  idleTimeoutMs?: number;
  /** @deprecated Use `idleTimeoutMs` (the same milliseconds). */
  idleTimeout?: number;
  /** Milliseconds for the WebSocket upgrade (default: the client's `requestTimeoutMs`). */
  openTimeoutMs?: number;
  /** @deprecated Use `openTimeoutMs` (the same milliseconds). */
  openTimeout?: number;
  /** Forces a WebSocket implementation (default: the runtime's own if it can send headers, else `ws`). */
  implementation?: WebSocketImplementation;
}

/** Which agent endpoint runs a streamed execution. */
export type CodeStreamEndpoint = "execute" | "rich" | "ipython";

/**
 * Options of `runCodeStream`: those of a stream, plus the execution's language, timeout, environment, directory and
 * endpoint.
 */
export interface RunCodeStreamOptions extends StreamOptions {
  /** Default `python`; typed open like the official SDK's, checked before the socket opens. */
  language?: LanguageName;
  /** Execution timeout in seconds (the agent's default when unset). */
  timeoutSeconds?: number;
  /** @deprecated The official SDK's name; use `timeoutSeconds` (the same seconds). */
  timeout?: number;
  /** Environment for this execution only; names and values are sent verbatim. */
  env?: Record<string, string>;
  /** Working directory (wire `workdir`). */
  workingDir?: string;
  /**
   * `execute` (default): `/execute/stream`. `rich`: `/stream`, which adds `rich_output` messages; `ipython`:
   * `/stream/ipython` (the IPython kernel). Both are unverified against a live agent.
   */
  endpoint?: CodeStreamEndpoint;
}

/**
 * Options of `commands.stream`: those of a stream, plus the command's timeout, environment, directory and arguments.
 */
export interface StreamCommandOptions extends StreamOptions {
  /** Timeout in seconds. */
  timeoutSeconds?: number;
  /** @deprecated The official SDK's name; use `timeoutSeconds` (the same seconds). */
  timeout?: number;
  /** Environment for this command only; names and values are sent verbatim. */
  env?: Record<string, string>;
  /** Working directory (agent default `/workspace`; wire `workdir`). */
  workingDir?: string;
  /** Run `command` with these arguments as they are, instead of the SDK's `bash -c <command>`. */
  args?: string[];
}

/** Options of `files.watch`: those of every stream. */
export type WatchFilesOptions = StreamOptions;

/** Server-schema names, for converting wire messages to camelCase. */
const SERVER_SHAPE = {
  streamExecution: "ExecuteStreamServerMessage",
  streamRichExecution: "RichStreamServerMessage",
  streamIpython: "ExecuteStreamServerMessage",
  streamCommand: "ExecuteStreamServerMessage",
  watchFiles: "FileChangeMessage",
  connectTerminal: "TerminalServerMessage",
} as const;

function decoder<S>(operation: string): (wire: Record<string, unknown>) => S {
  const name = (SERVER_SHAPE as Record<string, string>)[operation];
  const ref = name !== undefined && shapes[name] ? name : undefined;
  return (wire) => fromWire<S>(wire, ref, shapes);
}

/**
 * Opens an agent WebSocket with the sandbox's credential. A 401 on the upgrade renews the token once and
 * retries once; a second 401 is a TokenExpiredError.
 */
export async function openAgentSocket<C, S>(
  ctx: AgentContext,
  target: WebSocketTarget<C, S>,
  options: Omit<OpenSocketOptions<C, S>, "headers" | "operation" | "decode"> = {},
): Promise<MessageSocket<C, S>> {
  const operation = target.operation.id;
  const url = await ctx.transport.resolveUrl(target.url);
  // Tracing hook: one span per stream, from the upgrade (renewal included) until the socket closes.
  const trace = startOperation(
    operation,
    { ...urlAttributes(url), "hopx.sandbox.id": ctx.sandboxId, "hopx.plane": "agent" },
    ctx.traceContext,
  );
  const limits = { openTimeoutMs: ctx.requestTimeoutMs, maxQueuedBytes: ctx.limits.maxQueuedBytes };
  const open = async (headers: Record<string, string>): Promise<MessageSocket<C, S>> =>
    openSocket<C, S>(url, {
      ...limits,
      ...options,
      headers: { ...headers, ...trace.headers() },
      operation,
      decode: decoder<S>(operation),
      // Proxy hook: the client's proxies go to the socket (websocket-connect.ts picks `ws` with an agent).
      proxy: ctx.proxy,
    });
  const tracked = (socket: MessageSocket<C, S>): MessageSocket<C, S> => {
    ctx.streams.track(socket, socket.closed);
    void socket.closed.then((closed) => {
      trace.set({ "hopx.websocket.close_code": closed.code });
      trace.end();
    });
    return socket;
  };
  try {
    const used = await ctx.headers();
    try {
      return tracked(await open(used));
    } catch (err) {
      if (!(err instanceof AuthenticationError) || err.status !== 401) throw err;
      trace.event("hopx.token_renewal");
      if (!(await ctx.renew(used))) throw err;
    }
    try {
      return tracked(await open(await ctx.headers()));
    } catch (err) {
      if (err instanceof AuthenticationError && err.status === 401 && !(err instanceof TokenExpiredError))
        throw new TokenExpiredError(`${err.message} (after renewing the token)`, { ...err, cause: err });
      throw err;
    }
  } catch (err) {
    trace.end(err);
    throw err;
  }
}

type TransportOptions = Pick<
  OpenSocketOptions<unknown, unknown>,
  "idleTimeoutMs" | "signal" | "openTimeoutMs" | "implementation"
>;

/** The socket options of a stream call, its durations under their new names (deprecated aliases read too). */
export function socketOptions(options: StreamOptions, idleDefault: number): TransportOptions {
  const openTimeoutMs = renamed("stream", options, "openTimeoutMs", "openTimeout");
  return {
    idleTimeoutMs: renamed("stream", options, "idleTimeoutMs", "idleTimeout") ?? idleDefault,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(openTimeoutMs === undefined ? {} : { openTimeoutMs }),
    ...(options.implementation ? { implementation: options.implementation } : {}),
  };
}

/** Sends the request message, then yields the server's messages; the socket closes however the loop ends. */
async function* exchange<C, S>(
  ctx: AgentContext,
  target: WebSocketTarget<C, S>,
  first: C,
  options: Omit<OpenSocketOptions<C, S>, "headers" | "operation" | "decode">,
): AsyncGenerator<S, void, undefined> {
  const socket = await openAgentSocket(ctx, target, options);
  try {
    try {
      socket.send(first);
    } catch (err) {
      // The stream already failed (abort, drop); iterating delivers what arrived first, then that error.
      if (!(err instanceof HopxError)) throw err;
    }
    yield* socket;
  } finally {
    socket.close();
  }
}

/** The execution timeout (seconds, checked so the milliseconds fit a timer), from either name. */
function executionSeconds(options: RunCodeStreamOptions | StreamCommandOptions): number | undefined {
  const seconds = renamed("stream", options, "timeoutSeconds", "timeout");
  return seconds === undefined
    ? undefined
    : checkDurationSeconds("stream: timeoutSeconds", seconds, EXECUTION_GRACE_MS);
}

/** The idle timeout follows the execution timeout, plus the grace. */
function executionIdle(ctx: AgentContext, timeoutSeconds: number | undefined): number {
  return timeoutSeconds === undefined
    ? ctx.requestTimeoutMs
    : Math.max(ctx.requestTimeoutMs, timeoutSeconds * 1000 + EXECUTION_GRACE_MS);
}

const isComplete = (message: { type: string }): boolean => message.type === "complete";

/** A stream of this sandbox: tracked, so killing the sandbox closes it. */
export function agentStream<T>(
  ctx: AgentContext,
  signal: AbortSignal | undefined,
  open: (signal: AbortSignal) => AsyncIterable<T>,
): Stream<T> {
  const handle = new StreamHandle(open, signal);
  ctx.streams.track(handle, handle.closed);
  return handle;
}

/** With `endpoint: "rich"`: streams one code execution from `/stream`, with `rich_output` messages too. */
export function runCodeStream(
  ctx: AgentContext,
  code: string,
  options: RunCodeStreamOptions & { endpoint: "rich" },
): Stream<RichStreamServerMessage>;
/** Streams one code execution: `stdout`/`stderr` chunks, `result` or `error`, then `complete` (the last one). */
export function runCodeStream(
  ctx: AgentContext,
  code: string,
  options?: RunCodeStreamOptions & { endpoint?: "execute" | "ipython" },
): Stream<ExecuteStreamServerMessage>;
/** Streams one code execution from the endpoint `options.endpoint` names (default `execute`). */
export function runCodeStream(
  ctx: AgentContext,
  code: string,
  options?: RunCodeStreamOptions,
): Stream<ExecuteStreamServerMessage | RichStreamServerMessage>;
export function runCodeStream(
  ctx: AgentContext,
  code: string,
  options: RunCodeStreamOptions = {},
): Stream<ExecuteStreamServerMessage | RichStreamServerMessage> {
  return agentStream(ctx, options.signal, (signal) => codeMessages(ctx, code, { ...options, signal }));
}

async function* codeMessages(
  ctx: AgentContext,
  code: string,
  options: RunCodeStreamOptions,
): AsyncGenerator<ExecuteStreamServerMessage | RichStreamServerMessage, void, undefined> {
  const timeout = executionSeconds(options);
  const request: ExecuteStreamRequestMessage = {
    type: "execute",
    code,
    language: checkLanguage("runCodeStream", options.language ?? "python"),
    ...(timeout === undefined ? {} : { timeout }),
    ...(options.workingDir === undefined ? {} : { workdir: options.workingDir }),
    ...(options.env === undefined ? {} : { env: checkEnvMap("stream: env", options.env) }),
  };
  const code_ = ctx.resources.code;
  const target: WebSocketTarget<ExecuteStreamRequestMessage, ExecuteStreamServerMessage | RichStreamServerMessage> =
    options.endpoint === "rich"
      ? code_.streamRich()
      : options.endpoint === "ipython"
        ? code_.streamIpython()
        : code_.stream();
  yield* exchange(ctx, target, request, {
    ...socketOptions(options, executionIdle(ctx, timeout)),
    isFinal: isComplete,
  });
}

/** Streams a shell command's output over `/commands/stream` (same messages as `runCodeStream`). */
export function streamCommand(
  ctx: AgentContext,
  command: string,
  options: StreamCommandOptions = {},
): Stream<ExecuteStreamServerMessage> {
  return agentStream(ctx, options.signal, (signal) => commandMessages(ctx, command, { ...options, signal }));
}

async function* commandMessages(
  ctx: AgentContext,
  command: string,
  options: StreamCommandOptions,
): AsyncGenerator<ExecuteStreamServerMessage, void, undefined> {
  const timeout = executionSeconds(options);
  const request: CommandStreamRequestMessage = {
    type: "command",
    ...(options.args === undefined ? { command: "bash", args: ["-c", command] } : { command, args: options.args }),
    ...(timeout === undefined ? {} : { timeout }),
    ...(options.workingDir === undefined ? {} : { workdir: options.workingDir }),
    ...(options.env === undefined ? {} : { env: checkEnvMap("stream: env", options.env) }),
  };
  yield* exchange(ctx, ctx.resources.commands.stream(), request, {
    ...socketOptions(options, executionIdle(ctx, timeout)),
    isFinal: isComplete,
  });
}

/**
 * Reports changes under `path` until the loop ends. The stream is open-ended, so there is no idle timeout
 * unless you set one (a quiet directory is not a fault); end it with `break` or the signal.
 */
export function watchFiles(
  ctx: AgentContext,
  path = "/workspace",
  options: WatchFilesOptions = {},
): Stream<FileChangeMessage> {
  const request: FileWatchRequestMessage = { action: "watch", path };
  return agentStream(ctx, options.signal, (signal) =>
    exchange(ctx, ctx.resources.files.watch(), request, socketOptions({ ...options, signal }, 0)),
  );
}
