// COPY sources on the local disk: listed, hashed and packed as a tar.gz stream. Needs a file system (Node,
// Bun, Deno), whose modules are loaded on first use so the core bundle stays runtime-neutral.
import { invalidArgument } from "../../runtime/errors.js";
import { runtimeImport } from "../../runtime/runtime-import.js";

interface NodeModules {
  crypto: typeof import("node:crypto");
  fs: typeof import("node:fs");
  path: typeof import("node:path");
}
let modules: Promise<NodeModules> | undefined;
const node = async (): Promise<NodeModules> =>
  (modules ??= Promise.all([
    runtimeImport<typeof import("node:crypto")>("node:crypto"),
    runtimeImport<typeof import("node:fs")>("node:fs"),
    runtimeImport<typeof import("node:path")>("node:path"),
  ]).then(([crypto, fs, path]) => ({ crypto, fs, path })));

export interface SourceFile {
  /** Path inside the archive (POSIX separators, relative to the context). */
  name: string;
  absolute: string;
  size: number;
  mode: number;
}

/** Every regular file under the given sources, sorted, each kept inside `contextPath`. */
export async function listSources(contextPath: string, sources: readonly string[]): Promise<SourceFile[]> {
  const { fs, path } = await node();
  const { isAbsolute, join, relative, resolve, sep } = path;
  const { lstat, readdir } = fs.promises;
  const root = resolve(contextPath);
  const files = new Map<string, SourceFile>();
  const visit = async (absolute: string): Promise<void> => {
    const stat = await lstat(absolute).catch(() => undefined);
    if (!stat) throw invalidArgument(`COPY source ${relative(root, absolute) || "."} does not exist in ${root}`);
    if (stat.isSymbolicLink()) return; // a link could point outside the context; its target is not shipped
    if (stat.isDirectory()) {
      for (const entry of (await readdir(absolute)).sort()) await visit(join(absolute, entry));
      return;
    }
    if (!stat.isFile()) return;
    const name = relative(root, absolute).split(sep).join("/");
    files.set(name, { name, absolute, size: stat.size, mode: stat.mode & 0o7777 });
  };
  for (const source of sources) {
    const absolute = resolve(root, source);
    const inside = relative(root, absolute);
    if (isAbsolute(source) || inside.startsWith("..") || isAbsolute(inside))
      throw invalidArgument(`COPY source ${source} is outside the build context`);
    await visit(absolute);
  }
  return [...files.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * SHA-256 over the step and each file's name, mode, size and content. Modification times are left out, so
 * unchanged content on another machine or checkout still matches what the server already stores.
 */
export async function hashSources(step: string, files: readonly SourceFile[]): Promise<string> {
  const { crypto, fs } = await node();
  const hash = crypto.createHash("sha256");
  hash.update(step);
  for (const file of files) {
    hash.update(`\0${file.name}\0${file.mode.toString(8)}\0${file.size}\0`);
    for await (const chunk of fs.createReadStream(file.absolute)) hash.update(chunk as Uint8Array);
  }
  return hash.digest("hex");
}

const BLOCK = 512;
const encoder = new TextEncoder();

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

/** A USTAR header; names longer than 100 bytes use the 155-byte prefix field. */
function header(file: SourceFile): Uint8Array {
  const block = new Uint8Array(BLOCK);
  let name = file.name;
  let prefix = "";
  if (encoder.encode(name).length > 100) {
    const cut = name.lastIndexOf("/", 155);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
    if (cut < 0 || encoder.encode(name).length > 100 || encoder.encode(prefix).length > 155)
      throw invalidArgument(`path too long for a tar archive: ${file.name}`);
  }
  const put = (text: string, offset: number): void => block.set(encoder.encode(text), offset);
  put(name, 0);
  put(octal(file.mode, 8), 100);
  put(octal(0, 8), 108); // uid
  put(octal(0, 8), 116); // gid
  put(octal(file.size, 12), 124);
  put(octal(0, 12), 136); // mtime fixed at 0: the same files always give the same bytes
  put("        ", 148); // checksum placeholder (spaces) while summing
  put("0", 156);
  put("ustar\u000000", 257);
  put(prefix, 345);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return block;
}

/** The files as a tar stream, read from disk as it is consumed. */
async function* tarChunks(files: readonly SourceFile[]): AsyncGenerator<Uint8Array> {
  const { fs } = await node();
  for (const file of files) {
    yield header(file);
    let written = 0;
    for await (const chunk of fs.createReadStream(file.absolute)) {
      const bytes = chunk as Uint8Array;
      written += bytes.byteLength;
      yield bytes;
    }
    if (written !== file.size) throw invalidArgument(`${file.name} changed size while being packed`);
    const pad = (BLOCK - (file.size % BLOCK)) % BLOCK;
    if (pad) yield new Uint8Array(pad);
  }
  yield new Uint8Array(BLOCK * 2);
}

/** A gzip'd tar of the files, produced on demand; deterministic, so two reads give the same bytes. */
export function tarGz(files: readonly SourceFile[]): ReadableStream<Uint8Array> {
  const chunks = tarChunks(files);
  const tar = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return tar.pipeThrough(new CompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>);
}

/** Size of the tar.gz without keeping it: the upload link needs the length before the upload starts. */
export async function tarGzSize(files: readonly SourceFile[]): Promise<number> {
  let size = 0;
  const reader = tarGz(files).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return size;
    size += value.byteLength;
  }
}
