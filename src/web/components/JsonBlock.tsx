import { Typography } from 'antd';
import { m } from '../i18n';

/** Pretty-printed JSON for audit before/after data. */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Text strong>{label}</Typography.Text>
      <pre
        aria-label={label}
        style={{
          margin: '4px 0 0',
          padding: 8,
          background: 'rgba(0,0,0,0.03)',
          borderRadius: 6,
          fontSize: 12,
          maxHeight: 320,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {value === null || value === undefined ? m.audit.nothing : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}
