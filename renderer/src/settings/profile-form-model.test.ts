import { describe, expect, it } from 'vitest';
import { loadSettingsFile } from '../../../electron/core/settings/load-settings';
import { yamlValue } from '../../../electron/core/settings/editor/yaml-scalar';
import type { EditableProfile, PlainKey } from '../../../shared/profile-form';
import { PROFILE_KEYS } from '../../../shared/profile-rules/profile-keys';
import { FORM_SECTIONS } from './profile-fields';
import {
  checkForm,
  copyName,
  draftOf,
  newProfileForm,
  profileForm,
  type FormState,
} from './profile-form-model';

// The form runs the loader's own checks: for every key, a wrong value typed in the form gets the
// words the settings list shows for the same value saved in the file.

function formWith(text: Partial<Record<PlainKey, string>>, extra: Partial<FormState> = {}): FormState {
  const form = newProfileForm();
  return { ...form, name: 'lab', ...extra, text: { ...form.text, ip: 'broker.example.com', ...text } };
}

/** What the loader says about the same values written into a settings file. */
function loaderMessages(values: Record<string, unknown>): string[] {
  const yaml = [
    'lab:',
    ...Object.entries(values).map(([k, v]) => `  ${k}: ${yamlValue(v as string)}`),
    '',
  ].join('\n');
  const loaded = loadSettingsFile('/settings/secrets.yaml', { readFile: () => yaml, canRead: () => true });
  return loaded.problems.map((p) => `${p.severity}: ${p.message}`).sort();
}

function formMessages(form: FormState): string[] {
  return Object.values(checkForm(form, []).problems)
    .flat()
    .map((p) => `${p.severity}: ${p.message}`)
    .sort();
}

