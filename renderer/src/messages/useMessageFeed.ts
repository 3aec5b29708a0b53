import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventBatch } from '../../../shared/ipc/contract';
import { useGatewayEvents } from '../store/hooks';
import {
  MAX_MESSAGES,
  addMessages,
  emptyList,
  fromIncoming,
  type ListedMessage,
  type MessageListState,
} from './message-list';
import { PendingMessages, onNextFrame } from './pending-messages';

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
        properties: null,
        status: `gateway publish: ${state}, result ${result}`,
      });
    }
  }
  return added;
}

/**
 * The bounded message list, fed by the store's event batches. Entries wait in a ref and reach
 * React state at most once per animation frame: under a flood the page renders what it can
 * paint, not every batch.
 */
export function useMessageFeed() {
  const [list, setList] = useState<MessageListState>(emptyList);
  const pending = useRef(new PendingMessages());
  const cancelFrame = useRef<(() => void) | null>(null);

  const commit = useCallback(() => {
    cancelFrame.current = null;
    const { added, dropped, missed } = pending.current.take();
    setList((current) => addMessages(current, added, MAX_MESSAGES, { dropped, missed }));
  }, []);
  useGatewayEvents((batch) => {
    pending.current.push(entriesOf(batch), batch.dropped);
    if (!pending.current.isEmpty) cancelFrame.current ??= onNextFrame(commit);
  });
  useEffect(() => () => cancelFrame.current?.(), []);

  const addOwn = useCallback((entry: NewMessage) => setList((current) => addMessages(current, [entry])), []);
  const clear = useCallback(() => {
    pending.current.take();
    setList(emptyList());
  }, []);
  return { list, addOwn, clear };
}
