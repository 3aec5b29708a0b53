import { useCallback, useEffect, useState } from 'react';
import type { GatewayStatus } from '../../../shared/gateway';
import type { GatewayApi } from '../../../shared/ipc/api';
import type { EventBatch } from '../../../shared/ipc/contract';
import {
  addMessages,
  emptyList,
  fromIncoming,
  type ListedMessage,
  type MessageListState,
} from './message-list';

type NewMessage = Omit<ListedMessage, 'seq'>;

/** Entries from one event batch: received messages and the gateway's own publishes. */
export function entriesOf(batch: EventBatch): NewMessage[] {
  const added: NewMessage[] = [];
  for (const event of batch.events) {
    if (event.stream === 'mqtt.message') added.push(fromIncoming(event.payload));
    else if (event.stream === 'gateway.event' && event.payload.event === 'published') {
      const { topic, at, state, result } = event.payload;
      added.push({
        kind: 'published',
        topic,
        at,
        qos: null,
        retain: false,
        payload: null,
        status: `gateway publish: ${state}, result ${result}`,
      });
    }
  }
  return added;
}

/** The latest gateway status and the bounded message list, fed by the batched event stream. */
export function useMessageFeed(api: GatewayApi) {
  const [status, setStatus] = useState<GatewayStatus | null>(null);
  const [list, setList] = useState<MessageListState>(emptyList);

  useEffect(() => {
    let alive = true;
    void api.gateway.status().then((result) => alive && result.ok && setStatus(result.value));
    const stop = api.events.subscribe((batch) => {
      const added = entriesOf(batch);
      if (added.length > 0) setList((current) => addMessages(current, added));
      for (const event of batch.events) if (event.stream === 'gateway.status') setStatus(event.payload);
    });
    return () => {
      alive = false;
      stop();
    };
  }, [api]);

  const addOwn = useCallback((entry: NewMessage) => setList((current) => addMessages(current, [entry])), []);
  const clear = useCallback(() => setList(emptyList()), []);
  return { status, list, addOwn, clear };
}
