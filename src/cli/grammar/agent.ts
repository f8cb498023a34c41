// Commands that talk to a sandbox's agent: cmd, env, terminal (official and Python forms), process and metrics
// (ours).
import type { IdFirst, Noun } from "./types.js";
import {
  envFlag,
  envOption,
  idAlways,
  idWhenMoreThan,
  sandboxFlag,
  sandboxOnly,
  sandboxOption,
  yesFlag,
  yesOptions,
} from "./common.js";

const RESULT_JSON = "{exit_code, stdout, stderr, execution_time}";

/** `env set SANDBOX_ID K=V …`: the first word is the id when it is no assignment (names hold no `=`). */
const idUnlessAssignment: IdFirst = (positionals) => positionals.length > 0 && !positionals[0]!.includes("=");

/** `env load SANDBOX_ID FILE`, or `env load SANDBOX_ID --file FILE`. */
const idBeforeFile: IdFirst = (positionals, values) =>
  positionals.length > 1 || (positionals.length === 1 && typeof values.file === "string");

const runOptions = {
  ...sandboxOption,
  ...envOption,
  timeout: { type: "string" },
  workdir: { type: "string", short: "w" },
} as const;

export const cmdNoun: Noun = {
  summary: "run shell commands in a sandbox",
  verbAliases: { exec: "run" },
  verbs: {
    run: {
      summary: "run a command line (bash -c) and exit with its status",
      args: "<command>",
      min: 1,
      max: 1,
      idFirst: idWhenMoreThan(1),
      options: { ...runOptions, background: { type: "boolean", short: "b" } },
      flags: [
        sandboxFlag,
        ["--timeout SECONDS", "command timeout (default 30)"],
        ["-w, --workdir DIR", "working directory"],
        ["-b, --background", "start it in the background and print its process id"],
        envFlag,
      ],
      note: "`cmd exec SANDBOX_ID COMMAND` (Python CLI) is the same command.",
      examples: [
        'hopx cmd run "ls -la" -s sbx_123',
        'hopx cmd run sbx_123 "make test" --timeout 600',
        'hopx cmd exec sbx_123 "uname -a"',
      ],
      json: `${RESULT_JSON} (with --background: {process_id, status})`,
    },
    background: {
      summary: "start a command in the background and print its process id",
      args: "<command>",
      min: 1,
      max: 1,
      idFirst: idWhenMoreThan(1),
      options: runOptions,
      flags: [
        sandboxFlag,
        ["--timeout SECONDS", "command timeout (default 300)"],
        ["-w, --workdir DIR", "working directory"],
        envFlag,
      ],
      examples: ['hopx cmd background "python server.py" -s sbx_123'],
      json: "{process_id, status}",
    },
  },
};

export const envNoun: Noun = {
  summary: "global environment variables of a sandbox",
  verbs: {
    list: {
      summary: "print every variable",
      min: 0,
      max: 0,
      idFirst: idWhenMoreThan(0),
      options: sandboxOption,
      flags: [sandboxFlag],
      examples: ["hopx env list -s sbx_123", "hopx env list sbx_123 -o json"],
      json: "{NAME: value, …} (names are data: never case-converted)",
    },
    get: {
      summary: "print one variable (exit 4 when unset)",
      args: "<name>",
      min: 1,
      max: 1,
      idFirst: idWhenMoreThan(1),
      options: sandboxOption,
      flags: [sandboxFlag],
      examples: ["hopx env get PATH -s sbx_123", "hopx env get sbx_123 PATH"],
      json: "{NAME: value}",
    },
    set: {
      summary: "set variables, keeping the others",
      args: "<K=V>... | <name> <value>",
      min: 0,
      max: Number.POSITIVE_INFINITY,
      idFirst: idUnlessAssignment,
      options: { ...sandboxOption, ...envOption },
      flags: [sandboxFlag, envFlag],
      examples: [
        "hopx env set DEBUG=1 MODE=dev -s sbx_123",
        "hopx env set sbx_123 DEBUG=1",
        "hopx env set sbx_123 DEBUG 1",
        "hopx env set sbx_123 --env DEBUG=1",
      ],
      json: "{set: [NAME, …]} (values are not echoed: they may be secrets)",
    },
    unset: {
      summary: "remove variables",
      args: "<name>...",
      min: 1,
      max: Number.POSITIVE_INFINITY,
      options: sandboxOption,
      flags: [sandboxFlag],
      examples: ["hopx env unset DEBUG MODE -s sbx_123"],
      json: "{unset: [NAME, …]}",
    },
    delete: {
      summary: "remove one variable (Python CLI)",
      args: "<sandbox-id> <name>",
      min: 1,
      max: 1,
      idFirst: idAlways,
      options: { ...sandboxOption, ...yesOptions },
      flags: [sandboxFlag, yesFlag],
      examples: ["hopx env delete sbx_123 DEBUG --force"],
      json: "{unset: [NAME]}",
    },
    load: {
      summary: "set the variables of a .env file (Python CLI)",
      args: "<sandbox-id> <file>",
      min: 0,
      max: 1,
      idFirst: idBeforeFile,
      options: { ...sandboxOption, file: { type: "string", short: "f" } },
      flags: [sandboxFlag, ["-f, --file FILE", "the .env file (also the argument after the id)"]],
      examples: ["hopx env load sbx_123 .env", "hopx env load sbx_123 --file .env"],
      json: "{set: [NAME, …]}",
    },
  },
};

