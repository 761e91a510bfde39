import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { WorkerDetail } from '../../../shared/contracts/social-workers';
import { STAFF_SOURCES, STAFF_SOURCE_LABELS, type StaffSource } from '../../../shared/rules/staffing';
import { RuleTag } from '../../components/RuleTag';
import { isApiError, type ApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { useCreatePosting, useStationChoices } from './social-workers.api';

const t = m.staffing.postings;

interface PostingValues {
  stationId?: string;
  startDate: Dayjs | null;
  source?: StaffSource;
  exceptionReason?: string;
}

const sourceOptions = STAFF_SOURCES.map((s) => ({ value: s, label: STAFF_SOURCE_LABELS[s] }));

/** The refusal: the rule cited by id and clause, then each reason the server gave. */
function Violation({ error }: { error: ApiError }) {
  // The server's message ends with the rule it cites; the tag above shows that already.
  const rule = error.rule;
  const suffix = rule ? `（${rule.id}，${rule.clause}：${rule.title}）` : '';
  const text = suffix && error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : error.message;
  const reasons = text.split('；').filter(Boolean);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="posting-violation"
      style={{ marginBottom: 16 }}
      title={t.violationTitle}
      description={
        <Flex vertical gap={4}>
          {error.rule ? (
            <div>
              <RuleTag rule={error.rule} />
              <Typography.Text type="secondary">{error.rule.title}</Typography.Text>
            </div>
          ) : null}
          {reasons.map((r) => (
            <div key={r}>{r}</div>
          ))}
        </Flex>
      }
    />
  );
}

/**
 * 安排上岗. The server checks age, education and professional quality on the start date
 * (二（三）); a refusal is shown with its rule, and a district officer (posting:exception) may
 * post anyway by registering an exception with a written reason.
 */
export function PostingModal({ worker, onClose }: { worker: WorkerDetail; onClose: () => void }) {
  const [form] = Form.useForm<PostingValues>();
  const canExcept = usePermission('posting:exception');
  const stations = useStationChoices(true);
  const create = useCreatePosting();
  const report = useReportError();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [violation, setViolation] = useState<ApiError | null>(null);

  const send = (v: PostingValues, withException: boolean) => {
    if (!v.stationId || !v.startDate || !v.source) return;
    create.mutate(
      {
        workerId: worker.id,
        stationId: v.stationId,
        startDate: v.startDate.format('YYYY-MM-DD'),
        source: v.source,
        exceptionReason: withException ? v.exceptionReason : undefined,
      },
      {
        onSuccess: () => {
          message.success(withException ? t.exceptionCreated : t.created);
          onClose();
        },
        onError: (e) => {
          if (isApiError(e, 'RULE_VIOLATION')) {
            setViolation(e);
            return;
          }
          report(e, form);
        },
      },
    );
  };

  const registerException = () =>
    void form
      .validateFields()
      .then((v) => send(v, true))
      .catch(() => undefined);

  const stationOptions = (stations.data?.items ?? [])
    .filter((s) => s.status !== 'revoked')
    .map((s) => ({ value: s.id, label: s.name }));

  return (
    <Modal
      open
      title={t.createTitle}
      onCancel={onClose}
      width={isMobile ? '100%' : 640}
      style={isMobile ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8} wrap>
          <Button onClick={onClose}>{m.common.cancel}</Button>
          {violation && canExcept ? (
            <Button type="primary" danger loading={create.isPending} onClick={registerException}>
              {t.registerException}
            </Button>
          ) : (
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
              {t.create}
            </Button>
          )}
        </Flex>
      }
    >
      <Form<PostingValues>
        form={form}
        layout="vertical"
        initialValues={{ startDate: dayjs(), source: undefined, stationId: undefined }}
        onFinish={(v) => send(v, false)}
        onValuesChange={(changed: Partial<PostingValues>) => {
          // The rules are checked on the start date: another date is another question.
          if ('startDate' in changed) setViolation(null);
        }}
        disabled={create.isPending}
      >
        <Form.Item label={t.station} name="stationId" rules={[{ required: true, message: t.stationRequired }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={stations.isPending}
            options={stationOptions}
          />
        </Form.Item>
        <Form.Item label={t.startDate} name="startDate" rules={[{ required: true, message: t.startDateRequired }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item label={t.source} name="source" rules={[{ required: true, message: t.sourceRequired }]}>
          <Select options={sourceOptions} />
        </Form.Item>
        {violation ? <Violation error={violation} /> : null}
        {violation && canExcept ? (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t.exceptionIntro} />
            <Form.Item
              label={t.exceptionReason}
              name="exceptionReason"
              rules={[{ required: true, whitespace: true, message: t.exceptionReasonRequired }]}
            >
              <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
            </Form.Item>
          </>
        ) : null}
        {violation && !canExcept ? <Typography.Text type="secondary">{t.noExceptionRight}</Typography.Text> : null}
      </Form>
    </Modal>
  );
}
