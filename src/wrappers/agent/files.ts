// sandbox.files: text travels as JSON (`/files/read`, `/files/write`), bytes as raw bodies (`/files/download`
// out, multipart `/files/upload` in), streamed both ways so a large file is never held in memory.
import type { FileInfo as WireFileInfo, FileResponse } from "../../../generated/vm-agent/index.js";
import { OPS } from "../../../generated/vm-agent/index.js";
import {
  ErrorCode,
  FileNotFoundError,
  FileOperationError,
  HopxError,
  TimeoutError,
  ValidationError,
} from "../../runtime/errors.js";
import { runtimeImport } from "../../runtime/runtime-import.js";
import type { RequestOptions } from "../../runtime/operation.js";
import { supportsRequestStreams } from "../../runtime/serializers.js";
import { checkDurationMs } from "../../runtime/guards.js";
import { anySignal } from "../../runtime/signals.js";
import { idleWatchdog, stoppableDeadline, timeoutReason } from "../../runtime/time.js";
import { callDeadline, renamed } from "../../runtime/units.js";
import type { FileChangeMessage } from "../../../generated/vm-agent/index.js";
import type { Stream } from "../../runtime/stream.js";
import type { AgentContext } from "./context.js";
import { watchFiles, type WatchFilesOptions } from "./streams.js";

/** A directory entry, with the official SDK's names (`isDir`, `modified`) whichever pair the agent sent. */
export interface FileInfo {
  /** The entry's name (last path segment). */
  name: string;
  /** The entry's absolute path in the sandbox. */
  path: string;
  /** Bytes (0 when the agent did not say). */
  size: number;
  /** True for a directory. */
  isDir: boolean;
  /** Last modification time as the agent sent it (RFC 3339), or "" when absent. */
  modified: string;
  /** Permissions as the agent sent them (e.g. `-rw-r--r--`). */
  permissions?: string;
  /** Aliases the official SDK's `FileInfo` carries. */
  is_dir: boolean;
  /** True for anything that is not a directory. */
  isFile: boolean;
}

/** Options of `files.write`: permissions, and whether to replace an existing file. */
export interface FileWriteOptions {
  /** Octal permissions, e.g. `"0755"` (agent default `0644`). */
  mode?: string;
  /**
   * false: fail with FileOperationError (FILE_ALREADY_EXISTS) instead of replacing an existing file. Checked
   * before writing, since some agents ignore the flag: best effort against a concurrent writer.
   */
  overwrite?: boolean;
}

/** Called as bytes move; `total` is known for Blobs, bytes, local files and downloads with a Content-Length. */
export type ProgressListener = (loaded: number, total: number | undefined) => void;

/** Options of uploads and downloads: progress, the whole transfer's deadline, the idle timeout. */
export interface TransferOptions {
  /** Called as bytes move. */
  onProgress?: ProgressListener;
  /**
   * Downloads: milliseconds for the whole transfer, headers and every byte of the body; past it the
   * stream fails with TimeoutError. Default: none (a large file may take long; the idle timeout still applies).
   */
  deadlineMs?: number;
  /**
   * Downloads: milliseconds a read may wait for data (default: the call's `timeoutMs`, else the client's
   * `requestTimeoutMs`).
   */
  idleTimeoutMs?: number;
}

/** What `upload` accepts: a local path (Node, Bun, Deno), a Blob/File, bytes, or a stream of bytes. */
export type UploadSource = string | Blob | Uint8Array | ReadableStream<Uint8Array>;

function checkPath(path: unknown, method: string): string {
  if (typeof path !== "string" || path.trim() === "") {
    throw new ValidationError(`files.${method}: path must be a non-empty string`, { code: ErrorCode.INVALID_ARGUMENT });
  }
  if (path.includes("\0"))
    throw new ValidationError(`files.${method}: path contains a NUL byte`, { code: ErrorCode.INVALID_ARGUMENT });
  return path;
}

/**
 * Re-exposes `source` pull by pull so that a stall can be noticed: `idleMs` without a chunk while the
 * reader is waiting fails the stream with a TimeoutError (time the reader spends not reading never counts).
 */
