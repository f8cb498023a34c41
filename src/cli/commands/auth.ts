// hopx auth login --api-key|status|logout (official 0.2, without the browser flow, which calls endpoints outside
// the public API): the key is kept in ~/.hopx/credentials.yaml (`profiles.<name>.api_key`), the file the
// official CLI falls back to without a keyring, written atomically with mode 0600 in a 0700 folder.
import { text, UsageError } from "../args.js";
import type { Context } from "../context.js";
import { maskKey, profilesOf, readTree, writeTree } from "../hopx-files.js";
import { chosenProfile, paths } from "./config.js";

async function login(ctx: Context): Promise<void> {
  const key = text(ctx.values, "api-key") ?? process.env.HOPX_API_KEY;
  if (!key) throw new UsageError("give the key: hopx auth login --api-key KEY (no browser login)", ctx.command);
  const profile = chosenProfile(ctx, readTree(paths().config));
  const file = paths().credentials;
  const tree = readTree(file);
  const profiles = profilesOf(tree, true)!;
  const entry = typeof profiles[profile] === "object" ? profiles[profile] : {};
  entry.api_key = key;
  profiles[profile] = entry;
  writeTree(paths(), file, tree);
  ctx.out.data({ profile, api_key: maskKey(key), stored: file });
}

async function status(ctx: Context): Promise<void> {
  const { apiKey, keySource, profile, baseURL } = ctx.settings;
  ctx.out.data({
    profile,
    authenticated: apiKey !== undefined,
    source: keySource ?? null,
    api_key: apiKey ? maskKey(apiKey) : null,
    base_url: baseURL ?? "https://api.hopx.dev",
  });
}

async function logout(ctx: Context): Promise<void> {
  const file = paths().credentials;
  const tree = readTree(file);
  const profiles = profilesOf(tree) ?? {};
  const names = ctx.values.all ? Object.keys(profiles) : [chosenProfile(ctx, readTree(paths().config))];
  const removed = names.filter((name) => {
    const entry = profiles[name];
    if (typeof entry !== "object" || entry.api_key === undefined) return false;
    delete entry.api_key;
    return true;
  });
  if (removed.length > 0) writeTree(paths(), file, tree);
  ctx.out.data({ removed });
}

export const authCommands = { "auth login": login, "auth status": status, "auth logout": logout };
