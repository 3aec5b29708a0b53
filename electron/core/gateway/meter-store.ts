import fs from 'node:fs';
import path from 'node:path';
import type { MonitoredMeterView } from '../../../shared/gateway';
import type { MonitoredMeterSpec } from '../recalc';

/**
 * Encryption at rest for meter keys. Electron's main process passes one backed by the OS keychain
 * (safeStorage); plain Node has none, and the file then relies on owner-only permissions.
 */
export interface SecretBox {
  readonly protection: 'os-keychain' | 'file-permissions';
  seal(plain: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

export const fileOnlyBox: SecretBox = {
  protection: 'file-permissions',
  seal: (plain) => Buffer.from(plain),
  open: (sealed) => Buffer.from(sealed),
};

export type MeterSource = 'cloud' | 'manual';

export interface MonitoredMeter extends MonitoredMeterSpec {
  source: MeterSource;
  addedAt: string;
}

/** What the renderer may see of a monitored meter: the key only as its last four hex digits. */
export type MeterView = MonitoredMeterView;

interface StoredMeter {
  deviceId: string;
  manufacturerKey: string;
  manufacturerDeviceKey: string | null;
  source: MeterSource;
  addedAt: string;
  sealedKey: string;
}

interface StoredFile {
  version: 1;
  protection: SecretBox['protection'];
  meters: StoredMeter[];
}

export interface MeterStoreOptions {
  /** Where the monitored set persists; null keeps it in memory (CLI runs with --meter). */
  file: string | null;
  box?: SecretBox;
  now?: () => Date;
}

/**
 * The monitored meters: replaced by each cloud command, editable by hand, persisted across
 * restarts with the keys sealed. Loading never throws: an unreadable file is reported and the
 * store starts empty. Whoever shows or uses the monitored set subscribes to its changes.
 */
export class MeterStore {
  private meters = new Map<string, MonitoredMeter>();
  private readonly listeners = new Set<(meters: readonly MonitoredMeter[]) => void>();
  private readonly box: SecretBox;
  private readonly now: () => Date;
  /** Why the stored set could not be (fully) read, for the UI and logs. */
  readonly loadProblems: string[] = [];

  constructor(private readonly options: MeterStoreOptions) {
    this.box = options.box ?? fileOnlyBox;
    this.now = options.now ?? (() => new Date());
    this.load();
  }

  get protection(): SecretBox['protection'] {
    return this.box.protection;
  }

  list(): MonitoredMeter[] {
    return [...this.meters.values()];
  }

  has(deviceId: string): boolean {
    return this.meters.has(deviceId);
  }

  get(deviceId: string): MonitoredMeter | undefined {
    return this.meters.get(deviceId);
  }

  keyFor(deviceId: string): Buffer | undefined {
    return this.meters.get(deviceId)?.encryptionKey;
  }

  /** A read-only map id → key, as the telegram decoder wants it. */
  keys(): ReadonlyMap<string, Buffer> {
    return new Map([...this.meters].map(([id, m]) => [id, m.encryptionKey]));
  }

  views(): MeterView[] {
    return this.list().map((m) => ({
      deviceId: m.deviceId,
      manufacturerKey: m.manufacturerKey,
      manufacturerDeviceKey: m.manufacturerDeviceKey,
      source: m.source,
      addedAt: m.addedAt,
      keyHint: m.encryptionKey.toString('hex').slice(-4).toUpperCase(),
      keyProtection: this.box.protection,
    }));
  }

  /** Told the whole monitored set after every change (saved first); returns the unsubscribe. */
  onChange(listener: (meters: readonly MonitoredMeter[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A cloud command: its list replaces the whole monitored set (docs/ARCHITECTURE.md § ReMoni API v2). */
  replaceAll(specs: MonitoredMeterSpec[], source: MeterSource = 'cloud'): void {
    const addedAt = this.now().toISOString();
    this.meters = new Map(specs.map((spec) => [spec.deviceId, { ...spec, source, addedAt }]));
    this.changed();
  }

  /** Adds or updates one meter by hand. */
  put(spec: MonitoredMeterSpec, source: MeterSource = 'manual'): void {
    this.meters.set(spec.deviceId, { ...spec, source, addedAt: this.now().toISOString() });
    this.changed();
  }

  remove(deviceId: string): boolean {
    const removed = this.meters.delete(deviceId);
    if (removed) this.changed();
    return removed;
  }

  private changed(): void {
    this.save();
    const meters = this.list();
    for (const listener of this.listeners) listener(meters);
  }

  private load(): void {
    const file = this.options.file;
    if (!file || !fs.existsSync(file)) return;
    let stored: StoredFile;
    try {
      stored = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredFile;
      if (stored.version !== 1 || !Array.isArray(stored.meters)) throw new Error('unknown format');
    } catch (error) {
      this.loadProblems.push(
        `${file}: the saved meters cannot be read (${(error as Error).message}); starting empty`,
      );
      return;
    }
    if (stored.protection !== this.box.protection) {
      this.loadProblems.push(
        `${file}: the meter keys were saved with ${stored.protection} protection but ${this.box.protection} is in use now; re-enter the keys or send the command again`,
      );
      return;
    }
    for (const m of stored.meters) {
      try {
        const encryptionKey = this.box.open(Buffer.from(m.sealedKey, 'base64'));
        if (encryptionKey.length !== 16) throw new Error('not a 16-byte key');
        this.meters.set(m.deviceId, { ...m, encryptionKey });
      } catch (error) {
        this.loadProblems.push(
          `${file}: the key of meter ${m.deviceId} cannot be unsealed (${(error as Error).message})`,
        );
      }
    }
  }

  /** Atomic replace, owner-only: a crash leaves the old file or the new one, never half of each. */
  private save(): void {
    const file = this.options.file;
    if (!file) return;
    const stored: StoredFile = {
      version: 1,
      protection: this.box.protection,
      meters: this.list().map((m) => ({
        deviceId: m.deviceId,
        manufacturerKey: m.manufacturerKey,
        manufacturerDeviceKey: m.manufacturerDeviceKey,
        source: m.source,
        addedAt: m.addedAt,
        sealedKey: this.box.seal(m.encryptionKey).toString('base64'),
      })),
    };
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(temporary, file);
  }
}
