import { LINK_MODES, type LinkMode } from '../../../shared/link-modes';
import type { DeviceInfo } from './commands';
import type { StickIdentity } from './stick';

/**
 * The iM871A's device info in the terms every stick shares. The firmware and HCI versions stay
 * in the hex the stick reports (0x14), as installers compare them with IMST's release notes.
 */
export function im871aIdentity(info: DeviceInfo): StickIdentity {
  return {
    kind: 'im871a',
    module: info.moduleName,
    firmware: hex(info.firmwareVersion),
    uniqueId: info.deviceId,
    linkModes: im871aLinkModes(info.firmwareVersion),
    details: { 'device mode': info.deviceModeName, 'HCI version': hex(info.hciVersion) },
  };
}

/** Every link mode the iM871A knows, minus those its firmware is too old for. */
export function im871aLinkModes(firmwareVersion: number): LinkMode[] {
  return LINK_MODES.filter(
    (mode) => !('im871aMinFirmware' in mode) || firmwareVersion >= mode.im871aMinFirmware,
  ).map((mode) => mode.name);
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(2, '0')}`;
}
