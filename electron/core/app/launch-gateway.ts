import { VIRTUAL_PORT } from '../stick';
import { demoMonitoredMeters, demoSimulatedMeters, startDemoBroker, type DemoBroker } from '../demo';
import type { Profile } from '../settings';
import { GatewayError, GatewayRuntime, MeterStore, type GatewayRuntimeOptions } from '../gateway';

/** What the runtime takes, but the monitored meters may be left to the profile. */
export type LaunchGatewayOptions = Omit<GatewayRuntimeOptions, 'meters' | 'afterStop'> & {
  /**
   * The monitored meters. Null: the demo profile monitors its demo meters, any other profile starts
   * with none (until a cloud command names some). The demo never touches the technician's store.
   */
  meters: MeterStore | null;
};

/**
 * The one way a gateway is started, by the app and by `cli run` alike: checks the profile, starts
 * the demo's in-process broker when the profile is the demo, picks the monitored meters and the
 * virtual stick's meters, and wires stick, session and pipeline. The caller starts and stops it.
 * Throws GatewayError('NO_GATEWAY_ID') for a profile that cannot name its topics.
 */
export async function launchGateway(options: LaunchGatewayOptions): Promise<GatewayRuntime> {
  const { profile } = options;
  assertLaunchable(profile);
  const broker = profile.demo ? await startDemoBroker() : null;
  try {
    return wire(options, broker);
  } catch (error) {
    await broker?.close();
    throw error;
  }
}

/** Throws the GatewayError launchGateway would throw for this profile; lets a caller check first. */
export function assertLaunchable(profile: Profile): void {
  if (!profile.gatewayId) {
    throw new GatewayError(
      'NO_GATEWAY_ID',
      `Profile "${profile.name}" has no gateway_id: add it to the settings file (it names the v2/<gateway_id>/… topics).`,
    );
  }
}

function wire(options: LaunchGatewayOptions, broker: DemoBroker | null): GatewayRuntime {
  const { profile, meters, simulatedMeters, ...rest } = options;
  return new GatewayRuntime({
    ...rest,
    profile: broker ? { ...profile, port: broker.port } : profile,
    meters: meters ?? monitoredByDefault(profile),
    // The virtual stick plays the demo meters unless told otherwise.
    simulatedMeters: options.port === VIRTUAL_PORT ? (simulatedMeters ?? demoSimulatedMeters()) : [],
    ...(broker ? { afterStop: () => broker.close() } : {}),
  });
}

/** The demo shows the whole path at once: its meters (OmniPower and water) are monitored from the start. */
export function monitoredByDefault(profile: Profile): MeterStore {
  const store = new MeterStore({ file: null });
  if (profile.demo) {
    for (const meter of demoMonitoredMeters()) {
      store.put({
        deviceId: meter.deviceId,
        manufacturerKey: 'kam',
        encryptionKey: meter.encryptionKey,
        manufacturerDeviceKey: meter.label,
      });
    }
  }
  return store;
}
