// sandbox.desktop with the official SDK's method names and positional arguments, sending what our agent
// spec says for each call: the spec's methods and paths (POST vnc/start, display/current, x11/drag-drop …),
// not the official SDK's legacy GET and underscore variants. Images come back as bytes.
import type {
  DesktopDebugProcess,
  DesktopDisplayInfo,
  DesktopElementBounds,
  DesktopRecordingInfo,
  DesktopRecordingStartRequest,
  DesktopVncInfo,
  DesktopVncStartRequest,
  DesktopWindow,
  DesktopWindowId,
} from "../../../generated/vm-agent/index.js";
import { invalidArgument, type ValidationError } from "../../runtime/errors.js";
import { checkDurationSeconds } from "../../runtime/guards.js";
import { EXECUTION_GRACE_MS } from "../../runtime/time.js";
import { callDeadline } from "../../runtime/units.js";
import type { RequestOptions } from "../../runtime/operation.js";
import type { AgentContext } from "./context.js";
import { firstRoute } from "./routes.js";

/** A mouse button. */
export type MouseButton = "left" | "right" | "middle";

/** Options of `mouseClick`: which button, how many clicks. */
export interface MouseClickOptions {
  /** Default `left`. */
  button?: MouseButton;
  /** 2 for a double click. */
  clicks?: number;
}

/** Options of text recognition on the screen. */
export interface OCROptions {
  /** Tesseract language code (default `eng`). */
  language?: string;
}

/** Options of a recording; the official SDK's single `outputFile` string is accepted too. */
export type RecordingOptions = DesktopRecordingStartRequest | string;

const BUTTONS: readonly MouseButton[] = ["left", "right", "middle"];
/** Extra wait on top of `waitFor`'s own timeout, so the agent's answer arrives before our deadline. */

const invalid = (method: string, message: string): ValidationError => invalidArgument(`desktop.${method}: ${message}`);

function pixel(method: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
    throw invalid(method, `${name} must be a whole number of pixels ≥ 0; got ${String(value)}`);
  return value;
}

function size(method: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
    throw invalid(method, `${name} must be a whole number ≥ 1; got ${String(value)}`);
  return value;
}

function text(method: string, name: string, value: unknown, allowEmpty = false): string {
  if (typeof value !== "string" || (!allowEmpty && value === ""))
    throw invalid(method, `${name} must be a ${allowEmpty ? "" : "non-empty "}string`);
  return value;
}

function windowId(method: string, value: unknown): DesktopWindowId {
  if (
    (typeof value === "string" && value !== "") ||
    (typeof value === "number" && Number.isInteger(value) && value >= 0)
  )
    return value as DesktopWindowId;
  throw invalid(method, "windowId must be a non-empty string or a whole number");
}

function keyList(method: string, name: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((k) => typeof k !== "string" || k === ""))
    throw invalid(method, `${name} must be an array of non-empty strings`);
  return value as string[];
}

async function bytesOf(stream: ReadableStream<Uint8Array> | undefined): Promise<Uint8Array> {
  return stream ? new Uint8Array(await new Response(stream).arrayBuffer()) : new Uint8Array(0);
}

/** Resolutions as `[width, height]` pairs (the official SDK's type), whichever form the agent listed. */
const asPair = (r: { width: number; height: number } | number[]): [number, number] =>
  Array.isArray(r) ? [r[0] ?? 0, r[1] ?? 0] : [r.width, r.height];

/**
 * The desktop of a sandbox whose template has one (`sandbox.desktop`): VNC, mouse, keyboard, clipboard, screenshots,
 * recording, windows, display and X11 tools. A template without a desktop answers with `DesktopNotAvailableError`.
 *
 * @example
 * ```ts
 * import type { Sandbox } from "hopx-client";
 *
 * declare const sandbox: Sandbox;
 *
 * await sandbox.desktop.mouseClick(200, 120);
 * await sandbox.desktop.keyboardType("hello");
 * const png = await sandbox.desktop.screenshot(); // PNG bytes
 * ```
 */
export class Desktop {
  constructor(private readonly ctx: AgentContext) {}

  private get api(): AgentContext["resources"]["desktop"] {
    return this.ctx.resources.desktop;
  }

  /**
   * Runs the spec's form of a call, then, where older agents only know a legacy path (the official SDK's),
   * the legacy forms in order (routes.ts). A 501/503 is DesktopNotAvailableError (errorFromResponse).
   */
  private async call<T>(pending: () => Promise<T>, ...legacy: Array<() => Promise<T>>): Promise<T> {
    return firstRoute([pending, ...legacy]);
  }

  // VNC

