import type { z } from 'zod';
import { requestContract, type RequestOutput, type ValidatedInput } from '../../../shared/ipc/contract';
import { REQUEST_METHODS, type RequestMethod } from '../../../shared/ipc/names';
import {
  fail,
  ok,
  type BridgeErrorCode,
  type BridgeErrorInfo,
  type Result,
} from '../../../shared/ipc/result';

/** A handler may throw this to choose the error code the renderer sees. */
export class BridgeError extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

export type Handlers = {
  [M in RequestMethod]: (input: ValidatedInput<M>) => Promise<RequestOutput<M>> | RequestOutput<M>;
};

export interface RequestContext {
  /** Origin of the caller (Electron: the sender frame's URL origin; web bridge: checked at upgrade). */
  origin: string | null;
}

export interface RouterOptions {
  handlers: Handlers;
  isTrustedOrigin: (origin: string | null) => boolean;
  /** Receives unexpected handler failures; the renderer only gets a short message. */
  onInternalError?: (method: string, error: unknown) => void;
  /**
   * Turns a domain error a handler threw into the code and message the renderer sees; null leaves
   * it an internal failure. The bridge knows no domain: the app passes this in.
   */
  translateError?: (error: unknown) => BridgeErrorInfo | null;
}

export interface Router {
  handle(ctx: RequestContext, method: unknown, input: unknown): Promise<Result<unknown>>;
}

const isMethod = (m: unknown): m is RequestMethod =>
  typeof m === 'string' && (REQUEST_METHODS as readonly string[]).includes(m);

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The one router behind both transports. It checks the caller, validates the input against the
 * contract, runs the handler and checks its output, and always answers with a Result — nothing
 * thrown here ever crosses into the renderer.
 */
export function createRouter({
  handlers,
  isTrustedOrigin,
  onInternalError,
  translateError,
}: RouterOptions): Router {
  return {
    async handle(ctx, method, input) {
      if (!isTrustedOrigin(ctx.origin)) {
        return fail('FORBIDDEN', `Request refused: caller origin ${ctx.origin ?? '(none)'} is not the app.`);
      }
      if (!isMethod(method)) {
        return fail('UNKNOWN_METHOD', `Unknown request ${JSON.stringify(method)}.`);
      }
      const spec = requestContract[method];
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) {
        return fail('BAD_REQUEST', `Invalid input for ${method}: ${describeIssues(parsed.error.issues)}`);
      }
      try {
        const handler = handlers[method] as (i: unknown) => unknown;
        const value = await handler(parsed.data);
        const checked = spec.output.safeParse(value);
        if (!checked.success) {
          onInternalError?.(method, checked.error);
          return fail('INTERNAL', `${method} produced an answer that breaks the contract.`);
        }
        return ok(checked.data);
      } catch (error) {
        if (error instanceof BridgeError) return fail(error.code, error.message);
        const known = translateError?.(error);
        if (known) return fail(known.code, known.message);
        onInternalError?.(method, error);
        return fail(
          'INTERNAL',
          `${method} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
  };
}
