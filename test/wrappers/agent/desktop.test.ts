// sandbox.desktop against the Prism mock: each call's method, path and body are validated against the
// spec, and the recorded requests prove the spec's forms are used (not the official SDK's legacy ones).
import { describe, expect, inject, it } from "vitest";
import { DesktopNotAvailableError, ValidationError } from "hopx-client";
import { Desktop } from "hopx-client/raw";
import { agentContext } from "hopx-client/raw";
import { recordingContext } from "../../support/recorder.js";
import { json, useFaultServer, type Handler } from "../../support/fault-server.js";

const TOKEN = "eyJhbGciOiJIUzI1NiJ9.test.sig";

function recorder(baseURL: string) {
  const { ctx, calls, bodies } = recordingContext(baseURL);
  return { desktop: new Desktop(ctx), calls, bodies };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

describe("Desktop against the mock", () => {
  it("controls VNC with the spec's POSTs", async () => {
    const { desktop, calls, bodies } = recorder(inject("agentUrl"));
    expect(await desktop.startVnc({ display: 1, password: "pw" })).toBeTypeOf("object");
    expect(typeof (await desktop.getVncInfo())).toBe("object");
    expect(typeof (await desktop.getVncUrl())).toBe("string");
    await desktop.stopVnc();
    expect(calls).toEqual([
      "POST /desktop/vnc/start",
      "GET /desktop/vnc/status",
      "GET /desktop/vnc/status",
      "POST /desktop/vnc/stop",
    ]);
    expect(bodies[0]).toEqual({ display: 1, password: "pw" });
  });

  it("sends mouse and keyboard actions with their bodies", async () => {
    const { desktop, calls, bodies } = recorder(inject("agentUrl"));
    await desktop.mouseClick(10, 20, { button: "right", clicks: 2 });
    await desktop.mouseClick(1, 2);
    await desktop.mouseMove(5, 6);
    await desktop.mouseDrag(1, 2, 3, 4);
    await desktop.mouseScroll(100, 100, -3);
    await desktop.keyboardType("hello", { delayMs: 5 });
    await desktop.keyboardPress("Return");
    await desktop.keyboardCombination(["ctrl", "c"]);
    await desktop.hotkey(["ctrl", "shift"], "t");
    expect(calls).toEqual([
      "POST /desktop/mouse/click",
      "POST /desktop/mouse/click",
      "POST /desktop/mouse/move",
      "POST /desktop/mouse/drag",
      "POST /desktop/mouse/scroll",
      "POST /desktop/keyboard/type",
      "POST /desktop/keyboard/press",
      "POST /desktop/keyboard/combination",
      "POST /desktop/x11/hotkey",
    ]);
    expect(bodies).toEqual([
      { x: 10, y: 20, button: "right", clicks: 2 },
      { x: 1, y: 2, button: "left", clicks: 1 },
      { x: 5, y: 6 },
      { from_x: 1, from_y: 2, to_x: 3, to_y: 4 },
      { x: 100, y: 100, delta_y: -3 },
      { text: "hello", delay_ms: 5 },
      { key: "Return" },
      { keys: ["ctrl", "c"] },
      { modifiers: ["ctrl", "shift"], key: "t" },
    ]);
  });

  it("reads and writes the clipboard", async () => {
    const { desktop, calls, bodies } = recorder(inject("agentUrl"));
    expect(typeof (await desktop.getClipboard())).toBe("string");
    await desktop.setClipboard("copied");
    expect(Array.isArray(await desktop.getClipboardHistory())).toBe(true);
    expect(calls).toEqual([
      "GET /desktop/clipboard/get",
      "POST /desktop/clipboard/set",
      "GET /desktop/clipboard/history",
    ]);
    expect(bodies[1]).toEqual({ text: "copied" });
  });

  it("returns screenshots and window captures as PNG bytes", async () => {
    const { desktop, calls, bodies } = recorder(inject("agentUrl"));
    for (const image of [
      await desktop.screenshot(),
      await desktop.screenshotRegion(0, 0, 100, 50),
      await desktop.captureWindow("0x1a00003"),
    ]) {
      expect(image).toBeInstanceOf(Uint8Array);
      // The mock's image fixtures are placeholder text; what matters is that they arrive untouched.
      expect(new TextDecoder().decode(image)).toMatch(/^\(binary PNG data/);
    }
    expect(calls).toEqual([
      "GET /desktop/screenshot",
      "POST /desktop/screenshot/region",
      "GET /desktop/x11/capture_window?window_id=0x1a00003",
    ]);
    expect(bodies[1]).toEqual({ x: 0, y: 0, width: 100, height: 50 });
  });

  it("records the screen", async () => {
    const { desktop, calls, bodies } = recorder(inject("agentUrl"));
    expect(await desktop.startRecording({ fps: 10, format: "mp4", quality: "high" })).toBeTypeOf("object");
    await desktop.startRecording("/workspace/out.mp4");
    expect(await desktop.getRecordingStatus("rec_1")).toBeTypeOf("object");
    expect(await desktop.stopRecording("rec_1")).toBeTypeOf("object");
    const video = await desktop.downloadRecording("rec_1");
    expect(video).toBeInstanceOf(Uint8Array);
    expect(video.byteLength).toBeGreaterThan(0);
    expect(await desktop.downloadRecordingStream()).toBeInstanceOf(ReadableStream);
    expect(calls).toEqual([
      "POST /desktop/recording/start",
      "POST /desktop/recording/start",
      "GET /desktop/recording/status?id=rec_1",
      "POST /desktop/recording/stop",
      "GET /desktop/recording/download?id=rec_1",
      "GET /desktop/recording/download",
    ]);
    expect(bodies.slice(0, 2)).toEqual([
      { fps: 10, format: "mp4", quality: "high" },
      { output_file: "/workspace/out.mp4" },
    ]);
    expect(bodies[3]).toEqual({ recording_id: "rec_1" });
  });

  it("manages windows and the display", async () => {
    const { desktop, calls, bodies } = recorder(inject("agentUrl"));
    const windows = await desktop.listWindows();
    expect(Array.isArray(windows)).toBe(true);
    await desktop.focusWindow("0x1a00003");
    await desktop.closeWindow(12345);
    await desktop.minimizeWindow("0x1a00003");
    await desktop.resizeWindow("0x1a00003", 800, 600);
    expect(await desktop.getDisplayInfo()).toBeTypeOf("object");
    await desktop.setResolution(1920, 1080);
    const resolutions = await desktop.getAvailableResolutions();
    for (const pair of resolutions) {
      expect(pair).toHaveLength(2);
      expect(typeof pair[0]).toBe("number");
    }
    expect(calls).toEqual([
      "GET /desktop/windows/list",
      "POST /desktop/windows/focus",
      "POST /desktop/windows/close",
      "POST /desktop/windows/minimize",
      "POST /desktop/windows/resize",
      "GET /desktop/display/current",
      "POST /desktop/display/set",
      "GET /desktop/display/available",
    ]);
    expect(bodies[2]).toEqual({ window_id: 12345 });
    expect(bodies[4]).toEqual({ window_id: "0x1a00003", width: 800, height: 600 });
    expect(bodies[6]).toEqual({ width: 1920, height: 1080 });
  });

  it("reads screen text and finds elements", async () => {
    const { desktop, calls, bodies } = recorder(inject("agentUrl"));
    expect(typeof (await desktop.ocr(0, 0, 200, 100))).toBe("string");
    const found = await desktop.findElement("OK");
    expect(found === null || typeof found.x === "number").toBe(true);
    const waited = await desktop.waitFor("Done", 5);
    expect(waited === null || typeof waited.x === "number").toBe(true);
    expect(typeof (await desktop.getBounds("OK")).width).toBe("number");
    await desktop.dragDrop(1, 2, 3, 4);
    expect(calls).toEqual([
      "POST /desktop/x11/ocr",
      "POST /desktop/x11/find_element",
      "POST /desktop/x11/wait_for",
      "POST /desktop/x11/get_bounds",
      "POST /desktop/x11/drag-drop",
    ]);
    expect(bodies[0]).toEqual({ x: 0, y: 0, width: 200, height: 100, language: "eng" });
    expect(bodies[2]).toEqual({ text: "Done", timeout: 5 });
  });

  it("reads debug logs and processes", async () => {
    const { desktop, calls } = recorder(inject("agentUrl"));
    expect(Array.isArray(await desktop.getDebugLogs())).toBe(true);
    expect(Array.isArray(await desktop.getDebugProcesses())).toBe(true);
    expect(calls).toEqual(["GET /desktop/debug/logs", "GET /desktop/debug/processes"]);
  });

  it("throws DesktopNotAvailableError on the documented 503 and 501", async () => {
    const { desktop } = recorder(inject("agentUrl"));
    for (const code of [503, 501]) {
      const opts = { headers: { Prefer: `code=${code}` } };
      await expect(desktop.mouseClick(1, 1, {}, opts)).rejects.toBeInstanceOf(DesktopNotAvailableError);
      await expect(desktop.getClipboard(opts)).rejects.toBeInstanceOf(DesktopNotAvailableError);
      await expect(desktop.listWindows(opts)).rejects.toBeInstanceOf(DesktopNotAvailableError);
      await expect(desktop.startVnc({}, opts)).rejects.toBeInstanceOf(DesktopNotAvailableError);
    }
  });

  it("validates arguments before sending anything", async () => {
    const { desktop, calls } = recorder(inject("agentUrl"));
    await expect(desktop.mouseClick(-1, 0)).rejects.toBeInstanceOf(ValidationError);
    await expect(desktop.mouseClick(1.5, 0)).rejects.toBeInstanceOf(ValidationError);
    await expect(desktop.mouseClick(1, 1, { button: "side" as never })).rejects.toBeInstanceOf(ValidationError);
    await expect(desktop.mouseClick(1, 1, { clicks: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(desktop.screenshotRegion(0, 0, 0, 10)).rejects.toBeInstanceOf(ValidationError);
    await expect(desktop.keyboardCombination([])).rejects.toBeInstanceOf(ValidationError);
    await expect(desktop.keyboardPress("")).rejects.toBeInstanceOf(ValidationError);
    await expect(desktop.focusWindow("")).rejects.toBeInstanceOf(ValidationError);
    await expect(desktop.setResolution(0, 1080)).rejects.toBeInstanceOf(ValidationError);
    await expect(desktop.waitFor("x", 0)).rejects.toBeInstanceOf(ValidationError);
    await expect(desktop.hotkey("ctrl" as unknown as string[], "c")).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toEqual([]);
  });
});

describe("Desktop answers from a scripted agent", () => {
  const server = useFaultServer();

  it("maps a 501 without an error code to DesktopNotAvailableError", async () => {
    server.script(json(501, { error: "not implemented" }));
    await expect(
      new Desktop(agentContext({ baseURL: server.url, token: TOKEN })).mouseMove(1, 1),
    ).rejects.toBeInstanceOf(DesktopNotAvailableError);
  });

  it("returns image bytes exactly as sent", async () => {
    const png = new Uint8Array([...PNG_SIGNATURE, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x80, 0x7f]);
    const image: Handler = (_req, res) => {
      res.writeHead(200, { "content-type": "image/png", "content-length": String(png.byteLength) });
      res.end(png);
    };
    server.script(image, image);
    const desktop = new Desktop(agentContext({ baseURL: server.url, token: TOKEN }));
    expect(await desktop.screenshot()).toEqual(png);
    expect(await desktop.screenshotRegion(1, 2, 3, 4)).toEqual(png);
  });

  it("normalises clipboard and resolution variants", async () => {
    server.script(
      json(200, { content: "old-style" }),
      json(200, { resolutions: [{ width: 1024, height: 768 }, [800, 600]] }),
    );
    const desktop = new Desktop(agentContext({ baseURL: server.url, token: TOKEN }));
    expect(await desktop.getClipboard()).toBe("old-style");
    expect(await desktop.getAvailableResolutions()).toEqual([
      [1024, 768],
      [800, 600],
    ]);
  });
});
