// The stateful mock's world, in memory, per mock instance: sandboxes (status, expiry, tokens, files, env,
// processes, open streams), templates and builds. Everything time-dependent reads the mock clock.

/** One file or directory of a sandbox's file system. */
export interface FileNode {
  dir: boolean;
  bytes: Uint8Array;
  modified: number;
}

/** A background execution or command, as listed by the agent. */
export interface ProcessRecord {
  processId: string;
  executionId: string;
  name?: string;
  status: "running" | "completed" | "failed" | "killed";
  language: string;
  startTime: number;
  endAt: number;
  endTime?: number;
  exitCode?: number;
  stdout: string;
  stderr: string;
  /** The exit code the run ends with when its time is up. */
  result: number;
}

/** One sandbox as the mock keeps it. */
export interface SandboxState {
  id: string;
  status: "creating" | "running" | "stopped" | "paused";
  templateId: string;
  templateName: string;
  /** The template's `features` (`desktop` lets the desktop routes answer). */
  features: readonly string[];
  region: string;
  resources: { vcpu: number; memory_mb: number; disk_gb: number };
  internetAccess: boolean;
  timeoutSeconds?: number;
  createdAt: number;
  updatedAt: number;
  /** When `creating` turns `running`. */
  readyAt: number;
  expiresAt?: number;
  /** Valid agent tokens → their expiry (mock clock). */
  tokens: Map<string, number>;
  files: Map<string, FileNode>;
  env: Map<string, string>;
  processes: Map<string, ProcessRecord>;
  /** Closes every WebSocket and SSE stream of this sandbox (called on kill, delete and expiry). */
  streams: Set<() => void>;
  /** File changes made through the API, for `files/watch` subscribers. */
  watchers: Set<(path: string, event: "created" | "modified" | "deleted") => void>;
}

/** A template, in wire form plus what the mock needs. */
export interface TemplateState {
  id: string;
  name: string;
  wire: Record<string, unknown>;
}

/** A template build. */
export interface BuildState {
  id: string;
  templateId: string;
  name: string;
  startedAt: number;
  doneAt: number;
  logs: string[];
  failed: boolean;
}

/** Seeded pseudo-random numbers (mulberry32): the same seed gives the same ids. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
/** The number part of the first id (the spec's example sandbox was created at this second). */
const ID_BASE = 1761048129;

/** The settings of the world that tests may change per mock. */
export interface WorldOptions {
  seed: number;
  /** Milliseconds (mock clock) a new sandbox stays `creating`. */
  createDelayMs: number;
  /** Lifetime of an agent token in seconds (mock clock). */
  tokenTtlSeconds: number;
  /** Milliseconds (mock clock) a build takes. */
  buildDurationMs: number;
  /** Milliseconds (mock clock) a background process runs before it completes. */
  processDurationMs: number;
}

export class World {
  readonly sandboxes = new Map<string, SandboxState>();
  readonly templates = new Map<string, TemplateState>();
  readonly builds = new Map<string, BuildState>();
  readonly uploads = new Set<string>();
  private readonly byToken = new Map<string, SandboxState>();
  private random: () => number;
  private counter = 0;

  constructor(
    readonly options: WorldOptions,
    readonly now: () => number,
    private readonly seedTemplates: Array<Record<string, unknown>>,
  ) {
    this.random = seededRandom(options.seed);
    this.reset();
  }

  /** Forgets every sandbox, build and upload (closing their streams) and restores the seed templates. */
  reset(): void {
    for (const sandbox of this.sandboxes.values()) this.closeStreams(sandbox);
    this.sandboxes.clear();
    this.byToken.clear();
    this.builds.clear();
    this.uploads.clear();
    this.templates.clear();
    for (const wire of this.seedTemplates) {
      const template = { id: String(wire.id), name: String(wire.name), wire: { ...wire } };
      this.templates.set(template.id, template);
    }
    this.random = seededRandom(this.options.seed);
    this.counter = 0;
  }

  /**
   * A new id shaped like HopX's (`1761048129dsaqav4n`: a time-like number and letters), from the seed and a
   * counter only, so the same seed and the same calls give the same ids.
   */
  newId(prefix = ""): string {
    let tail = "";
    for (let i = 0; i < 8; i++) tail += ALPHABET[Math.floor(this.random() * ALPHABET.length)];
    return `${prefix}${ID_BASE + this.counter++}${tail}`;
  }

  templateByRef(ref: string): TemplateState | undefined {
    return this.templates.get(ref) ?? [...this.templates.values()].find((t) => t.name === ref);
  }

  /** Issues an agent token for a sandbox, valid for the configured lifetime. */
  issueToken(sandbox: SandboxState): { token: string; expiresAt: number } {
    const expiresAt = this.now() + this.options.tokenTtlSeconds * 1000;
    const header = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
    const claims = Buffer.from(
      JSON.stringify({ sandbox_id: sandbox.id, exp: Math.floor(expiresAt / 1000), n: this.newId() }),
    ).toString("base64url");
    const token = `${header}.${claims}.bW9jaw`;
    sandbox.tokens.set(token, expiresAt);
    this.byToken.set(token, sandbox);
    return { token, expiresAt };
  }

  /** Drops every token of a sandbox (resume rotates them, as HopX does). */
  revokeTokens(sandbox: SandboxState): void {
    for (const token of sandbox.tokens.keys()) this.byToken.delete(token);
    sandbox.tokens.clear();
  }

  /** The sandbox a token belongs to, whether or not it is still valid. */
  sandboxOfToken(token: string): SandboxState | undefined {
    return this.byToken.get(token);
  }

  /** Removes a sandbox and closes everything it had open. */
  remove(sandbox: SandboxState): void {
    this.revokeTokens(sandbox);
    this.closeStreams(sandbox);
    this.sandboxes.delete(sandbox.id);
  }

  closeStreams(sandbox: SandboxState): void {
    for (const close of [...sandbox.streams]) close();
    sandbox.streams.clear();
    sandbox.watchers.clear();
  }

  /** Applies what the clock made due: `creating` → `running`, expiries, finished processes. */
  tick(): void {
    const now = this.now();
    for (const sandbox of [...this.sandboxes.values()]) {
      if (sandbox.expiresAt !== undefined && sandbox.expiresAt <= now) {
        this.remove(sandbox);
        continue;
      }
      if (sandbox.status === "creating" && sandbox.readyAt <= now) sandbox.status = "running";
      for (const process of sandbox.processes.values()) {
        if (process.status === "running" && process.endAt <= now) {
          process.status = process.result === 0 ? "completed" : "failed";
          process.exitCode = process.result;
          process.endTime = process.endAt;
        }
      }
    }
  }
}
