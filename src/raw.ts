/**
 * `hopx-client/raw`: the layers under Hopx and Sandbox, for callers who build their own — one typed
 * method per operation of both specs (generated resources), the transports under them, agent contexts
 * and the agent modules built from one, raw WebSockets, and the wire (snake_case) types. Semver covers
 * these too, but they change more often than the root entry.
 *
 * @module hopx-client/raw
 */
export { ErrorCode, HopxError, type HopxErrorInit } from "./runtime/errors.js";
export type {
  ErrorClassName,
  OperationInfo,
  RequestOptions,
  StreamKind,
  WebSocketTarget,
} from "./runtime/operation.js";
export type { CallArgs } from "./runtime/call-request.js";
export type { Transport } from "./runtime/transport.js";
export { StreamHandle, type Stream } from "./runtime/stream.js";
export {
  agentContext,
  agentTransport,
  controlPlaneTransport,
  createAgent,
  createControlPlane,
  type AgentOptions,
  type StreamLimits,
} from "./wrappers/clients.js";
export type { AgentContext } from "./wrappers/agent/context.js";
export { OpenStreams } from "./wrappers/agent/open-streams.js";
export { Cache } from "./wrappers/agent/cache.js";
export { Code } from "./wrappers/agent/code.js";
export { Commands } from "./wrappers/agent/commands.js";
export { Desktop } from "./wrappers/agent/desktop.js";
export { EnvVars } from "./wrappers/agent/env.js";
export { Files } from "./wrappers/agent/files.js";
export { Observability } from "./wrappers/agent/observability.js";
export { Processes } from "./wrappers/agent/processes.js";
export { Terminal } from "./wrappers/agent/terminal.js";
export { openAgentSocket, runCodeStream, streamCommand, watchFiles } from "./wrappers/agent/streams.js";
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
/**
 * Wire (snake_case) types of the control plane from openapi-typescript (`paths`, `operations`, `components`),
 * for callers of the raw openapi-fetch client (`hopx.raw`). The Redocly reference documents every field.
 */
export type * as ControlPlaneWire from "../generated/control-plane/schema.js";
/** Wire (snake_case) types of the VM agent from openapi-typescript, for callers of its raw openapi-fetch client. */
export type * as AgentWire from "../generated/vm-agent/schema.js";
