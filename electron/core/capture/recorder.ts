import type { GatewayEventView, StickInfoSchema } from '../../../shared/gateway';
import type { StickStatusView } from '../../../shared/gateway-types';
import type { PublishResult, SessionStatus } from '../../../shared/mqtt/types';
import type { z } from 'zod';
import type { CaptureRecord, CaptureStickInfo, TelegramRecord } from './format';
import { redactPayload, redactText } from './redact';
import type { CaptureWriter } from './writer';

/** A telegram as the stick delivered it (the driver's ReceivedTelegram has these fields). */
export interface StickTelegram {
  frame: Buffer;
  rssi?: number | undefined;
  timestamp?: number | undefined;
}

/** An MQTT message in either direction; its payload is redacted before it is written. */
export interface MqttMessage {
  topic: string;
  payload: Buffer | string;
  qos?: 0 | 1 | 2 | undefined;
  retain?: boolean | undefined;
}

type TelegramEvent = Extract<GatewayEventView, { event: 'telegram' }>;
type StickInfoView = z.infer<typeof StickInfoSchema>;

/**
 * Turns what happens in a running gateway into capture records: serial reads, telegrams with their
 * outcome, MQTT messages and their results, session and stick changes. Each method takes the
 * event as its source emits it and writes only the fields the format lists.
 *
 * A telegram comes twice: from the stick (its bytes) and from the pipeline (its outcome), in the
 * same turn of the event loop, the pipeline being the stick's listener. The two halves are joined
 * into one record; a half whose partner does not come in that turn is written alone.
 */
export class CaptureRecorder {
  private frame: StickTelegram | null = null;
  private outcome: TelegramEvent | null = null;
  private flushQueued = false;
  private lastStickInfo = '';
  /** Records made while a telegram waits for its other half (its publishes): written after it. */
  private held: CaptureRecord[] = [];

  constructor(private readonly writer: CaptureWriter) {}

  rx(chunk: Buffer): void {
    this.emit({ t: this.writer.elapsed(), type: 'rx', hex: chunk.toString('hex') });
  }

  stickTelegram(telegram: StickTelegram): void {
    if (this.frame) this.writeTelegram();
    this.frame = telegram;
    this.pair();
  }

  gatewayEvent(event: GatewayEventView): void {
    const t = this.writer.elapsed();
    switch (event.event) {
      case 'telegram':
        if (this.outcome) this.writeTelegram();
        this.outcome = event;
        this.pair();
        return;
      case 'confirmed':
        this.emit({
          t,
          type: 'echo',
          topic: event.topic,
          outboxId: event.outboxId,
          latencyMs: event.latencyMs,
        });
        return;
      case 'command':
        this.note(
          t,
          'command',
          `sensors/set: monitor ${event.meters.join(', ') || 'no meters'}${
            event.rejected.length
              ? `; refused ${event.rejected.map((r) => `#${r.index} (${r.reason})`).join(', ')}`
              : ''
          }`,
        );
        return;
      case 'command-refused':
        this.note(t, 'command-refused', event.error);
        return;
      case 'echo-unavailable':
        this.note(t, 'echo-unavailable', event.reason);
        return;
      case 'published':
        // The session's own publish results are recorded (they cover manual messages too).
        return;
    }
  }

  mqttIn(message: MqttMessage): void {
    this.message('mqtt-in', message);
  }

  mqttOut(message: MqttMessage): void {
    this.message('mqtt-out', message);
  }

  publishResult(result: PublishResult): void {
    this.emit({
      t: this.writer.elapsed(),
      type: 'mqtt-result',
      outboxId: result.outboxId,
      topic: result.topic,
      qos: result.qos,
      state: result.state,
      result: result.result,
      resultText: result.resultText,
      ack: result.ack && {
        packet: result.ack.packet,
        reasonCode: result.ack.reasonCode,
        text: result.ack.text,
      },
      error: result.error && { code: result.error.code, message: result.error.message },
    });
  }

  session(status: SessionStatus): void {
    const outcome = status.state === 'connecting' ? null : status.outcome;
    this.emit({
      t: this.writer.elapsed(),
      type: 'session',
      state: status.state,
      kind: outcome?.kind ?? null,
      code: outcome?.code ?? null,
      text: outcome?.text ?? null,
      hint: outcome?.hint ?? null,
      error: outcome?.error ? { code: outcome.error.code, message: outcome.error.message } : null,
    });
  }

  stick(status: StickStatusView): void {
    this.emit({
      t: this.writer.elapsed(),
      type: 'stick',
      state: status.state,
      path: status.path,
      reason: status.reason ?? null,
    });
  }

  /** The stick's facts, written once when they become known (or change). */
  stickInfo(info: StickInfoView | CaptureStickInfo): void {
    const facts = stickFacts(info);
    const key = JSON.stringify(facts);
    if (key === this.lastStickInfo) return;
    this.lastStickInfo = key;
    this.emit({ t: this.writer.elapsed(), type: 'stick-info', ...facts });
  }

  /** Writes a telegram half still waiting for its partner (call before closing the writer). */
  flush(): void {
    if (this.frame || this.outcome) this.writeTelegram();
  }

  private message(type: 'mqtt-in' | 'mqtt-out', message: MqttMessage): void {
    const payload = typeof message.payload === 'string' ? Buffer.from(message.payload) : message.payload;
    this.emit({
      t: this.writer.elapsed(),
      type,
      topic: message.topic,
      qos: message.qos ?? 0,
      retain: message.retain ?? false,
      size: payload.length,
      payload: redactPayload(payload),
    });
  }

  private note(t: number, event: string, text: string): void {
    this.emit({ t, type: 'note', event, text: redactText(text) });
  }

  private emit(record: CaptureRecord): void {
    if (this.frame || this.outcome) this.held.push(record);
    else this.writer.write(record);
  }

  private pair(): void {
    if (this.frame && this.outcome) {
      this.writeTelegram();
    } else if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => {
        this.flushQueued = false;
        this.flush();
      });
    }
  }

  private writeTelegram(): void {
    const frame = this.frame;
    const outcome = this.outcome;
    this.frame = null;
    this.outcome = null;
    const record: TelegramRecord = {
      t: this.writer.elapsed(),
      type: 'telegram',
      frame: frame ? frame.frame.toString('hex') : '',
      rssi: frame?.rssi ?? null,
      rssiDbm: outcome?.rssiDbm ?? null,
      stickTime: frame?.timestamp ?? null,
      deviceId: outcome?.deviceId ?? null,
      monitored: outcome?.monitored ?? false,
      ok: outcome?.ok ?? false,
      driver: outcome?.driver ?? null,
      values: outcome?.values ?? null,
      error: outcome?.error ?? null,
      published: outcome?.published ?? false,
      unpublishedReason: outcome?.unpublishedReason ?? null,
    };
    this.writer.write(record);
    for (const held of this.held.splice(0)) this.writer.write(held);
  }
}

function stickFacts(info: StickInfoView | CaptureStickInfo): CaptureStickInfo {
  return { kind: info.kind, module: info.module, firmware: info.firmware, uniqueId: info.uniqueId };
}
