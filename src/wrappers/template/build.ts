// Template.build: upload COPY sources (only what the server lacks), start the build, follow its logs,
// and wait until the template can be used — with a typed error carrying the last log lines on failure.
import type {
  BuildLogEvent,
  BuildStatus,
  BuildStatusResponse,
  BuildStep,
  CopyStep,
  Template as TemplateModel,
  TemplateBuildRequest,
} from "../../../generated/control-plane/index.js";
import { shapes as cpShapes } from "../../../generated/control-plane/index.js";
import { ErrorCode, HopxError, invalidArgument, NetworkError, TemplateBuildError } from "../../runtime/errors.js";
import { isLoopbackHost } from "../../runtime/guards.js";
import { checkDurationMs } from "../../runtime/guards.js";
import { renamed, secondsToMs } from "../../runtime/units.js";
import { pollUntil, sleep } from "../../runtime/time.js";
import { fromWire } from "../../runtime/shape.js";
import { anySignal } from "../../runtime/signals.js";
import { sseEvents } from "../../runtime/sse.js";
import { sdkProxySettings } from "../../runtime/proxy.js";
import { clientFetch } from "../../runtime/proxy-fetch.js";
import { env } from "../clients.js";
import type { Hopx, HopxOptions } from "../hopx.js";
import type { PendingCopy, Template } from "./builder.js";
import { createVM, type CreateVMOptions, type VM } from "./create-vm.js";

/** One line of a template build's log (`onLog`). */
export interface LogEntry {
  /** When the line was written, as the server sent it. */
  timestamp: string;
  /** Severity: `DEBUG`, `INFO`, `WARN` or `ERROR`. */
  level: string;
  /** The log text. */
  message: string;
}

/** Options of `Template.build`: the template's name and resources, how to follow the build, and how long to wait. */
export interface BuildOptions extends HopxOptions {
  /** Template name (unique per organization). `alias` is accepted as in older SDK versions. */
  name?: string;
  /** The same as `name` (the option's name in older SDK versions). */
  alias?: string;
  /** vCPUs (default 2). */
  cpu?: number;
  /** Memory in MB (default 2048). */
  memory?: number;
  /** Disk in GB (default 10). */
  diskGB?: number;
  /** Rebuild every step, ignoring the build cache. */
  skipCache?: boolean;
  /** Replace an existing template of the same name (otherwise the server answers 409). */
  update?: boolean;
  /** Directory COPY sources are relative to (default: the current working directory). */
  contextPath?: string;
  /** Version of the HopX agent to build into the image (the server chooses when omitted). */
  agentVersion?: string;
  /** Called with each build log line as it arrives. */
  onLog?: (log: LogEntry) => void;
  /** Percent done, from the build status. */
  onProgress?: (progress: number) => void;
  /**
   * Milliseconds to wait for the built template to become active (default 2 700 000, or HOPX_TEMPLATE_BAKE_SECONDS).
   */
  templateActivationTimeoutMs?: number;
  /** @deprecated The official SDK's name, in **seconds**; use `templateActivationTimeoutMs`. */
  templateActivationTimeout?: number;
  /** Milliseconds to wait for the build itself (default 3 600 000). */
  buildTimeoutMs?: number;
  /** @deprecated The official SDK's name, in **seconds**; use `buildTimeoutMs`. */
  buildTimeout?: number;
  /** Milliseconds between status checks (default 2000). */
  pollIntervalMs?: number;
  /** @deprecated Use `pollIntervalMs` (the same milliseconds). */
  pollInterval?: number;
  /** Stops following the build (with an `AbortError`) when it fires. */
  signal?: AbortSignal;
}

/** A finished build: its ids, how long it took, the active template, and access to its full log. */
export interface BuildResult {
  /** The build's id. */
  buildID: string;
  /** The built template's id. */
  templateID: string;
  /** Milliseconds from the start of the upload to the template being active. */
  duration: number;
  /** The active template. */
  template: TemplateModel;
  /**
   * Creates a sandbox from the built template (`Sandbox.create` with its id and `envVars`, with the client the
   * build used) and returns it in the official `VM` shape; `vm.delete()` kills it.
   */
  createVM(options?: CreateVMOptions): Promise<VM>;
  /** Raw log text from `offset` on (JSON logs endpoint). */
  getLogs(offset?: number): Promise<{ logs: string; offset: number; complete: boolean; status?: BuildStatus }>;
}

const SUCCESS: ReadonlySet<string> = new Set(["active", "completed", "success"]);
const LAST_LINES = 20;
const LOG_DRAIN_MS = 5_000;
/** The registry holds only schemas with fields to rename; the others pass through as they are. */
const shapeOf = (name: string): string | undefined => (name in cpShapes ? name : undefined);

/** The presigned upload URL goes to storage, never to HopX: no credentials, https only (loopback in tests). */
function checkUploadUrl(value: string): URL {
  const url = new URL(value);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname)))
    throw invalidArgument("upload URL from the server is not https");
  return url;
}

