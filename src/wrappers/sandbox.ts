// A handle on one sandbox: lifecycle on the control plane (with the account API key), and everything
// inside the sandbox through its VM agent (with the sandbox's own token; the API key never goes there).
import type {
  HealthResponse,
  Sandbox as SandboxModel,
  SandboxActionResponse,
  SandboxMetricsEvent,
  SetTimeoutResponse,
  Template,
  TemplateListItem,
} from "../../generated/control-plane/index.js";
import { shapes as cpShapes } from "../../generated/control-plane/index.js";
import { ErrorCode, NotFoundError, ValidationError } from "../runtime/errors.js";
import { checkDurationMs, MAX_TIMER_MS } from "../runtime/guards.js";
import { renamed } from "../runtime/units.js";
import { fromWire } from "../runtime/shape.js";
import { sseEvents } from "../runtime/sse.js";
import { StreamHandle, type Stream } from "../runtime/stream.js";
import type { AgentContext } from "./agent/context.js";
import { agentContext } from "./clients.js";
import { SandboxAgent } from "./sandbox-agent.js";
import { DEFAULT_EXPIRY_WARNING_SECONDS, expiryInfo, type ExpiryInfo } from "./expiry.js";
import { defaultClient } from "./default-client.js";
import type { Hopx, HopxOptions } from "./hopx.js";
import { previewUrl } from "./preview-url.js";
import { SandboxRecord } from "./sandbox-record.js";
import {
  clientOptionsOf,
  type CallOptions,
  type ExpiryWatchOptions,
  type SandboxConnectOptions,
  type SandboxCreateOptions,
  type SandboxInfo,
  type SandboxListOptions,
  type TemplateQueryOptions,
} from "./sandbox-options.js";
import type { SandboxPage } from "./sandboxes.js";

