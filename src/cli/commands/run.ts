// hopx run: create a sandbox (or attach to --sandbox), stream the code's output over the agent's WebSocket
// as it comes, kill the sandbox it created (also on Ctrl-C), and exit with the code's own status. With
// --outputs/--show the code runs through POST /execute, whose answer carries the rich outputs.
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import type { Sandbox } from "hopx-client";
import { integer, pairs, text, UsageError } from "../args.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../exit-codes.js";
import { imageProtocol, inlineImage, saveOutputs, whyNotShown } from "../rich-outputs.js";

type Language = "python" | "javascript" | "bash" | "go";
const LANGUAGES: readonly string[] = ["python", "javascript", "bash", "go"];
const BY_EXTENSION: Record<string, Language> = {
  ".py": "python",
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".sh": "bash",
  ".bash": "bash",
  ".go": "go",
};
/** The official CLI's execution timeout. */
const DEFAULT_TIMEOUT = 30;
/** Time the kill of the created sandbox may take after the run ended (it gets no signal: Ctrl-C must not stop it). */
const KILL_TIMEOUT_MS = 15_000;

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString("utf8");
}

async function source(ctx: Context): Promise<{ code: string; language: Language }> {
  const given = text(ctx.values, "language");
  let file = text(ctx.values, "file");
  let positional = ctx.positionals[0];
  // The official CLI's argument is "code or a path to a file": an existing file is read.
  if (file === undefined && positional !== undefined && positional !== "-" && !/\n/.test(positional)) {
    const found = await stat(positional).catch(() => undefined);
    if (found?.isFile()) [file, positional] = [positional, undefined];
  }
  if (file !== undefined && positional !== undefined)
    throw new UsageError("give the code or --file, not both", ctx.command);
  let code: string;
  if (file !== undefined && file !== "-") {
    try {
      code = await readFile(file, "utf8");
    } catch {
      throw new CliError(`cannot read ${file}`, EXIT.NOT_FOUND);
    }
  } else if (positional === undefined || positional === "-" || file === "-") {
    if (ctx.io.stdin.isTTY)
      throw new UsageError("no code: give it as an argument, with --file, or on stdin", ctx.command);
    code = await readStdin(ctx.io.stdin);
  } else {
    code = positional;
  }
  if (code.trim() === "") throw new UsageError("the code is empty", ctx.command);
  const language = given ?? (file ? BY_EXTENSION[extname(file).toLowerCase()] : undefined) ?? "python";
  if (!LANGUAGES.includes(language))
    throw new UsageError(`--language must be python, javascript, bash or go, got "${language}"`, ctx.command);
  return { code, language: language as Language };
}

/**
 * Creates the sandbox without the Ctrl-C signal: aborting a create half-way would leave a sandbox whose id
 * nobody learns. On Ctrl-C the create is let finish (its own deadline bounds it) and the sandbox is killed
 * at once; a second Ctrl-C exits without waiting.
 */
async function createKillable(ctx: Context, create: () => Promise<Sandbox>): Promise<Sandbox> {
  const creating = create();
  const aborted = new Promise<"aborted">((resolve) => {
    if (ctx.signal.aborted) resolve("aborted");
    ctx.signal.addEventListener("abort", () => resolve("aborted"), { once: true });
  });
  const first = await Promise.race([creating, aborted]);
  if (first !== "aborted") return first;
  ctx.io.stderr.write("hopx: interrupted; killing the sandbox being created (Ctrl-C again to leave it)\n");
  const sandbox = await creating.catch(() => undefined);
  await sandbox?.kill({ timeoutMs: KILL_TIMEOUT_MS }).catch(() => undefined);
  throw ctx.signal.reason;
}

