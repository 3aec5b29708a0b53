// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfileFile } from '../../../shared/profile-form';
import { failed, okResult } from '../test-support/fake-api';
import { SETTINGS } from '../test-support/realistic';
import { fakeApiWithDefaults, renderScreen } from '../test-support/render-screen';
import { ProfilesScreen } from './ProfilesScreen';

afterEach(cleanup);

const FILE: ProfileFile = {
  file: SETTINGS.file,
  hash: 'a'.repeat(64),
  refusal: null,
  profiles: [
    {
      name: 'recalc',
      values: { ip: 'broker.example.com', port: 8883, username: 'gw-706462169', gateway_id: '706462169' },
      unknownKeys: ['colour'],
      hasPassword: true,
      hasKeyPassphrase: false,
      refusal: null,
    },
    {
      name: 'recalc5',
      values: {},
      unknownKeys: [],
      hasPassword: false,
      hasKeyPassphrase: false,
      refusal: 'it is an alias (*) of another profile; change it in a text editor',
    },
  ],
};

function setUp() {
  const fake = fakeApiWithDefaults();
  fake.answer('profiles.read', () => okResult(FILE));
  renderScreen(<ProfilesScreen />, fake);
  return fake;
}

async function openRecalc() {
  const row = await waitFor(() => {
    const found = document.querySelector('tr[data-profile="recalc"]');
    if (!found) throw new Error('no row yet');
    return found;
  });
  fireEvent.click(row);
  await waitFor(() => expect(screen.getByRole('button', { name: 'Edit' })).toHaveProperty('disabled', false));
  fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
  return screen.getByRole('form', { name: 'Profile form' });
}

describe('ProfilesScreen', () => {
  it('edits a profile: the password is only "set", can be cleared, and the draft says so', async () => {
    const fake = setUp();
    const form = await openRecalc();
    expect(within(form).getByLabelText('Host')).toHaveProperty('value', 'broker.example.com');
    expect(form.querySelector('[data-secret="profile-password"] .secret-state')?.textContent).toBe('set');
    expect(form.textContent).toContain('Also in the file, kept as they are: colour');
    fireEvent.click(within(form).getByRole('button', { name: 'Clear' }));
    expect(form.querySelector('[data-secret="profile-password"] .secret-state')?.textContent).toBe(
      'set — will be cleared',
    );
    fake.answer('profiles.save', () => okResult(FILE));
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.inputsOf('profiles.save')).toHaveLength(1));
    expect(fake.inputsOf('profiles.save')[0]).toEqual({
      originalName: 'recalc',
      hash: FILE.hash,
      draft: {
        name: 'recalc',
        values: FILE.profiles[0]!.values,
        password: { action: 'clear' },
        keyPassphrase: { action: 'keep' },
        secretsFrom: 'recalc',
      },
    });
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Saved “recalc”'));
  });

  it("shows the loader's words under a field and will not save until they are fixed", async () => {
    setUp();
    const form = await openRecalc();
    fireEvent.change(within(form).getByLabelText('Port'), { target: { value: '88x' } });
    expect(form.querySelector('[data-field="profile-port"] .field-problem')?.textContent).toBe(
      'port must be a whole number from 1 to 65535, got "88x"',
    );
    expect(within(form).getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true);
    expect(within(form).getByRole('button', { name: 'Test connection' })).toHaveProperty('disabled', true);
  });

  it('says when the file changed on disk, and reloads it on request', async () => {
    const fake = setUp();
    const form = await openRecalc();
    fake.answer('profiles.save', () =>
      failed('CONFLICT', 'The settings file changed on disk since this form read it.'),
    );
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const banner = await waitFor(() => {
      const found = form.querySelector('.conflict');
      if (!found) throw new Error('no banner yet');
      return found as HTMLElement;
    });
    const reads = fake.inputsOf('profiles.read').length;
    fake.answer('profiles.read', () => okResult({ ...FILE, hash: 'b'.repeat(64) }));
    fireEvent.click(within(banner).getByRole('button', { name: 'Reload the file' }));
    await waitFor(() => expect(fake.inputsOf('profiles.read').length).toBe(reads + 1));
    await waitFor(() => expect(document.querySelector('.conflict')).toBeNull());
    fake.answer('profiles.save', () => okResult(FILE));
    fireEvent.click(
      within(screen.getByRole('form', { name: 'Profile form' })).getByRole('button', { name: 'Save' }),
    );
    await waitFor(() => expect(fake.inputsOf('profiles.save')).toHaveLength(2));
    expect(fake.inputsOf('profiles.save')[1]).toMatchObject({ hash: 'b'.repeat(64) });
  });

  it('explains why a profile cannot be edited here, and tests one from the list', async () => {
    const fake = setUp();
    const row = await waitFor(() => {
      const found = document.querySelector('tr[data-profile="recalc5"]');
      if (!found) throw new Error('no row yet');
      return found;
    });
    fireEvent.click(row);
    await waitFor(() =>
      expect(document.body.textContent).toContain('“recalc5” cannot be changed here: it is an alias'),
    );
    expect(screen.getByRole('button', { name: 'Edit' })).toHaveProperty('disabled', true);
    fake.answer('profiles.test', () => failed('NOT_FOUND', 'There is no usable profile "recalc5".'));
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('no usable profile'));
    expect(fake.inputsOf('profiles.test')).toEqual([{ name: 'recalc5' }]);
  });
});
