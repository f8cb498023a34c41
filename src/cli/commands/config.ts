// hopx config show|get|set|profile list|create|delete|use (official 0.2), config path|profiles … (Python CLI):
// the official CLI's ~/.hopx/config.yaml, read and written in its layout. Keys are always shown masked.
import { homedir } from "node:os";
import { text, UsageError } from "../args.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../exit-codes.js";
import { hopxPaths, maskKey, profilesOf, readTree, type Tree, writeTree } from "../hopx-files.js";

const KEYS = ["api_key", "base_url", "default_template", "default_timeout", "output_format"];

export const paths = () => hopxPaths(process.env.HOME || homedir());

const defaultProfile = (tree: Tree): string =>
  typeof tree.default_profile === "string" ? tree.default_profile : "default";

/** --profile/-p, HOPX_PROFILE, the file's default profile. */
export const chosenProfile = (ctx: Context, tree: Tree): string =>
  text(ctx.values, "profile") ?? process.env.HOPX_PROFILE ?? defaultProfile(tree);

const masked = (entry: Tree): Record<string, string> =>
  Object.fromEntries(
    Object.entries(entry).flatMap(([k, v]) => (typeof v === "string" ? [[k, k === "api_key" ? maskKey(v) : v]] : [])),
  );

function show(ctx: Context): void {
  const tree = readTree(paths().config);
  const profiles = profilesOf(tree) ?? {};
  const name = text(ctx.values, "profile");
  if (name !== undefined) {
    const entry = profiles[name];
    if (typeof entry !== "object") throw new CliError(`no profile ${name}`, EXIT.NOT_FOUND);
    ctx.out.data({ profile: name, ...masked(entry) });
    return;
  }
  const names = Object.keys(profiles);
  ctx.out.data({
    config_file: paths().config,
    default_profile: defaultProfile(tree),
    profiles: names.length > 0 ? names.join(", ") : "default",
  });
}

/** `config get|set` act on -p/--profile, else `default`, as the official CLI's do (not the default profile). */
const editedProfile = (ctx: Context): string => text(ctx.values, "profile") ?? "default";

function get(ctx: Context): void {
  const key = ctx.positionals[0]!;
  const tree = readTree(paths().config);
  const profile = editedProfile(ctx);
  const entry = profilesOf(tree)?.[profile];
  const value = typeof entry === "object" ? entry[key] : undefined;
  if (typeof value !== "string") throw new CliError(`${key} is not set in profile ${profile}`, EXIT.NOT_FOUND);
  const shown = key === "api_key" ? maskKey(value) : value;
  ctx.out.data(ctx.out.mode === "json" ? { key, value: shown } : shown);
}

function set(ctx: Context): void {
  const [key, value] = ctx.positionals as [string, string];
  if (!KEYS.includes(key)) throw new UsageError(`unknown key "${key}" (${KEYS.join(", ")})`, ctx.command);
  if (key === "output_format" && !["table", "json", "plain"].includes(value))
    throw new UsageError(`output_format must be table, json or plain, got "${value}"`, ctx.command);
  if (key === "default_timeout" && !/^\d+$/.test(value))
    throw new UsageError(`default_timeout must be whole seconds, got "${value}"`, ctx.command);
  const tree = readTree(paths().config);
  const profile = editedProfile(ctx);
  const profiles = profilesOf(tree, true)!;
  const entry = typeof profiles[profile] === "object" ? profiles[profile] : {};
  entry[key] = value;
  profiles[profile] = entry;
  writeTree(paths(), paths().config, tree);
  ctx.out.data({ profile, key, value: key === "api_key" ? maskKey(value) : value });
}

function path(ctx: Context): void {
  const { config, credentials } = paths();
  ctx.out.data(ctx.out.mode === "table" ? config : { config_file: config, credentials_file: credentials });
}

function profileList(ctx: Context): void {
  const tree = readTree(paths().config);
  const profiles = profilesOf(tree) ?? {};
  const chosen = defaultProfile(tree);
  const names = Object.keys(profiles).length > 0 ? Object.keys(profiles) : ["default"];
  ctx.out.data(
    names.map((name) => {
      const entry = profiles[name];
      const values = typeof entry === "object" ? entry : {};
      return {
        name,
        default: name === chosen,
        api_key: typeof values.api_key === "string" ? "set" : "-",
        template: typeof values.default_template === "string" ? values.default_template : "-",
      };
    }),
  );
}

function profileCreate(ctx: Context): void {
  const name = ctx.positionals[0]!;
  const tree = readTree(paths().config);
  const profiles = profilesOf(tree, true)!;
  if (Object.hasOwn(profiles, name)) throw new UsageError(`profile ${name} exists`, ctx.command);
  profiles[name] = {};
  writeTree(paths(), paths().config, tree);
  ctx.out.data({ profile: name, created: true });
}

function profileDelete(ctx: Context): void {
  const name = ctx.positionals[0]!;
  if (name === "default") throw new UsageError("the default profile cannot be deleted", ctx.command);
  const tree = readTree(paths().config);
  const profiles = profilesOf(tree);
  if (!profiles || !Object.hasOwn(profiles, name)) throw new CliError(`no profile ${name}`, EXIT.NOT_FOUND);
  delete profiles[name];
  if (tree.default_profile === name) tree.default_profile = "default";
  writeTree(paths(), paths().config, tree);
  ctx.out.data({ profile: name, deleted: true });
}

function profileUse(ctx: Context): void {
  const name = ctx.positionals[0]!;
  const tree = readTree(paths().config);
  const profiles = profilesOf(tree);
  if (name !== "default" && (!profiles || !Object.hasOwn(profiles, name)))
    throw new CliError(`no profile ${name} (create it with hopx config profile create ${name})`, EXIT.NOT_FOUND);
  tree.default_profile = name;
  writeTree(paths(), paths().config, tree);
  ctx.out.data({ default_profile: name });
}

const sync =
  (handler: (ctx: Context) => void) =>
  async (ctx: Context): Promise<void> =>
    handler(ctx);

export const configCommands = {
  "config show": sync(show),
  "config get": sync(get),
  "config set": sync(set),
  "config path": sync(path),
  "config profile list": sync(profileList),
  "config profile create": sync(profileCreate),
  "config profile delete": sync(profileDelete),
  "config profile use": sync(profileUse),
  "config profiles list": sync(profileList),
  "config profiles create": sync(profileCreate),
  "config profiles delete": sync(profileDelete),
  "config profiles use": sync(profileUse),
};
