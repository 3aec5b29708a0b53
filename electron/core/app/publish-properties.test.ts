import { afterEach, describe, expect, it } from 'vitest';
import { type AppCore } from './app-core';
import { APP_ORIGIN as APP, createTestAppCore } from './app-core-test-support';

// MQTT 5 properties under a 3.1.1 session (the demo's Aedes broker): refused in words, never
// dropped without a trace. Delivery under MQTT 5 is checked against Mosquitto in the interop file.

let core: AppCore | undefined;
afterEach(async () => {
  await core?.dispose();
});

describe('mqtt.publish with MQTT 5 properties on a 3.1.1 session', () => {
  it('is refused with the reason, and the same message without them is published', async () => {
    core = createTestAppCore({
      demoIntervalMs: 1000,
    });
    const call = (method: string, input?: unknown) => core!.router.handle({ origin: APP }, method, input);
    expect(await call('gateway.start', { profile: 'demo', port: 'virtual' })).toMatchObject({ ok: true });
    const message = { topic: 'test/props', payload: 'x', qos: 1 };
    expect(await call('mqtt.publish', { ...message, properties: { contentType: 'text/plain' } })).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message:
          'MQTT 5 properties cannot be sent: profile "demo" speaks MQTT 3.1.1 (set protocol_version: 5 to use them).',
      },
    });
    expect(await call('mqtt.publish', message)).toMatchObject({ ok: true, value: { topic: 'test/props' } });
  });
});
