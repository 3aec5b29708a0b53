// `node --import <this file> out/main/index.js …` loads the built main entry with the stand-in
// `electron` module (electron-stand-in.mjs).
import { register } from 'node:module';

register('./electron-stand-in-hooks.mjs', import.meta.url);
