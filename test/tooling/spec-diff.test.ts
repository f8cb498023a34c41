// spec:diff on fixture pairs (test/fixtures/spec-diff/<case>/{old,new}.json), one per rule, and the bump check:
// on its own, and end to end in a scratch git repository with release tags and changesets.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { changesetBump, checkBump, minimumVersion } from "../../scripts/spec-diff/bump.js";
import { diffDocuments } from "../../scripts/spec-diff/documents.js";
import { type Bump, maxBump } from "../../scripts/spec-diff/model.js";
import { runSpecDiff } from "../../scripts/spec-diff/run.js";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const FIXTURES = join(ROOT, "test/fixtures/spec-diff");
const load = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, "utf8"));

function diffCase(name: string) {
  const changes = diffDocuments(load(join(FIXTURES, name, "old.json")), load(join(FIXTURES, name, "new.json")));
  return { changes, level: maxBump(changes.map((c) => c.level)) };
}

// case → [demanded bump, the rule that must fire, where]
const RULES: [string, Bump, string, string][] = [
  ["operation-removed", "major", "operation removed", "GET /things/{thingId}"],
  ["success-response-removed", "major", "response removed", "GET /things/{thingId} response 200"],
  ["response-field-removed", "major", "field removed", "components/schemas/Thing.size"],
  ["request-field-removed", "major", "field removed", "components/schemas/CreateThing.mode"],
  ["request-type-narrowed", "major", "type narrowed", "components/schemas/CreateThing.count"],
  ["request-enum-narrowed", "major", "enum value removed", "components/schemas/CreateThing.mode"],
  ["request-field-made-required", "major", "field made required", "components/schemas/CreateThing.mode"],
  ["request-required-field-added", "major", "required field added", "components/schemas/CreateThing.owner"],
  ["request-constraint-tightened", "major", "constraint tightened", "components/schemas/CreateThing.name"],
  ["required-parameter-added", "major", "required parameter added", "GET /things/{thingId} query parameter fields"],
  ["response-field-made-optional", "major", "field made optional", "components/schemas/Thing.status"],
  ["response-made-nullable", "major", "made nullable", "components/schemas/Thing.size"],
  ["response-enum-value-added", "major", "enum value added", "components/schemas/Status"],
  ["shared-schema-both-directions", "major", "required field added", "components/schemas/Tag.value"],
  ["operation-added", "minor", "operation added", "DELETE /things/{thingId}"],
  ["request-optional-field-added", "minor", "optional field added", "components/schemas/CreateThing.label"],
  ["optional-parameter-added", "minor", "optional parameter added", "GET /things/{thingId} query parameter fields"],
  ["request-enum-widened", "minor", "enum value added", "components/schemas/CreateThing.mode"],
  ["response-optional-field-added", "minor", "optional field added", "components/schemas/Thing.label"],
  ["response-enum-value-removed", "minor", "enum value removed", "components/schemas/Status"],
  ["response-field-made-required", "minor", "field made required", "components/schemas/Thing.size"],
  ["description-only", "patch", "description changed", "components/schemas/Thing"],
  ["path-parameter-renamed", "patch", "path parameter renamed", "GET /things/{id} path parameter thingId"],
];

describe("spec:diff classifies each rule's fixture pair", () => {
  it.each(RULES)("%s demands %s (%s)", (name, level, kind, where) => {
    const result = diffCase(name);
    expect(result.level).toBe(level);
    expect(result.changes).toContainEqual(expect.objectContaining({ kind, where, level }));
  });

  it("finds nothing in an unchanged pair", () => {
    expect(diffCase("no-change")).toEqual({ changes: [], level: "none" });
  });

  it("judges a schema used by requests and responses by the stricter direction", () => {
    const change = diffCase("shared-schema-both-directions").changes.find((c) => c.kind === "required field added");
    expect(change?.directions.sort()).toEqual(["request", "response"]);
  });

  it("reports a description-only pair as nothing but patch-level changes", () => {
    const { changes } = diffCase("description-only");
    expect(changes.map((c) => c.kind).sort()).toEqual(
      ["example changed", "info changed", "summary changed", "description changed"].sort(),
    );
  });

  it("finds no change between a bundled spec and itself", () => {
    for (const api of ["control-plane", "vm-agent"]) {
      const doc = load(join(ROOT, "generated", api, "openapi.json"));
      expect(diffDocuments(doc, structuredClone(doc))).toEqual([]);
    }
  });
});

