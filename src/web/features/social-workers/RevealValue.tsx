import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useReportError } from '../../lib/errors';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { zhCNStaffing } from '../../i18n/zh-CN.staffing';
import { useReveal } from './social-workers.api';
import { Masked } from './workerLabels';

const t = zhCNStaffing.workers;

/**
 * A masked ID number or phone with 查看完整 (worker:reveal): after a confirmation that the view
 * is recorded (留痕), the full value replaces the mask in place. It is kept only on this screen.
 */
export function RevealValue({ workerId, field, masked }: { workerId: string; field: 'idNumber' | 'phone'; masked: string }) {
  const canReveal = usePermission('worker:reveal');
  const reveal = useReveal(workerId);
  const report = useReportError();
  const { modal } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const what = field === 'idNumber' ? t.revealIdNumber : t.revealPhone;

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
          .catch((e: unknown) => report(e)),
    });

  if (!masked) return <span>—</span>;
  return (
    <Space size={4} wrap>
      <span data-testid={`worker-${field}`}>
        <Masked value={value ?? masked} />
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
