// Sandbox creation, attachment and listing for one Hopx configuration (`hopx.sandboxes`); the static
// Sandbox methods delegate here.
import type {
  CreateSandboxRequest,
  Sandbox as SandboxModel,
  SandboxStatus,
} from "../../generated/control-plane/index.js";
import {
  ErrorCode,
  HopxError,
  invalidArgument,
  SandboxExpiredError,
  ServerError,
  ValidationError,
} from "../runtime/errors.js";
import { checkDurationMs, checkEnvMap } from "../runtime/guards.js";
import { renamed, secondsToMs } from "../runtime/units.js";
import type { Hopx } from "./hopx.js";
import { pollUntil } from "../runtime/time.js";
import { Sandbox } from "./sandbox.js";
import type {
  CallOptions,
  SandboxConnectOptions,
  SandboxCreateOptions,
  SandboxListOptions,
} from "./sandbox-options.js";

export const DEFAULT_READY_TIMEOUT_MS = 300_000;
/** The create call's own HTTP deadline (the official SDK's 300 s). */
const DEFAULT_CREATE_TIMEOUT_MS = 300_000;
const READY_POLL_MS = 1_000;
/** States a sandbox never leaves on its own: waiting for `running` is pointless. */
const DEAD: ReadonlySet<SandboxStatus> = new Set(["error", "failed", "deleted", "killed"]);

/** One page of `Sandbox.pages()`: sandbox handles, and the cursor of the next page. */
export interface SandboxPage {
  /** Handles of the sandboxes on this page. */
  sandboxes: Sandbox[];
  /** Pass as `cursor` to continue after this page; absent on the last page. */
  nextCursor?: string;
  /** Whether another page follows. */
  hasMore: boolean;
}

function createBody(options: SandboxCreateOptions): CreateSandboxRequest {
  const { template, templateId, region, timeoutSeconds, internetAccess, envVars } = options;
  if (template === undefined && templateId === undefined)
    throw invalidArgument("Sandbox.create needs `template` (a name) or `templateId`");
  if (template !== undefined && (typeof template !== "string" || template.trim() === ""))
    throw invalidArgument("`template` must be a non-empty name");
  if (templateId !== undefined && String(templateId).trim() === "")
    throw invalidArgument("`templateId` must not be empty");
  if (timeoutSeconds !== undefined && (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0))
    throw invalidArgument(`\`timeoutSeconds\` must be a positive integer, got ${String(timeoutSeconds)}`);
  // The same rules as env.set and runCode's env: a name with "=" or NUL would be mangled by the agent.
  if (envVars !== undefined) checkEnvMap("Sandbox.create: envVars", envVars);
  const target = templateId !== undefined ? { templateId: String(templateId) } : { templateName: template! };
  return {
    ...target,
    ...(region !== undefined ? { region } : {}),
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    ...(internetAccess !== undefined ? { internetAccess } : {}),
    ...(envVars !== undefined ? { envVars } : {}),
  };
}

/** A token read from a get or a listing may belong to an earlier run; the handle fetches its own. */
const withoutToken = (model: SandboxModel): SandboxModel => ({
  ...model,
  authToken: undefined,
  tokenExpiresAt: undefined,
});

function deadError(id: string, status: SandboxStatus): HopxError {
  return status === "deleted" || status === "killed"
    ? new SandboxExpiredError(`sandbox ${id} is ${status}`, { code: ErrorCode.SANDBOX_EXPIRED })
    : new ServerError(`sandbox ${id} failed to start (status ${status})`, { code: ErrorCode.INTERNAL_ERROR });
}

export class Sandboxes {
  constructor(private readonly hopx: Hopx) {}