function watchedDownload(
  source: ReadableStream<Uint8Array>,
  idleMs: number,
  total: number | undefined,
  onProgress: ProgressListener | undefined,
  op: string,
  deadline?: { signal: AbortSignal; stop: () => void; ms: number },
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let loaded = 0;
  let failed: TimeoutError | undefined;
  let output!: ReadableStreamDefaultController<Uint8Array>;
  const stop = (error: TimeoutError): void => {
    if (failed) return;
    failed = error;
    watchdog.stop();
    deadline?.stop();
    output.error(error);
    void reader.cancel(error).catch(() => undefined);
  };
  // Only time spent waiting on the network counts: the watchdog is paused while the consumer holds a chunk.
  const watchdog = idleWatchdog(idleMs, () =>
    stop(
      new TimeoutError(`${op}: no data for ${idleMs} ms`, { code: ErrorCode.TIMEOUT, operation: op, retryable: true }),
    ),
  );
  const overdue = (): void =>
    stop(
      new TimeoutError(`${op}: the download did not finish within ${deadline?.ms} ms`, {
        code: ErrorCode.TIMEOUT,
        operation: op,
        retryable: true,
      }),
    );
  const finish = (): void => {
    watchdog.stop();
    deadline?.stop();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        output = controller;
        if (deadline?.signal.aborted) overdue();
        else deadline?.signal.addEventListener("abort", overdue, { once: true });
      },
      async pull(controller) {
        watchdog.touch();
        try {
          const { done, value } = await reader.read();
          watchdog.pause();
          if (failed) return;
          if (done) {
            finish();
            controller.close();
            return;
          }
          loaded += value.byteLength;
          onProgress?.(loaded, total);
          controller.enqueue(value);
        } catch (err) {
          finish();
          if (failed) return;
          await reader.cancel(err).catch(() => undefined);
          controller.error(err);
        }
      },
      cancel(reason) {
        finish();
        return reader.cancel(reason);
      },
      // No read-ahead: pull() runs only while the reader waits, so the watchdog never times a wait the reader is
      // not in, and no chunk sits in a second queue on its way through.
    },
    { highWaterMark: 0 },
  );
}

/**
 * Counts the bytes the network takes from `source`, and aborts `controller` when no byte moves for
 * `idleMs` (a stalled source or a peer that stopped reading), or when the body is fully sent and no
 * answer starts within `idleMs`.
 */
function watchedUpload(
  source: ReadableStream<Uint8Array>,
  idleMs: number,
  total: number | undefined,
  onProgress: ProgressListener | undefined,
  controller: AbortController,
): { body: ReadableStream<Uint8Array>; answered: () => void } {
  const reader = source.getReader();
  const watchdog = idleWatchdog(idleMs, () => controller.abort(timeoutReason()));
  let loaded = 0;
  const body = new ReadableStream<Uint8Array>({
    start() {
      watchdog.touch();
    },
    async pull(out) {
      const { done, value } = await reader.read();
      if (done) {
        out.close();
      } else {
        loaded += value.byteLength;
        onProgress?.(loaded, total);
        out.enqueue(value);
      }
      // Counting restarts when the network takes the chunk; after the last one, it is the wait for the answer.
      watchdog.touch();
    },
    cancel(reason) {
      watchdog.stop();
      return reader.cancel(reason);
    },
  });
  return { body, answered: () => watchdog.stop() };
}

interface OpenedSource {
  stream: ReadableStream<Uint8Array>;
  size: number | undefined;
  filename: string;
  /** Set when the source can go out as FormData (works on runtimes without streamed request bodies). */
  blob?: Blob;
}

const baseName = (path: string): string => path.split(/[\\/]/).filter(Boolean).pop() ?? "file";

