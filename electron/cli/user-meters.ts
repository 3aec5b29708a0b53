import path from 'node:path';
import { MeterStore } from '../core/gateway';
import type { CliHost } from './host';
import type { CliIo } from './io';

// The technician's monitored meters, as the app keeps them: `<userData>/meters.json` in the same
// folder the app uses (docs/ARCHITECTURE.md § Settings), so meters added or imported in either are
// monitored by both.

export const meterFileIn = (userData: string): string => path.join(userData, 'meters.json');

/** The user-data store, its keys opened with the host's keychain when it lends one; problems on stderr. */
export function openUserMeters(userData: string, host: CliHost, io: CliIo): MeterStore {
  const store = new MeterStore({
    file: meterFileIn(userData),
    ...(host.secretBox ? { box: host.secretBox } : {}),
  });
  for (const problem of store.loadProblems) io.err(`warning: ${problem}`);
  return store;
}

/**
 * What `run` monitors: the user-data meters (none when `userData` is null) plus `--meter`, which
 * wins for the same id. In memory, so a run never writes the technician's file: a cloud command
 * received by `run` lasts for that run only.
 */
export function metersForRun(
  userData: string | null,
  host: CliHost,
  extra: ReadonlyArray<{ id: string; key: Buffer }>,
  io: CliIo,
): MeterStore {
  const store = new MeterStore({ file: null });
  const saved = userData === null ? [] : openUserMeters(userData, host, io).list();
  for (const meter of saved) store.put(meter, meter.source);
  for (const { id, key } of extra) {
    store.put({ deviceId: id, manufacturerKey: 'kam', encryptionKey: key, manufacturerDeviceKey: null });
  }
  return store;
}