describe("the declared bump against the demanded one", () => {
  it("reads the highest bump for hopx-client from changeset front matter", () => {
    const files = [
      '---\n"hopx-client": patch\n---\n\nFix a description.\n',
      "---\nhopx-client: minor\nother-package: major\n---\n\nAdd an operation.\n",
      "no front matter\n",
    ];
    expect(changesetBump(files, "hopx-client")).toBe("minor");
    expect(changesetBump([], "hopx-client")).toBe("none");
  });

  it("asks breaking changes to leave the caret range of the base version", () => {
    expect(minimumVersion("1.2.3", "major")).toBe("2.0.0");
    expect(minimumVersion("1.2.3", "minor")).toBe("1.3.0");
    expect(minimumVersion("1.2.3", "patch")).toBe("1.2.4");
    expect(minimumVersion("0.2.3", "major")).toBe("0.3.0");
    expect(minimumVersion("0.2.3", "minor")).toBe("0.2.4");
    expect(minimumVersion("0.0.3", "major")).toBe("0.0.4");
    expect(minimumVersion("1.2.3", "none")).toBe("1.2.3");
  });

  it("fails a bump lower than demanded, from changesets or from package.json", () => {
    expect(checkBump("major", "1.2.3", "1.2.3", "minor").ok).toBe(false);
    expect(checkBump("major", "1.2.3", "1.2.3", "major").ok).toBe(true);
    expect(checkBump("minor", "1.2.3", "1.2.4", "none").ok).toBe(false);
    expect(checkBump("minor", "1.2.3", "1.3.0", "none")).toMatchObject({ ok: true, declared: "1.3.0" });
    expect(checkBump("patch", "1.2.3", "1.2.3", "none").ok).toBe(false);
    expect(checkBump("none", "1.2.3", "1.2.3", "none").ok).toBe(true);
    expect(checkBump("major", "0.1.0", "0.1.0", "minor")).toMatchObject({ ok: true, declared: "0.2.0" });
  });
});

describe("spec:diff between two git refs", () => {
  const repo = mkdtempSync(join(tmpdir(), "hopx-spec-diff-"));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = (...args: string[]): void => {
    const r = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd: repo });
    if (r.status !== 0) throw new Error(String(r.stderr));
  };
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  };
  const bundle = (api: string, name: string): void =>
    write(`generated/${api}/openapi.json`, readFileSync(join(FIXTURES, name), "utf8"));

  git("init", "-q");
  write("package.json", JSON.stringify({ name: "hopx-client", version: "1.4.0" }));
  bundle("control-plane", "operation-added/old.json");
  bundle("vm-agent", "no-change/old.json");
  git("add", "-A");
  git("commit", "-qm", "release");
  git("tag", "v1.4.0");
  write("README.md", "later commit\n");
  git("add", "-A");
  git("commit", "-qm", "docs");

  it("compares the latest release tag with the working tree by default", () => {
    bundle("control-plane", "operation-added/new.json");
    const result = runSpecDiff(repo);
    expect(result.base).toBe("v1.4.0");
    expect(result.required).toBe("minor");
    expect(result.check).toMatchObject({ ok: false, minimum: "1.5.0", declared: "1.4.0" });
  });

  it("passes once a changeset declares the demanded bump, and fails a breaking change on it", () => {
    write(".changeset/add-delete.md", '---\n"hopx-client": minor\n---\n\nAdd deleteThing.\n');
    expect(runSpecDiff(repo).check).toMatchObject({ ok: true, declared: "1.5.0" });
    bundle("vm-agent", "operation-removed/new.json");
    const result = runSpecDiff(repo);
    expect(result.required).toBe("major");
    expect(result.check).toMatchObject({ ok: false, minimum: "2.0.0" });
  });

  it("compares two given refs, and exits non-zero from the command line when the bump is too low", () => {
    git("add", "-A");
    git("commit", "-qm", "break");
    expect(runSpecDiff(repo, "v1.4.0", "HEAD").changes["vm-agent"]).toContainEqual(
      expect.objectContaining({ kind: "operation removed", level: "major" }),
    );
    const cli = spawnSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "scripts/spec-diff/cli.ts"), "v1.4.0"], {
      cwd: repo,
      encoding: "utf8",
    });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain("major  operation removed: GET /things/{thingId}");
    expect(cli.stdout).toContain("FAIL: 1.5.0 is lower than 2.0.0");
  });
});
