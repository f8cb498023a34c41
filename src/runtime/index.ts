export * from "./errors.js";
export type { HttpMethod, OperationInfo, Plane, RequestOptions, StreamKind, WebSocketTarget } from "./operation.js";
export { multipartBody, rawBody, type StreamedFile } from "./serializers.js";
export { fromWire, toWire, type OperationShapes, type Shape, type ShapeRef, type ShapeRegistry } from "./shape.js";
export { anySignal } from "./signals.js";
export { deadlineSignal } from "./time.js";
export {
  createTransport,
  DEFAULT_TIMEOUT_MS,
  type CallInit,
  type CallParts,
  type CallState,
  type Transport,
  type TransportConfig,
} from "./transport.js";
