import type { GatewayStatus, SerialPortView } from '../../../shared/gateway';
import type { ProfileView } from '../../../shared/settings';
import { stickName } from '../../../shared/stick-kinds';

export type PendingAction = 'start' | 'stop' | null;

/** What the start bar says while the gateway gets going; null once broker and stick are up (or idle). */
export function startProgress(pending: PendingAction, status: GatewayStatus | null): string | null {
  if (pending === 'stop') return 'Stopping…';
  if (!status?.running) return pending === 'start' ? 'Starting…' : null;
  const steps: string[] = [];
  const session = status.session?.state ?? 'idle';
  if (session === 'idle' || session === 'connecting') steps.push('Connecting…');
  const stick = status.stick?.state ?? 'closed';
  if (stick === 'closed' || stick === 'opening') steps.push('Opening stick…');
  return steps.length > 0 ? steps.join(' ') : null;
}

export const DEMO_LABEL = 'Demo — built-in broker and simulated stick';

export function profileLabel(profile: ProfileView): string {
  if (profile.demo) return DEMO_LABEL;
  return `${profile.name} — ${profile.host}:${profile.port}`;
}

/** The last choice if it is still offered, else the demo profile, else the first. */
export function defaultProfile(profiles: ProfileView[], remembered: string | null): string {
  if (remembered && profiles.some((p) => p.name === remembered)) return remembered;
  return (profiles.find((p) => p.demo) ?? profiles[0])?.name ?? '';
}

/** The last choice if still plugged in, else the first stick (iM871A or iU891A), else the simulated stick. */
export function defaultPort(ports: SerialPortView[], remembered: string | null): string {
  if (remembered && ports.some((p) => p.path === remembered)) return remembered;
  return (ports.find((p) => p.stick && !p.virtual) ?? ports.find((p) => p.virtual) ?? ports[0])?.path ?? '';
}

/** Sticks first (named by their USB ids), then the simulated one, then other serial devices (docs/ARCHITECTURE.md § Sticks). */
export function groupPorts(ports: SerialPortView[]): Array<{ label: string; ports: SerialPortView[] }> {
  const groups = [
    { label: 'wM-Bus sticks', ports: ports.filter((p) => p.stick && !p.virtual) },
    { label: 'Simulated', ports: ports.filter((p) => p.virtual) },
    { label: 'Other serial ports', ports: ports.filter((p) => !p.stick && !p.virtual) },
  ];
  return groups.filter((g) => g.ports.length > 0);
}

/** "iM871A", "iM871A, iU891A": the kinds of the sticks plugged in, or null when there is none. */
export function stickNames(ports: SerialPortView[]): string | null {
  const kinds = [...new Set(ports.filter((p) => p.stick && !p.virtual).map((p) => p.stick!))].sort();
  return kinds.length > 0 ? kinds.map(stickName).join(', ') : null;
}
