import { afterEach, describe, expect, it } from 'vitest';
import { requestContract } from '../../../shared/ipc/contract';
import type { AppCore } from './app-core';
import { APP_ORIGIN, createTestAppCore } from './app-core-test-support';
import type { GatewayService } from './gateway-service';
import type { ProfileEditor } from './profile-editor';
import { requestHandlers } from './request-handlers';

const METHODS = Object.keys(requestContract).sort();

let core: AppCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

describe('the app core answers the whole request table', () => {
  it('has exactly one handler per request of the contract', () => {
    const view = () => ({ file: null, loadedAt: '', profiles: [], problems: [] });
    const handlers = requestHandlers({
      info: () => ({ name: 'x', version: '0', settingsSource: 'none' }),
      settings: view,
      reloadSettings: view,
      gateway: {} as GatewayService,
      profiles: {} as ProfileEditor,
    });
    expect(Object.keys(handlers).sort()).toEqual(METHODS);
    for (const method of METHODS)
      expect(typeof handlers[method as keyof typeof handlers], method).toBe('function');
  });

  it.each(METHODS)(
    'routes %s to a handler: an answer the contract accepts, or a refused input',
    async (method) => {
      core = createTestAppCore();
      const answer = await core.router.handle({ origin: APP_ORIGIN }, method, undefined);
      const spec = requestContract[method as keyof typeof requestContract];
      if (spec.input.safeParse(undefined).success) {
        // Requests without input ran their handler, and the router checked the output against the contract.
        if (!answer.ok) expect(answer.error.code, answer.error.message).toBe('NOT_RUNNING');
      } else {
        expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      }
    },
  );
});
