// Rich outputs of an execution. Current agents send them as flat fields of the execute response (png,
// svg, html, markdown, json, dataframe, result); the legacy /execute/rich sends a `rich_outputs` array.
// Both become one list of `{type: <mime>, data: {<mime>: payload}}` items (the official JS SDK's shape),
// while the flat fields stay on the result as they came.
import type { ExecuteResponse, RichOutput as WireRichOutput } from "../../../generated/vm-agent/index.js";

/** One rich output of an execution (an image, HTML, Markdown, JSON, a dataframe …), in the official JS SDK's shape. */
export interface RichOutput {
  /**
   * MIME type (`image/png`, `image/svg+xml`, `text/html`, `text/markdown`, `application/json`,
   * `application/vnd.dataframe+json`, `text/plain`) or a legacy name (`image`, `plot` …).
   */
  type: string;
  /** Payload by MIME type; base64 for images, text for html/markdown/svg, objects for json and dataframes. */
  data: Record<string, unknown>;
  /** Encoding of the legacy item's data (`base64`, `html`, `json`). */
  format?: string;
  /** Further data the agent sent with the output. */
  metadata?: Record<string, unknown>;
  /** Legacy `/execute/rich`: file the output was saved to. */
  path?: string;
  /** Legacy `/execute/rich`: when the output was produced. */
  timestamp?: string;
}

/** Flat wire field → MIME type, in the order outputs are listed. */
const FLAT_FIELDS = [
  ["png", "image/png"],
  ["svg", "image/svg+xml"],
  ["html", "text/html"],
  ["markdown", "text/markdown"],
  ["json", "application/json"],
  ["dataframe", "application/vnd.dataframe+json"],
] as const satisfies ReadonlyArray<readonly [keyof ExecuteResponse, string]>;

function fromWireItem(item: WireRichOutput): RichOutput {
  const data: Record<string, unknown> =
    typeof item.data === "object" && item.data !== null
      ? { ...item.data }
      : item.data === undefined
        ? {}
        : { [item.type]: item.data };
  return {
    type: item.type,
    data,
    ...(item.format === undefined ? {} : { format: item.format }),
    ...(item.metadata === undefined ? {} : { metadata: { ...item.metadata } }),
    ...(item.path === undefined ? {} : { path: item.path }),
    ...(item.timestamp === undefined ? {} : { timestamp: item.timestamp }),
  };
}

/** Every rich output of a response: the legacy array first, then one item per flat field present. */
export function richOutputsOf(response: ExecuteResponse): RichOutput[] {
  const out = (response.richOutputs ?? []).map(fromWireItem);
  for (const [field, mime] of FLAT_FIELDS) {
    const value = response[field];
    if (value === undefined || value === null || value === "") continue;
    out.push({ type: mime, data: { [mime]: value }, ...(response.timestamp ? { timestamp: response.timestamp } : {}) });
  }
  // The Jupyter repr of the last expression is an output of its own only when it is not just the printed text.
  if (response.result !== undefined && response.result !== "" && response.result !== response.stdout) {
    out.push({
      type: "text/plain",
      data: { "text/plain": response.result },
      ...(response.timestamp ? { timestamp: response.timestamp } : {}),
    });
  }
  return out;
}
