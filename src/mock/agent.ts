// Default answers of a sandbox's agent in the stateful mock: code and commands (with cheap plausible output),
// the file system (read, write, list, upload, download, remove, exists, mkdir), env vars and processes.
// Operations without state here (desktop, metrics, cache …) answer their spec example.
import { iso, type CallContext, type DefaultHandler } from "./context.js";
import { runCode } from "./emulate.js";
import { errorReply, ok, type Reply } from "./reply.js";
import { scopeOf, type RunOutput } from "./run-scope.js";
import { childrenOf, makeDirs, removePath, resolvePath, writeFile } from "./sandbox-files.js";
import { commandLine, runShell } from "./shell.js";
import type { FileNode, ProcessRecord, SandboxState } from "./state.js";

const ALLOWED = /^\/(workspace|tmp)(\/|$)/;

/** The sandbox of the call (agent calls always have one once routed). */
const box = (ctx: CallContext): SandboxState => ctx.sandbox!;

/** An absolute path under /workspace or /tmp, or the spec's 403. */
function checkedPath(raw: unknown): string | Reply {
  if (typeof raw !== "string" || raw === "") return errorReply(400, "path is required", "MISSING_PARAMETER");
  const path = resolvePath(raw, "/workspace");
  if (!ALLOWED.test(path)) return errorReply(403, `Path ${raw} is outside /workspace and /tmp`, "PATH_NOT_ALLOWED");
  return path;
}

const isReply = (value: unknown): value is Reply => typeof value === "object" && value !== null && "status" in value;

function notFound(path: string): Reply {
  return errorReply(404, `File not found: ${path}`, "FILE_NOT_FOUND");
}

function fileInfo(path: string, node: FileNode) {
  return {
    name: path.slice(path.lastIndexOf("/") + 1),
    path,
    size: node.bytes.byteLength,
    is_directory: node.dir,
    modified_time: iso(node.modified),
    permissions: node.dir ? "drwxr-xr-x" : "-rw-r--r--",
  };
}

const fileResponse = (path: string, size: number, message: string) => ({
  success: true,
  path,
  size,
  message,
  timestamp: iso(Date.now()),
});

/** The body of an execution or command: its code or command line, language, directory and env. */
interface RunBody {
  code?: string;
  language?: string;
  command?: string;
  args?: string[];
  workdir?: string;
  env?: Record<string, string>;
  name?: string;
}

/** Runs the code of an execute request in its sandbox, directory and env. */
function runBodyCode(ctx: CallContext): RunOutput {
  const body = ctx.body as RunBody;
  return runCode(String(body.code), body.language, scopeOf(box(ctx), ctx.world.now(), body.workdir, body.env));
}

/** `/execute` answers a plot as the flat `png` field (current agents); `/execute/rich` as `rich_outputs`. */
function execute(ctx: CallContext): Reply {
  const language = (ctx.body as RunBody).language;
  const out = runBodyCode(ctx);
  const png = out.images.at(-1);
  const rich = ctx.route.operationId === "executeCodeRich";
  return ok({
    success: out.exitCode === 0,
    stdout: out.stdout,
    stderr: out.stderr,
    exit_code: out.exitCode,
    execution_time: 0.001,
    timestamp: iso(ctx.world.now()),
    language: language ?? "python",
    rich_outputs: rich
      ? out.images.map((image) => ({
          type: "image/png",
          format: "base64",
          data: Buffer.from(image).toString("base64"),
          metadata: { source: "matplotlib", size: image.byteLength },
        }))
      : [],
    ...(png && !rich ? { png: Buffer.from(png).toString("base64") } : {}),
  });
}

function runBodyCommand(ctx: CallContext): RunOutput {
  const body = ctx.body as RunBody;
  return runShell(commandLine(body), scopeOf(box(ctx), ctx.world.now(), body.workdir, body.env));
}

