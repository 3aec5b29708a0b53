import type { AppInfo } from '../../../shared/ipc/contract';
import type { SettingsView } from '../../../shared/settings';
import type { Handlers } from '../bridge/router';
import type { GatewayService } from './gateway-service';
import type { ProfileEditor } from './profile-editor';

export interface RequestHandlerDeps {
  info: () => AppInfo;
  settings: () => SettingsView;
  reloadSettings: () => SettingsView;
  gateway: GatewayService;
  profiles: ProfileEditor;
}

/**
 * The app's answer to every request of the contract (shared/ipc/contract.ts), one line each. The
 * `Handlers` type makes a request without a handler, or a handler without a request, a compile
 * error; request-handlers.test.ts checks the same at run time.
 */
export function requestHandlers({
  info,
  settings,
  reloadSettings,
  gateway,
  profiles,
}: RequestHandlerDeps): Handlers {
  return {
    'app.info': info,
    'settings.get': settings,
    'settings.reload': reloadSettings,
    'profiles.read': () => profiles.read(),
    'profiles.save': (input) => profiles.save(input),
    'profiles.delete': (input) => profiles.delete(input.name, input.hash),
    'profiles.test': (input) => profiles.test(input),
    'dialog.pickFile': (input) => profiles.pickFile(input.purpose),
    'ports.list': () => gateway.ports(),
    'gateway.status': () => gateway.status(),
    'gateway.start': (input) => gateway.start(input),
    'gateway.stop': () => gateway.stop(),
    'meters.add': (input) => gateway.addMeter(input),
    'meters.remove': (input) => gateway.removeMeter(input.deviceId),
    'kem.preview': (input) => gateway.previewKem(input),
    'kem.import': (input) => gateway.importKem(input),
    'mqtt.publish': (input) => gateway.publish(input),
    'mqtt.subscribe': (input) => gateway.subscribe(input),
    'mqtt.unsubscribe': (input) => gateway.unsubscribe(input.topic),
    'telegram.explain': (input) => gateway.explain(input),
    'capture.start': () => gateway.startCapture(),
    'capture.stop': () => gateway.stopCapture(),
    'capture.list': () => gateway.captures.list(),
    'replay.open': (input) => gateway.openReplay(input),
    'replay.control': (input) => gateway.controlReplay(input),
  };
}