  /** Starts the VNC server and returns where to connect. */
  async startVnc(options: DesktopVncStartRequest = {}, request?: RequestOptions): Promise<DesktopVncInfo> {
    if (options.display !== undefined) size("startVnc", "display", options.display);
    return this.call(() => this.api.vnc.start(options, request));
  }

  /** Stops the VNC server. */
  async stopVnc(request?: RequestOptions): Promise<void> {
    await this.call(() => this.api.vnc.stop(request));
  }

  /** `GET /desktop/vnc/status` (the official SDK's `/vnc/info` is a legacy path). */
  async getVncInfo(request?: RequestOptions): Promise<DesktopVncInfo> {
    return this.call(
      () => this.api.vnc.status(request),
      () => this.api.vnc.info(request),
    );
  }

  /** The VNC URL, or "" while no VNC server runs. */
  async getVncUrl(request?: RequestOptions): Promise<string> {
    return (await this.getVncInfo(request)).url ?? "";
  }

  // Mouse

  /** Clicks at (x, y) in screen pixels. */
  async mouseClick(x: number, y: number, options: MouseClickOptions = {}, request?: RequestOptions): Promise<void> {
    const body = {
      x: pixel("mouseClick", "x", x),
      y: pixel("mouseClick", "y", y),
      button: options.button ?? "left",
      clicks: options.clicks ?? 1,
    };
    if (!BUTTONS.includes(body.button)) throw invalid("mouseClick", `button must be one of ${BUTTONS.join(", ")}`);
    size("mouseClick", "clicks", body.clicks);
    await this.call(() => this.api.mouse.click(body, request));
  }

  /** Moves the pointer to (x, y). */
  async mouseMove(x: number, y: number, request?: RequestOptions): Promise<void> {
    const body = { x: pixel("mouseMove", "x", x), y: pixel("mouseMove", "y", y) };
    await this.call(() => this.api.mouse.move(body, request));
  }

  /** Drags from one point to another with a button held (default `left`). */
  async mouseDrag(
    fromX: number,
    fromY: number,
    toX: number,
    toY: number,
    options: { button?: MouseButton } = {},
    request?: RequestOptions,
  ): Promise<void> {
    const m = "mouseDrag";
    const body = {
      fromX: pixel(m, "fromX", fromX),
      fromY: pixel(m, "fromY", fromY),
      toX: pixel(m, "toX", toX),
      toY: pixel(m, "toY", toY),
    };
    if (options.button !== undefined && !BUTTONS.includes(options.button))
      throw invalid(m, `button must be one of ${BUTTONS.join(", ")}`);
    await this.call(() =>
      this.api.mouse.drag({ ...body, ...(options.button ? { button: options.button } : {}) }, request),
    );
  }

  /** Scrolls at (x, y) by `deltaY` (positive: down), the official SDK's form of the scroll body. */
  async mouseScroll(x: number, y: number, deltaY: number, request?: RequestOptions): Promise<void> {
    if (typeof deltaY !== "number" || !Number.isInteger(deltaY))
      throw invalid("mouseScroll", "deltaY must be a whole number");
    const body = { x: pixel("mouseScroll", "x", x), y: pixel("mouseScroll", "y", y), deltaY };
    await this.call(() => this.api.mouse.scroll(body, request));
  }

  // Keyboard

