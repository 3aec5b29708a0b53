import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import WebSocket, { createWebSocketStream } from 'ws';
import type { ConnectPlan } from './connect-options';

/**
 * Opens the byte stream MQTT.js talks over. We create the sockets ourselves (rather than let
 * MQTT.js do it) so that every socket error reaches us, also with tls_insecure where MQTT.js's
 * TLS builder swallows them, and so the TLS session can be inspected for the outcome.
 */
export interface TransportHooks {
  /** Each TCP/TLS socket as it is created. */
  socket(socket: net.Socket): void;
  /** Errors MQTT.js would drop (it ignores stream errors without a code, such as ws's HTTP errors). */
  error(error: Error): void;
}

export function openTransport(plan: ConnectPlan, hooks: TransportHooks): Duplex {
  const connect = (): net.Socket => {
    const socket = plan.tlsOptions
      ? tls.connect(plan.tlsOptions)
      : net.connect({ host: plan.host, port: plan.port });
    // MQTT packets are small: without this, Nagle's algorithm holds them ≈40 ms behind delayed ACKs.
    socket.setNoDelay(true);
    hooks.socket(socket);
    return socket;
  };
  if (plan.transport === 'tcp' || plan.wsUrl === null) return connect();

  const subprotocol = 'mqtt';
  const websocket = new WebSocket(plan.wsUrl, [subprotocol], {
    perMessageDeflate: false,
    // The HTTP upgrade runs over our own socket (ws would otherwise open it with its own options).
    createConnection: () => connect(),
  });
  const stream = createWebSocketStream(websocket);
  websocket.on('error', (error) => hooks.error(error));
  websocket.on('close', () => stream.destroy());
  return stream;
}
