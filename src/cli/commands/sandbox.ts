// hopx sandbox create|list|get|kill|pause|resume|start|stop|set-timeout|connect-info|preview-url
import type { ControlPlane, SandboxInfo } from "hopx-client";
import { integer, pairs, text, UsageError } from "../args.js";
import type { Context } from "../context.js";
import type { Column } from "../output.js";

export const SANDBOX_COLUMNS: Column[] = [
  { key: "sandboxId", header: "id" },
  { key: "templateName", header: "template" },
  { key: "status" },
  { key: "region" },
  { key: "createdAt", header: "created" },
  { key: "expiresAt", header: "expires" },
];

/** A control-plane record as printed: the agent token and request id left out, `sandboxId` added. */
export function printable(model: ControlPlane.Sandbox): SandboxInfo {
  const { authToken: _token, tokenExpiresAt: _expiry, requestId: _request, ...info } = model;
  return { ...info, sandboxId: model.id };
}

const STATUSES: readonly string[] = ["creating", "running", "stopped", "paused"];

const idOf = (ctx: Context): string => ctx.positionals[0]!;

async function create(ctx: Context): Promise<void> {
  const v = ctx.values;
  const templateId = text(v, "template-id");
  const template =
    text(v, "template") ?? (templateId ? undefined : (process.env.HOPX_DEFAULT_TEMPLATE ?? "code-interpreter"));
  const envVars = pairs((v.env as string[] | undefined) ?? [], ctx.command);
  const timeoutSeconds = integer(v, "timeout", ctx.command);
  const region = text(v, "region");
  const sandbox = await ctx.client().sandboxes.create({
    ...(template ? { template } : {}),
    ...(templateId ? { templateId } : {}),
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    ...(region ? { region } : {}),
    ...(v["no-internet"] ? { internetAccess: false } : {}),
    ...(Object.keys(envVars).length > 0 ? { envVars } : {}),
    signal: ctx.signal,
  });
  ctx.out.data(await sandbox.getInfo({ signal: ctx.signal }));
}

async function list(ctx: Context): Promise<void> {
  const v = ctx.values;
  const limit = integer(v, "limit", ctx.command);
  const status = text(v, "status");
  if (status !== undefined && !STATUSES.includes(status))
    throw new UsageError(`--status must be one of ${STATUSES.join(", ")}, got "${status}"`, ctx.command);
  const region = text(v, "region");
  const hopx = ctx.client();
  const rows: SandboxInfo[] = [];
  let cursor: string | undefined;
  const seen = new Set<string>();
  // Every page (the control plane's cursor), stopping at --limit; a repeated cursor ends the loop.
  for (;;) {
    const page = await hopx.controlPlane.sandboxes.list(
      {
        ...(status ? { status: status as NonNullable<ControlPlane.ListSandboxesQuery["status"]> } : {}),
        ...(region ? { region } : {}),
        ...(limit !== undefined ? { limit: Math.min(limit - rows.length, 100) } : {}),
        ...(cursor ? { cursor } : {}),
      },
      { signal: ctx.signal },
    );
    rows.push(...(page.data ?? []).map(printable));
    if (limit !== undefined && rows.length >= limit) break;
    if (!page.hasMore || !page.nextCursor || seen.has(page.nextCursor)) break;
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
  ctx.out.data(limit === undefined ? rows : rows.slice(0, limit), SANDBOX_COLUMNS);
}

async function get(ctx: Context): Promise<void> {
  const model = await ctx.client().controlPlane.sandboxes.get(idOf(ctx), { signal: ctx.signal });
  ctx.out.data(printable(model));
}

/** A lifecycle call on the named sandbox, then its id and new status. */
const lifecycle =
  (action: "kill" | "pause" | "resume" | "start" | "stop", status: string) =>
  async (ctx: Context): Promise<void> => {
    const sandbox = await ctx.sandboxRecord(idOf(ctx));
    await sandbox[action]({ signal: ctx.signal });
    ctx.out.data({ sandboxId: sandbox.sandboxId, status });
  };

async function setTimeout(ctx: Context): Promise<void> {
  const seconds = Number(ctx.positionals[1]);
  if (!/^\d+$/.test(ctx.positionals[1]!) || seconds <= 0)
    throw new UsageError(`seconds must be a whole number > 0, got "${ctx.positionals[1]}"`, ctx.command);
  const sandbox = await ctx.sandboxRecord(idOf(ctx));
  const result = await sandbox.setTimeout(seconds, { signal: ctx.signal });
  ctx.out.data({
    sandboxId: sandbox.sandboxId,
    timeoutSeconds: result.timeoutSeconds ?? seconds,
    expiresAt: result.expiresAt,
  });
}

async function connectInfo(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandboxRecord(idOf(ctx));
  const info = await sandbox.getInfo({ signal: ctx.signal });
  // The agent token is a credential: it is never printed (the SDK's getToken() gives it to code).
  ctx.out.data({
    sandboxId: sandbox.sandboxId,
    status: info.status,
    agentUrl: await sandbox.getAgentUrl(),
    previewUrl: await sandbox.getPreviewUrl(),
    expiresAt: info.expiresAt,
  });
}

async function previewUrl(ctx: Context): Promise<void> {
  const port = Number(ctx.positionals[1]);
  if (!/^\d+$/.test(ctx.positionals[1]!) || port < 1 || port > 65535)
    throw new UsageError(`port must be 1 to 65535, got "${ctx.positionals[1]}"`, ctx.command);
  const sandbox = await ctx.sandboxRecord(idOf(ctx));
  const url = await sandbox.getPreviewUrl(port);
  ctx.out.data(ctx.out.mode === "json" ? { sandboxId: sandbox.sandboxId, port, url } : url);
}

export const sandboxCommands = {
  "sandbox create": create,
  "sandbox list": list,
  "sandbox get": get,
  "sandbox kill": lifecycle("kill", "killed"),
  "sandbox pause": lifecycle("pause", "paused"),
  "sandbox resume": lifecycle("resume", "running"),
  "sandbox start": lifecycle("start", "running"),
  "sandbox stop": lifecycle("stop", "stopped"),
  "sandbox set-timeout": setTimeout,
  "sandbox connect-info": connectInfo,
  "sandbox preview-url": previewUrl,
};
