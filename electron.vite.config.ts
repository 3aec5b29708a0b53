import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The command line, built with the app so one build serves the window, the CLI and
          // `npm start` (see bin/gateway-diagnostics.js). Shared code lands in chunks/.
          cli: resolve(root, 'electron/cli/index.ts'),
          launch: resolve(root, 'electron/cli/launch.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Sandboxed preloads must be one CommonJS file: no Node module loading, no ESM.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'renderer/index.html'),
          // The browser transport, loaded only by the web bridge (see electron/core/bridge/web-server.ts).
          'web-bridge': resolve(root, 'renderer/src/web-bridge.ts'),
        },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'web-bridge' ? '[name].js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  },
});
