import * as messages from './messages';
import type { Messages } from './zh-CN';

/**
 * The active locale's messages; only zh-CN ships today. A module namespace rather than one
 * object: each section is bundled with the pages that read it (the login page's JS budget,
 * scripts/bench-web-budget.ts). Read it as `m.section.key`, never pass `m` itself around.
 */
export { messages as m };
export type { Messages };

// Every section of the locale, and nothing else, is exported by messages.ts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type LocaleComplete = Assert<Same<typeof messages, Messages>>;
