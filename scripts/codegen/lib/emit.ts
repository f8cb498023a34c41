// ts-morph plumbing shared by the emitters: one in-memory project, structures in, formatted text out.
import {
  IndentationText,
  Project,
  QuoteKind,
  type JSDocStructure,
  type OptionalKind,
  type SourceFileStructure,
} from "ts-morph";

const project = new Project({
  useInMemoryFileSystem: true,
  manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double },
});

/** Prints a whole file from its structure; the header goes first (ts-morph would put it after imports). */
export function printFile(name: string, header: string, structure: OptionalKind<SourceFileStructure>): string {
  const file = project.createSourceFile(name, structure, { overwrite: true });
  const text = file.getFullText();
  project.removeSourceFile(file);
  return `${header}${text.startsWith("\n") ? "" : "\n"}${text.replace(/\n{3,}/g, "\n\n")}`;
}

/** A JSDoc block from spec prose; `*\/` cannot appear inside a comment. */
export function docs(...parts: Array<string | undefined | false>): OptionalKind<JSDocStructure>[] {
  const text = parts
    .filter((p): p is string => typeof p === "string" && p.trim().length > 0)
    .join("\n\n")
    .replaceAll("*/", "*\\/")
    .trim();
  return text ? [{ description: text }] : [];
}
