// Every promise-returning function of the hand-written SDK is `async`, so a bad argument or a missing
// host rejects the promise instead of throwing at the call site (a caller's `.catch()` would miss it).
// Checked on the source with ts-morph: a declared `Promise<…>` (or AsyncGenerator) return type on a
// function, method or arrow that is not `async` fails the test, by file and name.
import { Node, Project, SyntaxKind } from "ts-morph";
import { describe, expect, it } from "vitest";

describe("promise-returning functions reject, never throw", () => {
  it("every function declared to return a Promise or AsyncGenerator in src/ is async", () => {
    const project = new Project({ tsConfigFilePath: "tsconfig.json", skipAddingFilesFromTsConfig: true });
    // The public surface: wrappers and generated resources (runtime primitives such as sleep() build their
    // promises with `new Promise`, which turns a throw into a rejection already).
    project.addSourceFilesAtPaths(["src/wrappers/**/*.ts", "generated/*/resources.ts"]);
    const offenders: string[] = [];
    for (const file of project.getSourceFiles()) {
      const kinds = [
        SyntaxKind.MethodDeclaration,
        SyntaxKind.FunctionDeclaration,
        SyntaxKind.ArrowFunction,
        SyntaxKind.FunctionExpression,
      ];
      for (const kind of kinds) {
        for (const fn of file.getDescendantsOfKind(kind)) {
          if (
            !Node.isMethodDeclaration(fn) &&
            !Node.isFunctionDeclaration(fn) &&
            !Node.isArrowFunction(fn) &&
            !Node.isFunctionExpression(fn)
          )
            continue;
          const declared = fn.getReturnTypeNode()?.getText();
          if (!declared || !/^(Promise|AsyncGenerator|AsyncIterableIterator)</.test(declared)) continue;
          if (fn.isAsync() || !fn.getBody()) continue;
          const name =
            Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)
              ? `arrow at line ${fn.getStartLineNumber()}`
              : (fn.getName() ?? "?");
          offenders.push(`${file.getFilePath().replace(`${process.cwd()}/`, "")}: ${name}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
