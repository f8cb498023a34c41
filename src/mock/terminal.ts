// The mock's `/terminal`: a PTY-like session over the mock shell. Like a real PTY it prints a prompt on
// connect, echoes what is typed a key at a time (as bash's readline does: it reads and echoes each key, so a
// reader sees one message per key), ends the echoed line with `\r\n`, answers each line with the shell's
// output, one message per line, then a new prompt; `cd` and `export` last for the session; Ctrl-C drops the
// line; `exit [N]` (or Ctrl-D on an empty line) ends the session with that code. A resize is taken silently,
// as a PTY does, and shows in `stty size`, `tput cols|lines`, `$COLUMNS` and `$LINES`.
import type { RunScope } from "./run-scope.js";
import { runShell, TERMINAL_SIZE } from "./shell.js";

/** A server frame of the terminal (wire form). */
type TerminalFrame = { type: "output"; data: string } | { type: "exit"; code: number };

const PROMPT = "$ ";

/** One terminal session: feed it client frames, it returns the frames to send. */
export class TerminalSession {
  private line = "";
  private ended = false;

  constructor(private readonly scope: RunScope) {
    scope.env.set("COLUMNS", scope.env.get("COLUMNS") ?? TERMINAL_SIZE.columns);
    scope.env.set("LINES", scope.env.get("LINES") ?? TERMINAL_SIZE.lines);
  }

  /** The prompt shown when the session opens. */
  open(): TerminalFrame[] {
    return [{ type: "output", data: PROMPT }];
  }

  resize(cols: number, rows: number): TerminalFrame[] {
    this.scope.env.set("COLUMNS", String(cols));
    this.scope.env.set("LINES", String(rows));
    return [];
  }

  input(data: string): TerminalFrame[] {
    const frames: TerminalFrame[] = [];
    const echo = (text: string) => frames.push({ type: "output", data: text });
    for (const c of data) {
      if (this.ended) break;
      if (c === "\r" || c === "\n") {
        echo("\r\n");
        frames.push(...this.enter());
      } else if (c === "\u0003") {
        echo("^C\r\n");
        this.line = "";
        echo(PROMPT);
      } else if (c === "\u0004" && this.line === "") {
        frames.push(...this.finish(0, "exit\r\n"));
      } else if (c === "\u007f" || c === "\b") {
        if (this.line) echo("\b \b");
        this.line = this.line.slice(0, -1);
      } else if (c >= " " || c === "\t") {
        this.line += c;
        echo(c);
      }
    }
    return frames;
  }

  private enter(): TerminalFrame[] {
    const line = this.line;
    this.line = "";
    const out = runShell(line, this.scope);
    // A PTY turns each `\n` into `\r\n`; output arrives as the program writes it, here a line at a time.
    const frames: TerminalFrame[] = (`${out.stdout}${out.stderr}`.match(/[^\n]*\n|[^\n]+$/g) ?? []).map((chunk) => ({
      type: "output" as const,
      data: chunk.replace(/\n$/, "\r\n"),
    }));
    if (out.exited) return [...frames, ...this.finish(out.exitCode)];
    frames.push({ type: "output", data: PROMPT });
    return frames;
  }

  private finish(code: number, echo?: string): TerminalFrame[] {
    this.ended = true;
    return [...(echo ? [{ type: "output" as const, data: echo }] : []), { type: "exit", code }];
  }

  get done(): boolean {
    return this.ended;
  }
}