  /** Types `value` as keystrokes, with an optional pause between keys. */
  async keyboardType(value: string, options: { delayMs?: number } = {}, request?: RequestOptions): Promise<void> {
    const body = { text: text("keyboardType", "text", value, true) };
    if (options.delayMs !== undefined && !(Number.isInteger(options.delayMs) && options.delayMs >= 0))
      throw invalid("keyboardType", "delayMs must be a whole number ≥ 0");
    await this.call(() =>
      this.api.keyboard.type(
        { ...body, ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }) },
        request,
      ),
    );
  }

  /** Presses one key (`Return`, `a`, `F5` …). */
  async keyboardPress(key: string, request?: RequestOptions): Promise<void> {
    const body = { key: text("keyboardPress", "key", key) };
    await this.call(() => this.api.keyboard.press(body, request));
  }

  /** Presses `keys` together, modifiers first (e.g. `["ctrl", "c"]`). */
  async keyboardCombination(keys: string[], request?: RequestOptions): Promise<void> {
    const list = keyList("keyboardCombination", "keys", keys);
    if (list.length === 0) throw invalid("keyboardCombination", "keys must not be empty");
    await this.call(() => this.api.keyboard.combination({ keys: list }, request));
  }

  /** Holds `modifiers` and presses `key` (`POST /desktop/x11/hotkey`). */
  async hotkey(modifiers: string[], key: string, request?: RequestOptions): Promise<void> {
    const body = { modifiers: keyList("hotkey", "modifiers", modifiers), key: text("hotkey", "key", key) };
    await this.call(() => this.api.x11.hotkey(body, request));
  }

  // Clipboard

  /** Clipboard text; agents send `text` (newer) or `content` (older), read in that order. */
  async getClipboard(request?: RequestOptions): Promise<string> {
    const answer = await this.call(() => this.api.clipboard.get(request));
    return answer.text ?? answer.content ?? "";
  }

  /** Sets the clipboard's text. */
  async setClipboard(value: string, request?: RequestOptions): Promise<void> {
    const body = { text: text("setClipboard", "text", value, true) };
    await this.call(() => this.api.clipboard.set(body, request));
  }

  /** Earlier clipboard contents the agent kept. */
  async getClipboardHistory(request?: RequestOptions): Promise<string[]> {
    return (await this.call(() => this.api.clipboard.history(request))).history ?? [];
  }

  // Screen

  /** PNG bytes of the whole screen (`GET /desktop/screenshot`, the spec's main form). */
  async screenshot(request?: RequestOptions): Promise<Uint8Array> {
    return this.call(
      async () => bytesOf(await this.api.screen.take(request)),
      async () => bytesOf(await this.api.screen.takePost(request)),
    );
  }

  /** PNG bytes of a rectangle of the screen. */
  async screenshotRegion(
    x: number,
    y: number,
    width: number,
    height: number,
    request?: RequestOptions,
  ): Promise<Uint8Array> {
    const m = "screenshotRegion";
    const body = {
      x: pixel(m, "x", x),
      y: pixel(m, "y", y),
      width: size(m, "width", width),
      height: size(m, "height", height),
    };
    return this.call(async () => bytesOf(await this.api.screen.region(body, request)));
  }

  /** PNG bytes of one window (the active one when `windowId` is omitted). */
  async captureWindow(windowIdValue?: string, request?: RequestOptions): Promise<Uint8Array> {
    const query = windowIdValue === undefined ? {} : { windowId: String(windowId("captureWindow", windowIdValue)) };
    return this.call(async () => bytesOf(await this.api.x11.captureWindow(query, request)));
  }

  // Recording

  /** Starts recording the screen to a video; `stopRecording` ends it. */
  async startRecording(options: RecordingOptions = {}, request?: RequestOptions): Promise<DesktopRecordingInfo> {
    const body: DesktopRecordingStartRequest = typeof options === "string" ? { outputFile: options } : options;
    if (body.fps !== undefined) size("startRecording", "fps", body.fps);
    return this.call(() => this.api.recording.start(body, request));
  }

  /** Stops the given recording, or the current one. */
  async stopRecording(recordingId?: string, request?: RequestOptions): Promise<DesktopRecordingInfo> {
    const body = recordingId === undefined ? {} : { recordingId: text("stopRecording", "recordingId", recordingId) };
    return this.call(() => this.api.recording.stop(body, request));
  }

  /** The state of the given recording, or of the current one. */
  async getRecordingStatus(recordingId?: string, request?: RequestOptions): Promise<DesktopRecordingInfo> {
    const query = recordingId === undefined ? {} : { id: text("getRecordingStatus", "recordingId", recordingId) };
    return this.call(() => this.api.recording.status(query, request));
  }

  /** The video as a stream, read from the network as the caller reads it. */
  async downloadRecordingStream(recordingId?: string, request?: RequestOptions): Promise<ReadableStream<Uint8Array>> {
    const query = recordingId === undefined ? {} : { id: text("downloadRecording", "recordingId", recordingId) };
    const legacy =
      recordingId === undefined
        ? []
        : [async () => (await this.api.recording.downloadLegacy(recordingId, request)) ?? new Blob([]).stream()];
    return this.call(
      async () => (await this.api.recording.download(query, request)) ?? new Blob([]).stream(),
      ...legacy,
    );
  }

  /** The video's bytes (the latest recording when `recordingId` is omitted). */
  async downloadRecording(recordingId?: string, request?: RequestOptions): Promise<Uint8Array> {
    return bytesOf(await this.downloadRecordingStream(recordingId, request));
  }

  // Windows

  /** The desktop's windows. */
  async listWindows(request?: RequestOptions): Promise<DesktopWindow[]> {
    return (
      (
        await this.call(
          () => this.api.windows.list(request),
          () => this.api.windows.listLegacy(request),
        )
      ).windows ?? []
    );
  }

  /** Brings a window to the front. */
  async focusWindow(id: DesktopWindowId, request?: RequestOptions): Promise<void> {
    const body = { windowId: windowId("focusWindow", id) };
    await this.call(() => this.api.windows.focus(body, request));
  }

  /** Closes a window. */
  async closeWindow(id: DesktopWindowId, request?: RequestOptions): Promise<void> {
    const body = { windowId: windowId("closeWindow", id) };
    await this.call(() => this.api.windows.close(body, request));
  }

  /** Minimizes a window. */
  async minimizeWindow(id: DesktopWindowId, request?: RequestOptions): Promise<void> {
    const body = { windowId: windowId("minimizeWindow", id) };
    await this.call(() => this.api.windows.minimize(body, request));
  }

  /** Resizes a window to `width` × `height` pixels. */
  async resizeWindow(id: DesktopWindowId, width: number, height: number, request?: RequestOptions): Promise<void> {
    const body = {
      windowId: windowId("resizeWindow", id),
      width: size("resizeWindow", "width", width),
      height: size("resizeWindow", "height", height),
    };
    await this.call(() => this.api.windows.resize(body, request));
  }

  // Display

  /** `GET /desktop/display/current`. */
  async getDisplayInfo(request?: RequestOptions): Promise<DesktopDisplayInfo> {
    return this.call(
      () => this.api.display.info(request),
      () => this.api.display.infoLegacy(request),
      () => this.api.display.getLegacy(request),
    );
  }

  /** `POST /desktop/display/set`; returns the new display configuration. */
  async setResolution(width: number, height: number, request?: RequestOptions): Promise<DesktopDisplayInfo> {
    const body = { width: size("setResolution", "width", width), height: size("setResolution", "height", height) };
    return this.call(
      () => this.api.display.set(body, request),
      () => this.api.display.setLegacy(body, request),
    );
  }

  /** `GET /desktop/display/available`, as `[width, height]` pairs. */
  async getAvailableResolutions(request?: RequestOptions): Promise<Array<[number, number]>> {
    return (
      (
        await this.call(
          () => this.api.display.resolutions(request),
          () => this.api.display.resolutionsLegacy(request),
        )
      ).resolutions ?? []
    ).map(asPair);
  }

  // Screen text and elements

  /** Text recognised in a rectangle of the screen. */
  async ocr(
    x: number,
    y: number,
    width: number,
    height: number,
    options: OCROptions = {},
    request?: RequestOptions,
  ): Promise<string> {
    const m = "ocr";
    const body = {
      x: pixel(m, "x", x),
      y: pixel(m, "y", y),
      width: size(m, "width", width),
      height: size(m, "height", height),
      language: options.language ?? "eng",
    };
    return (await this.call(() => this.api.x11.ocr(body, request))).text;
  }

  /** Where `value` is shown on screen, or null when it is not. */
  async findElement(value: string, request?: RequestOptions): Promise<DesktopElementBounds | null> {
    const body = { text: text("findElement", "text", value) };
    return (await this.call(() => this.api.x11.findElement(body, request))).element ?? null;
  }

  /** Waits up to `timeoutSeconds` (default 30) for `value` to appear; null when it never does. */
  async waitFor(value: string, timeoutSeconds = 30, request?: RequestOptions): Promise<DesktopElementBounds | null> {
    const body = {
      text: text("waitFor", "text", value),
      timeout: checkDurationSeconds("desktop.waitFor: timeoutSeconds", timeoutSeconds, EXECUTION_GRACE_MS),
    };
    const options = callDeadline("desktop.waitFor", request, timeoutSeconds * 1000 + EXECUTION_GRACE_MS);
    return (await this.call(() => this.api.x11.waitFor(body, options))).element ?? null;
  }

  /** Bounding box of the element showing `value`. */
  async getBounds(value: string, request?: RequestOptions): Promise<DesktopElementBounds> {
    const body = { text: text("getBounds", "text", value) };
    return this.call(() => this.api.x11.getBounds(body, request));
  }

  /** Drag and drop through X11 (`POST /desktop/x11/drag-drop`, the spec's path). */
  async dragDrop(fromX: number, fromY: number, toX: number, toY: number, request?: RequestOptions): Promise<void> {
    const m = "dragDrop";
    const body = {
      fromX: pixel(m, "fromX", fromX),
      fromY: pixel(m, "fromY", fromY),
      toX: pixel(m, "toX", toX),
      toY: pixel(m, "toY", toY),
    };
    await this.call(
      () => this.api.x11.dragDrop(body, request),
      () => this.api.x11.dragDropLegacy(body, request),
    );
  }

  // Debug

  /** The desktop service's recent log lines, for troubleshooting. */
  async getDebugLogs(request?: RequestOptions): Promise<string[]> {
    return (await this.call(() => this.api.debug.logs(request))).logs ?? [];
  }

  /** The desktop service's processes, for troubleshooting. */
  async getDebugProcesses(request?: RequestOptions): Promise<DesktopDebugProcess[]> {
    return (await this.call(() => this.api.debug.processes(request))).processes ?? [];
  }
}
