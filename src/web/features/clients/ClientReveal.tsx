import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { zhCNDaily } from '../../i18n/zh-CN.daily';
import { NoAccess } from './clientLabels';
import { useActionError } from './useActionError';
import { useRevealClient } from './clients.api';

const t = zhCNDaily.clients;

/**
 * A masked ID number or phone; with client:reveal, 查看完整 after a confirmation that the view
 * is recorded (留痕). The full value lives only in this component and is gone on leaving.
 * null means the role may not see it at all (no client:sensitive).
 */
export function ClientReveal({ clientId, field, masked }: { clientId: string; field: 'idNumber' | 'phone'; masked: string | null }) {
  const canReveal = usePermission('client:reveal');
  const reveal = useRevealClient(clientId);
  const { handle } = useActionError();
  const { modal } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const what = field === 'idNumber' ? t.revealIdNumber : t.revealPhone;

  if (masked === null) return <NoAccess />;
  if (!masked) return <span>—</span>;
  const onReveal = () =>
    modal.confirm({
      title: t.revealTitle(what),
      content: t.revealContent,
      okText: m.common.confirm,
      cancelText: m.common.cancel,
      onOk: () =>
        reveal
          .mutateAsync(field)
          .then((r) => setValue(r.value))
          .catch((e: unknown) => handle(e)),
    });
  return (
    <Space size={4} wrap>
      <span data-testid={`client-${field}`} style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
        {value ?? masked}
      </span>
      {canReveal ? (
        value ? (
          <Button size="small" type="link" icon={<EyeInvisibleOutlined aria-hidden />} onClick={() => setValue(null)}>
            {t.hide}
          </Button>
        ) : (
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined aria-hidden />}
            loading={reveal.isPending}
            onClick={onReveal}
            aria-label={`${t.reveal}${what}`}
          >
            {t.reveal}
          </Button>
        )
      ) : null}
    </Space>
  );
}
