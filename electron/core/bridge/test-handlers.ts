// Test support: a full handler table where only the methods a test cares about do anything.
import { REQUEST_METHODS } from '../../../shared/ipc/names';
import type { Handlers } from './router';

export function testHandlers(overrides: Partial<Handlers>): Handlers {
  const unused = Object.fromEntries(
    REQUEST_METHODS.map((method) => [
      method,
      () => {
        throw new Error(`${method} is not used in this test`);
      },
    ]),
  ) as unknown as Handlers;
  return { ...unused, ...overrides };
}
