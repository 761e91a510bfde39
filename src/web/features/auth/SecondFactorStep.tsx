import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Me, SecondFactorChallenge } from '../../../shared/contracts/auth';
import { errorText } from '../../lib/error-text';
import { m } from '../../i18n';
import { useConfirmEnrolment, useSignedIn, useStartEnrolment, useVerifySecondFactor } from './auth.api';

interface CodeValues {
  code: string;
}

function CodeForm({ label, submit, pending, onCode }: { label: string; submit: string; pending: boolean; onCode: (code: string) => void }) {
  const [form] = Form.useForm<CodeValues>();
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      disabled={pending}
      onFinish={({ code }) => {
        onCode(code.trim());
        form.setFieldValue('code', '');
      }}
    >
      <Form.Item label={label} name="code" rules={[{ required: true, message: m.auth.totpCodeRequired }]}>
        <Input prefix={<SafetyOutlined aria-hidden />} autoComplete="one-time-code" inputMode="text" autoFocus size="large" maxLength={32} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={pending}>
        {submit}
      </Button>
    </Form>
  );
}

/** Verification at every login: a code from the app, or a recovery code. */
function Verify({ challenge }: { challenge: SecondFactorChallenge }) {
  const verify = useVerifySecondFactor();
  const signedIn = useSignedIn();
  return (
    <>
      <Typography.Paragraph type="secondary">{m.auth.totpHint}</Typography.Paragraph>
      {verify.error ? <Alert type="error" showIcon role="alert" title={errorText(verify.error)} style={{ marginBottom: 16 }} /> : null}
      <CodeForm
        label={m.auth.totpCode}
        submit={m.auth.totpVerify}
        pending={verify.isPending}
        onCode={(code) => verify.mutate({ pendingToken: challenge.pendingToken, code }, { onSuccess: signedIn })}
      />
    </>
  );
}

/** First login of a user who must use TOTP: QR code, first code, then the recovery codes once. */
function Enrol({ challenge, onRestart }: { challenge: SecondFactorChallenge; onRestart: () => void }) {
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const signedIn = useSignedIn();
  const [done, setDone] = useState<{ me: Me; codes: string[] } | null>(null);
  const { mutate } = start;

  useEffect(() => {
    mutate({ pendingToken: challenge.pendingToken });
  }, [mutate, challenge.pendingToken]);

  if (done)
    return (
      <>
        <Typography.Title level={5}>{m.auth.recoveryTitle}</Typography.Title>
        <Alert type="warning" showIcon title={m.auth.recoveryHint} style={{ marginBottom: 16 }} />
        <Typography.Paragraph copyable={{ text: done.codes.join('\n') }} data-testid="recovery-codes">
          <Flex wrap gap={8}>
            {done.codes.map((c) => (
              <Typography.Text key={c} code style={{ fontSize: 15 }}>
                {c}
              </Typography.Text>
            ))}
          </Flex>
        </Typography.Paragraph>
        <Button type="primary" block size="large" onClick={() => signedIn(done.me)}>
          {m.auth.recoveryDone}
        </Button>
      </>
    );

  if (start.error)
    return (
      <>
        <Alert type="error" showIcon role="alert" title={errorText(start.error)} />
        <RestartLink onRestart={onRestart} />
      </>
    );
  if (!start.data) return <Spin />;
  return (
    <>
      <Typography.Paragraph type="secondary">{m.auth.enrolIntro}</Typography.Paragraph>
      <Typography.Paragraph strong>{m.auth.enrolScan}</Typography.Paragraph>
      <Flex justify="center">
        <img src={start.data.qrDataUrl} alt={m.auth.enrolQrAlt} width={200} height={200} />
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {m.auth.enrolManual}
        <Typography.Text code copyable data-testid="totp-secret">
          {start.data.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph strong>{m.auth.enrolEnterCode}</Typography.Paragraph>
      {confirm.error ? <Alert type="error" showIcon role="alert" title={errorText(confirm.error)} style={{ marginBottom: 16 }} /> : null}
      <CodeForm
        label={m.auth.totpCode}
        submit={m.auth.enrolConfirm}
        pending={confirm.isPending}
        onCode={(code) =>
          confirm.mutate(
            { pendingToken: challenge.pendingToken, code },
            { onSuccess: ({ recoveryCodes, ...me }) => setDone({ me, codes: recoveryCodes }) },
          )
        }
      />
      <RestartLink onRestart={onRestart} />
    </>
  );
}

function RestartLink({ onRestart }: { onRestart: () => void }) {
  return (
    <Button type="link" block style={{ marginTop: 8 }} onClick={onRestart}>
      {m.auth.totpRestart}
    </Button>
  );
}

/** The step after a right password when the user must use a second factor. */
export function SecondFactorStep({ challenge, onRestart }: { challenge: SecondFactorChallenge; onRestart: () => void }) {
  return challenge.secondFactor === 'enrol' ? (
    <Enrol challenge={challenge} onRestart={onRestart} />
  ) : (
    <>
      <Verify challenge={challenge} />
      <RestartLink onRestart={onRestart} />
    </>
  );
}
