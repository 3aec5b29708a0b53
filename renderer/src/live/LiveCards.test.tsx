// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayEventView, MeterStateView, MonitoredMeterView } from '../../../shared/gateway';
import { okResult } from '../test-support/fake-api';
import {
  acceptedOutcome,
  demoMeter,
  DEMO_MONITORED,
  refusedOutcome,
  runningDemo,
  stopped,
  TLS,
} from '../test-support/realistic';
import { fakeApiWithDefaults, renderScreen } from '../test-support/render-screen';
import { ConnectionCard } from './ConnectionCard';
import { applyBatch, emptyHistory, MAX_TELEGRAM_ROWS } from './gateway-history';
import { LiveScreen } from './LiveScreen';
import { MeterCard } from './MeterCard';
import { RadioCard } from './RadioCard';
import { TelegramList } from './TelegramList';
import { batch, im871aInfo, meterState, session } from './test-data';

afterEach(cleanup);

const NOW = Date.parse('2026-11-25T12:00:10.000Z');

describe('ConnectionCard', () => {
  it('shows a refusal as its number, the words and the hint from the core', () => {
    const status = runningDemo({
      demo: false,
      profile: 'recalc',
      broker: 'broker.example.com:8883',
      session: session('refused', { outcome: refusedOutcome(), attempt: 2 }),
    });
    render(<ConnectionCard status={status} timeline={[]} now={NOW} />);
    const outcome = screen.getByRole('status', { name: 'Connection outcome' });
    expect(outcome.querySelector('.outcome-line')!.textContent).toBe(
      '5 — Connection refused: not authorised.',
    );
    expect(outcome.textContent).toContain('Mosquitto answers a wrong password with 5 (not 4)');
    expect(outcome.className).toContain('error');
    expect(screen.getByLabelText('Session state').textContent).toBe('Refused by the broker');
    expect(screen.getByText('broker.example.com:8883')).toBeTruthy();
    expect(screen.getByText(/MQTT 3\.1\.1/)).toBeTruthy();
    // Not retryable: the technician must change the profile, and is told the session will not.
    expect(screen.getByText(/Attempt 2/).textContent).toContain('will not retry on its own');
  });

  it('shows the TLS handshake and the broker certificate', () => {
    const status = runningDemo({ session: session('refused', { outcome: refusedOutcome() }) });
    render(<ConnectionCard status={status} timeline={[]} now={NOW} />);
    const tls = screen.getByLabelText('TLS details');
    const text = tls.textContent!;
    expect(text).toContain('TLSv1.3');
    expect(text).toContain('TLS_AES_256_GCM_SHA384');
    expect(text).toContain('server name broker.example.com');
    expect(text).toContain('CN=Gateway Diagnostics Test CA');
    expect(text).toContain('DNS:broker.example.com, IP Address:127.0.0.1');
    expect(text).toContain(TLS.peer!.fingerprint256);
    expect(within(tls).getByText('yes').className).toBe('ok-text');
    expect(text).not.toContain('tls_insecure');
  });

  it('shows the certificate dates to the minute in UTC with the days left, warning when near or past', () => {
    const at = (validTo: string) => ({
      ...acceptedOutcome(),
      tls: { ...TLS, peer: { ...TLS.peer!, validFrom: '2026-01-01T08:15:42.000Z', validTo } },
    });
    const { unmount } = render(
      <ConnectionCard
        status={runningDemo({ session: session('connected', { outcome: at('2027-11-25T17:44:59.000Z') }) })}
        timeline={[]}
        now={NOW}
      />,
    );
    const valid = () => screen.getByLabelText('TLS details').textContent!;
    expect(valid()).toContain('2026-01-01 08:15 UTC → 2027-11-25 17:44 UTC · expires in 365 days');
    expect(valid()).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    expect(document.querySelector('[data-cert-expiry]')!.className).toBe('ok-text');
    unmount();
    render(
      <ConnectionCard
        status={runningDemo({ session: session('connected', { outcome: at('2026-12-07T13:00:00.000Z') }) })}
        timeline={[]}
        now={NOW}
      />,
    );
    expect(valid()).toContain('expires in 12 days');
    expect(document.querySelector('[data-cert-expiry]')!.className).toBe('warn-text');
    cleanup();
    render(
      <ConnectionCard
        status={runningDemo({ session: session('connected', { outcome: at('2026-11-20T00:00:00.000Z') }) })}
        timeline={[]}
        now={NOW}
      />,
    );
    expect(valid()).toContain('expired 5 days ago');
    expect(document.querySelector('[data-cert-expiry]')!.className).toBe('error-text');
  });

  it('warns in red when verification is off and says why the chain failed', () => {
    const outcome = {
      ...refusedOutcome(),
      tls: { ...TLS, authorized: false, authorizationError: 'SELF_SIGNED_CERT_IN_CHAIN', insecure: true },
    };
    render(
      <ConnectionCard
        status={runningDemo({ session: session('connected', { outcome }) })}
        timeline={[]}
        now={NOW}
      />,
    );
    const tls = screen.getByLabelText('TLS details');
    expect(tls.textContent).toContain('Certificate verification is switched off (tls_insecure)');
    expect(within(tls).getByText(/^no — SELF_SIGNED_CERT_IN_CHAIN/).className).toBe('error-text');
  });

  it('says what to do when nothing is connected yet', () => {
    render(<ConnectionCard status={null} timeline={[]} now={NOW} />);
    expect(screen.getByText(/Not connected\. Press/).textContent).toContain('return code in words');
    expect(screen.queryByLabelText('TLS details')).toBeNull();
  });
});

