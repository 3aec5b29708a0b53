// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { KemImportResult, KemMeterPreview, KemPreview } from '../../../shared/kem';
import { failed, okResult } from '../test-support/fake-api';
import { stopped } from '../test-support/realistic';
import { fakeApiWithDefaults, renderScreen } from '../test-support/render-screen';
import { importSummary, initialSelection, replacementsAmong, toBase64 } from './kem-choices';
import { KemImport } from './KemImport';

afterEach(cleanup);

const meter = (id: string, change: Partial<KemMeterPreview> = {}): KemMeterPreview => ({
  index: 1,
  id,
  model: 'OmniPower',
  consumption: 'Electricity',
  meterNumber: `C-${id}`,
  manufacturerKey: 'kam',
  driver: { name: 'omnipower', label: 'Kamstrup OmniPower electricity meter' },
  problems: [],
  monitored: 'no',
  ...change,
});

const PREVIEW: KemPreview = {
  entryName: null,
  encrypted: true,
  form: 'MetersInOrder',
  meters: [
    meter('32666857'),
    meter('67203915', {
      index: 2,
      model: 'MC21',
      consumption: 'ColdWater',
      driver: null,
      monitored: 'other-key',
    }),
    meter('11112222', { index: 3, monitored: 'same-key' }),
    meter('123', {
      index: 4,
      problems: ['The id (SerialNo) of meter 4 is 8 digits (e.g. 32666857); "123" has 3 digits.'],
    }),
  ],
};

function setup() {
  const fake = fakeApiWithDefaults();
  fake.answer('gateway.status', () => okResult(stopped()));
  renderScreen(<KemImport />, fake);
  fireEvent.click(screen.getByRole('button', { name: 'Import KEM file…' }));
  return fake;
}

async function chooseAndShow(password: string) {
  const bytes = new Uint8Array([0x3c, 0x45, 0x3e, 0xff, 0x00]);
  fireEvent.change(screen.getByLabelText(/^KEM file/), {
    target: { files: [new File([bytes], 'order.kem')] },
  });
  fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: password } });
  const show = screen.getByRole('button', { name: 'Show meters' });
  await waitFor(() => expect(show).toHaveProperty('disabled', false));
  fireEvent.click(show);
}

describe('the choices', () => {
  it('ticks what an import would change, and finds the replacements among the ticked', () => {
    expect([...initialSelection(PREVIEW)]).toEqual(['32666857', '67203915']);
    expect(replacementsAmong(PREVIEW, new Set(['32666857', '67203915', '11112222']))).toEqual(['67203915']);
    expect(importSummary([{ id: '1', model: '', type: '', imported: true, reason: null }])).toBe(
      '1 meter imported.',
    );
    expect(toBase64(new Uint8Array([0x3c, 0x45, 0x3e, 0xff, 0x00]))).toBe('PEU+/wA=');
  });
});

