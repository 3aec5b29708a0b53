import type { z } from 'zod';
import type { ExplainedFieldSchema, StickStatusSchema, TelegramErrorSchema } from './gateway';

// More types of the gateway's boundary, each inferred from its schema in gateway.ts like the ones
// declared there. The core imports them (import type) instead of writing its own copy, so a field
// added to a schema is a compile error wherever the core does not fill it.

/** Why one telegram failed: the CLI's and the UI's outcome codes. */
export type TelegramErrorView = z.infer<typeof TelegramErrorSchema>;
export type TelegramErrorCode = TelegramErrorView['code'];

/** The stick driver's state as the UI sees it. */
export type StickStatusView = z.infer<typeof StickStatusSchema>;

/** One field of an explained frame. */
export type ExplainedFieldView = z.infer<typeof ExplainedFieldSchema>;
