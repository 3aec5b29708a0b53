import type { PlainKey } from '../../../shared/profile-form';

// The profile form's fields, grouped as desktop MQTT clients group them. Every setting the
// loader knows has a field here (profile-fields.test.ts holds the list to PROFILE_KEYS).

export type FieldSpec =
  | {
      key: PlainKey;
      label: string;
      kind: 'text' | 'number';
      placeholder?: string;
      help?: string;
      unit?: string;
    }
  | {
      key: PlainKey;
      label: string;
      kind: 'select';
      options: ReadonlyArray<readonly [string, string]>;
      help?: string;
    }
  | { key: PlainKey; label: string; kind: 'file'; placeholder?: string; help?: string }
  | { key: PlainKey; label: string; kind: 'checkbox'; text: string; help?: string }
  | { key: 'password' | 'key_passphrase'; label: string; kind: 'secret'; help?: string };

export interface SectionSpec {
  id: string;
  /** Left (connection, login) or right (TLS, gateway), as MQTT clients lay their forms out. */
  column: 0 | 1;
  title: string;
  fields: readonly FieldSpec[];
}

export const FORM_SECTIONS: readonly SectionSpec[] = [
  {
    id: 'connection',
    column: 0,
    title: 'Connection',
    fields: [
      {
        key: 'ip',
        label: 'Host',
        kind: 'text',
        placeholder: 'e.g. broker.example.com',
        help: 'Host name or address, without mqtt:// or a port.',
      },
      { key: 'port', label: 'Port', kind: 'number', help: '8883 for MQTT over TLS, 1883 without.' },
      {
        key: 'transport',
        label: 'Transport',
        kind: 'select',
        options: [
          ['', 'Default (TCP)'],
          ['tcp', 'TCP'],
          ['websockets', 'WebSockets'],
        ],
      },
      { key: 'ws_path', label: 'WebSocket path', kind: 'text', help: 'Only used with WebSockets.' },
      {
        key: 'protocol_version',
        label: 'MQTT version',
        kind: 'select',
        options: [
          ['', 'Default (3.1.1)'],
          ['4', '3.1.1'],
          ['5', '5.0'],
        ],
      },
      { key: 'client_id', label: 'Client ID', kind: 'text', help: 'Leave empty for a unique generated id.' },
      { key: 'keepalive', label: 'Keep alive', kind: 'number', unit: 's' },
    ],
  },
  {
    id: 'authentication',
    column: 0,
    title: 'Authentication',
    fields: [
      { key: 'username', label: 'Username', kind: 'text', placeholder: 'e.g. gw-706462169' },
      {
        key: 'password',
        label: 'Password',
        kind: 'secret',
        help: 'Stays in the main process: this window only learns whether one is set.',
      },
    ],
  },
  {
    id: 'tls',
    column: 1,
    title: 'TLS',
    fields: [
      {
        key: 'tls',
        label: 'TLS',
        kind: 'select',
        options: [
          ['', 'Automatic (on for port 8883 or a CA file)'],
          ['true', 'On'],
          ['false', 'Off'],
        ],
      },
      {
        key: 'tls_insecure',
        label: 'Verification',
        kind: 'checkbox',
        text: "Don't verify the broker's certificate (testing only)",
      },
      {
        key: 'ca_file',
        label: 'CA file',
        kind: 'file',
        placeholder: 'e.g. certs/ca.pem',
        help: "Empty: the system's trusted roots. Relative paths start at the settings file's folder.",
      },
      { key: 'cert_file', label: 'Client certificate', kind: 'file', placeholder: 'e.g. certs/client.pem' },
      { key: 'key_file', label: 'Client key', kind: 'file', placeholder: 'e.g. certs/client.key' },
      {
        key: 'key_passphrase',
        label: 'Key passphrase',
        kind: 'secret',
        help: 'Only for an encrypted key file.',
      },
      {
        key: 'servername',
        label: 'Server name (SNI)',
        kind: 'text',
        help: "The name checked against the broker's certificate.",
      },
      {
        key: 'alpn',
        label: 'ALPN',
        kind: 'text',
        placeholder: 'e.g. mqtt',
        help: 'Protocol names, separated by commas.',
      },
    ],
  },
  {
    id: 'gateway',
    column: 1,
    title: 'Gateway',
    fields: [
      {
        key: 'gateway_id',
        label: 'Gateway ID',
        kind: 'text',
        placeholder: 'e.g. 706462169',
        help: 'Used in the v2/<gateway id>/… topics; needed to start the gateway, not to test.',
      },
      { key: 'subscribe_topic', label: 'Subscribe topic', kind: 'text' },
      {
        key: 'qos',
        label: 'QoS',
        kind: 'select',
        options: [
          ['', 'Default (1)'],
          ['0', '0 — at most once'],
          ['1', '1 — at least once'],
          ['2', '2 — exactly once'],
        ],
      },
      {
        key: 'data_format',
        label: 'Data format',
        kind: 'select',
        options: [
          ['', 'Default (per-channel)'],
          ['per-channel', 'per-channel'],
          ['array', 'array'],
        ],
      },
    ],
  },
];