async function run(ctx: Context): Promise<number> {
  const { code, language } = await source(ctx);
  const v = ctx.values;
  const timeoutSeconds =
    integer(v, "timeout-seconds", ctx.command) ?? integer(v, "timeout", ctx.command) ?? DEFAULT_TIMEOUT;
  const env = pairs((v.env as string[] | undefined) ?? [], ctx.command);
  const workingDir = text(v, "workdir");
  const existing = text(v, "sandbox");
  const hopx = ctx.client();
  let sandbox: Sandbox;
  if (existing) {
    sandbox = await hopx.sandboxes.connect(existing, { signal: ctx.signal });
  } else {
    const template = ctx.template();
    sandbox = await createKillable(ctx, () => hopx.sandboxes.create({ template }));
    if (ctx.debug) ctx.out.note(`created sandbox ${sandbox.sandboxId}`);
  }
  let exitCode: number | undefined;
  let failure: string | undefined;
  const options = {
    language,
    timeoutSeconds,
    ...(Object.keys(env).length > 0 ? { env } : {}),
    ...(workingDir ? { workingDir } : {}),
  };
  try {
    if (v.outputs !== undefined || v.show) {
      exitCode = await runWithOutputs(ctx, sandbox, code, options);
    } else {
      for await (const message of sandbox.runCodeStream(code, { ...options, signal: ctx.signal })) {
        if (ctx.out.mode === "json") ctx.event(message);
        else if (message.type === "stdout") ctx.io.stdout.write(ctx.scrub(message.data));
        else if (message.type === "stderr") ctx.io.stderr.write(ctx.scrub(message.data));
        if (message.type === "result") exitCode = message.exitCode;
        else if (message.type === "error") failure = message.code ? `${message.code}: ${message.error}` : message.error;
        else if (message.type === "complete" && exitCode === undefined && !message.success) exitCode = EXIT.FAILURE;
      }
    }
  } finally {
    if (!existing && !v.keep) {
      await sandbox.kill({ timeoutMs: KILL_TIMEOUT_MS }).catch((err: unknown) => {
        ctx.io.stderr.write(`${ctx.scrub(`hopx: could not kill sandbox ${sandbox.sandboxId}: ${String(err)}`)}\n`);
      });
      if (ctx.debug) ctx.out.note(`killed sandbox ${sandbox.sandboxId}`);
    } else if (!existing) {
      ctx.out.note(`sandbox ${sandbox.sandboxId} kept`);
    }
  }
  if (failure !== undefined && ctx.out.mode !== "json") ctx.io.stderr.write(`${ctx.scrub(`hopx: ${failure}`)}\n`);
  return exitCode ?? (failure !== undefined ? EXIT.FAILURE : EXIT.OK);
}

type RunOptions = NonNullable<Parameters<Sandbox["runCode"]>[1]>;

/** One execution through POST /execute: its output once it ends, then each rich output saved (and drawn). */
async function runWithOutputs(ctx: Context, sandbox: Sandbox, code: string, options: RunOptions): Promise<number> {
  const result = await sandbox.runCode(code, options, { signal: ctx.signal });
  const json = ctx.out.mode === "json";
  if (json) {
    if (result.stdout) ctx.event({ type: "stdout", data: result.stdout });
    if (result.stderr) ctx.event({ type: "stderr", data: result.stderr });
    ctx.event({ type: "result", exitCode: result.exitCode, executionTime: result.executionTime });
  } else {
    ctx.io.stdout.write(ctx.scrub(result.stdout));
    ctx.io.stderr.write(ctx.scrub(result.stderr));
  }
  // Without --outputs, --show still needs files to fall back to: a fresh folder of their own.
  const dir = text(ctx.values, "outputs") ?? (await mkdtemp(join(tmpdir(), "hopx-outputs-")));
  const saved = await saveOutputs(result.richOutputs, dir);
  const protocol = ctx.values.show ? imageProtocol(ctx.io.stdout.isTTY === true, process.env) : undefined;
  if (ctx.values.show && !protocol && saved.some((o) => o.mime === "image/png"))
    ctx.out.note(`--show: ${whyNotShown(ctx.io.stdout.isTTY === true)}; the images are saved as files`);
  for (const output of saved) {
    if (json) ctx.event({ type: "output", mime: output.mime, path: output.path });
    else if (protocol && output.mime === "image/png") ctx.io.stdout.write(inlineImage(protocol, output.bytes));
    else ctx.io.stdout.write(`${output.path}\n`);
  }
  if (saved.length === 0) ctx.out.note("no rich outputs");
  if (json) ctx.event({ type: "complete", success: result.exitCode === 0 });
  return result.exitCode;
}

export const runCommands = { run };
