// What the `hopx` command line accepts: every noun, verb, option and example, as data. Help and parsing both
// read this table, and nothing here imports the SDK, so `hopx --help` starts without loading it.
import type { ParseArgsConfig } from "node:util";

export type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Verb {
  summary: string;
  /** Positional arguments as shown in usage, e.g. "<sandbox-id> <seconds>". */
  args?: string;
  /** Required and allowed counts of positional arguments. */
  min?: number;
  max?: number;
  options?: Options;
  /** Option help lines, `flag` then text. */
  flags?: Array<[string, string]>;
  examples: string[];
}

export interface Noun {
  summary: string;
  aliases?: string[];
  /** A noun with verbs (`hopx sandbox list`); otherwise the noun is the command (`hopx run`). */
  verbs?: Record<string, Verb>;
  self?: Verb;
  /** Verb aliases, e.g. the official CLI's `files read` for `files cat`. */
  verbAliases?: Record<string, string>;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Options = {
  "api-key": { type: "string" },
  "base-url": { type: "string" },
  profile: { type: "string" },
  "request-timeout": { type: "string" },
  output: { type: "string", short: "o" },
  debug: { type: "boolean" },
  "no-color": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
};

export const GLOBAL_FLAGS: Array<[string, string]> = [
  ["-o, --output table|json|plain", "output format (default table; json is stable, NDJSON for streams)"],
  ["--api-key KEY", "API key (default: HOPX_API_KEY, then ~/.hopx/credentials.yaml)"],
  ["--base-url URL", "control-plane URL (default: HOPX_BASE_URL, then https://api.hopx.dev)"],
  ["--profile NAME", "profile of the credentials file (default: HOPX_PROFILE, then default)"],
  ["--request-timeout SECONDS", "deadline of each API call (default 60)"],
  ["--debug", "log requests (redacted) and print stacks on errors"],
  ["--no-color", "no colour (also NO_COLOR; colour only on a TTY)"],
  ["-h, --help", "help for any command"],
  ["-v, --version", "print the version"],
];

const sandboxOption: Options = { sandbox: { type: "string", short: "s" } };
const sandboxFlag: [string, string] = ["-s, --sandbox ID", "the sandbox (default: HOPX_SANDBOX_ID)"];
const envOption: Options = { env: { type: "string", short: "e", multiple: true } };
const envFlag: [string, string] = ["-e, --env K=V", "environment variable (repeatable)"];
const progressOptions: Options = { progress: { type: "boolean" }, "no-progress": { type: "boolean" } };
const progressFlags: Array<[string, string]> = [
  ["--progress / --no-progress", "force the progress bar on or off (default: on when stderr is a TTY)"],
];

const id = (verb: string, summary: string, extra: Partial<Verb> = {}): Verb => ({
  summary,
  args: "<sandbox-id>",
  min: 1,
  max: 1,
  examples: [`hopx sandbox ${verb} sbx_123`],
  ...extra,
});

export const NOUNS: Record<string, Noun> = {
  run: {
    summary: "run code in a new (or given) sandbox, streaming its output",
    self: {
      summary:
        "Creates a sandbox (or uses --sandbox), runs the code, streams stdout and stderr as they come, " +
        "kills the sandbox it created and exits with the code's exit status.",
      args: "[code | -]",
      min: 0,
      max: 1,
      options: {
        language: { type: "string", short: "l" },
        file: { type: "string", short: "f" },
        template: { type: "string", short: "t" },
        ...sandboxOption,
        ...envOption,
        "timeout-seconds": { type: "string" },
        timeout: { type: "string" },
        workdir: { type: "string", short: "w" },
        keep: { type: "boolean", short: "k" },
      },
      flags: [
        ["-l, --language L", "python (default), javascript, bash or go; from the file's extension with -f"],
        ["-f, --file PATH", "read the code from a file (`-` or no code: from stdin)"],
        ["-t, --template T", "template of the new sandbox (default code-interpreter, or HOPX_DEFAULT_TEMPLATE)"],
        ["-s, --sandbox ID", "run in this sandbox instead of creating one (it is not killed)"],
        envFlag,
        ["--timeout-seconds N", "execution timeout in seconds (also --timeout)"],
        ["-w, --workdir DIR", "working directory"],
        ["-k, --keep", "do not kill the sandbox created for this run"],
      ],
      examples: [
        `hopx run "print(1)"`,
        `hopx run -l bash "ls -la /" --keep`,
        "hopx run -f script.py --env DEBUG=1 --timeout-seconds 60",
        `echo 'console.log(2)' | hopx run -l javascript -`,
        `hopx run "print(1)" -o json     # NDJSON: one message per line`,
      ],
    },
  },
  sandbox: {
    summary: "create, list, inspect and control sandboxes",
    aliases: ["sb"],
    verbAliases: { info: "get", ls: "list", delete: "kill", timeout: "set-timeout" },
    verbs: {
      create: {
        summary: "create a sandbox and print it",
        min: 0,
        max: 0,
        options: {
          template: { type: "string", short: "t" },
          "template-id": { type: "string" },
          timeout: { type: "string" },
          region: { type: "string" },
          "no-internet": { type: "boolean" },
          ...envOption,
        },
        flags: [
          ["-t, --template T", "template name (default code-interpreter, or HOPX_DEFAULT_TEMPLATE)"],
          ["--template-id ID", "template id instead of a name"],
          ["--timeout SECONDS", "kill the sandbox after this many seconds"],
          ["--region R", "region"],
          ["--no-internet", "no internet access"],
          envFlag,
        ],
        examples: [
          "hopx sandbox create -t code-interpreter --timeout 600",
          "hopx sb create -o json | jq -r .sandboxId",
        ],
      },
      list: {
        summary: "list sandboxes (every page)",
        min: 0,
        max: 0,
        options: { status: { type: "string" }, region: { type: "string" }, limit: { type: "string" } },
        flags: [
          ["--status S", "running, paused, stopped …"],
          ["--region R", "region"],
          ["--limit N", "at most N sandboxes"],
        ],
        examples: ["hopx sandbox list", "hopx sb list --status running -o json"],
      },
      get: id("get", "print one sandbox"),
      kill: id("kill", "delete a sandbox"),
      pause: id("pause", "pause a running sandbox"),
      resume: id("resume", "resume a paused sandbox"),
      start: id("start", "start a stopped sandbox"),
      stop: id("stop", "stop a running sandbox"),
      "set-timeout": id("set-timeout", "kill the sandbox SECONDS from now", {
        args: "<sandbox-id> <seconds>",
        min: 2,
        max: 2,
        examples: ["hopx sandbox set-timeout sbx_123 3600"],
      }),
      "connect-info": id("connect-info", "where the sandbox's agent is (the token is never printed)"),
      "preview-url": id("preview-url", "public URL of a port served in the sandbox", {
        args: "<sandbox-id> <port>",
        min: 2,
        max: 2,
        examples: ["hopx sandbox preview-url sbx_123 8080"],
      }),
    },
  },
  files: {
    summary: "files inside a sandbox: list, read, transfer, watch",
    aliases: ["f"],
    verbAliases: { list: "ls", read: "cat", upload: "put", download: "get", delete: "rm" },
    verbs: {
      ls: {
        summary: "list a directory",
        args: "[path]",
        min: 0,
        max: 1,
        options: sandboxOption,
        flags: [sandboxFlag],
        examples: ["hopx files ls /workspace -s sbx_123"],
      },
      cat: {
        summary: "print a text file",
        args: "<path>",
        min: 1,
        max: 1,
        options: sandboxOption,
        flags: [sandboxFlag],
        examples: ["hopx files cat /etc/hostname -s sbx_123"],
      },
      put: {
        summary: "upload a local file (streamed, any size)",
        args: "<local-path | -> <remote-path>",
        min: 2,
        max: 2,
        options: { ...sandboxOption, ...progressOptions },
        flags: [sandboxFlag, ...progressFlags],
        examples: [
          "hopx files put ./data.tar /workspace/data.tar -s sbx_123",
          "tar c . | hopx files put - /w/x.tar -s sbx_123",
        ],
      },
      get: {
        summary: "download a file (streamed, any size) to a local path or stdout",
        args: "<remote-path> [local-path | -]",
        min: 1,
        max: 2,
        options: { ...sandboxOption, ...progressOptions },
        flags: [sandboxFlag, ...progressFlags],
        examples: [
          "hopx files get /workspace/out.bin ./out.bin -s sbx_123",
          "hopx files get /w/log.txt - -s sbx_123 | less",
        ],
      },
      rm: {
        summary: "delete a file or directory",
        args: "<path>",
        min: 1,
        max: 1,
        options: sandboxOption,
        flags: [sandboxFlag],
        examples: ["hopx files rm /workspace/tmp -s sbx_123"],
      },
      mkdir: {
        summary: "create a directory and its parents",
        args: "<path>",
        min: 1,
        max: 1,
        options: sandboxOption,
        flags: [sandboxFlag],
        examples: ["hopx files mkdir /workspace/a/b -s sbx_123"],
      },
      watch: {
        summary: "print changes under a directory until Ctrl-C",
        args: "[path]",
        min: 0,
        max: 1,
        options: sandboxOption,
        flags: [sandboxFlag],
        examples: ["hopx files watch /workspace -s sbx_123 -o json"],
      },
    },
  },
  cmd: {
    summary: "run shell commands in a sandbox",
    verbs: {
      run: {
        summary: "run a command line (bash -c) and exit with its status",
        args: "<command>",
        min: 1,
        max: 1,
        options: {
          ...sandboxOption,
          ...envOption,
          background: { type: "boolean", short: "b" },
          timeout: { type: "string" },
          workdir: { type: "string", short: "w" },
        },
        flags: [
          sandboxFlag,
          envFlag,
          ["-b, --background", "start it in the background and print its process id"],
          ["--timeout SECONDS", "command timeout"],
          ["-w, --workdir DIR", "working directory"],
        ],
        examples: [`hopx cmd run "ls -la" -s sbx_123`, `hopx cmd run "make test" --background -s sbx_123`],
      },
    },
  },
  env: {
    summary: "global environment variables of a sandbox",
    verbs: {
      list: {
        summary: "print every variable",
        min: 0,
        max: 0,
        options: sandboxOption,
        flags: [sandboxFlag],
        examples: ["hopx env list -s sbx_123"],
      },
      get: {
        summary: "print one variable (exit 4 when unset)",
        args: "<name>",
        min: 1,
        max: 1,
        options: sandboxOption,
        flags: [sandboxFlag],
        examples: ["hopx env get PATH -s sbx_123"],
      },
      set: {
        summary: "set variables, keeping the others",
        args: "<K=V>...",
        min: 1,
        max: Number.POSITIVE_INFINITY,
        options: sandboxOption,
        flags: [sandboxFlag],
        examples: ["hopx env set DEBUG=1 MODE=dev -s sbx_123"],
      },
      unset: {
        summary: "remove a variable",
        args: "<name>",
        min: 1,
        max: 1,
        options: sandboxOption,
        flags: [sandboxFlag],
        examples: ["hopx env unset DEBUG -s sbx_123"],
      },
    },
  },
  process: {
    summary: "background processes of a sandbox",
    aliases: ["ps"],
    verbs: {
      list: {
        summary: "list background executions and commands (--system: every OS process)",
        min: 0,
        max: 0,
        options: { ...sandboxOption, system: { type: "boolean" } },
        flags: [sandboxFlag, ["--system", "every OS process of the sandbox"]],
        examples: ["hopx process list -s sbx_123"],
      },
      kill: {
        summary: "kill a background process",
        args: "<process-id>",
        min: 1,
        max: 1,
        options: sandboxOption,
        flags: [sandboxFlag],
        examples: ["hopx process kill proc_123 -s sbx_123"],
      },
    },
  },
  metrics: {
    summary: "metrics of a sandbox, once or live (--follow, SSE)",
    self: {
      summary: "Prints the agent's metrics snapshot, or with --follow the live metrics stream until Ctrl-C.",
      min: 0,
      max: 0,
      options: { ...sandboxOption, follow: { type: "boolean", short: "F" }, count: { type: "string" } },
      flags: [sandboxFlag, ["-F, --follow", "stream live metrics (SSE)"], ["--count N", "stop after N events"]],
      examples: ["hopx metrics -s sbx_123", "hopx metrics -s sbx_123 --follow -o json"],
    },
  },
  terminal: {
    summary: "an interactive shell in a sandbox (PTY over WebSocket)",
    aliases: ["shell"],
    self: {
      summary:
        "Opens a PTY: raw keyboard on a TTY, resized on window changes; Ctrl-D (or the end of stdin) ends it. " +
        "Exits with the shell's status.",
      min: 0,
      max: 0,
      options: { ...sandboxOption, cols: { type: "string" }, rows: { type: "string" } },
      flags: [sandboxFlag, ["--cols N, --rows N", "PTY size when stdout is not a terminal (default 80x24)"]],
      examples: ["hopx terminal -s sbx_123", `printf 'ls\\nexit\\n' | hopx terminal -s sbx_123`],
    },
  },
  template: {
    summary: "list, inspect, delete and build templates",
    aliases: ["tpl"],
    verbAliases: { ls: "list", info: "get", rm: "delete" },
    verbs: {
      list: {
        summary: "list templates",
        min: 0,
        max: 0,
        options: { category: { type: "string" }, language: { type: "string" } },
        flags: [
          ["--category C", "filter"],
          ["--language L", "filter"],
        ],
        examples: ["hopx template list -o json"],
      },
      get: {
        summary: "print one template (exit 4 when there is none)",
        args: "<name-or-id>",
        min: 1,
        max: 1,
        examples: ["hopx template get code-interpreter"],
      },
      delete: {
        summary: "delete one of your templates",
        args: "<template-id>",
        min: 1,
        max: 1,
        examples: ["hopx template delete tpl_123"],
      },
      build: {
        summary: "build a template from a JSON or YAML build file (or a directory holding hopx.json/.yaml)",
        args: "<dir | file>",
        min: 1,
        max: 1,
        options: {
          name: { type: "string", short: "n" },
          cpu: { type: "string" },
          memory: { type: "string" },
          "disk-gb": { type: "string" },
          update: { type: "boolean" },
          "skip-cache": { type: "boolean" },
          ...progressOptions,
        },
        flags: [
          ["-n, --name NAME", "template name (overrides the file's `name`)"],
          ["--cpu N, --memory MB, --disk-gb GB", "resources (override the file)"],
          ["--update", "replace a template of the same name"],
          ["--skip-cache", "rebuild every step"],
          ...progressFlags,
        ],
        examples: ["hopx template build ./my-app", "hopx template build hopx.yaml --name my-app -o json"],
      },
    },
  },
  health: {
    summary: "control-plane health (no key needed)",
    self: { summary: "Prints the control plane's health.", min: 0, max: 0, examples: ["hopx health -o json"] },
  },
  mock: {
    summary: "start the embedded mock and print the lines to export",
    self: {
      summary:
        "Starts the embedded HopX mock on loopback ports and prints `export` lines for HOPX_BASE_URL and a " +
        "dummy HOPX_API_KEY; runs until Ctrl-C.",
      min: 0,
      max: 0,
      examples: ["hopx mock > mock.env &  sleep 3 && . ./mock.env", `hopx run "print(1)"`],
    },
  },
};

/** The noun a name or alias stands for. */
export function nounName(word: string): string | undefined {
  if (Object.hasOwn(NOUNS, word)) return word;
  return Object.entries(NOUNS).find(([, noun]) => noun.aliases?.includes(word))?.[0];
}
