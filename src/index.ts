/**
 * Typed SDK for HopX cloud sandboxes: what users name in code ({@link Hopx}, {@link Sandbox}, {@link Template},
 * the error classes, option and result types, and the model namespaces `ControlPlane` and `Agent`).
 * Low-level pieces (transports, agent contexts, raw sockets, generated resource classes, wire types) are in
 * `hopx-client/raw` (src/raw.ts).
 *
 * @example
 * ```ts
 * import { Sandbox } from "hopx-client";
 *
 * await using sandbox = await Sandbox.create({ template: "code-interpreter" });
 * const result = await sandbox.runCode("print(1 + 1)");
 * console.log(result.stdout); // "2\n"
 * ```
 *
 * @module hopx-client
 */
// ── clients and handles ─────────────────────────────────────────────────────────────────────────
export { Hopx, type HopxOptions } from "./wrappers/hopx.js";
export { DEFAULT_BASE_URL, type ClientOptions, type ControlPlaneOptions } from "./wrappers/clients.js";
export { Sandbox, type MetricsStreamOptions } from "./wrappers/sandbox.js";
export type { SandboxPage } from "./wrappers/sandboxes.js";
export type {
  CallOptions,
  ExpiryWatchOptions,
  SandboxConnectOptions,
  SandboxCreateOptions,
  SandboxInfo,
  SandboxListOptions,
  TemplateQueryOptions,
} from "./wrappers/sandbox-options.js";
export type { ExpiryInfo } from "./wrappers/expiry.js";
export type { RequestOptions } from "./runtime/operation.js";
export type { Stream } from "./runtime/stream.js";

// ── templates ───────────────────────────────────────────────────────────────────────────────────
export {
  Template,
  createTemplate,
  waitForCommand,
  waitForFile,
  waitForPort,
  waitForProcess,
  waitForURL,
} from "./wrappers/template/builder.js";
export type {
  AWSRegistryAuth,
  CopyOptions,
  GCPRegistryAuth,
  RegistryAuth,
  TemplateStep,
} from "./wrappers/template/builder.js";
export type { BuildOptions, BuildResult, LogEntry } from "./wrappers/template/build.js";
export type { CreateVMOptions, VM } from "./wrappers/template/create-vm.js";

// ── the agent modules of a sandbox (sandbox.files, sandbox.commands …): their types, options, results ─
export {
  LANGUAGES,
  type AsyncExecution,
  type AsyncExecutionOptions,
  type BackgroundExecution,
  type BackgroundExecutionOptions,
  type Code,
  type CodeExecutionOptions,
  type ExecutionResult,
  type IpythonOptions,
  type LanguageName,
} from "./wrappers/agent/code.js";
export type { RichOutput } from "./wrappers/agent/rich-outputs.js";
export type {
  BackgroundCommand,
  BackgroundCommandOptions,
  CommandOptions,
  CommandResult,
  Commands,
} from "./wrappers/agent/commands.js";
export type {
  Desktop,
  MouseButton,
  MouseClickOptions,
  OCROptions,
  RecordingOptions,
} from "./wrappers/agent/desktop.js";
export { MASKED_VALUE, type EnvVars } from "./wrappers/agent/env.js";
export type {
  FileInfo,
  Files,
  FileWriteOptions,
  ProgressListener,
  TransferOptions,
  UploadSource,
} from "./wrappers/agent/files.js";
export type { EnsureHealthyOptions, Observability } from "./wrappers/agent/observability.js";
export type { Processes } from "./wrappers/agent/processes.js";
export type { Cache } from "./wrappers/agent/cache.js";
export type { Terminal, TerminalConnectOptions, TerminalSession } from "./wrappers/agent/terminal.js";
export type {
  CodeStreamEndpoint,
  RunCodeStreamOptions,
  StreamCommandOptions,
  StreamOptions,
  WatchFilesOptions,
} from "./wrappers/agent/streams.js";
export type { WebSocketImplementation } from "./runtime/websocket.js";
export type { ProxyOption } from "./runtime/proxy.js";

// ── errors ──────────────────────────────────────────────────────────────────────────────────────
export {
  AbortError,
  APIError,
  AuthenticationError,
  CodeExecutionError,
  CommandExecutionError,
  DesktopNotAvailableError,
  ERROR_CLASS_NAMES,
  ErrorCode,
  FileNotFoundError,
  FileOperationError,
  HopxError,
  LimitExceededError,
  NetworkError,
  NotFoundError,
  ProxyError,
  RateLimitError,
  ResourceLimitError,
  SandboxExpiredError,
  ServerError,
  TemplateBuildError,
  TemplateNotFoundError,
  TimeoutError,
  TokenExpiredError,
  ValidationError,
  type HopxErrorInit,
  type SandboxErrorMetadata,
  type TemplateBuildErrorMetadata,
} from "./runtime/errors.js";

// ── logging, version, models ────────────────────────────────────────────────────────────────────
export { consoleLogger, redact, redactText, type Logger, type LogLevel } from "./runtime/logger.js";
export { VERSION } from "./version.js";
/** camelCase types of the control plane (`ControlPlane.Sandbox`, `ControlPlane.Template` …). */
export type * as ControlPlane from "../generated/control-plane/models.js";
/** camelCase types of the VM agent (`Agent.ExecuteResponse`, `Agent.FileInfo` …). */
export type * as Agent from "../generated/vm-agent/models.js";
