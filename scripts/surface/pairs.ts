// Which parts of @hopx-ai/sdk's public surface hopx-client must hold, each as a pair of types
// [official, ours] in a TypeScript source the checker compiles (scripts/surface/compare.ts). A user of the
// official package reaches these by name or through a Sandbox, so each member must exist with compatible
// parameters.

/** The error classes both packages export (class and instances). */
export const ERROR_CLASSES = [
  "HopxError",
  "APIError",
  "AuthenticationError",
  "NotFoundError",
  "FileNotFoundError",
  "FileOperationError",
  "CodeExecutionError",
  "CommandExecutionError",
  "DesktopNotAvailableError",
  "ResourceLimitError",
  "RateLimitError",
  "ServerError",
  "SandboxExpiredError",
  "TokenExpiredError",
  "TemplateBuildError",
  "ValidationError",
  "NetworkError",
  "TimeoutError",
  "TemplateNotFoundError",
] as const;

/** Functions of the official root entry a user calls by name. */
export const FUNCTIONS = [
  "createTemplate",
  "waitForPort",
  "waitForURL",
  "waitForFile",
  "waitForProcess",
  "waitForCommand",
] as const;

/** The agent modules as a Sandbox exposes them. */
export const MODULES = ["files", "commands", "env", "cache", "desktop", "terminal"] as const;

/** Pairs `[where, official type, our type]`, written against the namespaces `O` (official) and `U` (ours). */
export function surfacePairs(): [string, string, string][] {
  const pairs: [string, string, string][] = [
    ["Sandbox", "O.Sandbox", "U.Sandbox"],
    ["Sandbox (static)", "typeof O.Sandbox", "typeof U.Sandbox"],
    ...MODULES.map((m): [string, string, string] => [`sandbox.${m}`, `O.Sandbox["${m}"]`, `U.Sandbox["${m}"]`]),
    ["Template", "O.Template", "U.Template"],
    ["Template (static)", "typeof O.Template", "typeof U.Template"],
    ["BuildOptions", "O.BuildOptions", "U.BuildOptions"],
    ["BuildResult", "O.BuildResult", "U.BuildResult"],
    ["CreateVMOptions", "O.CreateVMOptions", "U.CreateVMOptions"],
    ["VM", "O.VM", "U.VM"],
    ["ErrorCode", "typeof O.ErrorCode", "typeof U.ErrorCode"],
    [
      "functions",
      `Pick<typeof O, ${FUNCTIONS.map((f) => `"${f}"`).join(" | ")}>`,
      `Pick<typeof U, ${FUNCTIONS.map((f) => `"${f}"`).join(" | ")}>`,
    ],
  ];
  for (const name of ERROR_CLASSES) {
    pairs.push([name, `O.${name}`, `U.${name}`], [`${name} (static)`, `typeof O.${name}`, `typeof U.${name}`]);
  }
  return pairs;
}

/**
 * Parameters whose argument comes from our own API, never from the official package's: a value of the official
 * type cannot reach them once the import is switched, so their types are not compared. Each with the reason.
 */
export const OWN_VALUES: Readonly<Record<string, string>> = {
  "sandbox.terminal.sendInput(ws)": "the session comes from our terminal.connect(), a TerminalSession",
  "sandbox.terminal.resize(ws)": "the session comes from our terminal.connect(), a TerminalSession",
  "sandbox.terminal.output(ws)": "the session comes from our terminal.connect(), a TerminalSession",
  "Template.build(template)": "the template comes from our Template builder (the official class is nominal)",
};

/**
 * Classes whose constructor is compared: the ones official code constructs. A Sandbox comes from
 * `Sandbox.create`/`connect` in both packages, and errors are built by the SDK that throws them: ours take
 * `(message, init)`, one object with status, code, request id and details, where the official classes each take
 * their own positional list (`new FileNotFoundError(path, message?)`).
 */
export const CONSTRUCTED: readonly string[] = ["Template"];