async function uploadSources(
  hopx: Hopx,
  copy: PendingCopy,
  contextPath: string,
  done: Map<string, Promise<void>>,
  signal: AbortSignal | undefined,
): Promise<CopyStep> {
  const sources = await import("./sources.js");
  const files = await sources.listSources(contextPath, copy.sources);
  const step = `COPY ${copy.sources.join(",")} ${copy.dest}`;
  const filesHash = await sources.hashSources(step, files);
  let upload = done.get(filesHash);
  if (!upload) {
    upload = (async () => {
      const contentLength = await sources.tarGzSize(files);
      const link = await hopx.controlPlane.templates.getUploadLink(
        { filesHash, contentLength },
        signal ? { signal } : {},
      );
      if (link.present) return;
      if (!link.uploadUrl)
        throw new HopxError("upload link response has neither present=true nor an upload_url", {
          code: ErrorCode.INVALID_RESPONSE,
        });
      const url = checkUploadUrl(link.uploadUrl);
      // The upload to storage goes through the client's proxies too (their agents are shared: proxy-fetch.ts).
      const fetchImpl = clientFetch(hopx.agentOptions.fetch, sdkProxySettings(hopx.agentOptions.proxy));
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: "PUT",
          headers: { "Content-Type": "application/gzip", "Content-Length": String(contentLength) },
          body: sources.tarGz(files),
          duplex: "half",
          redirect: "error",
          ...(signal ? { signal } : {}),
        } as RequestInit);
      } catch (err) {
        throw new NetworkError(`uploading COPY sources failed (${err instanceof Error ? err.message : String(err)})`, {
          code: ErrorCode.NETWORK_ERROR,
          cause: err,
        });
      }
      await response.body?.cancel().catch(() => undefined);
      // The URL is not echoed: its query string is a signature that grants write access.
      if (!response.ok)
        throw new TemplateBuildError(`uploading COPY sources failed: storage answered HTTP ${response.status}`, {
          status: response.status,
        });
    })();
    done.set(filesHash, upload);
  }
  await upload;
  return {
    type: "COPY",
    args: [copy.sources.join(","), copy.dest],
    filesHash,
    ...(copy.skipCache ? { skipCache: true } : {}),
    ...(copy.options.owner ? { owner: copy.options.owner } : {}),
    ...(copy.options.permissions ? { permissions: copy.options.permissions } : {}),
  };
}

/** Follows the logs until the build is complete: SSE where the server offers it, JSON polling otherwise. */
async function followLogs(
  hopx: Hopx,
  buildId: string,
  onLine: (entry: LogEntry) => void,
  intervalMs: number,
  signal: AbortSignal,
): Promise<void> {
  try {
    const events = sseEvents<BuildLogEvent | { status: BuildStatus }>({
      open: (lastEventId, s) =>
        hopx.controlPlane.templates.streamBuildLogs(buildId, undefined, {
          signal: s,
          ...(lastEventId ? { headers: { "Last-Event-ID": lastEventId } } : {}),
        }),
      parse: (data, event) =>
        fromWire(JSON.parse(data), shapeOf(event === "done" ? "BuildDoneEvent" : "BuildLogEvent"), cpShapes),
      finalEvents: ["done"],
      maxEventBytes: hopx.limits.maxSseEventBytes,
      signal,
    });
    for await (const event of events) {
      if (event.event !== "log") continue;
      const log = event.data as BuildLogEvent;
      onLine({
        timestamp: log.timestamp ?? new Date().toISOString(),
        level: log.level ?? "INFO",
        message: log.message,
      });
    }
    return;
  } catch (err) {
    if (signal.aborted) return;
    // No SSE here (an older API answers JSON or 404/406): poll the JSON form instead.
    if (
      !(err instanceof HopxError) ||
      (err.status !== 404 && err.status !== 406 && err.status !== 415 && err.code !== ErrorCode.INVALID_RESPONSE)
    )
      throw err;
  }
  let offset = 0;
  await pollUntil(
    async (pollSignal) => {
      const page = await hopx.controlPlane.templates.getBuildLogs(
        buildId,
        { offset },
        pollSignal ? { signal: pollSignal } : {},
      );
      for (const line of page.logs.split("\n"))
        if (line)
          onLine({
            timestamp: new Date().toISOString(),
            level: /error|failed/i.test(line) ? "ERROR" : "INFO",
            message: line,
          });
      offset = page.offset;
      return page.complete ? true : undefined;
    },
    { intervalMs, timeoutMs: Number.POSITIVE_INFINITY, signal, what: `the logs of build ${buildId}` },
  ).catch(() => undefined); // the build's own outcome is decided by its status, not by its logs
}

