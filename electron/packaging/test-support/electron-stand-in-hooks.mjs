// Module resolution hook: `electron` resolves to the stand-in beside this file.
import { URL } from 'node:url';

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') {
    return { url: new URL('./electron-stand-in.mjs', import.meta.url).href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
