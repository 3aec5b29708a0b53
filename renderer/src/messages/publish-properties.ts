// The composer's MQTT 5 properties as typed, checked before they are sent. Main checks them again
// against the contract; these checks exist so a mistake is shown next to its field at once.
import type { PublishProperties } from '../../../shared/ipc/contract';

export interface UserPropertyRow {
  /** Stable React key for the row. */
  id: number;
  key: string;
  value: string;
}

export interface PropertiesDraft {
  payloadFormatIndicator: boolean;
  messageExpiryInterval: string;
  contentType: string;
  responseTopic: string;
  correlationData: string;
  userProperties: UserPropertyRow[];
}

export type PropertyField =
  'messageExpiryInterval' | 'contentType' | 'responseTopic' | 'correlationData' | 'userProperties';

export type PropertiesCheck =
  | { ok: true; properties: PublishProperties | undefined }
  | { ok: false; errors: Partial<Record<PropertyField, string>> };

export const emptyPropertiesDraft = (): PropertiesDraft => ({
  payloadFormatIndicator: false,
  messageExpiryInterval: '',
  contentType: '',
  responseTopic: '',
  correlationData: '',
  userProperties: [],
});

const UINT32_MAX = 4_294_967_295;

/** Correlation data as typed ("0a 0b", "0A0B") to plain lower-case hex, or why it is not hex bytes. */
export function normaliseHex(text: string): { hex: string } | { error: string } {
  const hex = text.replace(/\s+/g, '').toLowerCase();
  if (!/^[0-9a-f]*$/.test(hex)) return { error: 'Correlation data is hex bytes (0-9, a-f), e.g. 0a 1b 2c.' };
  if (hex.length % 2 === 1)
    return { error: 'Correlation data has an odd number of hex digits: a byte is two.' };
  return { hex };
}

function expiryProblem(text: string): string | null {
  if (!/^\d+$/.test(text)) return 'Message expiry is whole seconds (0 or more).';
  return Number(text) > UINT32_MAX ? `Message expiry is at most ${UINT32_MAX} seconds.` : null;
}

/** Repeated names are allowed by MQTT 5; they travel as a list of values. */
function userPropertiesOf(rows: UserPropertyRow[]) {
  const out: Record<string, string | string[]> = {};
  for (const [i, row] of rows.entries()) {
    const key = row.key.trim();
    if (key === '' && row.value === '') continue;
    if (key === '') return { error: `User property ${i + 1} has a value but no name.` };
    const before = out[key];
    out[key] = before === undefined ? row.value : [...(Array.isArray(before) ? before : [before]), row.value];
  }
  return { value: Object.keys(out).length > 0 ? out : undefined };
}

/** The properties to send (undefined when none is set), or what is wrong field by field. */
export function checkProperties(draft: PropertiesDraft): PropertiesCheck {
  const errors: Partial<Record<PropertyField, string>> = {};
  const properties: PublishProperties = {};
  if (draft.payloadFormatIndicator) properties.payloadFormatIndicator = true;

  const expiry = draft.messageExpiryInterval.trim();
  if (expiry !== '') {
    const problem = expiryProblem(expiry);
    if (problem) errors.messageExpiryInterval = problem;
    else properties.messageExpiryInterval = Number(expiry);
  }
  const contentType = draft.contentType.trim();
  if (contentType.length > 1024) errors.contentType = 'Content type is at most 1024 characters.';
  else if (contentType !== '') properties.contentType = contentType;

  const responseTopic = draft.responseTopic.trim();
  if (/[+#]/.test(responseTopic))
    errors.responseTopic = 'A response topic is a topic name: no wildcards + or #.';
  else if (responseTopic !== '') properties.responseTopic = responseTopic;

  const correlation = normaliseHex(draft.correlationData);
  if ('error' in correlation) errors.correlationData = correlation.error;
  else if (correlation.hex !== '') properties.correlationData = correlation.hex;

  const user = userPropertiesOf(draft.userProperties);
  if ('error' in user) errors.userProperties = user.error;
  else if (user.value) properties.userProperties = user.value;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, properties: Object.keys(properties).length > 0 ? properties : undefined };
}