function runCommand(ctx: CallContext): Reply {
  const out = runBodyCommand(ctx);
  return ok({
    success: out.exitCode === 0,
    stdout: out.stdout,
    stderr: out.stderr,
    exit_code: out.exitCode,
    execution_time: 0.001,
    command: commandLine(ctx.body as RunBody),
    pid: 4242,
    timestamp: iso(ctx.world.now()),
  });
}

function startBackground(ctx: CallContext, output: RunOutput, language: string): Reply {
  const sandbox = box(ctx);
  const now = ctx.world.now();
  const id = ctx.world.newId("proc_");
  const name = (ctx.body as { name?: string }).name;
  const record: ProcessRecord = {
    processId: id,
    executionId: id.replace("proc_", "exec_"),
    ...(name ? { name } : {}),
    status: "running",
    language,
    startTime: now,
    endAt: now + ctx.world.options.processDurationMs,
    stdout: output.stdout,
    stderr: output.stderr,
    result: output.exitCode,
  };
  sandbox.processes.set(id, record);
  ctx.world.tick();
  return ok({
    process_id: id,
    execution_id: record.executionId,
    status: record.status,
    start_time: iso(now),
    message: "started",
    ...(name ? { name } : {}),
  });
}

function processWire(p: ProcessRecord) {
  const done = p.endTime !== undefined;
  return {
    process_id: p.processId,
    execution_id: p.executionId,
    ...(p.name ? { name: p.name } : {}),
    status: p.status,
    language: p.language,
    pid: 4242,
    start_time: iso(p.startTime),
    end_time: done ? iso(p.endTime!) : null,
    duration: done ? (p.endTime! - p.startTime) / 1000 : null,
    exit_code: p.exitCode ?? null,
    stdout: p.stdout,
    stderr: p.stderr,
  };
}

function killProcess(ctx: CallContext, id: string | undefined): Reply {
  const record = id === undefined ? undefined : box(ctx).processes.get(id);
  if (!record) return errorReply(404, `Process ${id} not found`, "PROCESS_NOT_FOUND");
  if (record.status === "running") {
    record.status = "killed";
    record.endTime = ctx.world.now();
    record.exitCode = 137;
  }
  return ok({ process_id: record.processId, status: "killed", message: "killed", success: true });
}

function envReply(sandbox: SandboxState, now: number, message?: string) {
  const envVars = Object.fromEntries(sandbox.env);
  return ok({
    ...(message ? { success: true, message } : {}),
    env_vars: envVars,
    count: sandbox.env.size,
    timestamp: iso(now),
  });
}

/** Multipart fields of an upload: text fields and the `file` part's bytes. */
export function parseMultipart(raw: Buffer, contentType: string): { fields: Record<string, string>; file?: Buffer } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const out: { fields: Record<string, string>; file?: Buffer } = { fields: {} };
  if (!boundary) return out;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === "--") break;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    const part = raw.subarray(start + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, split).toString("utf8");
    const value = part.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name === "file" || /filename=/i.test(head)) out.file = Buffer.from(value);
    else if (name) out.fields[name] = value.toString("utf8");
    at = next;
  }
  return out;
}

