import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { m } from '../i18n';
import { useReportError } from '../lib/errors';

export interface RevealTexts {
  /** 身份证号 / 电话 … */
  what: string;
  reveal: string;
  hide: string;
  title: (what: string) => string;
  /** Tells the user the view is recorded (留痕). */
  content: string;
}

/**
 * A masked ID number or phone with 查看完整: after a confirmation that the view is recorded
 * (留痕), `reveal` fetches the full value (the server audits it), which replaces the mask here
 * only, and is gone on leaving the page.
 */
export function RevealableValue({
  masked,
  canReveal,
  reveal,
  texts,
  testId,
}: {
  masked: string;
  canReveal: boolean;
  reveal: () => Promise<string>;
  texts: RevealTexts;
  testId: string;
}) {
  const report = useReportError();
  const { modal } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  if (!masked) return <span>—</span>;
  const onReveal = () =>
    modal.confirm({
      title: texts.title(texts.what),
      content: texts.content,
      okText: m.common.confirm,
      cancelText: m.common.cancel,
      onOk: () => {
        setPending(true);
        return reveal()
          .then(setValue)
          .catch((e: unknown) => report(e))
          .finally(() => setPending(false));
      },
    });
  return (
    <Space size={4} wrap>
      <Typography.Text code data-testid={testId} style={{ wordBreak: 'break-all' }}>
        {value ?? masked}
      </Typography.Text>
      {canReveal ? (
        value ? (
          <Button size="small" type="link" icon={<EyeInvisibleOutlined aria-hidden />} onClick={() => setValue(null)}>
            {texts.hide}
          </Button>
        ) : (
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined aria-hidden />}
            loading={pending}
            onClick={onReveal}
            aria-label={`${texts.reveal}${texts.what}`}
          >
            {texts.reveal}
          </Button>
        )
      ) : null}
    </Space>
  );
}
