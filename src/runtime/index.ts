export * from "./errors.js";
export type { HttpMethod, OperationInfo, Plane, RequestOptions, StreamKind, WebSocketTarget } from "./operation.js";
export { multipartBody, rawBody, type StreamedFile } from "./serializers.js";
export { fromWire, toWire, type OperationShapes, type Shape, type ShapeRef, type ShapeRegistry } from "./shape.js";
export { anySignal } from "./signals.js";
export { deadlineSignal } from "./time.js";
export type { CallArgs } from "./call-request.js";
export type { CallHooks, CallObserver } from "./call-hooks.js";
export { createTransport, DEFAULT_TIMEOUT_MS, type Transport, type TransportConfig } from "./transport.js";
