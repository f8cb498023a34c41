// hopx files ls|cat|put|get|rm|mkdir|watch: put and get stream both ways (any size, flat memory), with a
// progress bar on stderr when it is a TTY.
import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../exit-codes.js";

const FILE_COLUMNS = [{ key: "name" }, { key: "type" }, { key: "size" }, { key: "modified" }, { key: "path" }];

async function ls(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  const entries = await sandbox.files.list(ctx.positionals[0] ?? "/workspace", { signal: ctx.signal });
  const rows = entries.map((f) => ({
    name: f.name,
    path: f.path,
    type: f.isDir ? "dir" : "file",
    size: f.size,
    modified: f.modified,
    ...(f.permissions !== undefined ? { permissions: f.permissions } : {}),
  }));
  ctx.out.data(rows, FILE_COLUMNS);
}

async function cat(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  const path = ctx.positionals[0]!;
  const content = await sandbox.files.read(path, { signal: ctx.signal });
  if (ctx.out.mode === "json") ctx.out.data({ path, content });
  else ctx.io.stdout.write(ctx.scrub(content));
}

async function put(ctx: Context): Promise<void> {
  const [local, remote] = ctx.positionals as [string, string];
  let source: string | ReadableStream<Uint8Array> = local;
  if (local === "-") {
    source = Readable.toWeb(ctx.io.stdin) as unknown as ReadableStream<Uint8Array>;
  } else {
    const info = await stat(local).catch(() => undefined);
    if (!info?.isFile()) throw new CliError(`no such local file: ${local}`, EXIT.NOT_FOUND);
  }
  const sandbox = await ctx.sandbox();
  const progress = ctx.progress(`put ${remote}`);
  let sent = 0;
  const result = await sandbox.files.upload(
    source,
    remote,
    {
      onProgress: (loaded, total) => {
        sent = loaded;
        progress.update(loaded, total);
      },
    },
    { signal: ctx.signal },
  );
  progress.done();
  ctx.out.data({ path: result.path ?? remote, size: result.size ?? sent });
}

async function get(ctx: Context): Promise<void> {
  const [remote, local] = ctx.positionals as [string, string | undefined];
  const toStdout = local === undefined || local === "-";
  if (toStdout && ctx.out.mode === "json")
    throw new CliError("-o json with files get needs a local path (stdout carries the file)", EXIT.USAGE);
  const sandbox = await ctx.sandbox();
  const progress = ctx.progress(`get ${remote}`);
  let received = 0;
  const body = await sandbox.files.download(
    remote,
    {
      onProgress: (loaded, total) => {
        received = loaded;
        progress.update(loaded, total);
      },
    },
    { signal: ctx.signal },
  );
  const target: Writable = toStdout ? ctx.io.stdout : createWriteStream(local);
  // Backpressure end to end: the next chunk is read from the network only when the disk (or pipe) took the last.
  await pipeline(Readable.fromWeb(body as never), target, { signal: ctx.signal, end: !toStdout });
  progress.done();
  if (!toStdout) ctx.out.data({ path: remote, file: local, size: received });
}

async function rm(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  await sandbox.files.remove(ctx.positionals[0]!, { signal: ctx.signal });
  ctx.out.data({ path: ctx.positionals[0], removed: true });
}

async function mkdir(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  await sandbox.files.mkdir(ctx.positionals[0]!, { signal: ctx.signal });
  ctx.out.data({ path: ctx.positionals[0], created: true });
}

async function watch(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  const path = ctx.positionals[0] ?? "/workspace";
  for await (const change of sandbox.files.watch(path, { signal: ctx.signal })) {
    ctx.out.event(
      change,
      ctx.out.mode === "plain" ? `${change.event}\t${change.path}` : `${change.event} ${change.path}`,
    );
  }
}

export const filesCommands = {
  "files ls": ls,
  "files cat": cat,
  "files put": put,
  "files get": get,
  "files rm": rm,
  "files mkdir": mkdir,
  "files watch": watch,
};
