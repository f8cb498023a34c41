// Source text as the Python and JavaScript doubles read it: comments dropped and physical lines joined into
// logical statements while a bracket or string is open, each with its line number and indentation.

/** One logical line: its text (comment-free, trimmed), first line number and indentation. */
export interface SourceLine {
  text: string;
  line: number;
  indent: number;
}

/**
 * Splits source into logical lines. `hash` drops `#` comments (Python), else `//` and `/* … *\/` (JavaScript);
 * `semicolons` also ends a statement at a top-level `;`.
 */
export function logicalLines(src: string, hash: boolean, semicolons: boolean): SourceLine[] {
  const out: SourceLine[] = [];
  let text = "";
  let depth = 0;
  let line = 1;
  let start = 1;
  let quote = "";
  let blockComment = false;
  const flush = (): void => {
    const raw = text.replace(/\s+$/, "");
    if (raw.trim() !== "") {
      const indent = /^[ \t]*/.exec(raw)![0].replace(/\t/g, "    ").length;
      out.push({ text: raw.trim(), line: start, indent });
    }
    text = "";
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === "\n") line++;
    if (blockComment) {
      if (c === "*" && src[i + 1] === "/") {
        blockComment = false;
        i++;
      }
      continue;
    }
    if (quote) {
      text += c;
      if (c === "\\") {
        text += src[++i] ?? "";
        if (src[i] === "\n") line++;
      } else if (src.startsWith(quote, i)) {
        text += quote.slice(1);
        i += quote.length - 1;
        quote = "";
      } else if (c === "\n" && quote.length === 1 && quote !== "`") quote = "";
      continue;
    }
    if (text.trim() === "" && c !== "\n") start = line;
    if (hash && c === "#") {
      while (i + 1 < src.length && src[i + 1] !== "\n") i++;
      continue;
    }
    if (!hash && c === "/" && src[i + 1] === "/") {
      while (i + 1 < src.length && src[i + 1] !== "\n") i++;
      continue;
    }
    if (!hash && c === "/" && src[i + 1] === "*") {
      blockComment = true;
      i++;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") {
      quote = hash && src.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      text += quote;
      i += quote.length - 1;
      continue;
    }
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth = Math.max(0, depth - 1);
    if (c === "\\" && src[i + 1] === "\n") {
      i++;
      line++;
      continue;
    }
    if ((c === "\n" && depth === 0 && !continues(text, src, i, hash)) || (semicolons && c === ";" && depth === 0)) {
      flush();
      continue;
    }
    text += c === "\n" ? " " : c;
  }
  flush();
  return out;
}

/** JavaScript statements go on after a line ending in an operator or before one starting with `.`. */
function continues(text: string, src: string, at: number, hash: boolean): boolean {
  if (hash) return false;
  return /[+\-*/%=&|?:,.]\s*$/.test(text) || /^\s*\./.test(src.slice(at + 1));
}
