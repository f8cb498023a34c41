// hopx cmd run, hopx env get|set|unset|list, hopx process list|kill, hopx metrics [--follow].
import { integer, pairs, text } from "../args.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../exit-codes.js";

async function cmdRun(ctx: Context): Promise<number> {
  const v = ctx.values;
  const sandbox = await ctx.sandbox();
  const env = pairs((v.env as string[] | undefined) ?? [], ctx.command);
  const timeoutSeconds = integer(v, "timeout", ctx.command);
  const workingDir = text(v, "workdir");
  const options = {
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    ...(Object.keys(env).length > 0 ? { env } : {}),
    ...(workingDir ? { workingDir } : {}),
  };
  const command = ctx.positionals[0]!;
  if (v.background) {
    const job = await sandbox.commands.runBackground(command, options, { signal: ctx.signal });
    ctx.out.data(ctx.out.mode === "json" ? { processId: job.processId, status: job.status } : job.processId);
    return EXIT.OK;
  }
  const result = await sandbox.commands.run(command, options, { signal: ctx.signal });
  if (ctx.out.mode === "json") {
    ctx.out.data({
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

async function envList(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  const all = await sandbox.env.getAll({ signal: ctx.signal });
  if (ctx.out.mode === "json") ctx.out.data(all);
  else ctx.out.data(Object.entries(all).map(([name, value]) => ({ name, value })));
}

async function envGet(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  const name = ctx.positionals[0]!;
  const value = await sandbox.env.get(name, { signal: ctx.signal });
  if (value === undefined) throw new CliError(`${name} is not set`, EXIT.NOT_FOUND);
  ctx.out.data(ctx.out.mode === "json" ? { [name]: value } : value);
}

async function envSet(ctx: Context): Promise<void> {
  const vars = pairs(ctx.positionals, ctx.command);
  const sandbox = await ctx.sandbox();
  await sandbox.env.update(vars, { signal: ctx.signal });
  // Values are not echoed: they may be secrets.
  ctx.out.data({ set: Object.keys(vars) });
}

async function envUnset(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  await sandbox.env.delete(ctx.positionals[0]!, { signal: ctx.signal });
  ctx.out.data({ unset: [ctx.positionals[0]] });
}

async function processList(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  if (ctx.values.system) {
    ctx.out.data(await sandbox.processes.listSystemProcesses({ signal: ctx.signal }));
    return;
  }
  const list = await sandbox.processes.listProcesses({ signal: ctx.signal });
  ctx.out.data(list, [
    { key: "processId", header: "id" },
    { key: "name" },
    { key: "status" },
    { key: "language" },
    { key: "pid" },
    { key: "startTime", header: "started" },
  ]);
}

async function processKill(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  const result = await sandbox.processes.killProcess(ctx.positionals[0]!, { signal: ctx.signal });
  ctx.out.data({ processId: ctx.positionals[0], ...result });
}

async function metrics(ctx: Context): Promise<void> {
  const count = integer(ctx.values, "count", ctx.command);
  const sandbox = await ctx.sandbox();
  if (!ctx.values.follow) {
    ctx.out.data(await sandbox.getMetricsSnapshot({ signal: ctx.signal }));
    return;
  }
  let seen = 0;
  for await (const event of sandbox.streamMetrics({ signal: ctx.signal })) {
    ctx.out.event(event);
    if (count !== undefined && ++seen >= count) break;
  }
}

export const agentCommands = {
  "cmd run": cmdRun,
  "env list": envList,
  "env get": envGet,
  "env set": envSet,
  "env unset": envUnset,
  "process list": processList,
  "process kill": processKill,
  metrics,
};
