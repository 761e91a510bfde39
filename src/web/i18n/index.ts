import { zhCN, type Messages } from './zh-CN';

/** The active locale's messages; only zh-CN ships today. */
export const m: Messages = zhCN;
export type { Messages };
