// hopx run (official 0.2 and Python forms) and hopx template (tpl).
import { envFlag, envOption, progressFlags, progressOptions, yesFlag, yesOptions } from "./common.js";
import type { Noun } from "./types.js";

export const runNoun: Noun = {
  summary: "run code in a new (or given) sandbox, streaming its output",
  self: {
    summary:
      "Creates a sandbox (or uses --sandbox), runs the code, streams stdout and stderr as they come, " +
      "kills the sandbox it created and exits with the code's exit status.",
    args: "<code | file | ->",
    min: 0,
    max: 1,
    options: {
      sandbox: { type: "string", short: "s" },
      language: { type: "string", short: "l" },
      template: { type: "string", short: "t" },
      keep: { type: "boolean", short: "k" },
      timeout: { type: "string" },
      "timeout-seconds": { type: "string" },
      workdir: { type: "string", short: "w" },
      file: { type: "string", short: "f" },
      ...envOption,
      outputs: { type: "string" },
      show: { type: "boolean" },
    },
    flags: [
      ["-s, --sandbox ID", "run in this sandbox instead of creating one (it is not killed)"],
      ["-l, --language L", "python (default), javascript, bash or go; from the file's extension for a file"],
      ["-t, --template T", "template of the new sandbox (default HOPX_DEFAULT_TEMPLATE, else code-interpreter)"],
      ["-k, --keep", "do not kill the sandbox created for this run"],
      ["--timeout SECONDS", "execution timeout (default 30; also --timeout-seconds)"],
      ["-w, --workdir DIR", "working directory"],
      ["-f, --file PATH", "read the code from a file (Python CLI; a path as the argument works too)"],
      envFlag,
      ["--outputs DIR", "write each rich output (PNG, SVG, HTML, JSON) to DIR and print its path"],
      ["--show", "draw PNG outputs inline (iTerm2 or kitty); elsewhere, say why and print the path"],
    ],
    note:
      "With --outputs or --show the code runs through the agent's POST /execute, which returns rich outputs " +
      "with the result: its output is printed when it ends instead of streamed.",
    examples: [
      `hopx run "print(1)"`,
      "hopx run script.py --keep -t python",
      `hopx run -l bash "ls -la /" -s sbx_123`,
      "hopx run -f script.py -e DEBUG=1 --timeout 60",
      `hopx run "import matplotlib.pyplot as plt; plt.plot([1, 2]); plt.show()" --outputs ./out --show`,
      `echo 'console.log(2)' | hopx run -l javascript -`,
    ],
    json:
      "NDJSON, one message per line: {type: stdout|stderr|result|error|complete, …} in the agent's field names " +
      "(exit_code …); with --outputs/--show, one {type: output, mime, path} per rich output",
  },
};

const TEMPLATE_JSON = "{id, name, display_name, category, language, status, is_public, created_at, …}";

export const templateNoun: Noun = {
  summary: "list, inspect, build and delete templates",
  aliases: ["tpl"],
  verbAliases: { ls: "list", get: "info", rm: "delete" },
  verbs: {
    list: {
      summary: "list templates",
      min: 0,
      max: 0,
      options: {
        custom: { type: "boolean" },
        official: { type: "boolean" },
        category: { type: "string" },
        language: { type: "string" },
      },
      flags: [
        ["--custom", "only your own templates (category custom)"],
        ["--official", "only HopX's templates"],
        ["--category C, --language L", "filters of the API (ours)"],
      ],
      examples: ["hopx template list --official", "hopx tpl list -o json | jq -r '.[].name'"],
      json: `[${TEMPLATE_JSON}, …]`,
    },
    info: {
      summary: "print one template (exit 4 when there is none)",
      args: "<name-or-id>",
      min: 1,
      max: 1,
      examples: ["hopx template info python"],
      json: TEMPLATE_JSON,
    },
    build: {
      summary: "build a template from --image/--dockerfile, or from a build file (ours)",
      args: "[dir | build-file]",
      min: 0,
      max: 1,
      options: {
        name: { type: "string", short: "n" },
        dockerfile: { type: "string" },
        image: { type: "string" },
        "start-cmd": { type: "string" },
        cpu: { type: "string" },
        memory: { type: "string" },
        "disk-gb": { type: "string" },
        update: { type: "boolean" },
        "skip-cache": { type: "boolean" },
        ...progressOptions,
      },
      flags: [
        ["-n, --name NAME", "template name (required without a build file naming one)"],
        ["--image IMAGE", "base image"],
        ["--dockerfile PATH", "a Dockerfile: FROM, RUN, ENV, WORKDIR, USER, COPY, CMD/ENTRYPOINT"],
        ["--start-cmd CMD", "command the sandbox starts with"],
        ["--cpu MILLICORES", "CPU (default 1000 = 1 vCPU; rounded up to whole vCPUs)"],
        ["--memory MB", "memory (default 512)"],
        ["--disk-gb GB, --update, --skip-cache", "ours"],
        ...progressFlags,
      ],
      examples: [
        "hopx template build --name my-app --image python:3.12 --start-cmd 'python -m http.server'",
        "hopx template build --name my-app --dockerfile ./Dockerfile",
        "hopx template build ./my-app -o json",
      ],
      json:
        "NDJSON: {type: log|progress, …} lines, then " +
        "{type: result, template_id, build_id, name, status, duration_ms}",
    },
    delete: {
      summary: "delete one of your templates",
      args: "<template-id>",
      min: 1,
      max: 1,
      options: yesOptions,
      flags: [yesFlag],
      examples: ["hopx template delete tpl_123 --yes"],
      json: "{template_id, deleted: true}",
    },
  },
};