export async function buildTemplate(hopx: Hopx, template: Template, options: BuildOptions): Promise<BuildResult> {
  const started = Date.now();
  const name = options.name ?? options.alias;
  if (!name) throw invalidArgument("Template.build needs a `name`");
  template.validate();
  for (const [key, value] of [
    ["cpu", options.cpu],
    ["memory", options.memory],
    ["diskGB", options.diskGB],
  ] as const)
    if (value !== undefined && (!Number.isInteger(value) || value <= 0))
      throw invalidArgument(`\`${key}\` must be a positive integer`);
  const signal = options.signal;
  const call = signal ? { signal } : {};
  const contextPath =
    options.contextPath ?? (globalThis as { process?: { cwd?: () => string } }).process?.cwd?.() ?? ".";

  const uploads = new Map<string, Promise<void>>();
  const steps: BuildStep[] = [];
  for (const step of template.getSteps())
    steps.push(step.kind === "copy" ? await uploadSources(hopx, step, contextPath, uploads, signal) : step.step);

  const startCmd = template.getStartCmd();
  const readyCmd = template.getReadyCheck();
  const registryCredentials = template.getRegistryAuth();
  const request: TemplateBuildRequest = {
    name,
    fromImage: template.getFromImage()!,
    cpu: options.cpu ?? 2,
    memory: options.memory ?? 2048,
    diskGB: options.diskGB ?? 10,
    steps,
    ...(startCmd ? { startCmd } : {}),
    ...(readyCmd ? { readyCmd } : {}),
    ...(options.skipCache ? { skipCache: true } : {}),
    ...(options.update ? { update: true } : {}),
    ...(registryCredentials ? { registryCredentials } : {}),
    ...(options.agentVersion ? { agentVersion: options.agentVersion } : {}),
  };
  const build = await hopx.controlPlane.templates.build(request, call);
  const buildId = String(build.buildId);
  const templateId = String(build.templateId);
  // The official TemplateBuildError carries where the logs are.
  const logsUrl = build.logsUrl ? { logsUrl: build.logsUrl } : {};

  const lastLines: string[] = [];
  const onLine = (entry: LogEntry): void => {
    lastLines.push(entry.message);
    if (lastLines.length > LAST_LINES) lastLines.shift();
    options.onLog?.(entry);
  };
  const intervalMs = checkDurationMs(
    "build: pollIntervalMs",
    renamed("build", options, "pollIntervalMs", "pollInterval") ?? 2_000,
  );
  const logsDone = new AbortController();
  const logs = followLogs(hopx, buildId, onLine, intervalMs, anySignal([signal, logsDone.signal])!).catch(
    () => undefined,
  ); // logs are a courtesy; the status decides the outcome
  let status: BuildStatusResponse;
  try {
    status = await pollUntil(
      async (s) => {
        const current = await hopx.controlPlane.templates.getBuildStatus(buildId, s ? { signal: s } : {});
        if (current.progress !== undefined) options.onProgress?.(current.progress);
        return SUCCESS.has(current.status) || current.status === "failed" ? current : undefined;
      },
      {
        intervalMs,
        timeoutMs: checkDurationMs(
          "build: buildTimeoutMs",
          renamed("build", options, "buildTimeoutMs", "buildTimeout", secondsToMs) ?? 3_600_000,
        ),
        signal,
        what: `build ${buildId} to finish`,
      },
    );
    // The build is over but its last lines (often the error) may still be on the way: let the follower
    // finish, within a bound, so the caller's onLog and a failure's `logs` see them.
    await Promise.race([logs, sleep(LOG_DRAIN_MS, signal).catch(() => undefined)]);
  } finally {
    logsDone.abort();
  }
  if (status.status === "failed") {
    const reason = status.errorMessage ?? lastLines.filter((l) => /error|fail/i.test(l)).at(-1) ?? "no reason given";
    throw new TemplateBuildError(`template build ${buildId} failed: ${reason}`, {
      logs: [...lastLines],
      operation: "getBuildStatus",
      details: { buildId, templateId, buildStatus: status.status, errorDetails: reason, ...logsUrl },
    });
  }
  options.onProgress?.(100);

  const fromEnv = secondsToMs(Number(env("HOPX_TEMPLATE_BAKE_SECONDS") ?? 2700));
  const activation = checkDurationMs(
    "build: templateActivationTimeoutMs",
    renamed("build", options, "templateActivationTimeoutMs", "templateActivationTimeout", secondsToMs) ?? fromEnv,
  );
  let activeInARow = 0;
  const active = await pollUntil(
    async (s) => {
      const current = await hopx.controlPlane.templates.get(templateId, s ? { signal: s } : {});
      if (current.status === "failed" || current.status === "error")
        throw new TemplateBuildError(`template ${templateId} ended in status ${current.status} after building`, {
          logs: [...lastLines],
          details: { buildId, templateId, buildStatus: current.status, ...logsUrl },
        });
      // Active, then publishing, then active again: one "active" reading is not enough.
      activeInARow = current.status === "active" && current.isActive !== false ? activeInARow + 1 : 0;
      return activeInARow >= 2 ? current : undefined;
    },
    {
      intervalMs: Math.max(intervalMs, 1),
      timeoutMs: activation,
      signal,
      what: `template ${templateId} to become active`,
    },
  );
  return {
    buildID: buildId,
    templateID: templateId,
    duration: Date.now() - started,
    template: active,
    createVM: (vmOptions) => createVM(hopx, templateId, vmOptions),
    getLogs: async (offset = 0) => {
      const page = await hopx.controlPlane.templates.getBuildLogs(buildId, { offset });
      return {
        logs: page.logs,
        offset: page.offset,
        complete: page.complete,
        ...(page.status ? { status: page.status } : {}),
      };
    },
  };
}
