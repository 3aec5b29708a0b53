// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { previewPayload } from '../../../electron/core/mqtt/payload-preview';
import type { GatewayStatus } from '../../../shared/gateway';
import type { IncomingMessage, PublishResult } from '../../../shared/mqtt/types';
import { acceptedOutcome, incoming, runningDemo, stopped } from '../test-support/realistic';
import { failed, okResult, type FakeApi } from '../test-support/fake-api';
import { fakeApiWithDefaults, renderScreen } from '../test-support/render-screen';
import { session } from '../live/test-data';
import { MAX_MESSAGES } from './message-list';
import { MessagesScreen } from './MessagesScreen';

afterEach(cleanup);

function acknowledged(topic: string, qos: 0 | 1 | 2, retain: boolean, bytes: number): PublishResult {
  return {
    outboxId: 17,
    messageId: 3,
    topic,
    qos,
    retain,
    payloadBytes: bytes,
    state: 'acknowledged',
    result: 0,
    resultText: 'success',
    ack: { packet: qos === 2 ? 'PUBCOMP' : 'PUBACK', reasonCode: 0, text: 'Success.', hint: null },
    error: null,
    at: '2026-11-25T12:00:06.000Z',
  };
}

function setup(status: GatewayStatus = runningDemo()): FakeApi {
  const fake = fakeApiWithDefaults();
  fake.answer('gateway.status', () => okResult(status));
  renderScreen(<MessagesScreen />, fake);
  return fake;
}

const composer = () => screen.getByRole('form', { name: 'Publish a message' });
const field = (label: string) =>
  within(composer()).getByLabelText(label, { exact: true }) as HTMLInputElement;
const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });
const publishButton = () => within(composer()).getByRole('button', { name: 'Publish' });
const outcome = () => within(composer()).getByRole('status', { name: 'Publish result' });
const messages = (events: IncomingMessage[]) =>
  events.map((payload) => ({ stream: 'mqtt.message' as const, payload }));
const listItems = () => [...screen.getByRole('list', { name: 'Message list' }).children] as HTMLElement[];
const detail = () => screen.getByRole('region', { name: 'Message details' });
/** Entries reach the page once per animation frame: wait for one. */
const nextFrame = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 50)));

describe('Messages screen: composer', () => {
  it('says where the JSON breaks, by line and column, and that it will go as text', async () => {
    setup();
    type(field('Payload'), '{\n  "value": 1,\n  "unit": }');
    const check = composer().querySelector('[data-check]')!;
    expect(check.getAttribute('data-check')).toBe('text');
    expect(check.textContent).toMatch(/^Not valid JSON at line 3, column 11: .+ sent as plain text\.$/);
    expect(field('Payload').getAttribute('aria-invalid')).toBe('true');
    type(field('Payload'), '{"value": 1}');
    expect(check.textContent).toBe('Valid JSON.');
  });

  it('publishes exactly what was typed and shows the broker’s answer', async () => {
    const fake = setup();
    fake.answer('mqtt.publish', (input) => {
      const { topic, qos, retain, payload } = input as {
        topic: string;
        qos: 0 | 1 | 2;
        retain: boolean;
        payload: string;
      };
      return okResult(acknowledged(topic, qos, retain, payload.length));
    });
    await waitFor(() => expect(screen.getByText(/Profile/).textContent).toContain('demo'));
    type(field('Topic'), 'v2/706462169/config');
    type(field('Payload'), '{"interval":15}');
    fireEvent.change(field('QoS'), { target: { value: '2' } });
    fireEvent.click(within(composer()).getByLabelText('Retain'));
    fireEvent.click(publishButton());
    await waitFor(() => expect(outcome().getAttribute('data-state')).toBe('acknowledged'));
    expect(fake.inputsOf('mqtt.publish')).toEqual([
      { topic: 'v2/706462169/config', payload: '{"interval":15}', qos: 2, retain: true },
    ]);
    expect(outcome().textContent).toContain('State: acknowledged by the broker');
    expect(outcome().textContent).toContain('PUBCOMP reason 0');
    // Its own publish is listed under "All", not under "Received".
    expect(screen.queryByRole('list', { name: 'Message list' })).not.toBeNull();
    expect(listItems()).toHaveLength(0);
    fireEvent.click(screen.getByRole('radio', { name: 'All' }));
    expect(listItems().map((li) => li.dataset['topic'])).toEqual(['v2/706462169/config']);
  });

  it('shows a failed request instead of swallowing it', async () => {
    const fake = setup();
    fake.answer('mqtt.publish', () =>
      failed('DISCONNECTED', 'No connection to the app. Is `npm run web` still running?'),
    );
    type(field('Topic'), 'test/a');
    fireEvent.click(publishButton());
    await waitFor(() => expect(outcome().getAttribute('data-state')).toBe('error'));
    expect(outcome().textContent).toBe(
      'No connection to the app. Is `npm run web` still running? (DISCONNECTED)',
    );
  });

  it('asks for a topic before calling main at all', () => {
    const fake = setup();
    fireEvent.click(publishButton());
    expect(outcome().textContent).toBe('Enter a topic to publish to.');
    expect(fake.inputsOf('mqtt.publish')).toEqual([]);
  });

  it('shows when the gateway status cannot be read', async () => {
    const fake = fakeApiWithDefaults();
    fake.answer('gateway.status', () => failed('DISCONNECTED', 'No connection to the app.'));
    renderScreen(<MessagesScreen />, fake);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not read the gateway status: No connection to the app.',
    );
  });
});

