// Optional logging with levels. Everything passes through redaction first: credentials, tokens and
// env-var values never reach a log line.
import { scrubSecrets } from "./secrets.js";

/** The least severe level a {@link Logger} receives; `"off"` silences it. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";
/**
 * Where the SDK's log lines go (`logger` client option); every message and field is redacted before it gets here.
 * {@link consoleLogger} writes to the console.
 */
export interface Logger {
  /** Retries, waits and other detail. */
  debug(message: string, fields?: Record<string, unknown>): void;
  /** Noteworthy events of normal operation. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** Something unexpected that the SDK worked around. */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** A failure. */
  error(message: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, off: 100 };
const SECRET_KEYS = new RegExp(
  "^(authorization|x-api-key|api[-_]?key|apikey|token|auth[-_]?token|access[-_]?token|password|secret|" +
    "env[-_]?vars|env|callback[-_]?signature[-_]?secret|registry[-_]?credentials)$",
  "i",
);
const MASK = "[redacted]";
const SECRET_TEXT: ReadonlyArray<readonly [RegExp, string]> = [
  [/hopx_(?:live|test)_[A-Za-z0-9._-]+/g, MASK], // HopX API keys
  [/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*)?/g, MASK], // JWTs
  [/(Bearer\s+)[^\s,;"']+/gi, `$1${MASK}`],
  [/([?&](?:token|api_key|apikey)=)[^&\s#"']+/gi, `$1${MASK}`],
];

/** Masks tokens, API keys and bearer credentials inside free text. */
export function redactText(text: string): string {
  return SECRET_TEXT.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), scrubSecrets(text));
}

/** Deep copy with secret-looking fields masked and every string scrubbed. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (depth > 6 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = SECRET_KEYS.test(key) ? MASK : redact(item, depth + 1);
  return out;
}

/** Wraps a logger so it drops lines below `level` and redacts everything it passes on. */
export function levelLogger(target: Logger | undefined, level: LogLevel = "info"): Logger | undefined {
  if (!target || level === "off") return undefined;
  const min = ORDER[level];
  const emit =
    (name: Exclude<LogLevel, "off">) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (ORDER[name] < min) return;
      target[name](redactText(message), fields === undefined ? undefined : (redact(fields) as Record<string, unknown>));
    };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

/** A logger that writes to the console, for `logger: consoleLogger`. */
export const consoleLogger: Logger = {
  debug: (m, f) => console.debug(`[hopx] ${m}`, f ?? ""),
  info: (m, f) => console.info(`[hopx] ${m}`, f ?? ""),
  warn: (m, f) => console.warn(`[hopx] ${m}`, f ?? ""),
  error: (m, f) => console.error(`[hopx] ${m}`, f ?? ""),
};
