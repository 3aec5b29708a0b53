import path from 'node:path';
import type { z } from 'zod';
import type { ConnectionOutcome } from '../../../shared/mqtt/types';
import type { FilePickSchema, ProfileFile, ProfileSave } from '../../../shared/profile-form';
import type { ProfileTestSchema } from '../../../shared/profile-form';
import { BridgeError } from '../bridge/router';
import type { Logger } from '../logger';
import { probeConnection } from '../mqtt';
import type { LoadedSettings, Profile } from '../settings';
import { ProfileEditError } from '../settings/editor/profile-edit-error';
import type { ProfileStore } from '../settings/editor/profile-store';

export type FilePurpose = z.infer<typeof FilePickSchema>['purpose'];
/** The OS file dialog (Electron's, from main); absolute path, or null when cancelled. */
export type PickFile = (purpose: FilePurpose) => Promise<string | null>;

export interface ProfileEditorDeps {
  store: ProfileStore;
  /** The profiles the app loaded (a test from the list uses these, as Start would). */
  settings: () => LoadedSettings | null;
  /** Reads the file again and tells the renderer, after a save. */
  reloadSettings: () => void;
  logger: Logger;
  pickFile?: PickFile;
  /** `cli connect`'s connect-once, replaceable in tests. */
  probe?: typeof probeConnection;
  timeoutMs?: number;
}

/** Same as `cli connect`'s default. */
const TEST_TIMEOUT_MS = 10_000;

/** The profile form's requests: read, save, delete, test a connection, pick a file. */
export class ProfileEditor {
  constructor(private readonly deps: ProfileEditorDeps) {}

  read(): ProfileFile {
    return this.deps.store.read();
  }

  save(request: ProfileSave): ProfileFile {
    const result = this.deps.store.save(request);
    const renamed = request.originalName !== null && request.originalName !== request.draft.name;
    this.deps.logger.info(
      `Profile "${request.draft.name}" ${request.originalName === null ? 'added to' : renamed ? `(was "${request.originalName}") saved in` : 'saved in'} ${result.file ?? 'the settings file'}.`,
    );
    this.deps.reloadSettings();
    return result;
  }

  delete(name: string, hash: string | null): ProfileFile {
    const result = this.deps.store.delete(name, hash);
    this.deps.logger.info(`Profile "${name}" deleted from ${result.file ?? 'the settings file'}.`);
    this.deps.reloadSettings();
    return result;
  }

  /** Connects once and disconnects; a profile with errors is refused in the loader's words. */
  async test(input: z.infer<typeof ProfileTestSchema>): Promise<ConnectionOutcome> {
    const profile =
      'name' in input ? this.savedProfile(input.name) : this.deps.store.draftProfile(input.draft);
    const outcome = await (this.deps.probe ?? probeConnection)(profile, {
      logger: this.deps.logger,
      timeoutMs: this.deps.timeoutMs ?? TEST_TIMEOUT_MS,
    });
    this.deps.logger.info(
      `Connection test of "${profile.name}" (${outcome.endpoint}): ${outcome.code ?? outcome.error?.code ?? '—'} ${outcome.text}`,
    );
    return outcome;
  }

  /** A path relative to the settings file when the file is beside or below it, as the example writes them. */
  async pickFile(purpose: FilePurpose): Promise<{ path: string | null }> {
    if (!this.deps.pickFile) {
      throw new BridgeError('NOT_FOUND', 'There is no file dialog here: type the path of the file.');
    }
    const picked = await this.deps.pickFile(purpose);
    const file = this.deps.store.read().file;
    if (picked === null || file === null) return { path: picked };
    const relative = path.relative(path.dirname(file), picked);
    return {
      path:
        relative.startsWith('..') || path.isAbsolute(relative) ? picked : relative.split(path.sep).join('/'),
    };
  }

  private savedProfile(name: string): Profile {
    const profile = this.deps.settings()?.profiles.find((p) => p.name === name);
    if (!profile) {
      throw new ProfileEditError(
        'NO_SUCH_PROFILE',
        `There is no usable profile "${name}": it is not in the file, or the list shows its errors.`,
      );
    }
    return profile;
  }
}
