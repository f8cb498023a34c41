// `hopx run --outputs DIR / --show` (issue 22): the rich outputs the agent returns with an execution (scripted on
// the stateful mock: a PNG, an SVG, HTML and JSON) are written to files whose paths are printed (NDJSON lines
// under -o json); --show draws PNGs with the iTerm2 or kitty protocol where the terminal has one and says why
// not elsewhere.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { imageProtocol, inlineImage } from "../../src/cli/rich-outputs.js";
import { type Bench, startBench } from "../support/official.js";

/** A 1×1 PNG. */
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';
const HTML = "<table><tr><td>1</td></tr></table>";
const JSON_OUTPUT = { data: [{ x: [1, 2], y: [3, 4] }] };

let b: Bench;
beforeAll(async () => {
  b = await startBench();
});
afterAll(async () => {
  await b.close();
});
beforeEach(() => {
  b.mock.reset();
  b.mock.on("executeCode", () => ({ stdout: "drawn\n", png: PNG, svg: SVG, html: HTML, json: JSON_OUTPUT }));
});

const CODE = '"import matplotlib.pyplot as plt; plt.plot([1, 2]); plt.show()"';

describe("hopx run --outputs", () => {
  it("writes each rich output to a file and prints its path", async () => {
    const r = await b.hopx(`hopx run ${CODE} --outputs out`);
    expect(r.code).toBe(0);
    const dir = join(b.dir, "out");
    expect(r.stdout).toBe(
      ["drawn", "out/output-1.png", "out/output-2.svg", "out/output-3.html", "out/output-4.json", ""].join("\n"),
    );
    expect((await readdir(dir)).sort()).toEqual(["output-1.png", "output-2.svg", "output-3.html", "output-4.json"]);
    expect(await readFile(join(dir, "output-1.png"))).toEqual(Buffer.from(PNG, "base64"));
    expect(await readFile(join(dir, "output-2.svg"), "utf8")).toBe(SVG);
    expect(await readFile(join(dir, "output-3.html"), "utf8")).toBe(HTML);
    expect(JSON.parse(await readFile(join(dir, "output-4.json"), "utf8"))).toEqual(JSON_OUTPUT);
    // The code ran through POST /execute (whose answer carries the outputs), not the stream.
    expect(b.mock.requests.some((q) => q.operationId === "executeCode")).toBe(true);
    expect(b.mock.requests.some((q) => q.operationId === "streamExecution")).toBe(false);
  });

  it("never overwrites: a second run numbers its files after the first's", async () => {
    await b.hopx(`hopx run ${CODE} --outputs again`);
    const r = await b.hopx(`hopx run ${CODE} --outputs again`);
    expect(r.stdout.split("\n")[1]).toBe("again/output-5.png");
    expect((await readdir(join(b.dir, "again"))).length).toBe(8);
  });

  it("-o json: NDJSON with each output's type and path", async () => {
    const r = await b.hopx(`hopx run ${CODE} --outputs json-out -o json`);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toEqual({ type: "stdout", data: "drawn\n" });
    expect(lines[1]).toMatchObject({ type: "result", exit_code: 0 });
    expect(lines.filter((l) => l.type === "output")).toEqual([
      { type: "output", mime: "image/png", path: "json-out/output-1.png" },
      { type: "output", mime: "image/svg+xml", path: "json-out/output-2.svg" },
      { type: "output", mime: "text/html", path: "json-out/output-3.html" },
      { type: "output", mime: "application/json", path: "json-out/output-4.json" },
    ]);
    expect(lines.at(-1)).toEqual({ type: "complete", success: true });
  });

  it("says so when the code drew nothing", async () => {
    b.mock.reset();
    const r = await b.hopx('hopx run "print(1)" --outputs none');
    expect(r).toMatchObject({ code: 0, stdout: "1\n" });
    expect(r.stderr).toContain("no rich outputs");
  });
});

describe("hopx run --show", () => {
  it("outside a terminal with images: explains, and falls back to the saved file's path", async () => {
    const r = await b.hopx(`hopx run ${CODE} --show --outputs shown`, { env: { TERM_PROGRAM: "iTerm.app" } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("--show: stdout is not a terminal; the images are saved as files");
    expect(r.stdout).toContain("shown/output-1.png\n");
    expect(r.stdout).not.toContain("\u001b");
  });

  it("without --outputs, saves into a folder of its own", async () => {
    const r = await b.hopx(`hopx run ${CODE} --show`);
    const png = r.stdout.split("\n").find((line) => line.endsWith(".png"))!;
    expect(png).toMatch(/hopx-outputs-.*\/output-1\.png$/);
    expect(await readFile(png)).toEqual(Buffer.from(PNG, "base64"));
  });

  it("knows iTerm2 and kitty by what they export, and never draws into a pipe", () => {
    expect(imageProtocol(true, { TERM_PROGRAM: "iTerm.app" })).toBe("iterm2");
    expect(imageProtocol(true, { LC_TERMINAL: "iTerm2" })).toBe("iterm2");
    expect(imageProtocol(true, { KITTY_WINDOW_ID: "1" })).toBe("kitty");
    expect(imageProtocol(true, { TERM: "xterm-kitty" })).toBe("kitty");
    expect(imageProtocol(true, { TERM: "xterm-256color" })).toBeUndefined();
    expect(imageProtocol(false, { KITTY_WINDOW_ID: "1" })).toBeUndefined();
  });

  it("draws with iTerm2's OSC 1337 and kitty's chunked APC sequences", () => {
    const png = Buffer.from(PNG, "base64");
    expect(inlineImage("iterm2", png)).toBe(`\u001b]1337;File=inline=1;size=${png.length}:${PNG}\u0007\n`);
    expect(inlineImage("kitty", png)).toBe(`\u001b_Gf=100,a=T,m=0;${PNG}\u001b\\\n`);
    // Payloads over 4096 base64 bytes go in chunks, every one but the last marked m=1.
    const big = Buffer.alloc(7000, 7);
    const drawn = inlineImage("kitty", big);
    // Each chunk is ESC _ G <keys> ; <base64> ESC \.
    const chunks = drawn
      .trimEnd()
      .split("\u001b\\")
      .filter(Boolean)
      .map((chunk) => chunk.replace("\u001b_G", "").split(";") as [string, string]);
    expect(chunks.map((c) => c[0])).toEqual(["f=100,a=T,m=1", "m=1", "m=0"]);
    expect(chunks.map((c) => c[1]).join("")).toBe(big.toString("base64"));
  });
});
