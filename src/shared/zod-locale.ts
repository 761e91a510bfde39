import { z } from 'zod';

// Validation messages in Chinese on both server and web; field-specific messages in the
// contracts override these.
z.config(z.locales.zhCN());