/** Node, Bun and Deno all provide node:fs; imported lazily so that the core never needs it. */
async function openLocalFile(localPath: string): Promise<OpenedSource> {
  const fs = await runtimeImport<typeof import("node:fs")>("node:fs");
  const { Readable } = await runtimeImport<typeof import("node:stream")>("node:stream");
  let size: number;
  try {
    const stat = await fs.promises.stat(localPath);
    if (!stat.isFile())
      throw new FileOperationError(`files.upload: ${localPath} is not a regular file`, {
        code: ErrorCode.FILE_OPERATION_FAILED,
      });
    size = stat.size;
  } catch (err) {
    if (err instanceof HopxError) throw err;
    throw new FileNotFoundError(`files.upload: local file not found: ${localPath}`, {
      code: ErrorCode.FILE_NOT_FOUND,
      cause: err,
    });
  }
  const stream = Readable.toWeb(fs.createReadStream(localPath)) as unknown as ReadableStream<Uint8Array>;
  return { stream, size, filename: baseName(localPath) };
}

async function openSource(source: UploadSource, remotePath: string): Promise<OpenedSource> {
  if (typeof source === "string") return openLocalFile(source);
  if (source instanceof Blob) {
    const filename =
      typeof File !== "undefined" && source instanceof File && source.name ? source.name : baseName(remotePath);
    return { stream: source.stream(), size: source.size, filename, blob: source };
  }
  if (source instanceof Uint8Array) {
    const blob = new Blob([source as unknown as BlobPart]);
    return { stream: blob.stream(), size: source.byteLength, filename: baseName(remotePath), blob };
  }
  if (source instanceof ReadableStream) return { stream: source, size: undefined, filename: baseName(remotePath) };
  throw new ValidationError("files.upload: source must be a local path, Blob, Uint8Array or ReadableStream", {
    code: ErrorCode.INVALID_ARGUMENT,
  });
}

const toFileInfo = (f: WireFileInfo): FileInfo => {
  const isDir = f.isDirectory ?? f.isDir ?? false;
  return {
    name: f.name,
    path: f.path,
    size: f.size ?? 0,
    isDir,
    modified: f.modifiedTime ?? f.modified ?? "",
    ...(f.permissions === undefined ? {} : { permissions: f.permissions }),
    is_dir: isDir,
    isFile: !isDir,
  };
};

/**
 * Files of a sandbox (`sandbox.files`): read and write text or bytes, list, check, create and remove, upload and
 * download of any size (streamed both ways), and watch for changes.
 *
 * @example
 * ```ts
 * import type { Sandbox } from "hopx-client";
 *
 * declare const sandbox: Sandbox;
 *
 * await sandbox.files.write("/workspace/app.py", "print('hi')");
 * for (const entry of await sandbox.files.list("/workspace")) console.log(entry.name, entry.size);
 * await sandbox.files.upload("./data.csv", "/workspace/data.csv"); // a local path, Blob, bytes or stream
 * ```
 */
export class Files {
  constructor(private readonly ctx: AgentContext) {}

  /** Changes under `path` as they happen (WebSocket `/files/watch`), until the stream is closed. */
  watch(path = "/workspace", options?: WatchFilesOptions): Stream<FileChangeMessage> {
    return watchFiles(this.ctx, path, options);
  }

  /** Text content of a file (`GET /files/read`). Use `readBytes` for binary files. */
  async read(path: string, options?: RequestOptions): Promise<string> {
    const result = await this.ctx.resources.files.read({ path: checkPath(path, "read") }, options);
    return result.content;
  }

