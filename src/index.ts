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
export { AgentResources } from "../generated/vm-agent/index.js";
export { ControlPlaneResources } from "../generated/control-plane/index.js";
/** camelCase types of the control plane (`ControlPlane.Sandbox`, `ControlPlane.Template` …). */
export type * as ControlPlane from "../generated/control-plane/models.js";
/** camelCase types of the VM agent (`Agent.ExecuteResponse`, `Agent.FileInfo` …). */
export type * as Agent from "../generated/vm-agent/models.js";
/** Wire (snake_case) types from openapi-typescript, for callers of the raw openapi-fetch clients. */
export type * as ControlPlaneWire from "../generated/control-plane/schema.js";
export type * as AgentWire from "../generated/vm-agent/schema.js";
