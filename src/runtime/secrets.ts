// Credential values this process has sent or received (API keys, sandbox tokens). Error messages and log
// lines are scrubbed of them by exact value, so a server echoing a credential back cannot get it printed,
// whatever the credential looks like. Bounded: the oldest values are forgotten first.
const MAX_SECRETS = 256;
const MIN_LENGTH = 6;
const secrets = new Set<string>();

export function rememberSecret(value: string | undefined): void {
  const bare = value?.replace(/^Bearer\s+/i, "");
  if (!bare || bare.length < MIN_LENGTH || secrets.has(bare)) return;
  secrets.add(bare);
  if (secrets.size > MAX_SECRETS) secrets.delete(secrets.values().next().value as string);
}

export function scrubSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join("[redacted]");
  return out;
}
