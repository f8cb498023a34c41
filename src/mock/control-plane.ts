// Default answers of the control plane in the stateful mock: sandboxes with their lifecycle, expiry and
// tokens; templates, upload links and builds (status, JSON log pages and the SSE log stream).
import { iso, type CallContext, type DefaultHandler } from "./context.js";
import { errorReply, ok, requestId, type Reply } from "./reply.js";
import type { BuildState, SandboxState, World } from "./state.js";

const gone = (id: string): Reply => errorReply(404, `Sandbox ${id} not found`, "RESOURCE_NOT_FOUND");

/** A sandbox in wire form; `withToken` adds a fresh agent token (create, connect). */
export function sandboxWire(ctx: CallContext, sandbox: SandboxState, token?: { token: string; expiresAt: number }) {
  const host = ctx.agentUrlOf(sandbox);
  return {
    id: sandbox.id,
    object: "sandbox",
    status: sandbox.status,
    public_host: host,
    direct_url: host,
    template_id: sandbox.templateId,
    template_name: sandbox.templateName,
    organization_id: 123,
    node_id: "node_mock",
    region: sandbox.region,
    resources: {
      vcpu: sandbox.resources.vcpu,
      memory_mb: sandbox.resources.memory_mb,
      disk_gb: sandbox.resources.disk_gb,
    },
    internet_access: sandbox.internetAccess,
    live_mode: false,
    ...(sandbox.timeoutSeconds !== undefined ? { timeout_seconds: sandbox.timeoutSeconds } : {}),
    expires_at: sandbox.expiresAt === undefined ? null : iso(sandbox.expiresAt),
    created_at: iso(sandbox.createdAt),
    updated_at: iso(sandbox.updatedAt),
    ...(token ? { auth_token: token.token, token_expires_at: iso(token.expiresAt) } : {}),
    request_id: requestId(),
  };
}

function find(ctx: CallContext): SandboxState | Reply {
  const id = ctx.params.sandboxId!;
  return ctx.world.sandboxes.get(id) ?? gone(id);
}

/** Runs `change` on the sandbox of the path, or answers 404. */
const withSandbox =
  (change: (sandbox: SandboxState, ctx: CallContext) => Reply): DefaultHandler =>
  (ctx) => {
    const found = find(ctx);
    if ("status" in found && typeof found.status === "number") return found as Reply;
    const sandbox = found as SandboxState;
    const reply = change(sandbox, ctx);
    sandbox.updatedAt = ctx.world.now();
    return reply;
  };

const action = (sandbox: SandboxState, status = sandbox.status as string): Reply =>
  ok({ id: sandbox.id, status, request_id: requestId() });

function createSandbox(ctx: CallContext): Reply {
  const { world } = ctx;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const ref = String(body.template_id ?? body.template_name);
  const template = world.templateByRef(ref);
  if (!template) return errorReply(404, `Template ${ref} not found`, "RESOURCE_NOT_FOUND");
  const now = world.now();
  const defaults = (template.wire.default_resources ?? {}) as Record<string, number>;
  const timeout = typeof body.timeout_seconds === "number" ? body.timeout_seconds : undefined;
  const sandbox: SandboxState = {
    id: world.newId(),
    status: world.options.createDelayMs > 0 ? "creating" : "running",
    templateId: template.id,
    templateName: template.name,
    features: Array.isArray(template.wire.features) ? template.wire.features.map(String) : [],
    region: typeof body.region === "string" ? body.region : "us-east",
    resources: {
      vcpu: typeof body.vcpu === "number" ? body.vcpu : (defaults.vcpu ?? 2),
      memory_mb: typeof body.memory_mb === "number" ? body.memory_mb : (defaults.memory_mb ?? 2048),
      disk_gb: typeof body.disk_gb === "number" ? body.disk_gb : (defaults.disk_gb ?? 10),
    },
    internetAccess: body.internet_access !== false,
    ...(timeout !== undefined && timeout > 0 ? { timeoutSeconds: timeout, expiresAt: now + timeout * 1000 } : {}),
    createdAt: now,
    updatedAt: now,
    readyAt: now + world.options.createDelayMs,
    tokens: new Map(),
    files: new Map([
      ["/workspace", { dir: true, bytes: new Uint8Array(), modified: now }],
      ["/tmp", { dir: true, bytes: new Uint8Array(), modified: now }],
    ]),
    env: new Map(Object.entries((body.env_vars ?? {}) as Record<string, string>)),
    processes: new Map(),
    streams: new Set(),
    watchers: new Set(),
  };
  world.sandboxes.set(sandbox.id, sandbox);
  return ok(sandboxWire(ctx, sandbox, world.issueToken(sandbox)), 201);
}

