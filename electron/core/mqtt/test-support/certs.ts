import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Test certificates made with the openssl CLI (EC P-256: fast). Made once per test file.

export interface KeyPair {
  cert: string;
  key: string;
}

export interface TestCertificates {
  dir: string;
  /** The test CA that signs everything below. */
  ca: string;
  /** An unrelated CA (the "wrong ca_file"). */
  otherCa: string;
  /** For localhost and 127.0.0.1, signed by `ca`. */
  server: KeyPair;
  /** Same names, valid only in January 2020. */
  expired: KeyPair;
  /** For broker.example.net only. */
  otherHost: KeyPair;
  /** A client certificate whose key is encrypted with `clientPassphrase`. */
  client: KeyPair;
  clientPassphrase: string;
}

const CONFIG = `
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
[other_host_ext]
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
subjectAltName = DNS:broker.example.net
[client_ext]
basicConstraints = CA:FALSE
extendedKeyUsage = clientAuth
[ca]
default_ca = test_ca
[test_ca]
dir = .
database = index.txt
new_certs_dir = .
serial = serial.txt
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
`;

export function makeTestCertificates(
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-certs-')),
): TestCertificates {
  const run = (...args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const file = (name: string) => path.join(dir, name);
  fs.writeFileSync(file('openssl.cnf'), CONFIG);
  fs.writeFileSync(file('index.txt'), '');
  fs.writeFileSync(file('serial.txt'), '1000\n');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

  const makeCa = (name: string, cn: string) =>
    run(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-days',
      '3650',
      '-subj',
      `/CN=${cn}`,
      '-config',
      'openssl.cnf',
      '-extensions',
      'ca_ext',
    );
  makeCa('ca', 'Gateway Diagnostics Test CA');
  makeCa('other-ca', 'Some Other CA');

  const request = (name: string, cn: string, keyArgs: string[] = ec) =>
    run(
      'req',
      '-new',
      ...keyArgs,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${cn}`,
      '-config',
      'openssl.cnf',
    );
  const sign = (name: string, extensions: string) =>
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '825',
      '-sha256',
      '-extfile',
      'openssl.cnf',
      '-extensions',
      extensions,
    );

  request('server', 'localhost');
  sign('server', 'server_ext');
  request('other-host', 'broker.example.net');
  sign('other-host', 'other_host_ext');

  // x509 -req cannot back-date; `openssl ca` can.
  request('expired', 'localhost');
  run(
    'ca',
    '-batch',
    '-config',
    'openssl.cnf',
    '-name',
    'test_ca',
    '-cert',
    'ca.pem',
    '-keyfile',
    'ca.key',
    '-in',
    'expired.csr',
    '-out',
    'expired.pem',
    '-startdate',
    '20200101000000Z',
    '-enddate',
    '20200131000000Z',
    '-extfile',
    'openssl.cnf',
    '-extensions',
    'server_ext',
    '-notext',
  );

  const clientPassphrase = 'client-key-passphrase-1';
  run(
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-aes-256-cbc',
    '-pass',
    `pass:${clientPassphrase}`,
    '-out',
    'client.key',
  );
  run(
    'req',
    '-new',
    '-key',
    'client.key',
    '-passin',
    `pass:${clientPassphrase}`,
    '-out',
    'client.csr',
    '-subj',
    '/CN=gw-client',
    '-config',
    'openssl.cnf',
  );
  sign('client', 'client_ext');

  for (const name of fs.readdirSync(dir)) if (name.endsWith('.key')) fs.chmodSync(file(name), 0o600);
  const pair = (name: string): KeyPair => ({ cert: file(`${name}.pem`), key: file(`${name}.key`) });
  return {
    dir,
    ca: file('ca.pem'),
    otherCa: file('other-ca.pem'),
    server: pair('server'),
    expired: pair('expired'),
    otherHost: pair('other-host'),
    client: pair('client'),
    clientPassphrase,
  };
}
