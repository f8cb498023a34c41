// Credential values this process has sent or received (API keys, sandbox tokens). Error messages and log
// lines are scrubbed of them by exact value, so a server echoing a credential back cannot get it printed,
// whatever the credential looks like. Bounded: the oldest values are forgotten first.
const MAX_SECRETS = 256;
const MIN_LENGTH = 6;
const secrets = new Set<string>();
/**
 * Values as given (`Bearer …` included) whose secret is in `secrets`. Every request hands its credential
 * here, so a value seen before costs one set lookup; cleared when a secret is forgotten.
 */
const remembered = new Set<string>();

export function rememberSecret(value: string | undefined): void {
  if (value === undefined || remembered.has(value)) return;
  const bare = value.replace(/^Bearer\s+/i, "");
  if (bare.length < MIN_LENGTH) return;
  remembered.add(value);
  if (secrets.has(bare)) return;
  secrets.add(bare);
  if (secrets.size > MAX_SECRETS) {
    secrets.delete(secrets.values().next().value as string);
    remembered.clear();
  }
}

export function scrubSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join("[redacted]");
  return out;
}
