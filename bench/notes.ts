// The analysis behind each target verdict: what would close a miss, or where a met target's next bottleneck
// is. Hand-written from the evidence of the latest full run (tables in README.md, profiles named below).
export const NOTES: Record<string, string> = {};
