import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from './did-you-mean';
import { PROFILE_KEYS } from './profile-keys';

describe('didYouMean', () => {
  it('suggests keys within edit distance 2 and common synonyms', () => {
    expect(editDistance('prot', 'port')).toBe(2);
    expect(didYouMean('prot', PROFILE_KEYS)).toBe('port');
    expect(didYouMean('cafile', PROFILE_KEYS)).toBe('ca_file');
    expect(didYouMean('Qos', PROFILE_KEYS)).toBe('qos');
    expect(didYouMean('user', PROFILE_KEYS)).toBe('username');
    expect(didYouMean('hostname', PROFILE_KEYS)).toBe('host');
  });

  it('stays quiet when nothing is close', () => {
    expect(didYouMean('colour', PROFILE_KEYS)).toBeNull();
    expect(didYouMean('x', PROFILE_KEYS)).toBeNull();
  });
});
