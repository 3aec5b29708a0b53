import net from 'node:net';

export interface DemoBroker {
  port: number;
  close(): Promise<void>;
}

/**
 * The demo profile's broker: Aedes in this process, plain MQTT 3.1.1 on 127.0.0.1 and a
 * free port, so a new user sees the whole path work with nothing installed. Never on the network.
 */
export async function startDemoBroker(port = 0): Promise<DemoBroker> {
  // Loaded when the demo starts, not with the app: `npm run web` and the CLI start faster.
  const { Aedes } = await import('aedes');
  const aedes = await Aedes.createBroker();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    // Small MQTT packets must not wait for Nagle's algorithm (≈40 ms with delayed ACKs).
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    aedes.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}