describe('Messages screen: MQTT 5 properties', () => {
  const mqtt5 = () =>
    runningDemo({
      profile: 'recalc5',
      demo: false,
      session: session('connected', { outcome: acceptedOutcome(5) }),
    });
  const props = () => screen.getByRole('group', { name: 'MQTT 5 properties' }) as HTMLFieldSetElement;

  it('are off under MQTT 3.1.1, with the reason on one line', async () => {
    setup(runningDemo({ profile: 'recalc', demo: false }));
    await waitFor(() => expect(props().textContent).toContain('profile recalc speaks MQTT 3.1.1'));
    expect(props().disabled).toBe(true);
  });

  it('are off while nothing runs', async () => {
    setup(stopped());
    await screen.findByRole('note');
    expect(props().disabled).toBe(true);
    expect(props().textContent).toContain('Available once a profile with protocol_version: 5 is running.');
  });

  it('are sent with the publish when the running profile speaks MQTT 5', async () => {
    const fake = setup(mqtt5());
    fake.answer('mqtt.publish', () => okResult(acknowledged('test/a', 1, false, 2)));
    await waitFor(() => expect(props().disabled).toBe(false));
    type(field('Topic'), 'test/a');
    type(field('Payload'), '{}');
    type(field('Content type'), 'application/json');
    type(field('Response topic'), 'test/reply');
    type(field('Correlation data (hex)'), '0A 0b 0c');
    type(field('Message expiry (seconds)'), '60');
    fireEvent.click(within(props()).getByLabelText(/Content is UTF-8 text/));
    for (let i = 0; i < 3; i++)
      fireEvent.click(within(props()).getByRole('button', { name: 'Add user property' }));
    type(field('User property 1 name'), 'site');
    type(field('User property 1 value'), 'Aarhus');
    type(field('User property 2 name'), 'tag');
    type(field('User property 2 value'), 'a');
    type(field('User property 3 name'), 'tag');
    type(field('User property 3 value'), 'b');
    fireEvent.click(publishButton());
    await waitFor(() => expect(outcome().getAttribute('data-state')).toBe('acknowledged'));
    expect(fake.inputsOf('mqtt.publish')).toEqual([
      {
        topic: 'test/a',
        payload: '{}',
        qos: 1,
        retain: false,
        properties: {
          payloadFormatIndicator: true,
          messageExpiryInterval: 60,
          contentType: 'application/json',
          responseTopic: 'test/reply',
          correlationData: '0a0b0c',
          userProperties: { site: 'Aarhus', tag: ['a', 'b'] },
        },
      },
    ]);
  });

  it('are checked before sending: each mistake next to its field, nothing sent', async () => {
    const fake = setup(mqtt5());
    await waitFor(() => expect(props().disabled).toBe(false));
    type(field('Topic'), 'test/a');
    type(field('Correlation data (hex)'), '0a0');
    type(field('Response topic'), 'replies/#');
    type(field('Message expiry (seconds)'), '1.5');
    fireEvent.click(within(props()).getByRole('button', { name: 'Add user property' }));
    type(field('User property 1 value'), 'orphan');
    const errors = [...props().querySelectorAll('[data-field-error]')].map((e) =>
      e.getAttribute('data-field-error'),
    );
    expect(errors.sort()).toEqual([
      'correlationData',
      'messageExpiryInterval',
      'responseTopic',
      'userProperties',
    ]);
    expect(field('Correlation data (hex)').getAttribute('aria-invalid')).toBe('true');
    expect(props().textContent).toContain('odd number of hex digits');
    fireEvent.click(publishButton());
    expect(outcome().textContent).toMatch(/^Not published: correct the MQTT 5 properties\./);
    expect(fake.inputsOf('mqtt.publish')).toEqual([]);
  });
});

