// Command name ("sandbox list", "run") → handler.
import { authCommands } from "./commands/auth.js";
import { cmdCommands } from "./commands/cmd.js";
import { configCommands } from "./commands/config.js";
import { envCommands } from "./commands/env.js";
import { filesCommands } from "./commands/files.js";
import { runCommands } from "./commands/run.js";
import { sandboxCommands } from "./commands/sandbox.js";
import { systemCommands } from "./commands/system.js";
import { templateCommands } from "./commands/template.js";
import { terminalCommands } from "./commands/terminal.js";
import type { Context } from "./context.js";

/** Resolves with the exit status, or with nothing for 0 (130 after Ctrl-C). */
export type Handler = (ctx: Context) => Promise<unknown>;

export const HANDLERS: Record<string, Handler> = {
  ...runCommands,
  ...sandboxCommands,
  ...filesCommands,
  ...cmdCommands,
  ...envCommands,
  ...terminalCommands,
  ...templateCommands,
  ...systemCommands,
  ...configCommands,
  ...authCommands,
};
