import mqtt, { type MqttClient } from 'mqtt';
import { benchMessage } from './payloads';

// Publishes at a steady rate in 10 ms ticks. Ticks are scheduled against the start time, not the
// previous tick, so a late timer (this process also drives the browser) catches up instead of
// silently lowering the rate; the achieved rate is reported either way.

const TICK_MS = 10;

export interface FloodResult {
  sent: number;
  seconds: number;
  /** Ticks that fired more than one tick late (the publisher, not the UI, was behind). */
  lateTicks: number;
}

export interface Flood {
  /** Messages handed to the MQTT client so far (the last one carries seq = lastSeq + sent). */
  sent(): number;
  done: Promise<FloodResult>;
}

export async function connectPublisher(port: number): Promise<MqttClient> {
  return mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
    clientId: `ui-bench-${process.pid}`,
    reconnectPeriod: 0,
  });
}

/** Sends `rate` msg/s for `seconds`; message numbers continue after `lastSeq`. */
export function startFlood(client: MqttClient, rate: number, seconds: number, lastSeq: number): Flood {
  const perTick = rate / (1000 / TICK_MS);
  const totalTicks = Math.round((seconds * 1000) / TICK_MS);
  let sent = 0;
  let lateTicks = 0;
  let tick = 0;
  const started = performance.now();
  const done = new Promise<FloodResult>((resolve, reject) => {
    client.once('error', reject);
    const step = () => {
      const dueTicks = Math.min(totalTicks, Math.floor((performance.now() - started) / TICK_MS) + 1);
      if (dueTicks - tick > 1) lateTicks += dueTicks - tick - 1;
      for (; tick < dueTicks; tick++) {
        // Fractional rates spread evenly: tick k ends with round((k+1) * perTick) messages sent.
        const target = Math.round((tick + 1) * perTick);
        while (sent < target) {
          sent++;
          const { topic, payload } = benchMessage(lastSeq + sent);
          client.publish(topic, payload, { qos: 0 });
        }
      }
      if (tick >= totalTicks) {
        resolve({ sent, seconds: (performance.now() - started) / 1000, lateTicks });
        return;
      }
      setTimeout(step, Math.max(0, started + tick * TICK_MS - performance.now()));
    };
    step();
  });
  return { sent: () => sent, done };
}
