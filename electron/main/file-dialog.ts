import type { OpenDialogOptions } from 'electron';
import type { FilePurpose } from '../core/app/profile-editor';

const TITLES: Record<FilePurpose, string> = {
  ca_file: "Choose the broker's CA certificate",
  cert_file: 'Choose the client certificate',
  key_file: "Choose the client certificate's private key",
};

/** What the OS open dialog shows for each certificate field of the profile form. */
export function fileDialogOptions(purpose: FilePurpose, settingsFolder: string | null): OpenDialogOptions {
  return {
    title: TITLES[purpose],
    properties: ['openFile', 'showHiddenFiles'],
    filters: [
      {
        name: purpose === 'key_file' ? 'Private keys' : 'Certificates',
        extensions: ['pem', 'crt', 'cer', 'key'],
      },
      { name: 'All files', extensions: ['*'] },
    ],
    ...(settingsFolder ? { defaultPath: settingsFolder } : {}),
  };
}
