// hopx terminal: the sandbox's PTY over the agent's WebSocket. On a TTY the keyboard goes raw (Ctrl-C,
// arrows, Ctrl-D reach the remote shell) and window changes are sent as resizes; with piped stdin, the end
// of input is the Ctrl-D a user would type. Exits with the shell's status.
import { integer } from "../args.js";
import type { Context } from "../context.js";
import { EXIT } from "../exit-codes.js";

const CTRL_D = "\u0004";

async function terminal(ctx: Context): Promise<number> {
  const cols = integer(ctx.values, "cols", ctx.command);
  const rows = integer(ctx.values, "rows", ctx.command);
  const { stdin, stdout } = ctx.io;
  const size = (): { cols: number; rows: number } => ({
    cols: stdout.isTTY ? stdout.columns : (cols ?? 80),
    rows: stdout.isTTY ? stdout.rows : (rows ?? 24),
  });
  const sandbox = await ctx.sandbox();
  const session = await sandbox.terminal.connect({ signal: ctx.signal });
  const send = (data: string): void => {
    try {
      session.write(data);
    } catch {
      // The shell already ended; its exit code is on its way.
    }
  };
  const resize = (): void => {
    const { cols: c, rows: r } = size();
    try {
      session.resize(c, r);
    } catch {
      // Ended meanwhile.
    }
  };
  const raw = stdin.isTTY === true;
  const onData = (chunk: string): void => send(chunk);
  const onEnd = (): void => send(CTRL_D);
  if (raw) stdin.setRawMode(true);
  // The size goes out once the keyboard is raw: from then on every keystroke, Ctrl-C included, is the shell's.
  resize();
  stdin.setEncoding("utf8");
  stdin.on("data", onData);
  stdin.on("end", onEnd);
  process.on("SIGWINCH", resize);
  try {
    for await (const data of session) stdout.write(ctx.scrub(data));
    return (await session.wait()) ?? EXIT.OK;
  } finally {
    process.off("SIGWINCH", resize);
    stdin.off("data", onData);
    stdin.off("end", onEnd);
    if (raw) stdin.setRawMode(false);
    stdin.pause();
    session.close();
  }
}

export const terminalCommands = { terminal };
