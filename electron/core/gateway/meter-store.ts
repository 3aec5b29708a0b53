import type { MonitoredMeterView } from '../../../shared/gateway';
import type { MonitoredMeterSpec } from '../recalc';
import {
  fileOnlyBox,
  readMeterFile,
  writeMeterFile,
  type MeterSource,
  type MonitoredMeter,
  type SecretBox,
  type StoredMeter,
} from './meter-file';

export { fileOnlyBox, type MeterSource, type MonitoredMeter, type SecretBox } from './meter-file';

/** What the renderer may see of a monitored meter: the key only as its last four hex digits. */
export type MeterView = MonitoredMeterView;

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
  /** Meters in the file whose keys this process cannot open; written back as they were. */
  private locked = new Map<string, StoredMeter>();
  private readonly listeners = new Set<(meters: readonly MonitoredMeter[]) => void>();
  private readonly box: SecretBox;
  private readonly now: () => Date;
  /** Why the stored set could not be (fully) read, for the UI and logs. */
  readonly loadProblems: string[] = [];
  /** The file was there but could not be read at all: the next change replaces it. */
  fileUnreadable = false;

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
    this.locked.clear();
    this.changed();
  }

  /** Adds or updates one meter by hand. */
  put(spec: MonitoredMeterSpec, source: MeterSource = 'manual'): void {
    this.putMany([spec], source);
  }

  /** Adds or updates several meters (an imported key file) with one save and one announcement. */
  putMany(specs: readonly MonitoredMeterSpec[], source: MeterSource): void {
    const addedAt = this.now().toISOString();
    for (const spec of specs) {
      this.locked.delete(spec.deviceId);
      this.meters.set(spec.deviceId, { ...spec, source, addedAt });
    }
    if (specs.length > 0) this.changed();
  }

  remove(deviceId: string): boolean {
    const removed = this.meters.delete(deviceId) || this.locked.delete(deviceId);
    if (removed) this.changed();
    return removed;
  }

  /** Ids of the meters kept in the file whose keys this process cannot open (see meter-file.ts). */
  lockedIds(): string[] {
    return [...this.locked.keys()];
  }

  private changed(): void {
    this.save();
    const meters = this.list();
    for (const listener of this.listeners) listener(meters);
  }

  private load(): void {
    const file = this.options.file;
    if (!file) return;
    const loaded = readMeterFile(file, this.box);
    this.loadProblems.push(...loaded.problems);
    this.fileUnreadable = loaded.unreadable;
    this.meters = new Map(loaded.meters.map((m) => [m.deviceId, m]));
    this.locked = new Map(loaded.locked.map((m) => [m.deviceId, m]));
    // Keys sealed without a keychain, now that one is here: seal them with it at once.
    if (loaded.reseal) this.save();
  }

  private save(): void {
    if (this.options.file)
      writeMeterFile(this.options.file, this.box, this.list(), [...this.locked.values()]);
  }
}
