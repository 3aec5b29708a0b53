import { describe, expect, it } from 'vitest';
import { fileDialogOptions } from './file-dialog';

describe('fileDialogOptions', () => {
  it('opens one existing file, starting in the settings folder, titled for the field', () => {
    const options = fileDialogOptions('key_file', '/home/tech/.config/Gateway Diagnostics/settings');
    expect(options).toMatchObject({
      title: "Choose the client certificate's private key",
      defaultPath: '/home/tech/.config/Gateway Diagnostics/settings',
    });
    expect(options.properties).toContain('openFile');
    expect(options.properties).not.toContain('multiSelections');
    expect(options.filters?.[0]?.name).toBe('Private keys');
    expect(fileDialogOptions('ca_file', null)).not.toHaveProperty('defaultPath');
  });
});