  /** Creates a sandbox, waits until it is running, and applies `envVars` through its agent. */
  async create(options: SandboxCreateOptions): Promise<Sandbox> {
    const body = createBody(options);
    const signal = options.signal;
    // `timeout` is the official SDK's name for the same deadline, in seconds. A client deadline the user set
    // bounds create too: the longer default only stands in when neither was given.
    const createTimeoutMs = checkDurationMs(
      "Sandbox.create: timeoutMs",
      renamed("Sandbox.create", options, "timeoutMs", "timeout", secondsToMs) ??
        renamed("client options", this.hopx.agentOptions, "requestTimeoutMs", "timeout") ??
        DEFAULT_CREATE_TIMEOUT_MS,
    );
    const readyTimeoutMs = checkDurationMs(
      "Sandbox.create: readyTimeoutMs",
      renamed("Sandbox.create", options, "readyTimeoutMs", "readyTimeout") ?? DEFAULT_READY_TIMEOUT_MS,
    );
    // A 404 here is TemplateNotFoundError: createSandbox declares it (spec/sdk.yaml).
    const created: SandboxModel = await this.hopx.controlPlane.sandboxes.create(body, {
      timeoutMs: createTimeoutMs,
      ...(signal ? { signal } : {}),
    });
    if (typeof created?.id !== "string" || created.id === "")
      throw new HopxError("createSandbox: the response has no sandbox id", {
        code: ErrorCode.INVALID_RESPONSE,
        operation: "createSandbox",
      });
    const running = created.status === "running" ? created : await this.waitRunning(created.id, readyTimeoutMs, signal);
    // The create response carries the agent token; later reads may not.
    const sandbox = new Sandbox(
      this.hopx,
      {
        ...created,
        ...running,
        authToken: running.authToken ?? created.authToken,
        tokenExpiresAt: running.tokenExpiresAt ?? created.tokenExpiresAt,
      },
      options,
    );
    if (options.envVars && Object.keys(options.envVars).length > 0) {
      try {
        const agent = await sandbox.agent();
        await agent.resources.env.update({ envVars: options.envVars, merge: true }, signal ? { signal } : {});
      } catch (err) {
        // A sandbox without the environment its creator asked for is not what was created; do not leak it.
        await sandbox.kill().catch(() => undefined);
        throw err;
      }
    }
    return sandbox;
  }

  /** Attaches to an existing sandbox: resumes it when paused, refuses a stopped one, refreshes its token. */
  async connect(sandboxId: string, options: SandboxConnectOptions = {}): Promise<Sandbox> {
    const call: CallOptions = options.signal ? { signal: options.signal } : {};
    let model = await this.hopx.controlPlane.sandboxes.get(sandboxId, call);
    if (DEAD.has(model.status)) throw deadError(sandboxId, model.status);
    if (model.status === "stopped")
      throw new ValidationError(`sandbox ${sandboxId} is stopped; start it before connecting`, {
        code: ErrorCode.INVALID_REQUEST,
      });
    if (model.status === "creating")
      model = await this.waitRunning(sandboxId, DEFAULT_READY_TIMEOUT_MS, options.signal);
    const sandbox = new Sandbox(this.hopx, withoutToken(model), options);
    // resume() refreshes the token itself (resuming rotates it); a running sandbox gets a fresh one too.
    if (model.status === "paused") await sandbox.resume(call);
    else await sandbox.refreshToken();
    return sandbox;
  }

  /** One page of sandboxes, each with its info. */
  async list(options: SandboxListOptions = {}): Promise<Sandbox[]> {
    const page = await this.page(options, options.cursor);
    return page.sandboxes;
  }

  /** Every sandbox across pages, fetched lazily. */
  async *iter(options: SandboxListOptions = {}): AsyncGenerator<Sandbox> {
    for await (const page of this.pages(options)) yield* page.sandboxes;
  }

  /** Page by page; stops at the last page, and on a cursor the server already gave (a loop). */
  async *pages(options: SandboxListOptions = {}): AsyncGenerator<SandboxPage> {
    const seen = new Set<string>();
    let cursor = options.cursor;
    for (;;) {
      const page = await this.page(options, cursor);
      yield page;
      if (!page.hasMore || !page.nextCursor || seen.has(page.nextCursor)) return;
      seen.add(page.nextCursor);
      cursor = page.nextCursor;
    }
  }

  private async page(options: SandboxListOptions, cursor: string | undefined): Promise<SandboxPage> {
    const { limit, status, region, signal } = options;
    if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0))
      throw invalidArgument(`\`limit\` must be a positive integer, got ${String(limit)}`);
    const list = await this.hopx.controlPlane.sandboxes.list(
      {
        ...(limit !== undefined ? { limit } : {}),
        ...(status ? { status } : {}),
        ...(region ? { region } : {}),
        ...(cursor ? { cursor } : {}),
      },
      signal ? { signal } : {},
    );
    const sandboxes = (list.data ?? []).map((model) => new Sandbox(this.hopx, withoutToken(model)));
    return { sandboxes, hasMore: list.hasMore === true, ...(list.nextCursor ? { nextCursor: list.nextCursor } : {}) };
  }

  private async waitRunning(
    sandboxId: string,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<SandboxModel> {
    return pollUntil(
      async (pollSignal) => {
        const model = await this.hopx.controlPlane.sandboxes.get(sandboxId, pollSignal ? { signal: pollSignal } : {});
        if (DEAD.has(model.status)) throw deadError(sandboxId, model.status);
        return model.status === "running" ? model : undefined;
      },
      { intervalMs: READY_POLL_MS, timeoutMs, signal, what: `sandbox ${sandboxId} to be running` },
    );
  }
}
