import { DecodeError } from '../errors';

/** Runs `run` and returns the DecodeError it throws; fails the test if it throws nothing or anything else. */
export function caught(run: () => unknown): DecodeError {
  try {
    run();
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('expected a DecodeError');
}
