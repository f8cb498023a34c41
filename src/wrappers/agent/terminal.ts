// The sandbox's PTY over the agent's `/terminal` WebSocket, as a session handle: write keystrokes, resize,
// read output as an async iterator, learn the exit code. The official SDK's socket-style methods
// (`sendInput`, `resize`, `output`) work on the same handle.
import type { TerminalClientMessage, TerminalServerMessage } from "../../../generated/vm-agent/index.js";
import { ErrorCode, NetworkError } from "../../runtime/errors.js";
import type { MessageSocket } from "../../runtime/websocket.js";
import type { AgentContext } from "./context.js";
import { openAgentSocket, type StreamOptions } from "./streams.js";

export interface TerminalConnectOptions extends StreamOptions {
  /** Initial PTY size, sent right after connecting. */
  cols?: number;
  rows?: number;
}

/** One PTY session. Iterate it for output; breaking out of a loop keeps the session open (`close()` ends it). */
export interface TerminalSession extends AsyncIterable<string> {
  /** Sends keystrokes (include `\n`; control characters such as `\u0003` are allowed). Throws once the session has ended. */
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** The shell's exit code once it ends; null if the connection closed without one. Never rejects. */
  readonly exitCode: Promise<number | null>;
  /** Closes the session (the shell is ended by the agent). */
  close(): void;
}

class Session implements TerminalSession {
  readonly exitCode: Promise<number | null>;

  constructor(
    private readonly socket: MessageSocket<TerminalClientMessage, TerminalServerMessage>,
    exit: Promise<number | null>,
  ) {
    this.exitCode = exit;
  }

  write(data: string): void {
    this.send({ type: "input", data });
  }

  resize(cols: number, rows: number): void {
    this.send({ type: "resize", cols, rows });
  }

  private send(message: TerminalClientMessage): void {
    if (!this.socket.send(message)) throw new NetworkError("connectTerminal: the terminal session has ended", { code: ErrorCode.NETWORK_ERROR, operation: "connectTerminal" });
  }

  close(): void {
    this.socket.close();
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    // Pulled by hand so that leaving a loop does not close the socket: output can be read in several loops.
    const messages = this.socket[Symbol.asyncIterator]();
    return {
      next: async (): Promise<IteratorResult<string>> => {
        for (;;) {
          const item = await messages.next();
          if (item.done) return { done: true, value: undefined };
          if (item.value.type !== "exit") return { done: false, value: item.value.data };
        }
      },
    };
  }
}

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
      idleTimeout: options.idleTimeout ?? 0,
      isFinal: (message) => message.type === "exit",
      onMessage: (message) => {
        if (message.type === "exit") settle(message.code);
      },
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.openTimeout === undefined ? {} : { openTimeout: options.openTimeout }),
      ...(options.implementation ? { implementation: options.implementation } : {}),
    });
    void socket.closed.then(() => settle(null));
    const session = new Session(socket, exit);
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

  /** Official SDK name: the session's output as an async iterable. */
  output(session: TerminalSession): AsyncIterable<string> {
    return session;
  }
}
