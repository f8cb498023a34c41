// The sandbox's PTY over the agent's `/terminal` WebSocket, as a session handle: write keystrokes, resize,
// read output as an async iterator, learn the exit code. The official SDK's socket-style methods
// (`sendInput`, `resize`, `output`) work on the same handle.
import type { TerminalClientMessage, TerminalServerMessage } from "../../../generated/vm-agent/index.js";
import { ErrorCode, NetworkError } from "../../runtime/errors.js";
import { StreamHandle, type Stream } from "../../runtime/stream.js";
import type { MessageSocket } from "../../runtime/websocket.js";
import type { AgentContext } from "./context.js";
import { openAgentSocket, socketOptions, type StreamOptions } from "./streams.js";

/** Options of `terminal.connect`: those of a stream, plus the PTY's initial size. */
export interface TerminalConnectOptions extends StreamOptions {
  /** Initial PTY width in columns, sent right after connecting. */
  cols?: number;
  /** Initial PTY height in rows. */
  rows?: number;
}

/**
 * One PTY session, in the shape of every SDK stream: iterate it for output; leaving the loop, `close()`,
 * `kill()`, `await using` or killing the sandbox end the session.
 */
export interface TerminalSession extends Stream<string> {
  /**
   * Sends keystrokes (include `\n`; control characters such as `\u0003` are allowed). Throws once the session has
   * ended.
   */
  write(data: string): void;
  /** Changes the PTY's size. */
  resize(cols: number, rows: number): void;
  /** The shell's exit code once it ends; null if the connection closed without one. Never rejects. */
  readonly exitCode: Promise<number | null>;
  /** Waits for the shell to end; its exit code, or null if the connection closed without one. */
  wait(): Promise<number | null>;
  /** Ends the session now (the agent ends the shell); same as `close()`. */
  kill(): void;
}

async function* output(
  socket: MessageSocket<TerminalClientMessage, TerminalServerMessage>,
): AsyncGenerator<string, void, undefined> {
  try {
    for await (const message of socket) if (message.type !== "exit") yield message.data;
  } finally {
    socket.close();
  }
}

class Session implements TerminalSession {
  readonly exitCode: Promise<number | null>;
  readonly closed: Promise<void>;
  readonly #stream: Stream<string>;

  constructor(
    private readonly socket: MessageSocket<TerminalClientMessage, TerminalServerMessage>,
    exit: Promise<number | null>,
    signal: AbortSignal | undefined,
  ) {
    this.exitCode = exit;
    // The socket already ends on the caller's signal; the handle adds close-on-leave and close().
    this.#stream = new StreamHandle(() => output(socket), signal);
    this.closed = Promise.race([this.#stream.closed, socket.closed.then(() => undefined)]);
  }

  write(data: string): void {
    this.send({ type: "input", data });
  }

  resize(cols: number, rows: number): void {
    this.send({ type: "resize", cols, rows });
  }

  private send(message: TerminalClientMessage): void {
    if (!this.socket.send(message))
      throw new NetworkError("connectTerminal: the terminal session has ended", {
        code: ErrorCode.NETWORK_ERROR,
        operation: "connectTerminal",
      });
  }

  async wait(): Promise<number | null> {
    return this.exitCode;
  }

  kill(): void {
    this.close();
  }

  close(): void {
    this.#stream.close();
    this.socket.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    return this.#stream[Symbol.asyncIterator]();
  }
}

/**
 * Interactive terminals of a sandbox (`sandbox.terminal`), over WebSocket.
 *
 * @example
 * ```ts
 * import type { Sandbox } from "hopx-client";
 *
 * declare const sandbox: Sandbox;
 *
 * await using term = await sandbox.terminal.connect({ cols: 120, rows: 40 });
 * term.write("echo hello; exit\n");
 * for await (const output of term) process.stdout.write(output);
 * console.log("exit code", await term.wait());
 * ```
 */
export class Terminal {
  constructor(private readonly ctx: AgentContext) {}

  /**
   * Opens a PTY session. There is no idle timeout unless you set one (a shell may be quiet for long); the
   * signal closes the session.
   */
  async connect(options: TerminalConnectOptions = {}): Promise<TerminalSession> {
    let settle!: (code: number | null) => void;
    const exit = new Promise<number | null>((resolve) => (settle = resolve));
    const socket = await openAgentSocket(this.ctx, this.ctx.resources.terminal.connect(), {
      // A shell may be quiet for long: no idle timeout unless the caller sets one.
      ...socketOptions(options, 0),
      isFinal: (message) => message.type === "exit",
      onMessage: (message) => {
        if (message.type === "exit") settle(message.code);
      },
    });
    void socket.closed.then(() => settle(null));
    const session = new Session(socket, exit, options.signal);
    this.ctx.streams.track(session, session.closed);
    if (options.cols !== undefined && options.rows !== undefined) session.resize(options.cols, options.rows);
    return session;
  }

  /** Official SDK name: `session.write(data)`. */
  sendInput(session: TerminalSession, data: string): void {
    session.write(data);
  }

  /** Official SDK name: `session.resize(cols, rows)`. */
  resize(session: TerminalSession, cols: number, rows: number): void {
    session.resize(cols, rows);
  }

  /** Official SDK name: the session's output as an async iterable (the session itself). */
  output(session: TerminalSession): AsyncIterable<string> {
    return session;
  }

  /** The name HopX's own cookbook uses for `output()`. */
  iterOutput(session: TerminalSession): AsyncIterable<string> {
    return session;
  }
}