  /** The file's exact bytes (`GET /files/download`), collected into one array. */
  async readBytes(path: string, options?: RequestOptions): Promise<Uint8Array> {
    const stream = await this.download(path, {}, options);
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  /**
   * `overwrite: false` checked on our side: agents built from HopX's agent source have no `overwrite` flag and
   * write over the file anyway, and `/files/upload` has none at all. Best effort: the check and the write are two
   * requests, so a file created between them is still replaced where the agent ignores the flag.
   */
  private async refuseExisting(
    path: string,
    writeOptions: FileWriteOptions,
    method: string,
    operation: string,
    options?: RequestOptions,
  ): Promise<void> {
    if (writeOptions.overwrite !== false || !(await this.exists(path, options))) return;
    throw new FileOperationError(`files.${method}: ${path} exists and overwrite is false`, {
      code: ErrorCode.FILE_ALREADY_EXISTS,
      operation,
    });
  }

  /**
   * Creates or replaces a text file (`POST /files/write`, JSON). With `overwrite: false` an existing file is a
   * FileOperationError (`FILE_ALREADY_EXISTS`), checked before writing (best effort, see `refuseExisting`).
   */
  async write(
    path: string,
    content: string,
    writeOptions: FileWriteOptions = {},
    options?: RequestOptions,
  ): Promise<FileResponse> {
    checkPath(path, "write");
    if (typeof content !== "string") {
      throw new ValidationError("files.write: content must be a string; use writeBytes or upload for bytes", {
        code: ErrorCode.INVALID_ARGUMENT,
      });
    }
    if (writeOptions.mode !== undefined && !/^[0-7]{3,4}$/.test(writeOptions.mode)) {
      throw new ValidationError(
        `files.write: mode must be octal like "0644", got ${JSON.stringify(writeOptions.mode)}`,
        { code: ErrorCode.INVALID_ARGUMENT },
      );
    }
    await this.refuseExisting(path, writeOptions, "write", OPS.writeFile.id, options);
    return this.ctx.resources.files.write(
      {
        path,
        content,
        ...(writeOptions.mode === undefined ? {} : { mode: writeOptions.mode }),
        ...(writeOptions.overwrite === undefined ? {} : { overwrite: writeOptions.overwrite }),
      },
      options,
    );
  }

  /**
   * Stores bytes exactly (multipart `/files/upload`): `/files/write` with base64 would store the base64
   * text itself. The upload endpoint has no mode or overwrite flag, so a `mode` is
   * applied afterwards with chmod, and `overwrite: false` checks for the file first.
   */
  async writeBytes(
    path: string,
    content: Uint8Array | Blob,
    writeOptions: FileWriteOptions = {},
    options?: RequestOptions,
  ): Promise<FileResponse> {
    checkPath(path, "writeBytes");
    if (!(content instanceof Uint8Array) && !(content instanceof Blob)) {
      throw new ValidationError("files.writeBytes: content must be a Uint8Array or Blob", {
        code: ErrorCode.INVALID_ARGUMENT,
      });
    }
    const mode = writeOptions.mode;
    if (mode !== undefined && !/^[0-7]{3,4}$/.test(mode)) {
      throw new ValidationError(`files.writeBytes: mode must be octal like "0644", got ${JSON.stringify(mode)}`, {
        code: ErrorCode.INVALID_ARGUMENT,
      });
    }
    await this.refuseExisting(path, writeOptions, "writeBytes", OPS.uploadFile.id, options);
    const written = await this.upload(content, path, {}, options);
    if (mode !== undefined) {
      // chmod as argv (no shell), so the path is never interpreted.
      const chmod = await this.ctx.resources.commands.run({ command: "chmod", args: [mode, path] }, options);
      if (chmod.exitCode !== 0) {
        throw new FileOperationError(`files.writeBytes: chmod ${mode} failed: ${chmod.stderr.trim()}`, {
          code: ErrorCode.PERMISSION_DENIED,
          operation: OPS.runCommand.id,
        });
      }
    }
    return written;
  }

  /** Directory entries (`GET /files/list`). */
  async list(path = "/workspace", options?: RequestOptions): Promise<FileInfo[]> {
    const result = await this.ctx.resources.files.list({ path: checkPath(path, "list") }, options);
    return (result.files ?? []).filter((f): f is WireFileInfo => f !== null && f !== undefined).map(toFileInfo);
  }

  /** Whether a file or directory exists; a missing path is false, not an error. */
  async exists(path: string, options?: RequestOptions): Promise<boolean> {
    const result = await this.ctx.resources.files.exists({ path: checkPath(path, "exists") }, options);
    return result.exists === true;
  }

  /** Deletes a file, or a directory with its content. */
  async remove(path: string, options?: RequestOptions): Promise<void> {
    await this.ctx.resources.files.remove({ path: checkPath(path, "remove") }, options);
  }

  /** Creates a directory and its parents. */
  async mkdir(path: string, options?: RequestOptions): Promise<void> {
    await this.ctx.resources.files.mkdir({ path: checkPath(path, "mkdir") }, options);
  }

  /**
   * Uploads `source` to `remotePath` as multipart `/files/upload`, streamed: a local path (string) or a
   * ReadableStream is piped into the request body chunk by chunk. Without `timeoutMs` the upload has
   * no overall deadline (a large file may take long) but fails with TimeoutError when the network takes no
   * bytes, or the agent sends no answer after the last byte, for the client's default timeout.
   */
  async upload(
    source: UploadSource,
    remotePath: string,
    transfer: TransferOptions = {},
    options: RequestOptions = {},
  ): Promise<FileResponse> {
    checkPath(remotePath, "upload");
    const opened = await openSource(source, remotePath);
    const streaming = supportsRequestStreams();
    if (opened.blob && (!streaming || !transfer.onProgress)) {
      // FormData of a Blob: every runtime sends it, and undici reads the Blob part as a stream.
      const result = await this.ctx.resources.files.upload({ path: remotePath, file: opened.blob }, options);
      transfer.onProgress?.(opened.size ?? 0, opened.size);
      return result;
    }
    if (!streaming) {
      // Safari/Firefox cannot stream a request body; a Blob may be disk-backed there, so it is the least bad copy.
      const blob = await new Response(opened.stream).blob();
      return this.upload(blob, remotePath, transfer, options);
    }
    const idle = new AbortController();
    const explicitDeadline = renamed("files.upload", options, "timeoutMs", "timeout") !== undefined;
    const watched = watchedUpload(
      opened.stream,
      explicitDeadline ? 0 : this.ctx.requestTimeoutMs,
      opened.size,
      transfer.onProgress,
      idle,
    );
    const signal = anySignal([options.signal, idle.signal]);
    // Streamed as multipart by the generated method; without a deadline of the caller's, the idle watchdog
    // (no byte taken, or no answer after the last one) is what ends a stalled upload.
    const call = callDeadline("files.upload", { ...options, ...(signal ? { signal } : {}) }, Number.POSITIVE_INFINITY);
    try {
      const file = { stream: watched.body, filename: opened.filename };
      return await this.ctx.resources.files.upload({ path: remotePath, file }, call);
    } finally {
      watched.answered();
    }
  }

  /**
   * The file's bytes as a Web ReadableStream, read from the network as the caller reads it. The call's
   * deadline ends when the response starts; after that a read that waits longer than the timeout for data
   * fails with TimeoutError.
   */
  async download(
    path: string,
    transfer: TransferOptions = {},
    options: RequestOptions = {},
  ): Promise<ReadableStream<Uint8Array>> {
    checkPath(path, "download");
    const idleMs = checkDurationMs(
      "files.download: idleTimeoutMs",
      transfer.idleTimeoutMs ?? renamed("files.download", options, "timeoutMs", "timeout") ?? this.ctx.requestTimeoutMs,
      true,
    );
    const deadlineMs =
      transfer.deadlineMs === undefined
        ? undefined
        : checkDurationMs("files.download: deadlineMs", transfer.deadlineMs);
    // The whole-transfer deadline also bounds the wait for headers, through the call's signal.
    const deadline = deadlineMs === undefined ? undefined : { ...stoppableDeadline(deadlineMs), ms: deadlineMs };
    const signal = anySignal([options.signal, deadline?.signal]);
    let total: number | undefined;
    const onResponse = (response: { headers: Headers }): void => {
      const length = Number(response.headers.get("content-length") ?? Number.NaN);
      total = Number.isFinite(length) && length >= 0 ? length : undefined;
    };
    let stream: ReadableStream<Uint8Array> | undefined;
    try {
      stream = await this.ctx.resources.files.download(
        { path },
        { ...options, ...(signal ? { signal } : {}), onResponse },
      );
    } catch (err) {
      deadline?.stop();
      throw err;
    }
    const body = stream ?? new Blob([]).stream();
    return watchedDownload(body, idleMs, total, transfer.onProgress, OPS.downloadFile.id, deadline);
  }

  /** Alias of `readBytes`, for callers of the official `download(path) → bytes`. */
  async downloadBytes(path: string, options?: RequestOptions): Promise<Uint8Array> {
    return this.readBytes(path, options);
  }
}
