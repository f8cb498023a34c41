// What commands print: data (one document), events (one line each; NDJSON under -o json) and notes (stderr).
// Colour only when the stream is a TTY and neither NO_COLOR nor --no-color is set.
import { UsageError } from "./args.js";

export type OutputMode = "table" | "json" | "plain";
export const OUTPUT_MODES: readonly OutputMode[] = ["table", "json", "plain"];

export interface Column {
  key: string;
  header?: string;
}

export interface Writer {
  write(text: string): unknown;
  isTTY?: boolean;
}

export function outputMode(
  value: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  /** The profile's `output_format` in ~/.hopx/config.yaml. */
  fallback?: string,
): OutputMode {
  const mode = value ?? env.HOPX_CLI_OUTPUT ?? fallback ?? "table";
  if (!(OUTPUT_MODES as readonly string[]).includes(mode))
    throw new UsageError(`--output must be table, json or plain, got "${mode}"`);
  return mode as OutputMode;
}

export function colorEnabled(stream: Writer, noColorFlag: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !noColorFlag && (env.NO_COLOR ?? "") === "" && env.TERM !== "dumb";
}

const cell = (value: unknown): string => {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
};

/** Plain text must stay one line per record: tabs and newlines inside values are escaped. */
const plainCell = (value: unknown): string =>
  cell(value).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n");

export class Output {
  constructor(
    readonly mode: OutputMode,
    private readonly out: Writer,
    private readonly err: Writer,
    private readonly color: { out: boolean; err: boolean },
    /** Applied to every line: the key never reaches the terminal, even when a server echoes it. */
    private readonly scrub: (text: string) => string = (text) => text,
    /** --quiet (the Python CLI's): notes are left out; data and errors are not. */
    private readonly quiet = false,
  ) {}

  private print(text: string): void {
    this.out.write(this.scrub(text));
  }

  /** One result: an object, a list of objects, or a scalar. */
  data(value: unknown, columns?: readonly Column[]): void {
    if (this.mode === "json") {
      this.print(`${JSON.stringify(value ?? null, null, 2)}\n`);
      return;
    }
    if (Array.isArray(value)) this.rows(value as Array<Record<string, unknown>>, columns);
    else if (typeof value === "object" && value !== null) this.record(value as Record<string, unknown>);
    else this.print(`${cell(value)}\n`);
  }

  /** One item of a stream: an NDJSON line under json, else `text` (or the item's fields on one line). */
  event(value: object, text?: string): void {
    if (this.mode === "json") this.print(`${JSON.stringify(value)}\n`);
    else if (text !== undefined) this.print(text.endsWith("\n") ? text : `${text}\n`);
    else
      this.print(
        `${Object.entries(value)
          .map(([k, v]) => (this.mode === "plain" ? plainCell(v) : `${k}=${cell(v)}`))
          .join(this.mode === "plain" ? "\t" : " ")}\n`,
      );
  }

  /** A human note on stderr (never on stdout, so pipes get only data). */
  note(text: string): void {
    if (this.quiet) return;
    this.err.write(this.scrub(`${this.color.err ? `\u001b[2m${text}\u001b[22m` : text}\n`));
  }

  private rows(items: Array<Record<string, unknown>>, columns?: readonly Column[]): void {
    const cols: Column[] =
      columns?.slice() ?? [...new Set(items.flatMap((item) => Object.keys(item)))].map((key) => ({ key }));
    if (this.mode === "plain") {
      for (const item of items) this.print(`${cols.map((c) => plainCell(item[c.key])).join("\t")}\n`);
      return;
    }
    if (items.length === 0) {
      this.err.write("(none)\n");
      return;
    }
    const headers = cols.map((c) => (c.header ?? c.key).toUpperCase());
    const cells = items.map((item) => cols.map((c) => cell(item[c.key]).replace(/\s*\n\s*/g, " ")));
    const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
    const line = (row: string[]): string =>
      row
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd();
    const head = line(headers);
    this.print(`${this.color.out ? `\u001b[1m${head}\u001b[22m` : head}\n`);
    for (const row of cells) this.print(`${line(row)}\n`);
  }

  private record(value: Record<string, unknown>): void {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (this.mode === "plain") {
      for (const [key, v] of entries) this.print(`${key}\t${plainCell(v)}\n`);
      return;
    }
    const width = Math.max(0, ...entries.map(([key]) => key.length));
    for (const [key, v] of entries) {
      const label = key.padEnd(width);
      this.print(`${this.color.out ? `\u001b[1m${label}\u001b[22m` : label}  ${cell(v)}\n`);
    }
  }
}