function listSandboxes(ctx: CallContext): Reply {
  const {
    limit = 100,
    status,
    region,
    cursor,
  } = ctx.query as {
    limit?: number;
    status?: string;
    region?: string;
    cursor?: string;
  };
  const all = [...ctx.world.sandboxes.values()].filter(
    (s) => (status === undefined || s.status === status) && (region === undefined || s.region === region),
  );
  let start = 0;
  if (cursor !== undefined) {
    start = Number.parseInt(
      Buffer.from(cursor, "base64url")
        .toString("utf8")
        .replace(/^offset:/, ""),
      10,
    );
    if (!Number.isInteger(start) || start < 0) return errorReply(400, "cursor is not one this server issued");
  }
  const page = all.slice(start, start + limit);
  const more = start + limit < all.length;
  return ok({
    object: "list",
    data: page.map((s) => sandboxWire(ctx, s)),
    has_more: more,
    next_cursor: more ? Buffer.from(`offset:${start + limit}`).toString("base64url") : null,
    url: "/v1/sandboxes",
    request_id: requestId(),
  });
}

const transition =
  (from: ReadonlyArray<SandboxState["status"]>, to: SandboxState["status"], verb: string) =>
  (sandbox: SandboxState, ctx: CallContext): Reply => {
    if (sandbox.status === to) return action(sandbox);
    if (!from.includes(sandbox.status))
      return errorReply(403, `Cannot ${verb} a sandbox that is ${sandbox.status}`, "FORBIDDEN");
    sandbox.status = to;
    // Resume rotates the agent token, as HopX does: clients refresh after it.
    if (verb === "resume") ctx.world.revokeTokens(sandbox);
    if (to !== "running") ctx.world.closeStreams(sandbox);
    return action(sandbox);
  };

function buildWire(world: World, build: BuildState): Record<string, unknown> {
  const now = world.now();
  const done = now >= build.doneAt;
  const span = Math.max(1, build.doneAt - build.startedAt);
  return {
    build_id: build.id,
    template_id: build.templateId,
    status: done ? (build.failed ? "failed" : "active") : "building",
    progress: done ? 100 : Math.min(99, Math.floor(((now - build.startedAt) / span) * 100)),
    current_step: done ? "done" : (build.logs[0] ?? "starting"),
    started_at: iso(build.startedAt),
    completed_at: done ? iso(build.doneAt) : null,
    build_duration_ms: done ? build.doneAt - build.startedAt : now - build.startedAt,
    error_message: build.failed && done ? "build failed" : null,
    request_id: requestId(),
  };
}

