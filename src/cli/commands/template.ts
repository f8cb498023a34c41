// hopx template list|info|build|delete (official 0.2): build from --image or --dockerfile as the official CLI
// does, or from a build file (ours); it follows the SDK's Template.build (upload of COPY sources, build, logs as
// they come, wait until active). Logs go to stderr (NDJSON on stdout under -o json).
import type { LogEntry, Template } from "hopx-client";
import { integer, text, UsageError } from "../args.js";
import { readBuildFile } from "../build-file.js";
import type { Context } from "../context.js";
import { templateFromDockerfile } from "../dockerfile.js";

/** The official CLI's resource defaults: 1000 millicores, 512 MB. */
const DEFAULT_MILLICORES = 1000;
const DEFAULT_MEMORY_MB = 512;

async function list(ctx: Context): Promise<void> {
  const v = ctx.values;
  if (v.custom && v.official) throw new UsageError("give --custom or --official, not both", ctx.command);
  const category = text(v, "category");
  const language = text(v, "language");
  let templates = await ctx.client().templates.list({
    ...(category ? { category } : {}),
    ...(language ? { language } : {}),
    signal: ctx.signal,
  });
  // The official CLI's split: your templates are those of category `custom`, every other one is HopX's.
  if (v.custom) templates = templates.filter((t) => t.category === "custom");
  if (v.official) templates = templates.filter((t) => t.category !== "custom");
  ctx.data(templates, [
    { key: "name" },
    { key: "id" },
    { key: "category" },
    { key: "language" },
    { key: "description" },
  ]);
}

async function info(ctx: Context): Promise<void> {
  ctx.data(await ctx.client().templates.get(ctx.positionals[0]!, { signal: ctx.signal }));
}

async function remove(ctx: Context): Promise<void> {
  await ctx.client().templates.delete(ctx.positionals[0]!, { signal: ctx.signal });
  ctx.data({ templateId: ctx.positionals[0], deleted: true });
}

interface Source {
  template: Template;
  contextPath: string;
  name?: string | undefined;
  cpu?: number | undefined;
  memory?: number | undefined;
  diskGB?: number | undefined;
}

/** What to build: a build file (ours), a Dockerfile or a base image (official), with --start-cmd over either. */
async function source(ctx: Context): Promise<Source> {
  const v = ctx.values;
  const dockerfile = text(v, "dockerfile");
  const image = text(v, "image");
  const target = ctx.positionals[0];
  if ([dockerfile, image, target].filter((s) => s !== undefined).length !== 1)
    throw new UsageError("give one of --image, --dockerfile or a build file", ctx.command);
  const millicores = integer(v, "cpu", ctx.command);
  const memory = integer(v, "memory", ctx.command);
  let found: Source;
  if (target !== undefined) {
    found = await readBuildFile(ctx.sdk, target);
  } else {
    found = dockerfile
      ? await templateFromDockerfile(ctx.sdk, dockerfile)
      : // The official CLI builds the image as it is; the API wants a step, so the image gets one that does nothing.
        { template: new ctx.sdk.Template(image).runCmd("true"), contextPath: process.cwd() };
    // The official defaults apply to the official forms; a build file keeps its own.
    found.cpu = Math.ceil((millicores ?? DEFAULT_MILLICORES) / 1000);
    found.memory = memory ?? DEFAULT_MEMORY_MB;
  }
  const startCmd = text(v, "start-cmd");
  if (startCmd) found.template.setStartCmd(startCmd);
  if (millicores !== undefined) found.cpu = Math.ceil(millicores / 1000);
  if (memory !== undefined) found.memory = memory;
  return found;
}

async function build(ctx: Context): Promise<void> {
  const v = ctx.values;
  const file = await source(ctx);
  const name = text(v, "name") ?? file.name;
  if (!name) throw new UsageError("--name is required", ctx.command);
  const diskGB = integer(v, "disk-gb", ctx.command) ?? file.diskGB;
  const hopx = ctx.client();
  const json = ctx.out.mode === "json";
  const progress = ctx.progress(`build ${name}`, "percent");
  let lastPercent: number | undefined;
  const onLog = (log: LogEntry): void => {
    if (json) ctx.event({ type: "log", ...log });
    else ctx.io.stderr.write(`${ctx.scrub(`${log.level ? `[${log.level}] ` : ""}${log.message}`)}\n`);
  };
  const result = await hopx.templates.build(file.template, {
    name,
    ...(file.cpu !== undefined ? { cpu: file.cpu } : {}),
    ...(file.memory !== undefined ? { memory: file.memory } : {}),
    ...(diskGB !== undefined ? { diskGB } : {}),
    ...(v.update ? { update: true } : {}),
    ...(v["skip-cache"] ? { skipCache: true } : {}),
    contextPath: file.contextPath,
    onLog,
    onProgress: (percent) => {
      if (percent === lastPercent) return;
      lastPercent = percent;
      if (json) ctx.event({ type: "progress", percent });
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
  if (json) ctx.event({ type: "result", ...summary });
  else ctx.data(summary);
}

export const templateCommands = {
  "template list": list,
  "template info": info,
  "template delete": remove,
  "template build": build,
};
