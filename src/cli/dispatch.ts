// Command name ("sandbox list", "run") → handler. A handler returns the exit status, or nothing for 0.
import { agentCommands } from "./commands/agent.js";
import { filesCommands } from "./commands/files.js";
import { runCommands } from "./commands/run.js";
import { sandboxCommands } from "./commands/sandbox.js";
import { systemCommands } from "./commands/system.js";
import { templateCommands } from "./commands/template.js";
import { terminalCommands } from "./commands/terminal.js";
import type { Context } from "./context.js";

export type Handler = (ctx: Context) => Promise<number | undefined | void>;

export const HANDLERS: Record<string, Handler> = {
  ...runCommands,
  ...sandboxCommands,
  ...filesCommands,
  ...agentCommands,
  ...terminalCommands,
  ...templateCommands,
  ...systemCommands,
};
