// hopx files read|write|list|info|delete|upload|download (official 0.2 and Python forms), mkdir|watch (ours):
// upload and download stream both ways (any size, flat memory), with a progress bar on stderr when it is a TTY.
import { createWriteStream } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";
import { basename, posix } from "node:path";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FileInfo } from "hopx-client";
import { text, UsageError } from "../args.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../exit-codes.js";

const FILE_COLUMNS = [{ key: "name" }, { key: "type" }, { key: "size" }, { key: "modified_time" }, { key: "path" }];

const entry = (f: FileInfo): Record<string, unknown> => ({
  name: f.name,
  path: f.path,
  type: f.isDir ? "dir" : "file",
  size: f.size,
  modifiedTime: f.modified,
  ...(f.permissions !== undefined ? { permissions: f.permissions } : {}),
});

async function read(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  const path = ctx.positionals[0]!;
  const content = await sandbox.files.read(path, { signal: ctx.signal });
  const file = text(ctx.values, "output");
  if (file !== undefined) {
    await writeFile(file, content);
    ctx.data({ path, file, size: Buffer.byteLength(content) });
  } else if (ctx.out.mode === "json") ctx.data({ path, content });
  else ctx.io.stdout.write(ctx.scrub(content));
}

async function write(ctx: Context): Promise<void> {
  const v = ctx.values;
  const [path, positional] = ctx.positionals as [string, string | undefined];
  const local = text(v, "file");
  const given = [text(v, "content"), text(v, "data"), positional].filter((c) => c !== undefined);
  if (given.length + (local === undefined ? 0 : 1) !== 1)
    throw new UsageError("give the text once: --content, --data, a text argument, or --file", ctx.command);
  let content = given[0];
  if (local !== undefined) {
    try {
      content = await readFile(local, "utf8");
    } catch {
      throw new CliError(`no such local file: ${local}`, EXIT.NOT_FOUND);
    }
  }
  const sandbox = await ctx.sandbox();
  await sandbox.files.write(path, content!, {}, { signal: ctx.signal });
  ctx.data({ path, size: Buffer.byteLength(content!) });
}

async function list(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  // Not the official `/`: the agent refuses paths outside /workspace and /tmp (403).
  const entries = await sandbox.files.list(ctx.positionals[0] ?? "/workspace", { signal: ctx.signal });
  ctx.data(entries.map(entry), FILE_COLUMNS);
}

async function info(ctx: Context): Promise<void> {
  const path = ctx.positionals[0]!.replace(/\/+$/, "") || "/";
  const sandbox = await ctx.sandbox();
  // The agent has no stat call: the entry is read from its directory's listing.
  const found = (await sandbox.files.list(posix.dirname(path), { signal: ctx.signal })).find(
    (f) => f.path === path || f.name === posix.basename(path),
  );
  if (!found) throw new CliError(`no such file: ${path}`, EXIT.NOT_FOUND);
  ctx.data(entry(found));
}

async function remove(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  await sandbox.files.remove(ctx.positionals[0]!, { signal: ctx.signal });
  ctx.data({ path: ctx.positionals[0], deleted: true });
}

async function upload(ctx: Context): Promise<void> {
  const [local, given] = ctx.positionals as [string, string | undefined];
  if (local === "-" && given === undefined)
    throw new UsageError("uploading stdin (-) needs a remote path", ctx.command);
  // The official CLI's default: the local file's name under /workspace.
  const remote = given ?? `/workspace/${basename(local)}`;
  let source: string | ReadableStream<Uint8Array> = local;
  if (local === "-") {
    source = Readable.toWeb(ctx.io.stdin) as unknown as ReadableStream<Uint8Array>;
  } else {
    const found = await stat(local).catch(() => undefined);
    if (!found?.isFile()) throw new CliError(`no such local file: ${local}`, EXIT.NOT_FOUND);
  }
  const sandbox = await ctx.sandbox();
  const progress = ctx.progress(`upload ${remote}`);
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
  ctx.data({ path: result.path ?? remote, size: result.size ?? sent });
}

async function download(ctx: Context): Promise<void> {
  const [remote, given] = ctx.positionals as [string, string | undefined];
  // The official default is a file named like the remote one; our earlier `files get` wrote to stdout.
  const local = given ?? (ctx.verbWord === "get" ? "-" : posix.basename(remote));
  const toStdout = local === "-";
  if (toStdout && ctx.out.mode === "json")
    throw new CliError("-o json with a download to stdout needs a local path (stdout carries the file)", EXIT.USAGE);
  const sandbox = await ctx.sandbox();
  const progress = ctx.progress(`download ${remote}`);
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
  if (!toStdout) ctx.data({ path: remote, file: local, size: received });
}

async function mkdir(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  await sandbox.files.mkdir(ctx.positionals[0]!, { signal: ctx.signal });
  ctx.data({ path: ctx.positionals[0], created: true });
}

async function watch(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandbox();
  const path = ctx.positionals[0] ?? "/workspace";
  for await (const change of sandbox.files.watch(path, { signal: ctx.signal })) {
    ctx.event(change, ctx.out.mode === "plain" ? `${change.event}\t${change.path}` : `${change.event} ${change.path}`);
  }
}

export const filesCommands = {
  "files read": read,
  "files write": write,
  "files list": list,
  "files info": info,
  "files delete": remove,
  "files upload": upload,
  "files download": download,
  "files mkdir": mkdir,
  "files watch": watch,
};
