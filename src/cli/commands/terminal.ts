// hopx terminal [SANDBOX_ID] (official 0.2), terminal connect|info|url (Python CLI): the sandbox's PTY over the
// agent's WebSocket. On a TTY the keyboard goes raw (Ctrl-C,
// arrows, Ctrl-D reach the remote shell) and window changes are sent as resizes; with piped stdin, the end
// of input is the Ctrl-D a user would type. Exits with the shell's status.
import { integer, text } from "../args.js";
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

/** The agent's terminal endpoint; the token goes in a header when connecting, so the URL holds no secret. */
async function socketUrl(ctx: Context): Promise<{ agentUrl: string; websocketUrl: string }> {
  const sandbox = await ctx.sandboxRecord(ctx.sandboxId());
  const agentUrl = await sandbox.getAgentUrl();
  return { agentUrl, websocketUrl: `${agentUrl.replace(/^http/, "ws").replace(/\/+$/, "")}/terminal` };
}

async function info(ctx: Context): Promise<void> {
  const model = await ctx.client().controlPlane.sandboxes.get(ctx.sandboxId(), { signal: ctx.signal });
  const { agentUrl, websocketUrl } = await socketUrl(ctx);
  ctx.data({ sandboxId: model.id, status: model.status, websocketUrl, agentUrl });
}

async function url(ctx: Context): Promise<void> {
  const { websocketUrl } = await socketUrl(ctx);
  if (ctx.out.mode === "table") ctx.io.stdout.write(`${websocketUrl}\n`);
  else ctx.data({ sandboxId: ctx.sandboxId(), websocketUrl });
}

/** `terminal connect ID --command CMD` runs one command (its output and status, no PTY echo). */
async function connect(ctx: Context): Promise<number> {
  const command = text(ctx.values, "command");
  if (command === undefined) return terminal(ctx);
  const sandbox = await ctx.sandbox();
  const result = await sandbox.commands.run(command, {}, { signal: ctx.signal });
  if (ctx.out.mode === "table") {
    ctx.io.stdout.write(ctx.scrub(result.stdout));
    ctx.io.stderr.write(ctx.scrub(result.stderr));
  } else {
    ctx.data({
      exitCode: result.exitCode,
      stdout: result.stdout,
      stderr: result.stderr,
      executionTime: result.executionTime,
    });
  }
  return result.exitCode;
}

export const terminalCommands = {
  terminal,
  "terminal connect": connect,
  "terminal info": info,
  "terminal url": url,
};
