import type { GatewayApi } from '../../shared/ipc/api';
import { API_GLOBAL } from '../../shared/ipc/names';

/** The typed API, provided by the preload (Electron) or the web bridge client (browser). */
export function findApi(): GatewayApi | null {
  return ((window as unknown as Record<string, unknown>)[API_GLOBAL] as GatewayApi | undefined) ?? null;
}