describe('Messages screen: received list', () => {
  it('says what to do when empty', async () => {
    setup(stopped());
    expect(await screen.findByRole('note')).toHaveProperty(
      'textContent',
      expect.stringContaining('Start a profile first'),
    );
    expect(screen.getByText(/No messages yet\. Subscribe to a topic filter above/)).toBeTruthy();
  });

  it('lists a thousand messages as a window of one-line rows, newest first and shown whole beside', async () => {
    const fake = setup();
    await waitFor(() => expect(fake.listeners()).toBeGreaterThan(0));
    const batch = Array.from({ length: MAX_MESSAGES + 25 }, (_, i) =>
      incoming(`v2/706462169/kam-32666857/data`, `{"A+":${1234 + i / 100},"n":${i}}`),
    );
    act(() => fake.emit(messages(batch)));
    await nextFrame();
    const count = screen.getByLabelText('Message count').textContent!;
    expect(count).toContain(`${MAX_MESSAGES} of ${MAX_MESSAGES} shown`);
    expect(count).toContain(`25 older messages dropped (the list keeps the newest ${MAX_MESSAGES})`);
    // Only the rows in view (plus a few) are in the page, each one line tall.
    expect(listItems().length).toBeGreaterThan(10);
    expect(listItems().length).toBeLessThan(40);
    expect(screen.getByRole('list', { name: 'Message list' }).style.height).toBe(`${MAX_MESSAGES * 28}px`);
    const newest = listItems()[0]!;
    expect(newest.querySelector('pre')!.textContent).toBe(
      `{"A+":${1234 + (MAX_MESSAGES + 24) / 100},"n":${MAX_MESSAGES + 24}}`,
    );
    expect(newest.textContent).toContain('QoS 1');
    expect(newest.getAttribute('aria-current')).toBe('true');
    // The newest is shown whole (pretty JSON) until the user picks another row.
    expect(detail().querySelector('pre')!.textContent).toContain(`"n": ${MAX_MESSAGES + 24}`);
  });

  it('searches topic and payload', async () => {
    const fake = setup();
    await waitFor(() => expect(fake.listeners()).toBeGreaterThan(0));
    const batch = Array.from({ length: 300 }, (_, i) =>
      i % 50 === 7
        ? incoming(`v2/706462169/kam-32666857/alarm`, `{"alarm":"tamper","n":${i}}`)
        : incoming(`v2/706462169/kam-32666857/data`, `{"A+":${1234 + i / 100},"n":${i}}`),
    );
    act(() => fake.emit(messages(batch)));
    await nextFrame();
    const search = screen.getByRole('searchbox', { name: 'Search messages' });
    type(search, 'TAMPER');
    expect(listItems()).toHaveLength(6);
    expect(listItems().every((li) => li.dataset['topic']!.endsWith('/alarm'))).toBe(true);
    expect(detail().querySelector('pre')!.textContent).toContain('"n": 257');
    type(search, 'kam-32666857/alarm');
    expect(listItems()).toHaveLength(6);
    type(search, 'nothing like this');
    expect(listItems()).toHaveLength(0);
    expect(screen.getByText('No message matches the search or the filter.')).toBeTruthy();
    expect(screen.getByLabelText('Message count').textContent).toMatch(/^0 of 300 shown/);
  });

  it('commits a burst of batches to the page once per frame', async () => {
    const fake = setup();
    await waitFor(() => expect(fake.listeners()).toBeGreaterThan(0));
    act(() => {
      for (let i = 0; i < 20; i++) fake.emit(messages([incoming('test/burst', `{"i":${i}}`)]));
    });
    // Nothing rendered per batch: the entries wait for the next frame.
    expect(screen.queryByRole('list', { name: 'Message list' })).toBeNull();
    await nextFrame();
    expect(screen.getByLabelText('Message count').textContent).toMatch(/^20 of 20 shown/);
    expect(listItems()[0]!.querySelector('pre')!.textContent).toBe('{"i":19}');
  });

  it('says how many events the app dropped before they reached the page', async () => {
    const fake = setup();
    await waitFor(() => expect(fake.listeners()).toBeGreaterThan(0));
    act(() => fake.emit(messages([incoming('test/a', '{"a":1}')]), 340));
    act(() => fake.emit([], 60));
    await nextFrame();
    expect(screen.getByLabelText('Message count').textContent).toContain(
      '400 events missed: the app dropped them under load before they reached this page',
    );
  });

  it('keeps a picked message in the detail pane while newer ones arrive; ↑/↓ move the pick', async () => {
    const fake = setup();
    await waitFor(() => expect(fake.listeners()).toBeGreaterThan(0));
    act(() => fake.emit(messages(['a', 'b', 'c'].map((t) => incoming(`test/${t}`, `{"t":"${t}"}`)))));
    await nextFrame();
    fireEvent.click(listItems()[1]!);
    expect(detail().getAttribute('data-topic')).toBe('test/b');
    expect(document.activeElement).toBe(screen.getByRole('list', { name: 'Message list' }));
    expect(listItems()[1]!.getAttribute('aria-current')).toBe('true');
    act(() => fake.emit(messages([incoming('test/d', '{"t":"d"}')])));
    await nextFrame();
    expect(listItems()[0]!.dataset['topic']).toBe('test/d');
    expect(detail().getAttribute('data-topic')).toBe('test/b');
    const list = screen.getByRole('list', { name: 'Message list' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(detail().getAttribute('data-topic')).toBe('test/a');
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(detail().getAttribute('data-topic')).toBe('test/c');
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(document.activeElement).toBe(detail());
    fireEvent.click(within(detail()).getByRole('button', { name: 'Follow the newest message' }));
    expect(detail().getAttribute('data-topic')).toBe('test/d');
  });

  it('holds the rows in view when new ones arrive while scrolled down', async () => {
    const fake = setup();
    await waitFor(() => expect(fake.listeners()).toBeGreaterThan(0));
    act(() => fake.emit(messages(Array.from({ length: 100 }, (_, i) => incoming('test/n', `{"n":${i}}`)))));
    await nextFrame();
    const scroller = screen.getByRole('list', { name: 'Message list' }).parentElement!;
    scroller.scrollTop = 10 * 28 + 5;
    fireEvent.scroll(scroller);
    act(() =>
      fake.emit(messages(Array.from({ length: 3 }, (_, i) => incoming('test/n', `{"n":${100 + i}}`)))),
    );
    await nextFrame();
    // Three rows came in above: the view moved down by three rows, so the same rows stay in sight.
    expect(scroller.scrollTop).toBe(13 * 28 + 5);
  });

  it('shows a received message’s MQTT 5 properties', async () => {
    const fake = setup();
    await waitFor(() => expect(fake.listeners()).toBeGreaterThan(0));
    const message = incoming('test/props', '{"ok":true}', {
      properties: {
        contentType: 'application/json',
        correlationData: '0a 0b 0c',
        userProperties: { site: 'Aarhus', tag: ['a', 'b'] },
      },
    });
    act(() => fake.emit(messages([message])));
    await nextFrame();
    const list = within(detail()).getByLabelText('MQTT 5 properties of test/props');
    const pairs = [...list.querySelectorAll('div')].map(
      (d) => `${d.querySelector('dt')!.textContent}=${d.querySelector('dd')!.textContent}`,
    );
    expect(pairs).toEqual([
      'content type=application/json',
      'correlation data (hex)=0a 0b 0c',
      'user: site=Aarhus',
      'user: tag=a',
      'user: tag=b',
    ]);
  });

  it('shows a 5 MB payload cut, says so, and keeps the page small', async () => {
    const fake = setup();
    await waitFor(() => expect(fake.listeners()).toBeGreaterThan(0));
    // The core's own preview of a 5 MB JSON array, as main sends it.
    const big = new TextEncoder().encode(
      JSON.stringify(Array.from({ length: 400_000 }, (_, i) => i % 1000)).padEnd(5 * 1024 * 1024, ' '),
    );
    const payload = previewPayload(big);
    expect(payload).toMatchObject({ truncated: true, size: 5 * 1024 * 1024, shownBytes: 64 * 1024 });
    const started = performance.now();
    act(() =>
      fake.emit(messages(Array.from({ length: 300 }, (_, i) => incoming(`test/big/${i}`, '', { payload })))),
    );
    await nextFrame();
    const renderMs = performance.now() - started;
    expect(listItems()[0]!.textContent).toContain('5.0 MB');
    expect(detail().querySelector('[data-truncated]')!.textContent).toContain('showing 64 kB of 5.0 MB');
    const pre = detail().querySelector('pre')!;
    expect(pre.textContent!.length).toBe(4096);
    // A window of one-line rows and one 4 kB detail, not 300 × 64 kB: the page stays light.
    expect(document.body.textContent!.length).toBeLessThan(100_000);
    expect(renderMs).toBeLessThan(5_000);
    fireEvent.click(within(detail()).getByRole('button', { name: /^Show all 65,536 characters$/ }));
    expect(pre.textContent!.length).toBe(64 * 1024);
    fireEvent.click(within(detail()).getByRole('button', { name: 'Show less' }));
    expect(pre.textContent!.length).toBe(4096);
  });
});
