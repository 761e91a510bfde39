import { Alert, Col, DatePicker, Form, Input, InputNumber, Row, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { VolunteerDetail } from '../../../shared/contracts/volunteers';
import { DrawerForm } from '../../components/DrawerForm';
import { Finding } from '../../components/RuleTag';
import { zhCNVolunteers as t } from '../../i18n/zh-CN.volunteers';
import { useActionError } from '../clients/useActionError';
import { useCreateRecord, useIssueCertificate, usePrintCertificate } from './volunteers.api';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const hhmm = (d: Dayjs) => d.format('HH:mm');
/** Server field paths → this file's form names. */
const FORM_FIELDS: Record<string, string> = { startTime: 'start', endTime: 'end', periodFrom: 'from', periodTo: 'to' };
const required = (label: string) => [{ required: true, message: t.required(label) }];

function RuleIntro({ rule }: { rule: ReturnType<typeof useActionError>['rule'] }) {
  return rule ? <Alert type="error" style={{ marginBottom: 16 }} message={<Finding rule={rule.rule} message={rule.message} />} /> : null;
}

interface RecordValues {
  date: Dayjs;
  start: Dayjs;
  end: Dayjs;
  minutes: number;
  content: string;
  place?: string;
  training?: string;
  commendation?: string;
  evaluation?: string;
}

/** 记录志愿服务: the time actually served within the span (R-VOLUNTEER-HOURS), with the 办法's contents. */
export function RecordDrawer({ volunteer, onClose }: { volunteer: VolunteerDetail; onClose: () => void }) {
  const [form] = Form.useForm<RecordValues>();
  const create = useCreateRecord();
  const { handle, rule, clearRule } = useActionError();
  const start = Form.useWatch('start', form);
  const end = Form.useWatch('end', form);
  const span = start && end ? end.diff(start, 'minute') : null;
  const onFinish = (v: RecordValues) => {
    clearRule();
    create.mutate(
      {
        id: volunteer.id,
        body: {
          date: v.date.format('YYYY-MM-DD'), startTime: hhmm(v.start), endTime: hhmm(v.end), minutes: v.minutes, content: v.content.trim(),
          place: v.place?.trim() ?? '', training: v.training?.trim() ?? '', commendation: v.commendation?.trim() ?? '', evaluation: v.evaluation?.trim() ?? '',
        },
      },
      { onSuccess: onClose, onError: (e: unknown) => handle(e, { form, mapPath: (p) => FORM_FIELDS[p] ?? p }) },
    );
  };
  return (
    <DrawerForm<RecordValues>
      title={`${t.recordTitle}：${volunteer.name}`}
      form={form}
      width={560}
      testId="volunteer-record-form"
      pending={create.isPending}
      onClose={onClose}
      onFinish={onFinish}
      intro={<RuleIntro rule={rule} />}
      initialValues={{ date: dayjs() }}
    >
      <Form.Item label={t.date} name="date" rules={required(t.date)}>
        <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={notFuture} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label={t.startTime} name="start" rules={required(t.startTime)}>
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} needConfirm={false} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t.endTime} name="end" rules={required(t.endTime)}>
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} needConfirm={false} inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t.minutes} name="minutes" rules={required(t.minutes)} extra={t.minutesHint}>
        <InputNumber min={1} max={span && span > 0 ? span : 1440} precision={0} style={{ width: '100%' }} inputMode="numeric" />
      </Form.Item>
      <Form.Item label={t.content} name="content" rules={[{ required: true, whitespace: true, message: t.required(t.content) }]}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item label={t.place} name="place">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label={t.training} name="training">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t.commendation} name="commendation">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t.evaluation} name="evaluation">
        <Input maxLength={200} />
      </Form.Item>
    </DrawerForm>
  );
}

interface IssueValues {
  from: Dayjs;
  to: Dayjs;
  purpose?: string;
}

/** 出具志愿服务记录证明 (R-VOLUNTEER-CERT): numbered by the server, then downloaded at once. */
export function IssueDrawer({ volunteer, onClose }: { volunteer: VolunteerDetail; onClose: () => void }) {
  const [form] = Form.useForm<IssueValues>();
  const issue = useIssueCertificate();
  const print = usePrintCertificate();
  const { handle, rule, clearRule } = useActionError();
  const onFinish = (v: IssueValues) => {
    clearRule();
    issue.mutate(
      { id: volunteer.id, body: { periodFrom: v.from.format('YYYY-MM-DD'), periodTo: v.to.format('YYYY-MM-DD'), purpose: v.purpose?.trim() ?? '' } },
      {
        onSuccess: (c) => {
          void print(c.id);
          onClose();
        },
        onError: (e: unknown) => handle(e, { form, mapPath: (p) => FORM_FIELDS[p] ?? p }),
      },
    );
  };
  return (
    <DrawerForm<IssueValues>
      title={t.issueTitle}
      form={form}
      width={520}
      testId="volunteer-certificate-form"
      pending={issue.isPending}
      onClose={onClose}
      onFinish={onFinish}
      okText={t.issue}
      intro={
        <>
          <RuleIntro rule={rule} />
          <Typography.Paragraph type="secondary">{t.issueIntro}</Typography.Paragraph>
        </>
      }
      initialValues={{ from: dayjs().startOf('year'), to: dayjs() }}
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label={t.periodFrom} name="from" rules={required(t.periodFrom)}>
            <DatePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t.periodTo} name="to" rules={required(t.periodTo)}>
            <DatePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t.purpose} name="purpose">
        <Input maxLength={100} />
      </Form.Item>
    </DrawerForm>
  );
}
