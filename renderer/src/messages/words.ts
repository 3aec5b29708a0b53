import type { PublishResult, SubscriptionGrant } from '../../../shared/mqtt/types';
import { GATEWAY_RESULT_TEXT } from '../../../shared/mqtt/result-codes';

export type Tone = 'ok' | 'warn' | 'error';

const STATE_WORDS: Record<PublishResult['state'], string> = {
  queued: 'queued (kept in the outbox until the broker is reachable)',
  sent: 'sent (no acknowledgement expected at QoS 0)',
  acknowledged: 'acknowledged by the broker',
  failed: 'failed',
  rejected: 'rejected',
};

export function publishTone(result: PublishResult): Tone {
  if (result.state === 'acknowledged' || result.state === 'sent') return 'ok';
  if (result.state === 'queued') return 'warn';
  return 'error';
}

/** The publish outcome in words: state, the original gateway's result code, message id, ack reason. */
export function describePublish(result: PublishResult): string[] {
  const words = GATEWAY_RESULT_TEXT[result.result] ?? result.resultText;
  const lines = [
    `State: ${STATE_WORDS[result.state]}`,
    `Result ${result.result} — ${words}`,
    `Message id: ${result.messageId ?? 'none (QoS 0 or not sent yet)'}`,
  ];
  if (result.ack) lines.push(`${result.ack.packet} reason ${result.ack.reasonCode} — ${result.ack.text}`);
  if (result.ack?.hint) lines.push(result.ack.hint);
  if (result.error)
    lines.push(`${result.error.message}${result.error.hint ? ` — ${result.error.hint}` : ''}`);
  return lines;
}

/** "Granted QoS 1" or the refusal with its code, words and hint. */
export function describeGrant(grant: SubscriptionGrant): { text: string; tone: Tone } {
  if (grant.grantedQos !== null) {
    const lower = grant.grantedQos < grant.requestedQos ? ` (asked for ${grant.requestedQos})` : '';
    return { text: `${grant.topic}: granted QoS ${grant.grantedQos}${lower}`, tone: lower ? 'warn' : 'ok' };
  }
  const code = grant.code === null ? '' : ` (code ${grant.code})`;
  const hint = grant.hint ? ` ${grant.hint}` : '';
  return { text: `${grant.topic}: refused${code} — ${grant.text}.${hint}`.replace('..', '.'), tone: 'error' };
}

/** Bridge errors in plain words; NOT_RUNNING gets the next step. */
export function describeError(error: { code: string; message: string }): string {
  if (error.code === 'NOT_RUNNING') return `Start a profile first (Live gateway tab). ${error.message}`;
  return `${error.message} (${error.code})`;
}
