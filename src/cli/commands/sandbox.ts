// hopx sandbox create|list|info|kill|pause|resume|timeout (official 0.2), url|connect|health|expiry|token
// (Python CLI), start|stop (ours). Records are printed with the REST API's field names plus `sandbox_id`.
import type { ControlPlane } from "hopx-client";
import { integer, pairs, text, UsageError } from "../args.js";
import type { Context } from "../context.js";
import type { Column } from "../output.js";

export const SANDBOX_COLUMNS: Column[] = [
  { key: "sandbox_id", header: "id" },
  { key: "template_name", header: "template" },
  { key: "status" },
  { key: "region" },
  { key: "created_at", header: "created" },
  { key: "expires_at", header: "expires" },
];

/** A control-plane record as printed: `sandbox_id` first, the agent token and request id left out. */
export function printable(model: ControlPlane.Sandbox): Record<string, unknown> {
  const { authToken: _token, tokenExpiresAt: _expiry, requestId: _request, ...info } = model;
  return { sandboxId: model.id, ...info };
}

const STATUSES: readonly string[] = ["creating", "running", "stopped", "paused"];
/** The official CLI lists 20 sandboxes unless told otherwise. */
const DEFAULT_LIMIT = 20;

const idOf = (ctx: Context): string => ctx.positionals[0]!;

async function create(ctx: Context): Promise<void> {
  const v = ctx.values;
  const templateId = text(v, "template-id");
  const template = templateId && !text(v, "template") ? undefined : ctx.template();
  const envVars = pairs((v.env as string[] | undefined) ?? [], ctx.command);
  const timeoutSeconds =
    integer(v, "timeout", ctx.command) ??
    integer({ timeout: ctx.settings.defaultTimeout }, "timeout", "HOPX_DEFAULT_TIMEOUT");
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
  const model = await ctx.client().controlPlane.sandboxes.get(sandbox.sandboxId, { signal: ctx.signal });
  ctx.data(printable(model));
}

async function list(ctx: Context): Promise<void> {
  const v = ctx.values;
  const limit = integer(v, "limit", ctx.command) ?? DEFAULT_LIMIT;
  const status = text(v, "status");
  if (status !== undefined && !STATUSES.includes(status))
    throw new UsageError(`--status must be one of ${STATUSES.join(", ")}, got "${status}"`, ctx.command);
  const region = text(v, "region");
  const hopx = ctx.client();
  const rows: Array<Record<string, unknown>> = [];
  let cursor: string | undefined;
  const seen = new Set<string>();
  // Page by the control plane's cursor until --limit; a repeated cursor ends the loop.
  for (;;) {
    const page = await hopx.controlPlane.sandboxes.list(
      {
        ...(status ? { status: status as NonNullable<ControlPlane.ListSandboxesQuery["status"]> } : {}),
        ...(region ? { region } : {}),
        limit: Math.min(limit - rows.length, 100),
        ...(cursor ? { cursor } : {}),
      },
      { signal: ctx.signal },
    );
    rows.push(...(page.data ?? []).map(printable));
    if (rows.length >= limit) break;
    if (!page.hasMore || !page.nextCursor || seen.has(page.nextCursor)) break;
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
  ctx.data(rows.slice(0, limit), SANDBOX_COLUMNS);
}

async function info(ctx: Context): Promise<void> {
  ctx.data(printable(await ctx.client().controlPlane.sandboxes.get(idOf(ctx), { signal: ctx.signal })));
}

/** A lifecycle call on the named sandbox, then its id and new status. */
const lifecycle =
  (action: "kill" | "pause" | "resume" | "start" | "stop", status: string) =>
  async (ctx: Context): Promise<void> => {
    const sandbox = await ctx.sandboxRecord(idOf(ctx));
    await sandbox[action]({ signal: ctx.signal });
    ctx.data({ sandboxId: sandbox.sandboxId, status });
  };

async function timeout(ctx: Context): Promise<void> {
  const raw = ctx.positionals[1]!;
  if (!/^\d+$/.test(raw)) throw new UsageError(`seconds must be a whole number >= 0, got "${raw}"`, ctx.command);
  const seconds = Number(raw);
  // 0 disables the automatic kill (the official CLI's meaning); the SDK's setTimeout refuses 0, the API takes it.
  const result =
    seconds === 0
      ? await ctx.client().controlPlane.sandboxes.setTimeout(idOf(ctx), { timeoutSeconds: 0 }, { signal: ctx.signal })
      : await (await ctx.sandboxRecord(idOf(ctx))).setTimeout(seconds, { signal: ctx.signal });
  ctx.data({ sandboxId: idOf(ctx), timeoutSeconds: result.timeoutSeconds ?? seconds, expiresAt: result.expiresAt });
}

async function url(ctx: Context): Promise<void> {
  const raw = ctx.positionals[1] ?? text(ctx.values, "port");
  const port = raw === undefined ? undefined : Number(raw);
  if (raw !== undefined && (!/^\d+$/.test(raw) || port! < 1 || port! > 65535))
    throw new UsageError(`port must be 1 to 65535, got "${raw}"`, ctx.command);
  const sandbox = await ctx.sandboxRecord(idOf(ctx));
  const address = await sandbox.getPreviewUrl(port);
  if (ctx.out.mode === "table") ctx.io.stdout.write(`${address}\n`);
  else ctx.data({ sandboxId: sandbox.sandboxId, port: port ?? null, url: address });
}

async function connect(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandboxRecord(idOf(ctx));
  const model = await ctx.client().controlPlane.sandboxes.get(sandbox.sandboxId, { signal: ctx.signal });
  // The agent token is a credential: it is never printed (the SDK's getToken() gives it to code).
  ctx.data({
    sandboxId: sandbox.sandboxId,
    status: model.status,
    agentUrl: await sandbox.getAgentUrl(),
    previewUrl: await sandbox.getPreviewUrl(),
    expiresAt: model.expiresAt,
  });
}

async function health(ctx: Context): Promise<void> {
  const sandbox = await ctx.client().sandboxes.connect(idOf(ctx), { signal: ctx.signal });
  ctx.data({ sandboxId: sandbox.sandboxId, ...(await sandbox.getHealth({ signal: ctx.signal })) });
}

async function expiry(ctx: Context): Promise<void> {
  const sandbox = await ctx.sandboxRecord(idOf(ctx));
  const info = await sandbox.getExpiryInfo();
  ctx.data({ sandboxId: sandbox.sandboxId, ...info });
}

async function token(ctx: Context): Promise<void> {
  const model = await ctx.client().controlPlane.sandboxes.get(idOf(ctx), { signal: ctx.signal });
  ctx.out.note("the token itself is never printed; the SDK's sandbox.getToken() gives it to code");
  ctx.data({ sandboxId: model.id, tokenExpiresAt: model.tokenExpiresAt ?? null, token: "[not printed]" });
}

export const sandboxCommands = {
  "sandbox create": create,
  "sandbox list": list,
  "sandbox info": info,
  "sandbox kill": lifecycle("kill", "killed"),
  "sandbox pause": lifecycle("pause", "paused"),
  "sandbox resume": lifecycle("resume", "running"),
  "sandbox start": lifecycle("start", "running"),
  "sandbox stop": lifecycle("stop", "stopped"),
  "sandbox timeout": timeout,
  "sandbox url": url,
  "sandbox connect": connect,
  "sandbox health": health,
  "sandbox expiry": expiry,
  "sandbox token": token,
};
