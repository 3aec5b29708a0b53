/** The colour a state deserves; the words next to it carry the meaning. */
export type Tone = 'ok' | 'warn' | 'error' | 'muted' | 'busy';
