// Expiry helpers computed from a sandbox's `expires_at` (no HTTP call of their own).

/** When a sandbox expires, computed from its `expiresAt` (no request of its own). */
export interface ExpiryInfo {
  /** When the sandbox is deleted, or null when it has no timeout. */
  expiresAt: Date | null;
  /** Seconds left (negative once expired), or null without a timeout. */
  timeToExpiry: number | null;
  /** True once the expiry time has passed. */
  isExpired: boolean;
  /** True within the warning threshold before expiry (default 300 seconds), and not yet expired. */
  isExpiringSoon: boolean;
  /** False when the sandbox has no expiry time (it lives until killed). */
  hasTimeout: boolean;
}

export const DEFAULT_EXPIRY_WARNING_SECONDS = 300;

export function expiryInfo(
  expiresAt: string | null | undefined,
  thresholdSeconds = DEFAULT_EXPIRY_WARNING_SECONDS,
  now = Date.now(),
): ExpiryInfo {
  const at = expiresAt ? Date.parse(expiresAt) : Number.NaN;
  if (Number.isNaN(at))
    return { expiresAt: null, timeToExpiry: null, isExpired: false, isExpiringSoon: false, hasTimeout: false };
  const left = Math.floor((at - now) / 1000);
  return {
    expiresAt: new Date(at),
    timeToExpiry: left,
    isExpired: left <= 0,
    isExpiringSoon: left > 0 && left <= thresholdSeconds,
    hasTimeout: true,
  };
}
