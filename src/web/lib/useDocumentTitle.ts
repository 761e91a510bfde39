import { useEffect } from 'react';
import { m } from '../i18n';

/** "合同 HCMZ-2026-SGZ-01 · 社工站综合管理平台"; the app's name alone without a title. */
export function documentTitle(title: string | undefined): string {
  return title ? `${title} · ${m.app.name}` : m.app.name;
}

export function setDocumentTitle(title: string | undefined): void {
  document.title = documentTitle(title);
}

/** The browser tab and history name this page; nothing happens until the title is known. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) setDocumentTitle(title);
  }, [title]);
}
