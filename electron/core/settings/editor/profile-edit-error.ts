/** Why the settings file was not changed. The app maps each code to a bridge error code. */
export type ProfileEditErrorCode =
  /** The file changed on disk since the form read it. */
  | 'CHANGED_ON_DISK'
  /** The file or the profile is written in a way the editor cannot change without risk. */
  | 'NOT_EDITABLE'
  /** No profile of that name. */
  | 'NO_SUCH_PROFILE'
  /** Another profile already has that name. */
  | 'NAME_TAKEN'
  /** The values break the profile checks. */
  | 'INVALID'
  /** No settings file, or it cannot be read or written. */
  | 'FILE';

export class ProfileEditError extends Error {
  override name = 'ProfileEditError';
  constructor(
    readonly code: ProfileEditErrorCode,
    message: string,
  ) {
    super(message);
  }
}
