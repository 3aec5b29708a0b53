// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { profile, SETTINGS } from '../test-support/realistic';
import { ProfilesPanel } from './ProfilesPanel';

afterEach(cleanup);

const CA = '/home/tech/.config/gateway-diagnostics/certs/recalc-ca.pem';

function renderProfiles() {
  const view = {
    ...SETTINGS,
    profiles: [...SETTINGS.profiles, profile('lab-tls', { protocolVersion: 5, caFile: CA })],
  };
  render(<ProfilesPanel state={{ view, error: null, reloading: false, reload: () => undefined }} />);
  const cells = (name: string) =>
    [...document.querySelectorAll(`tr[data-profile="${name}"] td`)].map((td) => td.textContent);
  return { cells };
}

describe('ProfilesPanel', () => {
  it('names the MQTT versions as the specifications do: 3.1.1 and 5.0', () => {
    const { cells } = renderProfiles();
    expect(cells('recalc')[3]).toBe('3.1.1');
    expect(cells('recalc5')[3]).toBe('5.0');
    expect(cells('demo')[3]).toBe('3.1.1');
  });

  it('shows the CA file path under TLS when one is set, and nothing more when not', () => {
    const { cells } = renderProfiles();
    expect(cells('lab-tls')[2]).toBe(`onCA ${CA}`);
    expect(screen.getByText(CA).tagName).toBe('CODE');
    expect(cells('recalc')[2]).toBe('on');
    expect(document.querySelectorAll('[data-ca-file]')).toHaveLength(1);
  });

  it('says the file when it was read, and the demo-only case when none was found', () => {
    renderProfiles();
    expect(screen.getByTitle('Settings file').textContent).toBe(SETTINGS.file);
    cleanup();
    render(
      <ProfilesPanel
        state={{
          view: { ...SETTINGS, file: null },
          error: null,
          reloading: false,
          reload: () => undefined,
        }}
      />,
    );
    expect(screen.getByTitle('Settings file').textContent).toContain('only the demo profile');
  });
});