/** The agent's default handlers by operationId. */
export const agentHandlers: Record<string, DefaultHandler> = {
  executeCode: execute,
  executeIpython: execute,
  executeCodeRich: execute,
  executeCodeBackground: (ctx) => startBackground(ctx, runBodyCode(ctx), (ctx.body as RunBody).language ?? "python"),
  executeCodeAsync: (ctx) => {
    const id = ctx.world.newId("exec_");
    return ok({
      execution_id: id,
      status: "queued",
      callback_url: (ctx.body as { callback_url: string }).callback_url,
    });
  },
  runCommand,
  runCommandBackground: (ctx) => startBackground(ctx, runBodyCommand(ctx), "bash"),
  listProcesses: (ctx) => {
    const processes = [...box(ctx).processes.values()].map(processWire);
    return ok({ processes, count: processes.length, timestamp: iso(ctx.world.now()) });
  },
  killProcess: (ctx) => killProcess(ctx, ctx.query.process_id as string | undefined),
  killProcessById: (ctx) => killProcess(ctx, ctx.params.processId),
  killProcessLegacy: (ctx) => killProcess(ctx, ctx.params.processId),
  readFile: (ctx) => {
    const path = checkedPath(ctx.query.path);
    if (isReply(path)) return path;
    const node = box(ctx).files.get(path);
    if (!node || node.dir) return notFound(path);
    return ok({ content: Buffer.from(node.bytes).toString("utf8"), path, size: node.bytes.byteLength });
  },
  writeFile: (ctx) => {
    const { path: raw, content } = ctx.body as { path: string; content: string };
    const path = checkedPath(raw);
    if (isReply(path)) return path;
    const bytes = new Uint8Array(Buffer.from(content, "utf8"));
    writeFile(box(ctx), path, bytes, ctx.world.now());
    return ok(fileResponse(path, bytes.byteLength, "written"));
  },
  uploadFile: (ctx) => {
    const { fields, file } = ctx.body as { fields: Record<string, string>; file?: Buffer };
    const path = checkedPath(fields.path);
    if (isReply(path)) return path;
    if (!file) return errorReply(400, "the multipart body has no file part", "MISSING_PARAMETER");
    writeFile(box(ctx), path, new Uint8Array(file), ctx.world.now());
    return ok(fileResponse(path, file.byteLength, "uploaded"));
  },
  downloadFile: (ctx) => {
    const path = checkedPath(ctx.query.path);
    if (isReply(path)) return path;
    const node = box(ctx).files.get(path);
    if (!node || node.dir) return notFound(path);
    return { status: 200, bytes: node.bytes, contentType: "application/octet-stream" };
  },
  listFiles: (ctx) => {
    const path = checkedPath(ctx.query.path ?? "/workspace");
    if (isReply(path)) return path;
    const sandbox = box(ctx);
    const node = sandbox.files.get(path);
    if (!node?.dir) return notFound(path);
    const files = childrenOf(sandbox, path)
      .sort()
      .map((p) => fileInfo(p, sandbox.files.get(p)!));
    return ok({ path, count: files.length, files });
  },
  fileExists: (ctx) => {
    const path = checkedPath(ctx.query.path);
    if (isReply(path)) return path;
    return ok({ exists: box(ctx).files.has(path), path });
  },
  makeDirectory: (ctx) => {
    const path = checkedPath((ctx.body as { path: string }).path);
    if (isReply(path)) return path;
    makeDirs(box(ctx), path, ctx.world.now());
    return ok(fileResponse(path, 0, "created"));
  },
  removeFile: (ctx) => {
    const path = checkedPath(ctx.query.path);
    if (isReply(path)) return path;
    if (!removePath(box(ctx), path)) return notFound(path);
    return ok(fileResponse(path, 0, "removed"));
  },
  getEnvVars: (ctx) => envReply(box(ctx), ctx.world.now()),
  setEnvVars: (ctx) => {
    const { env_vars: vars, merge } = ctx.body as { env_vars: Record<string, string>; merge?: boolean };
    const sandbox = box(ctx);
    if (!merge) sandbox.env.clear();
    for (const [k, v] of Object.entries(vars)) sandbox.env.set(k, v);
    return envReply(sandbox, ctx.world.now(), "set");
  },
  updateEnvVars: (ctx) => {
    const { env_vars: vars } = ctx.body as { env_vars: Record<string, string> };
    const sandbox = box(ctx);
    for (const [k, v] of Object.entries(vars)) sandbox.env.set(k, v);
    return envReply(sandbox, ctx.world.now(), "updated");
  },
  clearEnvVars: (ctx) => {
    box(ctx).env.clear();
    return envReply(box(ctx), ctx.world.now(), "cleared");
  },
  deleteEnvVar: (ctx) => {
    const sandbox = box(ctx);
    const key = ctx.params.key!;
    if (!sandbox.env.has(key)) return errorReply(404, `Environment variable ${key} not found`, "NOT_FOUND");
    sandbox.env.delete(key);
    return envReply(sandbox, ctx.world.now(), "deleted");
  },
};