function buildTemplate(ctx: CallContext): Reply {
  const { world } = ctx;
  const body = ctx.body as Record<string, unknown>;
  const name = String(body.name);
  const existing = world.templateByRef(name);
  if (existing && body.update !== true) return errorReply(409, `Template ${name} already exists`, "CONFLICT");
  const now = world.now();
  const id = existing?.id ?? String(1000 + world.templates.size + world.builds.size);
  const steps = Array.isArray(body.steps) ? (body.steps as Array<Record<string, unknown>>) : [];
  const lines = [`FROM ${String(body.from_image)}`, ...steps.map((s) => `${String(s.type ?? "STEP")} ${stepArgs(s)}`)];
  const logs = lines.map((line, i) => `Step ${i + 1}/${lines.length}: ${line}`).concat("Build completed");
  const build: BuildState = {
    id,
    templateId: id,
    name,
    startedAt: now,
    doneAt: now + world.options.buildDurationMs,
    logs,
    failed: false,
  };
  world.builds.set(id, build);
  world.templates.set(id, {
    id,
    name,
    wire: {
      id,
      object: "template",
      name,
      display_name: name,
      category: "custom",
      language: "python",
      is_active: true,
      is_public: false,
      status: "building",
      build_id: id,
      organization_id: "123",
      default_resources: { vcpu: Number(body.cpu), memory_mb: Number(body.memory), disk_gb: Number(body.diskGB) },
      created_at: iso(now),
      updated_at: iso(now),
    },
  });
  return ok(
    {
      build_id: id,
      template_id: id,
      status: "building",
      logs_url: `/v1/templates/build/${id}/logs`,
      request_id: requestId(),
    },
    201,
  );
}

function stepArgs(step: Record<string, unknown>): string {
  const args = step.args ?? step.command ?? step.cmd ?? step.path ?? "";
  return Array.isArray(args) ? args.map(String).join(" ") : typeof args === "string" ? args : JSON.stringify(args);
}

function templateWire(world: World, id: string): Record<string, unknown> | undefined {
  const template = world.templates.get(id);
  if (!template) return undefined;
  const build = world.builds.get(id);
  if (!build) return template.wire;
  const building = world.now() < build.doneAt;
  const status = building ? "building" : build.failed ? "failed" : "active";
  return {
    ...template.wire,
    status,
    is_active: status === "active",
    updated_at: iso(building ? build.startedAt : build.doneAt),
  };
}

function findBuild(ctx: CallContext): BuildState | undefined {
  return ctx.world.builds.get(ctx.params.buildId!);
}

const noBuild = (ctx: CallContext): Reply =>
  errorReply(404, `Build ${ctx.params.buildId} not found`, "RESOURCE_NOT_FOUND");

function buildLogs(ctx: CallContext): Reply {
  const build = findBuild(ctx);
  if (!build) return noBuild(ctx);
  const { world } = ctx;
  const done = (): boolean => world.now() >= build.doneAt;
  const accept = String(ctx.headers.accept ?? "");
  if (accept.includes("text/event-stream")) {
    return {
      status: 200,
      contentType: "text/event-stream",
      sse: (emit, end) => {
        for (const message of build.logs) emit("log", { level: "INFO", message, timestamp: iso(world.now()) });
        // A build still running on the mock clock reports where it is; the stream ends either way.
        emit("done", { status: done() ? (build.failed ? "failed" : "active") : "building" });
        end();
        return () => undefined;
      },
    };
  }
  const offset = typeof ctx.query.offset === "number" ? ctx.query.offset : 0;
  // Lines appear in proportion to the build's progress on the mock clock; all of them once it is done.
  const shown = done()
    ? build.logs.length
    : Math.floor(((world.now() - build.startedAt) / Math.max(1, build.doneAt - build.startedAt)) * build.logs.length);
  const lines = build.logs.slice(offset, shown);
  return ok({
    logs: lines.map((l) => `${l}\n`).join(""),
    offset: Math.max(offset, shown),
    status: done() ? (build.failed ? "failed" : "active") : "building",
    complete: done(),
    request_id: requestId(),
  });
}

function metricsStream(sandbox: SandboxState, ctx: CallContext): Reply {
  const { world } = ctx;
  return {
    status: 200,
    contentType: "text/event-stream",
    sse: (emit, end) => {
      let sent = 0;
      const send = (): void => {
        sent++;
        emit(undefined, {
          uptime_seconds: Math.floor((world.now() - sandbox.createdAt) / 1000),
          total_executions: sent,
          active_executions: 0,
          error_count: 0,
        });
      };
      send();
      // One event a second of real time, until the client leaves or the sandbox goes.
      const timer = setInterval(send, 1000);
      timer.unref?.();
      const stop = (): void => {
        clearInterval(timer);
        sandbox.streams.delete(stop);
        end();
      };
      sandbox.streams.add(stop);
      return stop;
    },
  };
}

