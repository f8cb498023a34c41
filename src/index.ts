// Public entry of hopx-client.
export * from "./runtime/errors.js";
export type { OperationInfo, RequestOptions, StreamKind, WebSocketTarget } from "./runtime/operation.js";
export { consoleLogger, redact, redactText, type Logger, type LogLevel } from "./runtime/logger.js";
export { VERSION } from "./version.js";
export {
  agentTransport,
  controlPlaneTransport,
  createAgent,
  agentContext,
  createControlPlane,
  DEFAULT_BASE_URL,
  type AgentOptions,
  type ClientOptions,
  type ControlPlaneOptions,
} from "./wrappers/clients.js";
export { Hopx, type HopxOptions } from "./wrappers/hopx.js";
import { wireDefaultClient } from "./wrappers/default-client.js";
import { hopxFor } from "./wrappers/hopx.js";
// The static shortcuts (Sandbox.create …) share clients per key and URL; wired here, at the top layer.
wireDefaultClient(hopxFor);
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
export { Template, createTemplate, waitForCommand, waitForFile, waitForPort, waitForProcess, waitForURL } from "./wrappers/template/builder.js";
export type { AWSRegistryAuth, CopyOptions, GCPRegistryAuth, RegistryAuth, TemplateStep } from "./wrappers/template/builder.js";
export type { BuildOptions, BuildResult, LogEntry } from "./wrappers/template/build.js";
export type { AgentContext } from "./wrappers/agent/context.js";
// Agent-side API (also reachable as sandbox.files, sandbox.runCode …); each class is built from an AgentContext.
export { SandboxCommands, SandboxFiles } from "./wrappers/sandbox-agent.js";
export { Cache } from "./wrappers/agent/cache.js";
export { Code, LANGUAGES, type AsyncExecution, type AsyncExecutionOptions, type BackgroundExecution, type BackgroundExecutionOptions, type CodeExecutionOptions, type ExecutionResult, type IpythonOptions } from "./wrappers/agent/code.js";
export type { RichOutput } from "./wrappers/agent/rich-outputs.js";
export { Commands, type BackgroundCommand, type BackgroundCommandOptions, type CommandOptions, type CommandResult } from "./wrappers/agent/commands.js";
export { Desktop, type MouseButton, type MouseClickOptions, type OCROptions, type RecordingOptions } from "./wrappers/agent/desktop.js";
export { EnvVars, EnvironmentVariables, MASKED_VALUE } from "./wrappers/agent/env.js";
export { Files, type FileInfo, type FileWriteOptions, type ProgressListener, type TransferOptions, type UploadSource } from "./wrappers/agent/files.js";
export { Observability, type EnsureHealthyOptions } from "./wrappers/agent/observability.js";
export { Processes } from "./wrappers/agent/processes.js";
export { Terminal, type TerminalConnectOptions, type TerminalSession } from "./wrappers/agent/terminal.js";
export { openAgentSocket, runCodeStream, streamCommand, watchFiles, type CodeStreamEndpoint, type RunCodeStreamOptions, type StreamCommandOptions, type StreamOptions, type WatchFilesOptions } from "./wrappers/agent/streams.js";
export {
  openSocket,
  type MessageSocket,
  type OpenSocketOptions,
  type SocketClose,
  type WebSocketConstructor,
  type WebSocketEventLike,
  type WebSocketImplementation,
  type WebSocketLike,
} from "./runtime/websocket.js";
export { AgentResources } from "../generated/vm-agent/index.js";
export { ControlPlaneResources } from "../generated/control-plane/index.js";
/** camelCase types of the control plane (`ControlPlane.Sandbox`, `ControlPlane.Template` …). */
export type * as ControlPlane from "../generated/control-plane/models.js";
/** camelCase types of the VM agent (`Agent.ExecuteResponse`, `Agent.FileInfo` …). */
export type * as Agent from "../generated/vm-agent/models.js";
/** Wire (snake_case) types from openapi-typescript, for callers of the raw openapi-fetch clients. */
export type * as ControlPlaneWire from "../generated/control-plane/schema.js";
export type * as AgentWire from "../generated/vm-agent/schema.js";
