import { chinaDateTime } from '../../shared/rules/china-date';
import { m } from '../i18n';

/** Instants are shown in China time whatever the browser's zone. */
export function formatDateTime(instant: string | null | undefined): string {
  return instant ? chinaDateTime(instant) : m.common.none;
}

export function orDash(value: string | null | undefined): string {
  return value && value.trim() ? value : '—';
}