export const terminalNoun: Noun = {
  summary: "an interactive shell in a sandbox (PTY over WebSocket)",
  aliases: ["term", "shell"],
  self: {
    summary:
      "Opens a PTY: raw keyboard on a TTY, resized on window changes; Ctrl-D (or the end of stdin) ends it. " +
      "Exits with the shell's status.",
    args: "<sandbox-id>",
    min: 0,
    max: 0,
    idFirst: idWhenMoreThan(0),
    options: { ...sandboxOption, cols: { type: "string" }, rows: { type: "string" } },
    flags: [sandboxFlag, ["--cols N, --rows N", "PTY size when stdout is not a terminal (default 80x24)"]],
    examples: ["hopx terminal sbx_123", "hopx term -s sbx_123", `printf 'ls\\nexit\\n' | hopx terminal sbx_123`],
    json: "none: the PTY's bytes as they come (-o is ignored)",
  },
  verbs: {
    connect: {
      summary: "open the shell (Python CLI); --command runs one command and prints its output",
      args: "<sandbox-id>",
      min: 0,
      max: 0,
      idFirst: idWhenMoreThan(0),
      options: { ...sandboxOption, command: { type: "string" }, cols: { type: "string" }, rows: { type: "string" } },
      flags: [sandboxFlag, ["--command CMD", "run this command, print its output, exit with its status"]],
      examples: ["hopx terminal connect sbx_123", 'hopx terminal connect sbx_123 --command "ls /"'],
      json: `with --command: ${RESULT_JSON}`,
    },
    info: sandboxOnly(
      "where the sandbox's terminal is (Python CLI; the token is never printed)",
      "hopx terminal info sbx_123",
      "{sandbox_id, status, websocket_url, agent_url}",
    ),
    url: sandboxOnly(
      "the terminal's WebSocket URL (Python CLI)",
      "hopx terminal url sbx_123",
      "{sandbox_id, websocket_url}",
    ),
  },
};

export const processNoun: Noun = {
  summary: "background processes of a sandbox (ours)",
  aliases: ["ps"],
  verbs: {
    list: {
      summary: "list background executions and commands (--system: every OS process)",
      min: 0,
      max: 0,
      idFirst: idWhenMoreThan(0),
      options: { ...sandboxOption, system: { type: "boolean" } },
      flags: [sandboxFlag, ["--system", "every OS process of the sandbox"]],
      examples: ["hopx process list -s sbx_123"],
      json: "[{process_id, name, status, language, pid, start_time}, …]",
    },
    kill: {
      summary: "kill a background process",
      args: "<process-id>",
      min: 1,
      max: 1,
      idFirst: idWhenMoreThan(1),
      options: sandboxOption,
      flags: [sandboxFlag],
      examples: ["hopx process kill proc_123 -s sbx_123"],
      json: "{process_id, status, …}",
    },
  },
};

export const metricsNoun: Noun = {
  summary: "metrics of a sandbox, once or live (--follow, SSE; ours)",
  self: {
    summary: "Prints the agent's metrics snapshot, or with --follow the live metrics stream until Ctrl-C.",
    args: "[sandbox-id]",
    min: 0,
    max: 0,
    idFirst: idWhenMoreThan(0),
    options: { ...sandboxOption, follow: { type: "boolean", short: "F" }, count: { type: "string" } },
    flags: [sandboxFlag, ["-F, --follow", "stream live metrics (SSE)"], ["--count N", "stop after N events"]],
    examples: ["hopx metrics -s sbx_123", "hopx metrics sbx_123 --follow -o json"],
    json: "the agent's snapshot, snake_case (--follow: NDJSON, one event per line)",
  },
};