describe('RadioCard', () => {
  it('shows the stick, its firmware and id, and the link mode', () => {
    render(<RadioCard status={runningDemo()} telegrams={[]} now={NOW} />);
    const card = screen.getByRole('region', { name: 'Radio (iM871A)' });
    expect(within(card).getByLabelText('Stick state').textContent).toBe('Receiving telegrams');
    expect(card.textContent).toContain('iM871A');
    expect(card.textContent).toContain('0x14');
    expect(card.textContent).toContain('01A2B3C4');
    expect(card.querySelector('[data-link-mode]')!.textContent).toBe('C1 format A');
  });

  it('shows an iU891A the same way, with its own facts and no device mode', () => {
    const iu891a = runningDemo({
      stickInfo: {
        kind: 'iu891a',
        module: 'iU891A-XL',
        firmware: '1.3.2',
        uniqueId: '0A1B2C3D',
        linkModes: ['s1', 't1', 'c1a', 'c1t1'],
        details: { 'wM-Bus stack': '2.1.0' },
      },
    });
    render(<RadioCard status={iu891a} telegrams={[]} now={NOW} />);
    const card = screen.getByRole('region', { name: 'Radio (iU891A-XL)' });
    expect(card.querySelector('[data-stick-kind]')!.getAttribute('data-stick-kind')).toBe('iu891a');
    expect(card.textContent).toContain('1.3.2 · wM-Bus stack 2.1.0');
    expect(card.textContent).toContain('0A1B2C3D');
    expect(card.textContent).not.toContain('no C1+T1');
    expect(card.querySelector('[data-device-mode]')).toBeNull();
  });

  it("says the stick's device mode in words: 'other' is a receiver, 'meter' a warning", () => {
    const { unmount } = render(<RadioCard status={runningDemo()} telegrams={[]} now={NOW} />);
    const role = document.querySelector('[data-device-mode]')!;
    expect(role.textContent).toBe('Receiver — listens to meters');
    expect(role.className).toBe('');
    expect(document.body.textContent).not.toMatch(/mode other/i);
    unmount();
    const asMeter = runningDemo();
    render(
      <RadioCard
        status={{ ...asMeter, stickInfo: im871aInfo('01A2B3C4', { 'device mode': 'meter' }) }}
        telegrams={[]}
        now={NOW}
      />,
    );
    const warned = document.querySelector('[data-device-mode="meter"]')!;
    expect(warned.textContent).toContain('acts as a meter, not as a receiver');
    expect(warned.className).toBe('warn-text');
  });

  it('sums up what the radio heard: the last telegram, its age and signal, and how many meters', () => {
    let h = emptyHistory(runningDemo());
    h = applyBatch(h, batch(...[0, 1, 2, 3, 4].map(telegramEvent)));
    render(<RadioCard status={runningDemo()} telegrams={h.telegrams} now={NOW} />);
    const heard = screen.getByLabelText('Heard by the radio');
    // Telegram 4 (12:00:00.4, meter 32666857, -64 dBm) is the newest; NOW is 10 s later.
    expect(heard.textContent).toMatch(
      /Last telegram\s*\d\d:\d\d:\d\d \(10 s ago\) from 32666857 at -64\.0 dBm/,
    );
    expect(heard.querySelector('[data-meters-heard]')!.textContent).toBe('3 · 2 monitored');
  });

  it('says a telegram is still awaited while none came', () => {
    render(<RadioCard status={runningDemo()} telegrams={[]} now={NOW} />);
    expect(screen.getByLabelText('Heard by the radio').textContent).toContain('Nothing yet');
  });

  it('shows an unplugged stick as an error with its reason', () => {
    const status = runningDemo({
      stick: { state: 'unplugged', path: '/dev/ttyUSB0', reason: 'The stick was unplugged.' },
    });
    render(<RadioCard status={status} telegrams={[]} now={NOW} />);
    expect(screen.getByText('The stick was unplugged.').className).toContain('error');
  });

  it('says how to open the stick when it is closed', () => {
    render(<RadioCard status={null} telegrams={[]} now={NOW} />);
    expect(screen.getByText(/The stick is not open/)).toBeTruthy();
  });
});

