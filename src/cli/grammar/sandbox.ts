// hopx sandbox (sb): the official 0.2 verbs, the Python CLI's (url, health, expiry, token, connect) and ours
// (start, stop).
import { envOption, SANDBOX_JSON, yesFlag, yesOptions } from "./common.js";
import type { Noun, Verb } from "./types.js";

const STATUS_JSON = "{sandbox_id, status}";

const byId = (verb: string, summary: string, extra: Partial<Verb> = {}): Verb => ({
  summary,
  args: "<sandbox-id>",
  min: 1,
  max: 1,
  examples: [`hopx sandbox ${verb} sbx_123`],
  json: STATUS_JSON,
  ...extra,
});

export const sandboxNoun: Noun = {
  summary: "create, list, inspect and control sandboxes",
  aliases: ["sb"],
  verbAliases: {
    get: "info",
    ls: "list",
    "set-timeout": "timeout",
    "connect-info": "connect",
    "preview-url": "url",
  },
  verbs: {
    create: {
      summary: "create a sandbox and print it",
      min: 0,
      max: 0,
      variadic: ["env"],
      options: {
        template: { type: "string", short: "t" },
        "template-id": { type: "string" },
        timeout: { type: "string" },
        region: { type: "string" },
        "no-internet": { type: "boolean" },
        ...envOption,
      },
      flags: [
        ["-t, --template NAME", "template name (default HOPX_DEFAULT_TEMPLATE, the profile's, else code-interpreter)"],
        ["--timeout SECONDS", "kill the sandbox after this many seconds (default HOPX_DEFAULT_TIMEOUT)"],
        ["-e, --env K=V...", "environment variables (`-e A=1 B=2` or repeated)"],
        ["--template-id ID", "template id instead of a name"],
        ["--region R", "region"],
        ["--no-internet", "no internet access"],
      ],
      examples: [
        "hopx sandbox create --template python --timeout 600",
        "hopx sb create -t python -e DEBUG=1 -o json | jq -r .sandbox_id",
      ],
      json: SANDBOX_JSON,
    },
    list: {
      summary: "list sandboxes",
      min: 0,
      max: 0,
      options: {
        status: { type: "string", short: "s" },
        limit: { type: "string", short: "l" },
        region: { type: "string" },
      },
      flags: [
        ["-s, --status S", "creating, running, stopped or paused"],
        ["-l, --limit N", "at most N sandboxes (default 20)"],
        ["--region R", "region"],
      ],
      examples: ["hopx sandbox list", "hopx sb list --status running -o json | jq '.[] | .sandbox_id'"],
      json: `[${SANDBOX_JSON}, …]`,
    },
    info: byId("info", "print one sandbox", { json: SANDBOX_JSON }),
    kill: byId("kill", "delete a sandbox", { options: yesOptions, flags: [yesFlag] }),
    pause: byId("pause", "pause a running sandbox"),
    resume: byId("resume", "resume a paused sandbox"),
    start: byId("start", "start a stopped sandbox (ours)"),
    stop: byId("stop", "stop a running sandbox (ours)"),
    timeout: byId("timeout", "kill the sandbox SECONDS from now (0 disables the automatic kill)", {
      args: "<sandbox-id> <seconds>",
      min: 2,
      max: 2,
      examples: ["hopx sandbox timeout sbx_123 3600", "hopx sandbox timeout sbx_123 0"],
      json: "{sandbox_id, timeout_seconds, expires_at}",
    }),
    url: byId("url", "public URL of a port served in the sandbox (Python CLI)", {
      args: "<sandbox-id> [port]",
      max: 2,
      options: { port: { type: "string" } },
      flags: [["--port N", "the port (also the second argument); none: the sandbox's own preview URL"]],
      examples: ["hopx sandbox url sbx_123 8080", "hopx sandbox url sbx_123 --port 8080"],
      json: "{sandbox_id, port, url}",
    }),
    connect: byId("connect", "where the sandbox's agent is (Python CLI; the token is never printed)", {
      json: "{sandbox_id, status, agent_url, preview_url, expires_at}",
    }),
    health: byId("health", "the sandbox agent's health (Python CLI)", {
      json: "{sandbox_id, status, version, …} (the agent's GET /health)",
    }),
    expiry: byId("expiry", "when the sandbox expires and how long is left (Python CLI)", {
      json: "{sandbox_id, expires_at, time_to_expiry, is_expired, is_expiring_soon}",
    }),
    token: byId("token", "when the sandbox's agent token expires (Python CLI)", {
      note:
        "The Python CLI printed the token itself; hopx never prints a credential (the SDK's " +
        "sandbox.getToken() gives it to code).",
      json: '{sandbox_id, token_expires_at, token: "[not printed]"}',
    }),
  },
};
