import { KemError } from '../errors';

/** The KemError `run` throws; anything else it throws, or throwing nothing, fails the test. */
export function kemErrorOf(run: () => unknown): KemError {
  let thrown: unknown = null;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  if (thrown instanceof KemError) return thrown;
  throw thrown ?? new Error('expected a KemError, but nothing was thrown');
}