const telegramEvent = (i: number): GatewayEventView => {
  const at = new Date(Date.parse('2026-11-25T12:00:00.000Z') + i * 100).toISOString();
  const base = {
    event: 'telegram' as const,
    at,
    monitored: true,
    driver: null,
    values: null,
    published: false,
    unpublishedReason: null,
    rssiDbm: -60 - (i % 30),
  };
  switch (i % 4) {
    case 0:
      return {
        ...base,
        deviceId: '32666857',
        ok: true,
        driver: 'omnipower',
        values: { 'A+': { value: 2.15, unit: 'kWh' } },
        published: true,
        error: null,
      };
    case 1:
      return {
        ...base,
        deviceId: '32666857',
        ok: false,
        error: { code: 'CRC', message: 'payload CRC mismatch after decryption', likelyCause: 'wrong-key' },
      };
    case 2:
      return {
        ...base,
        deviceId: '32666901',
        ok: false,
        error: { code: 'CRC', message: 'frame CRC mismatch in block 2', likelyCause: 'corrupted' },
      };
    default:
      return {
        ...base,
        deviceId: '11223344',
        monitored: false,
        ok: false,
        error: { code: 'UNKNOWN_METER', message: 'meter 11223344 is not monitored' },
      };
  }
};

describe('TelegramList', () => {
  // 3000 telegrams through the real history reducer, in batches as the event hub sends them.
  const history = () => {
    let h = emptyHistory(runningDemo());
    for (let start = 0; start < 3000; start += 100)
      h = applyBatch(h, batch(...Array.from({ length: 100 }, (_, k) => telegramEvent(start + k))));
    return h;
  };

  it('renders only the rows in view out of thousands, and says older rows were dropped', () => {
    const h = history();
    expect(h.telegrams).toHaveLength(MAX_TELEGRAM_ROWS);
    render(<TelegramList rows={h.telegrams} received={h.telegramsReceived} />);
    const table = screen.getByRole('table', { name: 'Received telegrams' });
    const rows = table.querySelectorAll('.tbody [role="row"]');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(30);
    expect(table.getAttribute('aria-rowcount')).toBe(String(MAX_TELEGRAM_ROWS + 1));
    expect(screen.getByText(/3,000 received/).textContent).toContain(
      `showing the last ${MAX_TELEGRAM_ROWS}; older rows are dropped`,
    );
    // Newest first: telegram 2999 (an unknown meter) is the top row.
    expect(rows[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(rows[0]!.getAttribute('data-device-id')).toBe('11223344');
  });

  it('labels each outcome: ok, wrong key, CRC, unknown meter', () => {
    const h = history();
    render(<TelegramList rows={h.telegrams} received={h.telegramsReceived} />);
    const outcomes = [...document.querySelectorAll('.tbody [role="row"]')].map((r) =>
      r.getAttribute('data-outcome'),
    );
    expect(new Set(outcomes)).toEqual(new Set(['ok', 'wrong key', 'CRC', 'unknown meter']));
    const wrongKey = document.querySelector('[data-outcome="wrong key"]')!;
    expect(wrongKey.textContent).toContain('payload CRC mismatch after decryption');
    const ok = document.querySelector('[data-outcome="ok"]')!;
    expect(ok.textContent).toMatch(/A\+ 2\.15 kWh/);
  });

  it('moves the window when scrolled, still rendering only what is in view', () => {
    const h = history();
    render(<TelegramList rows={h.telegrams} received={h.telegramsReceived} />);
    const body = document.querySelector('.tbody') as HTMLElement;
    body.scrollTop = 300 * 30;
    fireEvent.scroll(body);
    const rows = [...body.querySelectorAll('[role="row"]')];
    const indexes = rows.map((r) => Number(r.getAttribute('aria-rowindex')));
    expect(Math.min(...indexes)).toBeGreaterThan(290);
    expect(Math.max(...indexes)).toBeLessThan(330);
    expect(rows.length).toBeLessThan(30);
  });

  it('keeps one height, eight rows, whether empty or full: arriving rows move nothing around it', () => {
    const { unmount } = render(<TelegramList rows={[]} received={0} />);
    const emptyHeight = (document.querySelector('.tbody') as HTMLElement).style.height;
    unmount();
    const h = history();
    render(<TelegramList rows={h.telegrams} received={h.telegramsReceived} />);
    expect(emptyHeight).toBe('240px');
    expect((document.querySelector('.tbody') as HTMLElement).style.height).toBe(emptyHeight);
  });

  it('explains what to expect when no telegram came yet', () => {
    render(<TelegramList rows={[]} received={0} />);
    expect(screen.getByText(/No telegrams yet/).textContent).toContain('every 15–20 s');
  });
});

describe('MeterCard', () => {
  it('shows A+, A-, P+, P- with their units, signal, counts and the masked key', () => {
    render(
      <MeterCard
        card={{ deviceId: '32666857', state: demoMeter(), monitored: DEMO_MONITORED }}
        now={NOW}
        onRemove={() => undefined}
        removing={false}
      />,
    );
    const card = screen.getByRole('article', { name: 'Meter 32666857' });
    const reading = (name: string) => card.querySelector(`[data-value="${name}"]`)!.textContent!;
    expect(reading('A+')).toContain('1,234.56 kWh');
    expect(reading('A-')).toContain('0.42 kWh');
    expect(reading('P+')).toContain('0.812 kW');
    expect(reading('P+')).toContain('812 W');
    expect(reading('P-')).toContain('0.000 kW');
    expect(card.querySelector('[data-rssi-dbm]')!.textContent).toBe('-62.0 dBm (raw 120)');
    expect(card.textContent).toContain('ok 41');
    expect(card.textContent).toContain('CRC 1');
    expect(card.textContent).toContain('9 s ago');
    expect(card.querySelector('[data-key-hint]')!.textContent).toContain('…B697');
    expect(card.textContent).not.toMatch(/9A25139E3244CC2E/i);
  });

  it('charts P+ and A+ over the session, with the ranges, the time span and what was dropped', () => {
    const at = (s: number) => Date.UTC(2026, 10, 25, 11, 0, s);
    const series = {
      points: [0, 16, 32, 48].map((s, i) => ({
        t: at(s),
        powerW: [800, 812, 790, 1200][i]!,
        energyKWh: 1234.5 + i / 100,
      })),
      dropped: 5,
    };
    render(
      <MeterCard
        card={{ deviceId: '32666857', state: demoMeter(), monitored: DEMO_MONITORED }}
        series={series}
        now={NOW}
        onRemove={() => undefined}
        removing={false}
      />,
    );
    const power = screen.getByRole('img', { name: /^P\+ power over the session/ });
    expect(power.getAttribute('aria-label')).toContain('790–1200 W');
    expect(power.querySelector('polyline')!.getAttribute('points')!.split(' ')).toHaveLength(4);
    const energy = screen.getByRole('img', { name: /^A\+ energy over the session/ });
    expect(energy.getAttribute('aria-label')).toContain('1234.50–1234.53 kWh');
    const chart = document.querySelector('[data-chart-points]')!;
    expect(chart.getAttribute('data-chart-points')).toBe('4');
    expect(chart.textContent).toContain('4 readings');
    expect(chart.textContent).toContain('the 5 oldest are no longer shown');
  });

  it('says when the charts begin, before there are two readings', () => {
    render(
      <MeterCard
        card={{ deviceId: '32666857', state: demoMeter(), monitored: DEMO_MONITORED }}
        now={NOW}
        onRemove={() => undefined}
        removing={false}
      />,
    );
    expect(document.querySelector('[data-chart="empty"]')!.textContent).toMatch(/start with the second/);
  });

  it('says why there are no values for a meter heard but not decoded', () => {
    const state = demoMeter({
      values: null,
      counts: { ok: 0, crc: 0, wrongKey: 3, noKey: 0, other: 0 },
      lastError: {
        code: 'CRC',
        message: 'payload CRC mismatch after decryption',
        at: '2026-11-25T12:00:01.000Z',
      },
    });
    render(
      <MeterCard
        card={{ deviceId: '32666857', state, monitored: DEMO_MONITORED }}
        now={NOW}
        onRemove={() => undefined}
        removing={false}
      />,
    );
    expect(screen.getByText(/no values decoded yet/)).toBeTruthy();
    expect(screen.getByText(/a wrong AES key, or a damaged frame/)).toBeTruthy();
    expect(screen.getByText('wrong key 3').className).toBe('error-text');
  });
});

describe('MeterCard and the meter driver', () => {
  /** Renders one card and returns it. */
  const renderCard = (state: MeterStateView, monitored: MonitoredMeterView | null = null) => {
    render(
      <MeterCard
        card={{ deviceId: state.deviceId, state, monitored }}
        now={NOW}
        onRemove={() => undefined}
        removing={false}
      />,
    );
    return screen.getByRole('article', { name: `Meter ${state.deviceId}` });
  };
  const MULTICAL21 = {
    name: 'multical21',
    label: 'Kamstrup Multical 21 / flowIQ water meter',
    published: false,
    unpublishedReason:
      'ReMoni API v2 defines no channels for water meters, so this meter is decoded and shown but not published.',
    fields: [
      { name: 'total_volume', label: 'total volume', unit: 'm3' },
      { name: 'target_volume', label: 'target volume (at the target date)', unit: 'm3' },
      { name: 'flow_temperature', label: 'water temperature', unit: 'C' },
      { name: 'info_codes', label: 'info codes', unit: '' },
    ],
  };
  const water = meterState('76348799', {
    medium: 'cold water',
    monitored: true,
    driver: MULTICAL21,
    values: {
      info_codes: { value: 'leak now (active 1-8 hours)', unit: '' },
      total_volume: { value: 6.408, unit: 'm3' },
      flow_temperature: { value: 11, unit: 'C' },
    },
    valuesAt: '2026-11-25T12:00:01.000Z',
    lastSeen: '2026-11-25T12:00:01.000Z',
    counts: { ok: 3, crc: 0, wrongKey: 0, noKey: 0, other: 0 },
  });

  it('shows a Multical 21’s fields in the driver’s words and says plainly it is not published', () => {
    const card = renderCard(water);
    expect(card.querySelector('[data-driver="multical21"]')!.textContent).toBe(
      'Kamstrup Multical 21 / flowIQ water meter',
    );
    const reading = (name: string) => card.querySelector(`[data-value="${name}"]`)!.textContent!;
    expect(reading('total_volume')).toBe('total volume 6.408 m3');
    expect(reading('flow_temperature')).toBe('water temperature 11 °C');
    expect(reading('info_codes')).toContain('leak now (active 1-8 hours)');
    // In the driver's order, whatever order the values came in.
    expect([...card.querySelectorAll('[data-value]')].map((e) => e.getAttribute('data-value'))).toEqual([
      'total_volume',
      'flow_temperature',
      'info_codes',
    ]);
    expect(card.querySelector('[data-published="false"]')!.textContent).toMatch(
      /API v2 defines no channels for water meters.*decoded and shown but not published/,
    );
    // No OmniPower readings and no power/energy charts for a water meter.
    expect(card.querySelector('[data-value="A+"]')).toBeNull();
    expect(card.querySelector('[data-chart]')).toBeNull();
  });

  it('shows a generic meter’s values by the names of their records', () => {
    const state = meterState('21436587', {
      manufacturer: 'ABC',
      medium: 'water',
      driver: { ...MULTICAL21, name: 'generic', label: 'wM-Bus meter (generic decoder)', fields: [] },
      values: {
        volume: { value: 12345.678, unit: 'm3' },
        'date and time': { value: '2025-01-01T11:30', unit: '' },
      },
      lastSeen: '2026-11-25T12:00:01.000Z',
    });
    const card = renderCard(state);
    expect(card.querySelector('[data-value="volume"]')!.textContent).toBe('volume 12345.678 m3');
    expect(card.querySelector('[data-value="date and time"]')!.textContent).toContain('2025-01-01T11:30');
    expect(card.querySelector('[data-driver="generic"]')).toBeTruthy();
  });

  it('names the OmniPower driver and says nothing about publishing when API v2 publishes it', () => {
    const omni = {
      name: 'omnipower',
      label: 'Kamstrup OmniPower electricity meter',
      published: true,
      unpublishedReason: null,
      fields: [{ name: 'A+', label: 'energy imported', unit: 'kWh' }],
    };
    const card = renderCard(demoMeter({ driver: omni }), DEMO_MONITORED);
    expect(card.querySelector('[data-driver="omnipower"]')!.textContent).toBe(
      'Kamstrup OmniPower electricity meter',
    );
    expect(card.querySelector('[data-value="A+"]')!.textContent).toContain('1,234.56 kWh');
    expect(card.querySelector('[data-published]')).toBeNull();
  });
});

describe('LiveScreen before anything runs', () => {
  it('says what to do next in every card', async () => {
    const fake = fakeApiWithDefaults();
    fake.answer('gateway.status', () => okResult(stopped()));
    fake.answer('ports.list', () =>
      okResult([
        { path: 'virtual', label: 'Simulated iM871A (demo meters)', stick: 'im871a', virtual: true },
      ]),
    );
    renderScreen(<LiveScreen />, fake);
    await waitFor(() => expect(fake.inputsOf('ports.list')).toHaveLength(1));
    expect(screen.getByRole('note').textContent).toContain('Pick the Demo profile and press Start');
    expect(screen.getByText(/Not connected\. Press/)).toBeTruthy();
    expect(screen.getByText(/The stick is not open/)).toBeTruthy();
    expect(screen.getByText(/No meters yet\. The demo monitors its simulated meter/)).toBeTruthy();
    expect(screen.getByText(/No telegrams yet/)).toBeTruthy();
    expect(await screen.findByText('no stick plugged in')).toBeTruthy();
  });
});

describe('StartBar', () => {
  it('starts with the stick chosen: found out by default, or the one named (for the virtual port, the one simulated)', async () => {
    window.localStorage.clear();
    const fake = fakeApiWithDefaults();
    fake.answer('gateway.status', () => okResult(stopped()));
    fake.answer('gateway.start', () => okResult(stopped()));
    renderScreen(<LiveScreen />, fake);
    const bar = within(screen.getByRole('region', { name: 'Start the gateway' }));
    await waitFor(() =>
      expect((bar.getByLabelText('Serial port') as HTMLSelectElement).value).toBe('virtual'),
    );
    await waitFor(() => expect((bar.getByLabelText('Profile') as HTMLSelectElement).value).not.toBe(''));
    const stick = bar.getByLabelText('Stick') as HTMLSelectElement;
    expect([...stick.options].map((o) => [o.value, o.textContent])).toEqual([
      ['auto', 'Find out'],
      ['im871a', 'iM871A'],
      ['iu891a', 'iU891A'],
    ]);
    expect(stick.value).toBe('auto');

    fireEvent.change(stick, { target: { value: 'iu891a' } });
    fireEvent.click(bar.getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(fake.inputsOf('gateway.start')).toHaveLength(1));
    expect(fake.inputsOf('gateway.start')[0]).toMatchObject({ port: 'virtual', stick: 'iu891a' });
  });
});
