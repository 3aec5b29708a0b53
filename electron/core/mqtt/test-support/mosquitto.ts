import { spawn, type ChildProcess } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort } from './aedes-broker';
import type { TestCertificates } from './certs';

// A real Mosquitto for the interop suite and the benchmark: loopback only, config in a temp folder.

export const MOSQUITTO = '/usr/sbin/mosquitto';

export interface MosquittoOptions {
  dir: string;
  certs?: TestCertificates;
  /** User → password, written with mosquitto_passwd (plain, TLS and WebSockets listeners). */
  users?: Record<string, string>;
  /** acl_file content for those listeners. */
  acl?: string;
  /**
   * Users of a fourth listener secured by the dynamic-security plugin, which (unlike acl_file in
   * Mosquitto 2.0) checks SUBSCRIBE, so refused subscriptions can be seen.
   */
  dynsec?: Array<{ username: string; password: string; topics: string[] }>;
  /** No passwords at all on the plain listener (benchmark). */
  anonymous?: boolean;
}

export interface MosquittoPorts {
  plain: number;
  tls: number | null;
  ws: number;
  dynsec: number | null;
}

export interface Mosquitto {
  ports: MosquittoPorts;
  /** What Mosquitto logged so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
  /** SIGTERM (Mosquitto saves its persistence file), then start again on the same ports. */
  restart(): Promise<void>;
}

/** Fails with a clear message (never skips) when Mosquitto is missing. */
export function requireMosquitto(): void {
  if (!fs.existsSync(MOSQUITTO)) {
    throw new Error(
      `Mosquitto is not installed (${MOSQUITTO} not found). The interop suite needs the Debian packages ` +
        'mosquitto and mosquitto-clients: apt-get install mosquitto mosquitto-clients',
    );
  }
}

export async function startMosquitto(options: MosquittoOptions): Promise<Mosquitto> {
  requireMosquitto();
  const ports: MosquittoPorts = {
    plain: await freePort(),
    tls: options.certs ? await freePort() : null,
    ws: await freePort(),
    dynsec: options.dynsec ? await freePort() : null,
  };
  const config = path.join(options.dir, 'mosquitto.conf');
  fs.writeFileSync(config, await configText(options, ports));
  let logText = '';
  let child: ChildProcess | null = null;

  const start = async () => {
    const started = spawn(MOSQUITTO, ['-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout!.on('data', (chunk) => (logText += chunk));
    started.stderr!.on('data', (chunk) => (logText += chunk));
    const exited = new Promise<never>((_, reject) =>
      started.once('exit', (code) =>
        reject(new Error(`mosquitto exited (${code}) during start:\n${logText}`)),
      ),
    );
    await Promise.race([waitForPorts([ports.plain, ports.ws, ports.tls, ports.dynsec]), exited]);
    exited.catch(() => undefined);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    ports,
    log: () => logText,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
  };
}

async function configText(options: MosquittoOptions, ports: MosquittoPorts): Promise<string> {
  const file = (name: string) => path.join(options.dir, name);
  const secured: string[] = [];
  if (options.anonymous) {
    secured.push('allow_anonymous true');
  } else {
    const users = Object.entries(options.users ?? {});
    if (users.length === 0) fs.writeFileSync(file('passwd'), '');
    // -c creates the file with the first user; -b takes the password from the command line.
    for (const [index, [user, password]] of users.entries()) {
      await run('mosquitto_passwd', [...(index === 0 ? ['-c'] : []), '-b', file('passwd'), user, password]);
    }
    fs.writeFileSync(file('acl'), options.acl ?? 'pattern readwrite #\n');
    secured.push('allow_anonymous false', `password_file ${file('passwd')}`, `acl_file ${file('acl')}`);
  }
  const lines = [
    'per_listener_settings true',
    // As root Mosquitto drops to user "mosquitto" and could not read our 0600 key files.
    ...(process.getuid?.() === 0 ? ['user root'] : []),
    'persistence true',
    `persistence_location ${options.dir}/`,
    'max_queued_messages 100000',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    `listener ${ports.plain} 127.0.0.1`,
    ...secured,
    // libwebsockets binds every interface unless told the IPv4 domain (seen with Mosquitto 2.0.11).
    `listener ${ports.ws} 127.0.0.1`,
    'protocol websockets',
    'socket_domain ipv4',
    ...secured,
  ];
  if (options.certs && ports.tls !== null) {
    lines.push(
      `listener ${ports.tls} 127.0.0.1`,
      `cafile ${options.certs.ca}`,
      `certfile ${options.certs.server.cert}`,
      `keyfile ${options.certs.server.key}`,
      ...secured,
    );
  }
  if (options.dynsec && ports.dynsec !== null) {
    fs.writeFileSync(file('dynsec.json'), JSON.stringify(dynsecConfig(options.dynsec), null, 1));
    lines.push(
      `listener ${ports.dynsec} 127.0.0.1`,
      'allow_anonymous false',
      `plugin ${dynsecPlugin()}`,
      `plugin_opt_config_file ${file('dynsec.json')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The dynamic-security plugin's JSON, with passwords hashed as the plugin does (PBKDF2-SHA512). */
function dynsecConfig(users: NonNullable<MosquittoOptions['dynsec']>) {
  return {
    clients: users.map((user) => {
      const salt = randomBytes(12);
      return {
        username: user.username,
        password: pbkdf2Sync(user.password, salt, 101, 64, 'sha512').toString('base64'),
        salt: salt.toString('base64'),
        iterations: 101,
        roles: [{ rolename: `role-${user.username}` }],
      };
    }),
    roles: users.map((user) => ({
      rolename: `role-${user.username}`,
      acls: user.topics.flatMap((topic) =>
        ['subscribePattern', 'publishClientSend', 'publishClientReceive'].map((acltype) => ({
          acltype,
          topic,
          allow: true,
        })),
      ),
    })),
    defaultACLAccess: {
      publishClientSend: false,
      publishClientReceive: true,
      subscribe: false,
      unsubscribe: true,
    },
  };
}

function dynsecPlugin(): string {
  const candidates = ['/usr/lib/mosquitto_dynamic_security.so'];
  for (const entry of fs.readdirSync('/usr/lib'))
    candidates.push(path.join('/usr/lib', entry, 'mosquitto_dynamic_security.so'));
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error('mosquitto_dynamic_security.so not found (Debian package mosquitto)');
  return found;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${stderr}`)),
    );
  });
}

async function waitForPorts(ports: Array<number | null>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const port of ports) {
    if (port === null) continue;
    while (!(await accepts(port))) {
      if (Date.now() > deadline) throw new Error(`mosquitto did not listen on 127.0.0.1:${port}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
