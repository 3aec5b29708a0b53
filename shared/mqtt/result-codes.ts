// Zod-free, so the renderer can use the words without bundling the schemas.

/** The original gateway's (paho) publish result codes, kept visible next to the richer state. */
export const GATEWAY_RESULT_TEXT: Readonly<Record<number, string>> = {
  0: 'success',
  3: 'invalid arguments',
  4: 'no connection',
  15: 'queue full',
};
