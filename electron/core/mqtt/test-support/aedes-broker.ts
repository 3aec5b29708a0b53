import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { Aedes, type AedesOptions, type AedesPublishPacket } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';

// An in-process MQTT 3.1.1 broker for tests: Aedes over TCP or TLS, on 127.0.0.1 only.

export interface TestBrokerOptions {
  /** TLS server options (cert, key, ca, requestCert …); plain TCP when absent. */
  tls?: tls.TlsOptions;
  /** MQTT over WebSockets on this path (e.g. /mqtt) instead of plain MQTT. */
  wsPath?: string;
  /** Listen on this port (to restart a broker where it was); default: a free port. */
  port?: number;
  authenticate?: AedesOptions['authenticate'];
  authorizeSubscribe?: AedesOptions['authorizeSubscribe'];
  authorizePublish?: AedesOptions['authorizePublish'];
}

export interface TestBroker {
  port: number;
  aedes: Aedes;
  /** Every PUBLISH the broker received from a client, in order. */
  received: AedesPublishPacket[];
  /** Server-side close of every client connection (the broker "kicks" them). */
  dropClients(): void;
  close(): Promise<void>;
}

export async function startTestBroker(options: TestBrokerOptions = {}): Promise<TestBroker> {
  const aedes = await Aedes.createBroker({
    ...(options.authenticate ? { authenticate: options.authenticate } : {}),
    ...(options.authorizeSubscribe ? { authorizeSubscribe: options.authorizeSubscribe } : {}),
    ...(options.authorizePublish ? { authorizePublish: options.authorizePublish } : {}),
  });
  const received: AedesPublishPacket[] = [];
  aedes.on('publish', (packet, client) => {
    if (client) received.push(packet);
  });
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    aedes.handle(socket);
  };
  let server: net.Server;
  if (options.wsPath) {
    server = options.tls ? https.createServer(options.tls) : http.createServer();
    const wss = new WebSocketServer({ server: server as http.Server, path: options.wsPath });
    wss.on('connection', (websocket, request) => {
      const stream = createWebSocketStream(websocket);
      stream.on('error', () => undefined);
      aedes.handle(stream, request);
    });
  } else {
    server = options.tls
      ? tls.createServer(options.tls, track).on('tlsClientError', () => undefined)
      : net.createServer(track);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  // TLS handshakes that fail never reach `track`; keep their raw sockets too.
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return {
    port,
    aedes,
    received,
    dropClients: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}

/** A port that was free a moment ago (for "nothing listens here" tests). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
