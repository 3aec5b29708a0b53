import { explainSubackCode } from '../../../shared/mqtt/connack-codes';
import type { SubscribeResult, SubscriptionGrant } from '../../../shared/mqtt/types';
import type { Connection } from './connection';
import type { Qos } from './outbox-journal';
import { topicFilterProblem } from './topics';

export interface SubscribeRequest {
  topic: string;
  qos?: Qos;
}

/**
 * The subscriptions a session wants. They are (re)made on every connection whose session the
 * broker did not keep, so a reconnect never silently loses them; a refused one is forgotten.
 */
export class Subscriptions {
  private readonly wanted = new Map<string, Qos>();

  constructor(private readonly deps: { clock: () => Date; emit: (result: SubscribeResult) => void }) {}

  topics(): Array<{ topic: string; qos: Qos }> {
    return [...this.wanted].map(([topic, qos]) => ({ topic, qos }));
  }

  subscribe(connection: Connection | null, requests: readonly SubscribeRequest[]): Promise<SubscribeResult> {
    const wanted = requests.map((r) => ({ topic: r.topic, qos: r.qos ?? 0 }));
    const invalid = wanted
      .map((w) => [w, topicFilterProblem(w.topic)] as const)
      .filter(([, problem]) => problem);
    if (invalid.length > 0) {
      return Promise.resolve(
        this.result(
          wanted.map((w) =>
            this.notSent(w, topicFilterProblem(w.topic) ?? 'not sent: another filter is invalid'),
          ),
          {
            code: 'ERR_INVALID_TOPIC',
            message: invalid.map(([w, p]) => `${w.topic}: ${p}`).join('; '),
            hint: 'Correct the topic filter.',
          },
        ),
      );
    }
    for (const w of wanted) this.wanted.set(w.topic, w.qos);
    if (!connection?.isOpen) {
      return Promise.resolve(
        this.result(
          wanted.map((w) => this.notSent(w, 'Not connected: subscribes as soon as the session connects.')),
          {
            code: 'ERR_NOT_CONNECTED',
            message: 'not connected to the broker',
            hint: 'The subscription is remembered and made when the connection is back.',
          },
        ),
      );
    }
    return this.send(connection, wanted);
  }

  /** After CONNACK: makes the wanted subscriptions again unless the broker kept the session. */
  restore(connection: Connection, sessionPresent: boolean): void {
    if (sessionPresent || this.wanted.size === 0) return;
    void this.send(connection, this.topics());
  }

  unsubscribe(
    connection: Connection | null,
    topics: readonly string[],
  ): Promise<{ ok: boolean; message: string | null }> {
    for (const topic of topics) this.wanted.delete(topic);
    if (!connection?.isOpen) return Promise.resolve({ ok: true, message: null });
    return new Promise((resolve) =>
      connection.unsubscribe([...topics], (error) =>
        resolve({ ok: !error, message: error?.message ?? null }),
      ),
    );
  }

  private send(connection: Connection, wanted: Array<{ topic: string; qos: Qos }>): Promise<SubscribeResult> {
    const version = connection.plan.protocolVersion;
    return new Promise((resolve) => {
      connection.subscribe(wanted, (error, codes) => {
        if (!codes || codes.length !== wanted.length) {
          const message = error?.message ?? 'the broker did not answer the subscription';
          resolve(
            this.result(
              wanted.map((w) => this.notSent(w, `Not confirmed: ${message}.`)),
              {
                code: 'ERR_SUBSCRIBE_FAILED',
                message,
                hint: 'The subscription is made again when the connection is back.',
              },
            ),
          );
          return;
        }
        const grants = wanted.map((w, i): SubscriptionGrant => {
          const code = codes[i]!;
          const words = explainSubackCode(code, version);
          const granted = code <= 2 ? (code as Qos) : null;
          if (granted === null) this.wanted.delete(w.topic);
          const downgraded =
            granted !== null && granted < w.qos ? ` (asked for QoS ${w.qos}: the broker downgraded it)` : '';
          return {
            topic: w.topic,
            requestedQos: w.qos,
            grantedQos: granted,
            code,
            text: words.text + downgraded,
            hint: words.hint,
          };
        });
        resolve(this.result(grants, null));
      });
    });
  }

  private notSent(w: { topic: string; qos: Qos }, text: string): SubscriptionGrant {
    return { topic: w.topic, requestedQos: w.qos, grantedQos: null, code: null, text, hint: null };
  }

  private result(topics: SubscriptionGrant[], error: SubscribeResult['error']): SubscribeResult {
    const result: SubscribeResult = {
      ok: error === null && topics.every((t) => t.grantedQos !== null),
      topics,
      error,
      at: this.deps.clock().toISOString(),
    };
    this.deps.emit(result);
    return result;
  }
}
