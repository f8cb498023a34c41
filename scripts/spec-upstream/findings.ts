// One thing HopX's published spec has that the curated spec lacks or models differently.
export type FindingKind =
  | "operation"
  | "parameter"
  | "request body"
  | "media type"
  | "response"
  | "field"
  | "type"
  | "enum value"
  | "required"
  | "format"
  | "default"
  | "security";

export interface Finding {
  api: string;
  /** Which vendored generation of the upstream file has it (spec/upstream/sources.yaml). */
  generation?: string;
  kind: FindingKind;
  /** Where, in upstream's own terms: `POST /v1/sandboxes request application/json .template_id`. */
  at: string;
  /** What upstream says against what we model, for the reader (not part of the identity). */
  detail: string;
}

/** The identity an exception in spec/upstream-differences.yaml names: `<kind>: <at>`. */
export function findingId(finding: Pick<Finding, "kind" | "at">): string {
  return `${finding.kind}: ${finding.at}`;
}
