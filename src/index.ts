// Public entry of hopx-client.
export * from "./runtime/errors.js";
export type { OperationInfo, RequestOptions, StreamKind, WebSocketTarget } from "./runtime/operation.js";
export { consoleLogger, redact, redactText, type Logger, type LogLevel } from "./runtime/logger.js";
export { VERSION } from "./version.js";
export {
  agentTransport,
  controlPlaneTransport,
  createAgent,
  createControlPlane,
  DEFAULT_BASE_URL,
  type AgentOptions,
  type ClientOptions,
  type ControlPlaneOptions,
} from "./wrappers/clients.js";
export { AgentResources } from "../generated/vm-agent/index.js";
export { ControlPlaneResources } from "../generated/control-plane/index.js";
/** camelCase types of the control plane (`ControlPlane.Sandbox`, `ControlPlane.Template` …). */
export type * as ControlPlane from "../generated/control-plane/models.js";
/** camelCase types of the VM agent (`Agent.ExecuteResponse`, `Agent.FileInfo` …). */
export type * as Agent from "../generated/vm-agent/models.js";
/** Wire (snake_case) types from openapi-typescript, for callers of the raw openapi-fetch clients. */
export type * as ControlPlaneWire from "../generated/control-plane/schema.js";
export type * as AgentWire from "../generated/vm-agent/schema.js";
