// hopx template list|get|delete|build: build follows the SDK's Template.build (upload of COPY sources, build,
// logs as they come, wait until active); logs go to stderr (NDJSON on stdout under -o json).
import type { LogEntry } from "hopx-client";
import { integer, text } from "../args.js";
import { readBuildFile } from "../build-file.js";
import type { Context } from "../context.js";

async function list(ctx: Context): Promise<void> {
  const category = text(ctx.values, "category");
  const language = text(ctx.values, "language");
  const templates = await ctx.client().templates.list({
    ...(category ? { category } : {}),
    ...(language ? { language } : {}),
    signal: ctx.signal,
  });
  ctx.out.data(templates, [
    { key: "name" },
    { key: "id" },
    { key: "category" },
    { key: "language" },
    { key: "description" },
  ]);
}

async function get(ctx: Context): Promise<void> {
  ctx.out.data(await ctx.client().templates.get(ctx.positionals[0]!, { signal: ctx.signal }));
}

async function remove(ctx: Context): Promise<void> {
  await ctx.client().templates.delete(ctx.positionals[0]!, { signal: ctx.signal });
  ctx.out.data({ templateId: ctx.positionals[0], deleted: true });
}

async function build(ctx: Context): Promise<void> {
  const v = ctx.values;
  const file = await readBuildFile(ctx.sdk, ctx.positionals[0]!);
  const name = text(v, "name") ?? file.name;
  const cpu = integer(v, "cpu", ctx.command) ?? file.cpu;
  const memory = integer(v, "memory", ctx.command) ?? file.memory;
  const diskGB = integer(v, "disk-gb", ctx.command) ?? file.diskGB;
  const hopx = ctx.client();
  const json = ctx.out.mode === "json";
  const progress = ctx.progress(`build ${name ?? ""}`.trimEnd(), "percent");
  let lastPercent: number | undefined;
  const onLog = (log: LogEntry): void => {
    if (json) ctx.out.event({ type: "log", ...log });
    else ctx.io.stderr.write(`${ctx.scrub(`${log.level ? `[${log.level}] ` : ""}${log.message}`)}\n`);
  };
  const result = await hopx.templates.build(file.template, {
    ...(name ? { name } : {}),
    ...(cpu !== undefined ? { cpu } : {}),
    ...(memory !== undefined ? { memory } : {}),
    ...(diskGB !== undefined ? { diskGB } : {}),
    ...(v.update ? { update: true } : {}),
    ...(v["skip-cache"] ? { skipCache: true } : {}),
    contextPath: file.contextPath,
    onLog,
    onProgress: (percent) => {
      if (percent === lastPercent) return;
      lastPercent = percent;
      if (json) ctx.out.event({ type: "progress", percent });
      progress.update(percent, 100);
    },
    signal: ctx.signal,
  });
  progress.done();
  const summary = {
    templateId: result.templateID,
    buildId: result.buildID,
    name: result.template.name,
    status: result.template.status,
    durationMs: result.duration,
  };
  if (json) ctx.out.event({ type: "result", ...summary });
  else ctx.out.data(summary);
}

export const templateCommands = {
  "template list": list,
  "template get": get,
  "template delete": remove,
  "template build": build,
};