const call = (options: CallOptions | undefined): CallOptions => ({
  ...(options?.signal ? { signal: options.signal } : {}),
  ...(options?.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  ...(options?.timeout !== undefined ? { timeout: options.timeout } : {}),
});

const idleOption = (ms: number | undefined): { idleTimeoutMs?: number } =>
  ms === undefined ? {} : { idleTimeoutMs: ms };

/** Options of {@link Sandbox.streamMetrics}. */
export interface MetricsStreamOptions {
  /** Ends the stream (with an `AbortError`) when it fires. */
  signal?: AbortSignal;
  /** Milliseconds without data before the stream counts as dropped and reconnects (default 60 000). */
  idleTimeoutMs?: number;
  /** @deprecated Use `idleTimeoutMs` (the same milliseconds). */
  idleTimeout?: number;
}

/**
 * A handle on one sandbox: its control-plane lifecycle (kill, pause, resume, timeouts, token, URLs, expiry) and,
 * inherited, its VM agent (`runCode`, `files`, `commands`, `desktop`, `terminal` …). Get one from `Sandbox.create`,
 * `Sandbox.connect`, `Sandbox.list` / `iter` / `pages`, or a {@link Hopx} client's `sandboxes`. `await using` kills
 * it at the end of the block.
 *
 * @example
 * ```ts
 * import { Sandbox } from "hopx-client";
 *
 * await using sandbox = await Sandbox.create({ template: "code-interpreter", timeoutSeconds: 600 });
 * const run = await sandbox.runCode("print(1 + 1)");
 * await sandbox.files.write("/workspace/out.txt", run.stdout);
 * console.log(await sandbox.files.read("/workspace/out.txt"));
 * ```
 */
export class Sandbox extends SandboxAgent {
  /** The sandbox's id. */
  readonly sandboxId: string;
  readonly #hopx: Hopx;
  readonly #record: SandboxRecord;
  #init: Promise<void> | undefined;
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;

  /** Use `Sandbox.create`, `Sandbox.connect` or `hopx.sandboxes.*`; this wraps a control-plane record. */
  constructor(hopx: Hopx, model: SandboxModel, watch: ExpiryWatchOptions = {}) {
    const record = new SandboxRecord(hopx, model);
    const context = agentContext({
      ...hopx.agentOptions,
      sandboxId: model.id,
      baseURL: () => record.agentHost(),
      token: () => record.token.current(),
      renewToken: (used) => record.token.renewAfterRejection(used),
    });
    super(context, (options) => record.assertRunning(options));
    this.sandboxId = model.id;
    this.#hopx = hopx;
    this.#record = record;
    const threshold = renamed("expiry watch", watch, "expiryWarningThresholdSeconds", "expiryWarningThreshold");
    if (watch.onExpiringSoon) this.startExpiryMonitor(watch.onExpiringSoon, threshold);
  }

  // ── static API (official names) ────────────────────────────────────────────────────────────────

  /** Creates a sandbox and waits until it is running. */
  static async create(options: SandboxCreateOptions): Promise<Sandbox> {
    // `timeout` (seconds) is the create call's own deadline, not a default for the client's later calls.
    const { timeout: _createTimeout, ...client } = clientOptionsOf(options);
    return (await defaultClient(client)).sandboxes.create(options);
  }

  /** Attaches to an existing sandbox: resumes it when paused, refuses a stopped one, refreshes its token. */
  static async connect(
    sandboxId: string,
    apiKeyOrOptions?: string | SandboxConnectOptions,
    baseURL?: string,
  ): Promise<Sandbox> {
    const options: SandboxConnectOptions =
      typeof apiKeyOrOptions === "string" || apiKeyOrOptions === undefined
        ? { ...(apiKeyOrOptions ? { apiKey: apiKeyOrOptions } : {}), ...(baseURL ? { baseURL } : {}) }
        : apiKeyOrOptions;
    return (await defaultClient(clientOptionsOf(options))).sandboxes.connect(sandboxId, options);
  }

  /** One page of sandboxes (default page size 100), each with its info. */
  static async list(options: SandboxListOptions = {}): Promise<Sandbox[]> {
    return (await defaultClient(clientOptionsOf(options))).sandboxes.list(options);
  }

  /** Every sandbox, fetching pages lazily as the loop advances. */
  static async *iter(options: SandboxListOptions = {}): AsyncGenerator<Sandbox> {
    yield* (await defaultClient(clientOptionsOf(options))).sandboxes.iter(options);
  }

  /** Page by page, with each page's cursor (to resume later). */
  static async *pages(options: SandboxListOptions = {}): AsyncGenerator<SandboxPage> {
    yield* (await defaultClient(clientOptionsOf(options))).sandboxes.pages(options);
  }

  /** Templates available to the account, optionally filtered by category or language. */
  static async listTemplates(options: TemplateQueryOptions = {}): Promise<TemplateListItem[]> {
    return (await defaultClient(clientOptionsOf(options))).templates.list(options);
  }

  /** One template, by name or id. */
  static async getTemplate(name: string, options: HopxOptions & CallOptions = {}): Promise<Template> {
    return (await defaultClient(clientOptionsOf(options))).templates.get(name, call(options));
  }

  /** Deletes a template of the account. */
  static async deleteTemplate(templateId: string, options: HopxOptions & CallOptions = {}): Promise<void> {
    return (await defaultClient(clientOptionsOf(options))).templates.delete(templateId, call(options));
  }

  /** Control-plane health (no API key needed). */
  static async healthCheck(baseURL?: string): Promise<HealthResponse> {
    return (await defaultClient(baseURL ? { baseURL } : {})).health();
  }

  // ── control plane ──────────────────────────────────────────────────────────────────────────────

  /** The client this sandbox uses (its configuration, raw clients, templates). */
  get hopx(): Hopx {
    return this.#hopx;
  }

  /** Reads the sandbox's current state from the control plane. */
  async getInfo(options?: CallOptions): Promise<SandboxInfo> {
    await this.#record.read(call(options));
    this.#rearmExpiryMonitor();
    return this.#record.info;
  }

  /** Deletes the sandbox, and closes every stream this handle opened. A sandbox already gone counts as killed. */
  async kill(options?: CallOptions): Promise<void> {
    this.stopExpiryMonitor();
    this.agentContext.streams.closeAll();
    try {
      await this.#hopx.controlPlane.sandboxes.delete(this.sandboxId, call(options));
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    this.#record.info = { ...this.#record.info, status: "deleted" };
  }

  /** Force-terminates the sandbox (`POST /kill`), for one that does not respond to `kill()`. */
  async forceKill(options?: CallOptions): Promise<void> {
    this.stopExpiryMonitor();
    this.agentContext.streams.closeAll();
    this.#applyAction(await this.#hopx.controlPlane.sandboxes.forceKill(this.sandboxId, call(options)));
  }

  /** Pauses the sandbox (memory kept); `resume()` or `Sandbox.connect` continues it. */
  async pause(options?: CallOptions): Promise<void> {
    this.#applyAction(await this.#hopx.controlPlane.sandboxes.pause(this.sandboxId, call(options)));
  }

  /** Resumes a paused sandbox; its agent token changes on resume, so a fresh one is fetched. */
  async resume(options?: CallOptions): Promise<void> {
    this.#applyAction(await this.#hopx.controlPlane.sandboxes.resume(this.sandboxId, call(options)));
    await this.#record.token.refresh();
  }

  /** Starts a stopped sandbox (the endpoint is deprecated upstream; kept for accounts that have it). */
  async start(options?: CallOptions): Promise<void> {
    this.#applyAction(await this.#hopx.controlPlane.sandboxes.start(this.sandboxId, call(options)));
  }

  /** Stops the sandbox (the endpoint is deprecated upstream; kept for accounts that have it). */
  async stop(options?: CallOptions): Promise<void> {
    this.#applyAction(await this.#hopx.controlPlane.sandboxes.stop(this.sandboxId, call(options)));
  }

  /** Kills the sandbox `timeoutSeconds` from now (replaces any earlier timeout). */
  async setTimeout(timeoutSeconds: number, options?: CallOptions): Promise<SetTimeoutResponse> {
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0)
      throw new ValidationError(`timeoutSeconds must be a positive integer, got ${String(timeoutSeconds)}`, {
        code: ErrorCode.INVALID_ARGUMENT,
      });
    const result = await this.#hopx.controlPlane.sandboxes.setTimeout(
      this.sandboxId,
      { timeoutSeconds },
      call(options),
    );
    this.#record.info = {
      ...this.#record.info,
      timeoutSeconds: result.timeoutSeconds ?? timeoutSeconds,
      ...(result.expiresAt !== undefined ? { expiresAt: result.expiresAt } : {}),
    };
    this.#rearmExpiryMonitor();
    return result;
  }

  /**
   * Live metrics (SSE) as a stream; reconnects with Last-Event-ID when the stream drops. Killing the
   * sandbox closes it.
   */
  streamMetrics(options: MetricsStreamOptions = {}): Stream<SandboxMetricsEvent> {
    const handle = new StreamHandle((signal) => this.#metrics(options, signal), options.signal);
    this.agentContext.streams.track(handle, handle.closed);
    return handle;
  }

  async *#metrics(options: MetricsStreamOptions, signal: AbortSignal): AsyncGenerator<SandboxMetricsEvent> {
    const events = sseEvents<SandboxMetricsEvent>({
      open: (lastEventId, attempt) =>
        this.#hopx.controlPlane.sandboxes.streamMetrics(this.sandboxId, {
          signal: attempt,
          ...(lastEventId ? { headers: { "Last-Event-ID": lastEventId } } : {}),
        }),
      parse: (data) => fromWire<SandboxMetricsEvent>(JSON.parse(data), "SandboxMetricsEvent", cpShapes),
      ...idleOption(renamed("streamMetrics", options, "idleTimeoutMs", "idleTimeout")),
      signal,
      maxEventBytes: this.#hopx.limits.maxSseEventBytes,
    });
    for await (const event of events) yield event.data;
  }

  // ── token ──────────────────────────────────────────────────────────────────────────────────────

  /** Fetches a new agent token now. */
  async refreshToken(): Promise<void> {
    await this.#record.token.refresh();
  }

  /** Refreshes the agent token when it is missing or about to expire. */
  async ensureValidToken(): Promise<void> {
    await this.#record.token.current();
  }

  /** The current agent token (refreshed first when about to expire). Treat it as a secret. */
  async getToken(): Promise<string> {
    return this.#record.token.current();
  }

  // ── URLs ───────────────────────────────────────────────────────────────────────────────────────

  /**
   * Public URL of a port served inside the sandbox (default: the agent's own port 7777), in HopX's form
   * `https://<port>-<id>.<region>.vms.hopx.dev/` (on the mock too; `mock.reachableUrl(url)` gives the local one).
   */
  async getPreviewUrl(port?: number): Promise<string> {
    const host = await this.#record.agentHost();
    const { region } = this.#record.info;
    return previewUrl(host, port, { sandboxId: this.sandboxId, ...(region ? { region } : {}) });
  }

  /** Base URL of the sandbox's VM agent (read from the control plane when not known yet). */
  async getAgentUrl(): Promise<string> {
    return this.#record.agentHost();
  }

  /**
   * @deprecated The official SDK's name, a getter that may do I/O; use `getAgentUrl()`.
   */
  get agentUrl(): Promise<string> {
    return this.getAgentUrl();
  }

  // ── expiry ─────────────────────────────────────────────────────────────────────────────────────

  /** When the sandbox expires, from its last known record (no request); `thresholdSeconds` decides `isExpiringSoon`. */
  async getExpiryInfo(thresholdSeconds = DEFAULT_EXPIRY_WARNING_SECONDS): Promise<ExpiryInfo> {
    return expiryInfo(this.#record.info.expiresAt, thresholdSeconds);
  }

  /** Seconds until the sandbox expires (negative once expired), or null when it has no timeout. */
  async getTimeToExpiry(): Promise<number | null> {
    return expiryInfo(this.#record.info.expiresAt).timeToExpiry;
  }

  /** null when the sandbox has no timeout. */
  async isExpiringSoon(thresholdSeconds = DEFAULT_EXPIRY_WARNING_SECONDS): Promise<boolean | null> {
    const info = expiryInfo(this.#record.info.expiresAt, thresholdSeconds);
    return info.hasTimeout ? info.isExpiringSoon : null;
  }

  #expiryWatch: { callback: (info: ExpiryInfo) => void; threshold: number } | undefined;
  #expiryPoll: ReturnType<typeof setInterval> | undefined;

  /**
   * Calls `callback` once when the sandbox enters its last `thresholdSeconds`. One timer, unref'd so it
   * never keeps a process alive; `setTimeout()` and `getInfo()` re-arm it. With `checkIntervalSeconds` (the
   * official third parameter) the record is also re-read that often, so a timeout changed by another client
   * moves the warning too; without it nothing is polled.
   */
  startExpiryMonitor(
    callback: (info: ExpiryInfo) => void,
    thresholdSeconds = DEFAULT_EXPIRY_WARNING_SECONDS,
    checkIntervalSeconds?: number,
  ): void {
    this.stopExpiryMonitor();
    this.#expiryWatch = { callback, threshold: thresholdSeconds };
    this.#rearmExpiryMonitor();
    if (checkIntervalSeconds === undefined) return;
    const everyMs = checkDurationMs("startExpiryMonitor: checkIntervalSeconds", checkIntervalSeconds * 1000);
    // A failed read leaves the timer as it was: the next tick tries again.
    const poll = setInterval(() => void this.getInfo().catch(() => undefined), everyMs);
    (poll as { unref?: () => void }).unref?.();
    this.#expiryPoll = poll;
  }

  /** Stops the expiry monitor started by `startExpiryMonitor` or the `onExpiringSoon` option. */
  stopExpiryMonitor(): void {
    this.#clearExpiryTimer();
    if (this.#expiryPoll !== undefined) clearInterval(this.#expiryPoll);
    this.#expiryPoll = undefined;
  }

  #clearExpiryTimer(): void {
    if (this.#expiryTimer !== undefined) clearTimeout(this.#expiryTimer);
    this.#expiryTimer = undefined;
  }

  #rearmExpiryMonitor(): void {
    this.#clearExpiryTimer();
    const watch = this.#expiryWatch;
    if (!watch) return;
    const info = expiryInfo(this.#record.info.expiresAt, watch.threshold);
    if (!info.hasTimeout || info.isExpired) return;
    const fire = (): void => watch.callback(expiryInfo(this.#record.info.expiresAt, watch.threshold));
    const wait = Math.max(0, (info.timeToExpiry! - watch.threshold) * 1000);
    // setTimeout's limit is 2^31-1 ms (~24.8 days); beyond it the timer would fire at once.
    if (wait > MAX_TIMER_MS) return;
    const timer = setTimeout(fire, wait);
    (timer as { unref?: () => void }).unref?.();
    this.#expiryTimer = timer;
  }

  // ── agent ──────────────────────────────────────────────────────────────────────────────────────

  /**
   * Resolves the agent's host and a valid agent token before the first agent call (the official `init()`, which
   * its examples call right after `create`). Optional: every agent call resolves them on demand. Idempotent:
   * later and concurrent calls share the first one; after a failure the next call tries again.
   */
  async init(): Promise<void> {
    this.#init ??= (async () => {
      await this.#record.agentHost();
      await this.#record.token.current();
    })().catch((err: unknown) => {
      this.#init = undefined;
      throw err;
    });
    return this.#init;
  }

  /**
   * What agent-side wrappers are built from: the generated agent resources (`resources`), the raw agent
   * transport and this sandbox's credentials. Reads the agent host from the control plane when unknown.
   */
  async agent(): Promise<AgentContext> {
    await this.#record.agentHost();
    return this.agentContext;
  }

  /** Kills the sandbox at the end of an `await using` block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.kill();
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────────

  #applyAction(result: SandboxActionResponse): void {
    this.#record.info = { ...this.#record.info, status: result.status };
  }
}
