// hopx cmd run|background (official 0.2; `cmd exec` and the sandbox id first: Python CLI), hopx process
// list|kill and hopx metrics [--follow] (ours).
import { integer, pairs, text } from "../args.js";
import type { Context } from "../context.js";
import { EXIT } from "../exit-codes.js";

/** The official CLI's command timeouts: 30 s in the foreground, 300 s in the background. */
const RUN_TIMEOUT = 30;
const BACKGROUND_TIMEOUT = 300;

function commandOptions(ctx: Context, timeout: number) {
  const v = ctx.values;
  const env = pairs((v.env as string[] | undefined) ?? [], ctx.command);
  const workingDir = text(v, "workdir");
  return {
    timeoutSeconds: integer(v, "timeout", ctx.command) ?? timeout,
    ...(Object.keys(env).length > 0 ? { env } : {}),
    ...(workingDir ? { workingDir } : {}),
  };
}

async function background(ctx: Context): Promise<number> {
  const sandbox = await ctx.sandbox();
  const job = await sandbox.commands.runBackground(ctx.positionals[0]!, commandOptions(ctx, BACKGROUND_TIMEOUT), {
    signal: ctx.signal,
  });
  if (ctx.out.mode === "table") ctx.io.stdout.write(`${job.processId}\n`);
  else ctx.data({ processId: job.processId, status: job.status });
  return EXIT.OK;
}

async function run(ctx: Context): Promise<number> {
  if (ctx.values.background) return background(ctx);
  const sandbox = await ctx.sandbox();
  const result = await sandbox.commands.run(ctx.positionals[0]!, commandOptions(ctx, RUN_TIMEOUT), {
    signal: ctx.signal,
  });
  if (ctx.out.mode === "json" || ctx.out.mode === "plain") {
    ctx.data({
      exitCode: result.exitCode,
      stdout: result.stdout,
      stderr: result.stderr,
      executionTime: result.executionTime,
    });
  } else {
    ctx.io.stdout.write(ctx.scrub(result.stdout));
    ctx.io.stderr.write(ctx.scrub(result.stderr));
  }
  return result.exitCode;
}

async function processList(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  if (ctx.values.system) {
    ctx.data(await sandbox.processes.listSystemProcesses({ signal: ctx.signal }));
    return;
  }
  const list = await sandbox.processes.listProcesses({ signal: ctx.signal });
  ctx.data(list, [
    { key: "process_id", header: "id" },
    { key: "name" },
    { key: "status" },
    { key: "language" },
    { key: "pid" },
    { key: "start_time", header: "started" },
  ]);
}

async function processKill(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  const result = await sandbox.processes.killProcess(ctx.positionals[0]!, { signal: ctx.signal });
  ctx.data({ processId: ctx.positionals[0], ...result });
}

async function metrics(ctx: Context): Promise<void> {
  const count = integer(ctx.values, "count", ctx.command);
  const sandbox = await ctx.sandbox();
  if (!ctx.values.follow) {
    ctx.data(await sandbox.getMetricsSnapshot({ signal: ctx.signal }));
    return;
  }
  let seen = 0;
  for await (const event of sandbox.streamMetrics({ signal: ctx.signal })) {
    ctx.event(event);
    if (count !== undefined && ++seen >= count) break;
  }
}

export const cmdCommands = {
  "cmd run": run,
  "cmd background": background,
  "process list": processList,
  "process kill": processKill,
  metrics,
};
