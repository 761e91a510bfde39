import { Flex } from 'antd';
import type { ReactNode } from 'react';
import { useIsMobile } from '../../lib/useIsMobile';

/**
 * The form's main button stays at the bottom of the screen on a phone, under the thumb,
 * however long the form; on a desktop it simply ends the form.
 */
export function StickyActions({ children }: { children: ReactNode }) {
  const isMobile = useIsMobile();
  return (
    <div
      data-testid="sticky-actions"
      style={{
        position: isMobile ? 'sticky' : 'static',
        bottom: 0,
        zIndex: 5,
        background: isMobile ? '#fff' : undefined,
        borderTop: isMobile ? '1px solid rgba(5,5,5,0.06)' : undefined,
        boxShadow: isMobile ? '0 -2px 8px rgba(0,0,0,0.06)' : undefined,
        padding: isMobile ? '10px 12px calc(10px + env(safe-area-inset-bottom))' : '12px 0',
        margin: isMobile ? '16px -12px -12px' : '16px 0 0',
      }}
    >
      <Flex gap={8} justify={isMobile ? 'stretch' : 'end'} style={{ width: '100%' }}>
        {children}
      </Flex>
    </div>
  );
}
