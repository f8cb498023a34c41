// `hopx run --outputs DIR / --show`: rich outputs of an execution (a matplotlib PNG, an SVG, HTML, JSON) saved
// as files, and PNGs drawn inline on terminals that speak an image protocol (iTerm2's OSC 1337, kitty's APC
// graphics). Terminals are recognised by the variables they set; a pipe never receives escape codes.
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { RichOutput } from "hopx-client";

export interface SavedOutput {
  mime: string;
  path: string;
  /** The bytes written (PNGs are drawn from them). */
  bytes: Uint8Array;
}

/** MIME type → file extension and how its payload becomes bytes. */
const KINDS: Record<string, { ext: string; encode(payload: unknown): Uint8Array }> = {
  "image/png": { ext: "png", encode: (p) => Buffer.from(String(p), "base64") },
  "image/svg+xml": { ext: "svg", encode: (p) => Buffer.from(String(p), "utf8") },
  "text/html": { ext: "html", encode: (p) => Buffer.from(String(p), "utf8") },
  "text/markdown": { ext: "md", encode: (p) => Buffer.from(String(p), "utf8") },
  "application/json": { ext: "json", encode: (p) => Buffer.from(`${JSON.stringify(p, null, 2)}\n`, "utf8") },
  "application/vnd.dataframe+json": {
    ext: "json",
    encode: (p) => Buffer.from(`${JSON.stringify(p, null, 2)}\n`, "utf8"),
  },
};

/** Legacy `/execute/rich` names for the same payloads. */
const LEGACY: Record<string, string> = {
  image: "image/png",
  plot: "image/png",
  html: "text/html",
  dataframe: "application/vnd.dataframe+json",
};

/** The MIME type and payload of an output, or undefined for plain text (already printed as the code's output). */
function payloadOf(output: RichOutput): { mime: string; payload: unknown } | undefined {
  const mime = LEGACY[output.type] ?? output.type;
  if (!KINDS[mime]) return undefined;
  const payload = output.data[mime] ?? output.data[output.type] ?? Object.values(output.data)[0];
  return payload === undefined || payload === null || payload === "" ? undefined : { mime, payload };
}

/** Writes each output to DIR as output-N.<ext>, numbered in the order they came after the files already there. */
export async function saveOutputs(outputs: readonly RichOutput[], dir: string): Promise<SavedOutput[]> {
  await mkdir(dir, { recursive: true });
  const taken = new Set((await readdir(dir)).map((name) => /^output-(\d+)\./.exec(name)?.[1]).filter(Boolean));
  const saved: SavedOutput[] = [];
  let n = 0;
  for (const output of outputs) {
    const found = payloadOf(output);
    if (!found) continue;
    const kind = KINDS[found.mime]!;
    do n++;
    while (taken.has(String(n)));
    const path = join(dir, `output-${n}.${kind.ext}`);
    const bytes = kind.encode(found.payload);
    await writeFile(path, bytes);
    saved.push({ mime: found.mime, path, bytes });
  }
  return saved;
}

export type ImageProtocol = "iterm2" | "kitty";

/** The image protocol of the terminal stdout is, from what terminals export; undefined when there is none. */
export function imageProtocol(isTTY: boolean, env: NodeJS.ProcessEnv): ImageProtocol | undefined {
  if (!isTTY) return undefined;
  if (env.KITTY_WINDOW_ID || env.TERM === "xterm-kitty" || env.TERM_PROGRAM === "ghostty") return "kitty";
  if (env.TERM_PROGRAM === "iTerm.app" || env.LC_TERMINAL === "iTerm2" || env.TERM_PROGRAM === "WezTerm")
    return "iterm2";
  return undefined;
}

/** Why nothing is drawn, for the note that replaces the picture. */
export function whyNotShown(isTTY: boolean): string {
  return isTTY
    ? "this terminal shows no inline images (iTerm2, WezTerm, kitty and ghostty do: TERM_PROGRAM/KITTY_WINDOW_ID)"
    : "stdout is not a terminal";
}

/** The escape sequence that draws a PNG inline, then a newline. */
export function inlineImage(protocol: ImageProtocol, png: Uint8Array): string {
  const data = Buffer.from(png).toString("base64");
  if (protocol === "iterm2") return `\u001b]1337;File=inline=1;size=${png.byteLength}:${data}\u0007\n`;
  // kitty: base64 in chunks of at most 4096 bytes, `m=1` on every chunk but the last.
  const chunks = data.match(/.{1,4096}/g) ?? [];
  return `${chunks
    .map((chunk, i) => {
      const more = i < chunks.length - 1 ? 1 : 0;
      return i === 0 ? `\u001b_Gf=100,a=T,m=${more};${chunk}\u001b\\` : `\u001b_Gm=${more};${chunk}\u001b\\`;
    })
    .join("")}\n`;
}
