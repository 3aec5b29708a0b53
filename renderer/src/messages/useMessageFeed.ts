import { useCallback, useEffect, useRef, useState } from 'react';
import type { GatewayStatus } from '../../../shared/gateway';
import type { GatewayApi } from '../../../shared/ipc/api';
import type { EventBatch } from '../../../shared/ipc/contract';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import { isLinkRestored } from '../bridge/link';
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
 * The latest gateway status and the bounded message list, fed by the batched event stream.
 * Entries wait in a ref and reach React state at most once per animation frame: under a flood
 * the page renders what it can paint, not every batch.
 */
export function useMessageFeed(api: GatewayApi) {
  const [status, setStatus] = useState<GatewayStatus | null>(null);
  const [list, setList] = useState<MessageListState>(emptyList);
  const [statusError, setStatusError] = useState<BridgeErrorInfo | null>(null);
  const pending = useRef(new PendingMessages());

  useEffect(() => {
    let alive = true;
    let cancelFrame: (() => void) | null = null;
    const commit = () => {
      cancelFrame = null;
      const { added, dropped, missed } = pending.current.take();
      setList((current) => addMessages(current, added, MAX_MESSAGES, { dropped, missed }));
    };
    const read = () =>
      void api.gateway.status().then((result) => {
        if (!alive) return;
        if (result.ok) setStatus(result.value);
        setStatusError(result.ok ? null : result.error);
      });
    read();
    const stop = api.events.subscribe((batch) => {
      if (isLinkRestored(batch)) read();
      pending.current.push(entriesOf(batch), batch.dropped);
      if (!pending.current.isEmpty) cancelFrame ??= onNextFrame(commit);
      for (const event of batch.events) if (event.stream === 'gateway.status') setStatus(event.payload);
    });
    return () => {
      alive = false;
      cancelFrame?.();
      stop();
    };
  }, [api]);

  const addOwn = useCallback((entry: NewMessage) => setList((current) => addMessages(current, [entry])), []);
  const clear = useCallback(() => {
    pending.current.take();
    setList(emptyList());
  }, []);
  return { status, statusError, list, addOwn, clear };
}