describe('KemImport', () => {
  it('sends the file and the password, and lists the meters with model, serial, type, driver and status', async () => {
    const fake = setup();
    fake.answer('kem.preview', () => okResult(PREVIEW));
    await chooseAndShow('Kunde-4711');
    await screen.findByRole('table');
    const row = document.querySelector<HTMLElement>('[data-kem-meter="32666857"]')!;
    expect(fake.inputsOf('kem.preview')).toEqual([{ file: 'PEU+/wA=', password: 'Kunde-4711' }]);
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['', 'OmniPower', '32666857', 'Electricity', 'Kamstrup OmniPower electricity meter', 'new']);
    const bad = screen.getByRole('checkbox', { name: 'Monitor meter 123' });
    expect(bad).toHaveProperty('disabled', true);
    expect(document.querySelector('[data-kem-meter="123"]')!.textContent).toMatch(/"123" has 3 digits/);
    expect(screen.getByRole('checkbox', { name: 'Monitor meter 11112222' })).toHaveProperty('checked', false);
    expect(screen.getByRole('button', { name: 'Import 2 meters' })).toBeTruthy();
  });

  it('shows "wrong password" from main, and imports nothing', async () => {
    const fake = setup();
    fake.answer('kem.preview', () =>
      failed('BAD_REQUEST', 'Wrong password: the file does not decrypt to XML with it.'),
    );
    await chooseAndShow('nope');
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Wrong password/);
    expect(screen.queryByRole('table')).toBeNull();
    expect(fake.inputsOf('kem.import')).toEqual([]);
  });

  it('asks before replacing a monitored key; Cancel sends nothing, yes imports with the replacement', async () => {
    const fake = setup();
    fake.answer('kem.preview', () => okResult(PREVIEW));
    const answer: KemImportResult = {
      results: [
        { id: '32666857', model: 'OmniPower', type: 'Electricity', imported: true, reason: null },
        {
          id: '67203915',
          model: 'MC21',
          type: 'ColdWater',
          imported: true,
          reason: 'replaced the key it was monitored with',
        },
      ],
      status: { ...stopped(), revision: 99 },
      note: null,
    };
    fake.answer('kem.import', () => okResult(answer));
    await chooseAndShow('Kunde-4711');
    fireEvent.click(await screen.findByRole('button', { name: 'Import 2 meters' }));
    const question = screen.getByRole('alertdialog', { name: 'Replace monitored keys?' });
    expect(question.textContent).toMatch(
      /Meter 67203915 is monitored with another key\. Replace its key with the file's\?/,
    );
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(fake.inputsOf('kem.import')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Import 2 meters' }));
    fireEvent.click(screen.getByRole('button', { name: 'Replace and import' }));
    await screen.findByText('2 meters imported.');
    expect(fake.inputsOf('kem.import')).toEqual([
      { file: 'PEU+/wA=', password: 'Kunde-4711', ids: ['32666857', '67203915'], replace: ['67203915'] },
    ]);
    // The password does not linger in the page once main has the meters.
    expect(screen.getByLabelText(/^Password/)).toHaveProperty('value', '');
    expect((screen.getByLabelText(/^KEM file/) as HTMLInputElement).files?.length ?? 0).toBe(0);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('unticking the meter with another key imports the rest without asking, and lists what was refused', async () => {
    const fake = setup();
    fake.answer('kem.preview', () => okResult({ ...PREVIEW, encrypted: false }));
    fake.answer('kem.import', () =>
      okResult({
        results: [
          {
            id: '32666857',
            model: 'OmniPower',
            type: 'Electricity',
            imported: false,
            reason: 'known with another key; confirm to replace it',
          },
        ],
        status: stopped(),
        note: 'The demo runs with its own meters: the imported ones are monitored from the next Start of one of your profiles.',
      }),
    );
    await chooseAndShow('');
    expect((await screen.findByText(/meters in order\.kem/)).textContent).toMatch(
      /This file is not encrypted/,
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'Monitor meter 67203915' }));
    fireEvent.click(screen.getByRole('button', { name: 'Import 1 meter' }));
    expect(await screen.findByText(/0 meters imported; 1 not imported\. The demo runs/)).toBeTruthy();
    expect(fake.inputsOf('kem.import')).toMatchObject([{ ids: ['32666857'], replace: [] }]);
    expect(screen.getByText(/known with another key/).closest('li')!.dataset['kemRefused']).toBe('32666857');
  });

  it('refuses a file over the size limit before reading it', async () => {
    setup();
    const big = new File([new Uint8Array(640 * 1024 + 1)], 'huge.zip');
    fireEvent.change(screen.getByLabelText(/^KEM file/), { target: { files: [big] } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/larger than 640 kB/);
    expect(screen.getByRole('button', { name: 'Show meters' })).toHaveProperty('disabled', true);
  });
});

describe('KemImport closed', () => {
  it('is one button until opened', () => {
    const fake = fakeApiWithDefaults();
    fake.answer('gateway.status', () => okResult(stopped()));
    renderScreen(<KemImport />, fake);
    expect(screen.getByRole('button', { name: 'Import KEM file…' })).toBeTruthy();
    expect(screen.queryByLabelText(/^Password/)).toBeNull();
  });
});
