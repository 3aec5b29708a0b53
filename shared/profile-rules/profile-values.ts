import { checkNonBlank, describeValue, type Checked } from './values';

// Checks for values whose shape is specific to MQTT connection profiles.

/** A bare host name or address: people often paste a URL, so say what to do with the rest. */
export function checkHost(key: string, value: unknown): Checked<string> {
  const text = checkNonBlank(key, value);
  if (!text.ok) return text;
  const host = text.value;
  if (host.includes('://')) {
    return {
      ok: false,
      message: `${key} must be a host name or address without a scheme, e.g. broker.example.com, got ${describeValue(host)}; use port, tls and transport for the rest`,
    };
  }
  if (/\s/.test(host)) {
    return { ok: false, message: `${key} must not contain spaces, got ${describeValue(host)}` };
  }
  return { ok: true, value: host };
}

/**
 * The gateway's id as a string of digits. YAML reads an unquoted id as a number, which is
 * fine while it is exact; very long ids lose digits, so those must be quoted.
 */
export function checkGatewayId(key: string, value: unknown): Checked<string> {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    return { ok: true, value: String(value) };
  }
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return { ok: true, value: value.trim() };
  const hint = typeof value === 'number' && Number.isInteger(value) ? '; put long ids in quotes' : '';
  return {
    ok: false,
    message: `${key} must be the gateway's number written as digits, e.g. "706462169", got ${describeValue(value)}${hint}`,
  };
}

/** A WebSocket path: the part of the URL after the host, so it starts with a slash. */
export function checkWsPath(key: string, value: unknown): Checked<string> {
  const text = checkNonBlank(key, value);
  if (!text.ok) return text;
  if (!text.value.startsWith('/')) {
    return { ok: false, message: `${key} must start with "/", e.g. /mqtt, got ${describeValue(text.value)}` };
  }
  return text;
}