/** One mistake per setting (and the combinations the loader checks), as a technician would type it. */
const MISTAKES: Array<[string, Partial<Record<PlainKey, string>>, RegExp]> = [
  ['ip', { ip: 'mqtts://broker.example.com' }, /ip must be a host name or address without a scheme/],
  ['ip with a space', { ip: 'broker example' }, /ip must not contain spaces/],
  ['port', { port: '88x' }, /port must be a whole number from 1 to 65535, got "88x"/],
  ['port range', { port: '70000' }, /from 1 to 65535, got 70000/],
  ['username', { username: '   ' }, /^$/], // blank is "not given" in the form
  ['tls', { tls: 'yes' }, /tls must be true or false, got "yes"/],
  ['tls_insecure', { tls: 'true', tls_insecure: 'true' }, /certificate verification is off/],
  [
    'ca_file without TLS',
    { tls: 'false', ca_file: 'certs/ca.pem' },
    /ca_file has no effect because TLS is off/,
  ],
  ['cert_file without key_file', { tls: 'true', cert_file: 'c.pem' }, /cert_file is set but key_file is not/],
  ['key_file without cert_file', { tls: 'true', key_file: 'c.key' }, /key_file is set but cert_file is not/],
  [
    'servername without TLS',
    { servername: 'b.example.com', tls: 'false' },
    /servername has no effect because TLS is off/,
  ],
  ['alpn', { tls: 'true', alpn: ',' }, /^$/], // nothing between the commas: no list
  ['transport', { transport: 'udp' }, /transport must be tcp or websockets, got "udp"/],
  [
    'ws_path',
    { transport: 'websockets', ws_path: 'mqtt' },
    /ws_path must start with "\/", e\.g\. \/mqtt, got "mqtt"/,
  ],
  ['ws_path with tcp', { ws_path: '/mqtt' }, /ws_path is only used with transport: websockets/],
  [
    'protocol_version',
    { protocol_version: '3' },
    /protocol_version must be 4 \(MQTT 3\.1\.1\) or 5 \(MQTT 5\), got 3/,
  ],
  ['client_id', { client_id: 'ok-id' }, /^$/],
  ['keepalive', { keepalive: '-1' }, /keepalive must be a whole number of seconds from 0 to 65535, got "-1"/],
  ['gateway_id', { gateway_id: 'gw-1' }, /gateway_id must be the gateway's number written as digits/],
  ['subscribe_topic', { subscribe_topic: 'v2/1/sensors/set' }, /^$/],
  ['qos', { qos: '3' }, /qos must be 0, 1 or 2, got 3/],
  ['data_format', { data_format: 'csv' }, /data_format must be per-channel or array, got "csv"/],
];

describe('the profile form checks', () => {
  it('has a field for every setting the loader knows (host is the Host field, as ip)', () => {
    const fields = FORM_SECTIONS.flatMap((s) => s.fields.map((f) => f.key));
    expect([...fields, 'host'].sort()).toEqual([...PROFILE_KEYS].sort());
  });

  it.each(MISTAKES)('%s: the words the loader uses for the same value', (_name, text, words) => {
    const form = formWith(text);
    const messages = formMessages(form);
    expect(messages).toEqual(loaderMessages(draftOf(form).values));
    if (words.source === '^$') expect(messages).toEqual([]);
    else expect(messages.join('\n')).toMatch(words);
  });

  it('puts each problem under its field, and names the profile name problems', () => {
    const check = checkForm(formWith({ port: '88x', qos: '9' }, { name: 'demo' }), ['recalc']);
    expect(Object.keys(check.problems).sort()).toEqual(['name', 'port', 'qos']);
    expect(check.errorCount).toBe(3);
    expect(check.problems['name']?.[0]?.message).toMatch(/reserved for the built-in demo profile/);
    expect(checkForm(formWith({}, { name: 'recalc' }), ['recalc']).problems['name']?.[0]?.message).toMatch(
      /already exists/,
    );
    expect(checkForm(formWith({}, { name: ' recalc' }), []).problems['name']?.[0]?.message).toMatch(
      /starts or ends with a space/,
    );
    expect(checkForm(formWith({ ip: '' }), []).problems['ip']?.[0]?.message).toMatch(/has no broker address/);
  });

  it('warns about a password without a username only when one will be set', () => {
    const typed = formWith({}, { password: { action: 'replace', value: 'x' } });
    expect(formMessages(typed)).toEqual([
      'warning: password is set but username is not; most brokers refuse a password without a username',
    ]);
    expect(formMessages(formWith({}, { password: { action: 'replace', value: '' } }))).toEqual([]);
    expect(formMessages(formWith({}, { storedPassword: true, password: { action: 'clear' } }))).toEqual([]);
  });

  it("applies the loader's defaults for the placeholders", () => {
    const check = checkForm(formWith({ port: '8883', gateway_id: '706462169' }), []);
    expect(check.profile).toMatchObject({
      tls: true,
      keepalive: 60,
      qos: 1,
      subscribeTopic: 'v2/706462169/sensors/set',
    });
  });
});

describe('the draft sent to main', () => {
  const saved: EditableProfile = {
    name: 'lab',
    values: { host: 'b.example.com', port: '8883', tls_insecure: false, alpn: ['mqtt'] },
    unknownKeys: ['colour'],
    hasPassword: true,
    hasKeyPassphrase: false,
    refusal: null,
  };

  it('writes untouched fields back exactly as the file had them, and typed ones as values', () => {
    const form = profileForm(saved);
    expect(form.hostKey).toBe('host');
    expect(draftOf(form).values).toEqual(saved.values);
    const edited = {
      ...form,
      text: { ...form.text, port: '1884', keepalive: '30', alpn: 'mqtt, h2', ip: 'c.example.com' },
    };
    expect(draftOf(edited).values).toEqual({
      host: 'c.example.com',
      port: 1884,
      tls_insecure: false,
      alpn: ['mqtt', 'h2'],
      keepalive: 30,
    });
    const cleared = { ...form, text: { ...form.text, port: '' } };
    expect(draftOf(cleared).values).not.toHaveProperty('port');
  });

  it('never holds a stored secret: keep, replace (when typed) or clear', () => {
    const form = profileForm(saved);
    expect(draftOf(form)).toMatchObject({ password: { action: 'keep' }, secretsFrom: 'lab' });
    expect(draftOf({ ...form, password: { action: 'replace', value: '' } }).password).toEqual({
      action: 'keep',
    });
    expect(draftOf({ ...form, password: { action: 'clear' } }).password).toEqual({ action: 'clear' });
    expect(JSON.stringify(form)).not.toMatch(/password":"/);
  });

  it("duplicates as a new profile that keeps the original's secrets by reference", () => {
    const copy = profileForm(saved, true, ['lab', 'lab copy']);
    expect(copy).toMatchObject({
      originalName: null,
      secretsFrom: 'lab',
      name: 'lab copy 2',
      storedPassword: true,
      unknownKeys: [],
    });
    expect(draftOf(copy).values).toEqual({
      host: 'b.example.com',
      port: 8883,
      tls_insecure: false,
      alpn: ['mqtt'],
    });
    expect(copyName('lab', [])).toBe('lab copy');
  });
});
