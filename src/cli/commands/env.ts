// hopx env list|get|set|unset (official 0.2), delete|load (Python CLI). Names and values are data: they are
// printed as they are, never case-converted; `set` never echoes values (they may be secrets).
import { readFile } from "node:fs/promises";
import { pairs, text, UsageError } from "../args.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../exit-codes.js";

async function list(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  const all = await sandbox.env.getAll({ signal: ctx.signal });
  if (ctx.out.mode === "json") ctx.out.data(all);
  else ctx.out.data(Object.entries(all).map(([name, value]) => ({ name, value })));
}

async function get(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  const name = ctx.positionals[0]!;
  const value = await sandbox.env.get(name, { signal: ctx.signal });
  if (value === undefined) throw new CliError(`${name} is not set`, EXIT.NOT_FOUND);
  ctx.out.data(ctx.out.mode === "json" ? { [name]: value } : value);
}

async function update(ctx: Context, vars: Record<string, string>): Promise<void> {
  if (Object.keys(vars).length === 0) throw new UsageError("no variables to set", ctx.command);
  const sandbox = await ctx.sandbox();
  await sandbox.env.update(vars, { signal: ctx.signal });
  ctx.out.data({ set: Object.keys(vars) });
}

async function set(ctx: Context): Promise<void> {
  const words = ctx.positionals;
  const flagged = pairs((ctx.values.env as string[] | undefined) ?? [], ctx.command);
  // The Python CLI's `env set SANDBOX_ID NAME VALUE`: two words, neither an assignment.
  const vars =
    words.length === 2 && !words[0]!.includes("=") && !words[1]!.includes("=")
      ? { [words[0]!]: words[1]! }
      : pairs(words, ctx.command);
  await update(ctx, { ...vars, ...flagged });
}

async function unset(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  for (const name of ctx.positionals) await sandbox.env.delete(name, { signal: ctx.signal });
  ctx.out.data({ unset: ctx.positionals });
}

/** A .env file: `NAME=value` lines, `export ` allowed, quotes stripped, comments and blanks skipped. */
export function parseDotenv(source: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, "");
    if (line === "" || line.startsWith("#")) continue;
    const at = line.indexOf("=");
    if (at <= 0) continue;
    const value = line.slice(at + 1).trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    vars[line.slice(0, at).trim()] = quoted ? quoted[2]! : value.replace(/\s+#.*$/, "");
  }
  return vars;
}

async function load(ctx: Context): Promise<void> {
  const file = text(ctx.values, "file") ?? ctx.positionals[0];
  if (file === undefined) throw new UsageError("give the .env file (after the sandbox id, or --file)", ctx.command);
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch {
    throw new CliError(`no such local file: ${file}`, EXIT.NOT_FOUND);
  }
  await update(ctx, parseDotenv(source));
}

export const envCommands = {
  "env list": list,
  "env get": get,
  "env set": set,
  "env unset": unset,
  "env delete": unset,
  "env load": load,
};