/** The control plane's default handlers by operationId. */
export const controlPlaneHandlers: Record<string, DefaultHandler> = {
  getHealth: () => ok({ status: "ok", version: "mock" }),
  createSandbox,
  listSandboxes,
  getSandbox: withSandbox((s, ctx) => ok(sandboxWire(ctx, s))),
  deleteSandbox: (ctx) => {
    const found = find(ctx);
    if (!("tokens" in found)) return found;
    ctx.world.remove(found);
    return ok({ status: "deleted", id: found.id, request_id: requestId() });
  },
  killSandbox: (ctx) => {
    const found = find(ctx);
    if (!("tokens" in found)) return found;
    ctx.world.remove(found);
    return action(found, "killed");
  },
  pauseSandbox: withSandbox(transition(["running"], "paused", "pause")),
  resumeSandbox: withSandbox(transition(["paused"], "running", "resume")),
  stopSandbox: withSandbox(transition(["running", "paused"], "stopped", "stop")),
  startSandbox: withSandbox(transition(["stopped"], "running", "start")),
  setSandboxTimeout: withSandbox((s, ctx) => {
    const seconds = (ctx.body as { timeout_seconds: number }).timeout_seconds;
    s.timeoutSeconds = seconds;
    s.expiresAt = ctx.world.now() + seconds * 1000;
    return ok({ id: s.id, timeout_seconds: seconds, expires_at: iso(s.expiresAt), request_id: requestId() });
  }),
  refreshSandboxToken: withSandbox((s, ctx) => {
    const issued = ctx.world.issueToken(s);
    return ok({ auth_token: issued.token, token_expires_at: iso(issued.expiresAt), public_host: ctx.agentUrlOf(s) });
  }),
  streamSandboxMetrics: withSandbox(metricsStream),
  listTemplates: (ctx) => {
    const data = [...ctx.world.templates.keys()].map((id) => templateWire(ctx.world, id));
    return ok({ object: "list", data, has_more: false, url: "/v1/templates", request_id: requestId() });
  },
  getTemplate: (ctx) => {
    const template = ctx.world.templateByRef(ctx.params.template!);
    const wire = template && templateWire(ctx.world, template.id);
    return wire
      ? ok({ ...wire, request_id: requestId() })
      : errorReply(404, `Template ${ctx.params.template} not found`, "RESOURCE_NOT_FOUND");
  },
  deleteTemplate: (ctx) => {
    const template = ctx.world.templateByRef(ctx.params.template!);
    if (!template) return errorReply(404, `Template ${ctx.params.template} not found`, "RESOURCE_NOT_FOUND");
    // HopX's spec: "Forbidden - cannot delete public templates" (only an organization's own templates go).
    if (template.wire.is_public === true)
      return errorReply(403, `Template ${template.name} is public and cannot be deleted`, "FORBIDDEN");
    ctx.world.templates.delete(template.id);
    return ok({ id: template.id, status: "deleted", request_id: requestId() });
  },
  buildTemplate,
  getBuildStatus: (ctx) => {
    const build = findBuild(ctx);
    return build ? ok(buildWire(ctx.world, build)) : noBuild(ctx);
  },
  getBuildLogs: buildLogs,
  getUploadLink: (ctx) => {
    const { files_hash: hash } = ctx.body as { files_hash: string };
    if (ctx.world.uploads.has(hash)) return ok({ present: true, files_hash: hash, request_id: requestId() });
    return ok({
      present: false,
      upload_url: ctx.uploadUrlOf(hash),
      expires_at: iso(ctx.world.now() + 3_600_000),
      files_hash: hash,
      request_id: requestId(),
    });
  },
};
