// Suggests the known key a misspelt one was probably meant to be.

/** Synonyms people carry over from other MQTT tools; too far apart for edit distance. */
const SYNONYMS: Record<string, string> = {
  hostname: 'host',
  server: 'host',
  address: 'ip',
  user: 'username',
  pass: 'password',
  passwd: 'password',
  ca: 'ca_file',
  cert: 'cert_file',
  key: 'key_file',
  passphrase: 'key_passphrase',
  insecure: 'tls_insecure',
  ssl: 'tls',
  protocol: 'protocol_version',
  version: 'protocol_version',
  clientid: 'client_id',
  keep_alive: 'keepalive',
  topic: 'subscribe_topic',
  gateway: 'gateway_id',
  format: 'data_format',
};

/** The closest known key at edit distance ≤ 2 (or a known synonym), else null. */
export function didYouMean(key: string, known: readonly string[]): string | null {
  const lower = key.toLowerCase();
  const synonym = SYNONYMS[lower.replace(/-/g, '_')];
  if (synonym !== undefined && known.includes(synonym)) return synonym;
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate);
    // `distance < length` keeps one- and two-letter keys from "matching" any short key.
    if (distance < bestDistance && distance < lower.length) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance (insert, delete, substitute), two rows of memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitute = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitute));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
