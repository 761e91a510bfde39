import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { BodyOf } from '../../../shared/contracts/http';
import type { addCertificate, addTraining } from '../../../shared/contracts/social-workers';
import { CERTIFICATE_LABELS, CERTIFICATE_LEVELS, type CertificateLevel } from '../../../shared/rules/staffing';
import { notFuture } from './WorkerFields';
import { m } from '../../i18n';

const t = m.staffing.workers;

export interface CertificateValues {
  level?: CertificateLevel;
  number: string;
  obtainedOn: Dayjs | null;
}
export interface TrainingValues {
  date: Dayjs | null;
  hours: number | null;
  provider: string;
  topic: string;
}

export const EMPTY_CERTIFICATE: CertificateValues = { level: undefined, number: '', obtainedOn: null };
export const EMPTY_TRAINING: TrainingValues = { date: null, hours: null, provider: '', topic: '' };

/** The form's rules make level and date present; the server checks again. */
export function certificateBody(v: CertificateValues): BodyOf<typeof addCertificate> {
  return { level: v.level ?? 'assistant', number: v.number ?? '', obtainedOn: v.obtainedOn?.format('YYYY-MM-DD') ?? '' };
}
export function trainingBody(v: TrainingValues): BodyOf<typeof addTraining> {
  return {
    date: v.date?.format('YYYY-MM-DD') ?? '',
    hours: v.hours ?? 0,
    provider: v.provider ?? '',
    topic: v.topic ?? '',
  };
}

const levelOptions = CERTIFICATE_LEVELS.map((l) => ({ value: l, label: CERTIFICATE_LABELS[l] }));
const third = { xs: 24, sm: 8 };
const half = { xs: 24, sm: 12 };

type Path = (string | number)[];

/** One certificate; `path` places it inside a Form.List row (`[row]`) or at the form's top level. */
export function CertificateFields({ path = [] }: { path?: Path }) {
  return (
    <Row gutter={12}>
      <Col {...third}>
        <Form.Item label={t.certLevel} name={[...path, 'level']} rules={[{ required: true, message: t.certLevelRequired }]}>
          <Select options={levelOptions} />
        </Form.Item>
      </Col>
      <Col {...third}>
        <Form.Item label={t.certNumber} name={[...path, 'number']}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col {...third}>
        <Form.Item label={t.obtainedOn} name={[...path, 'obtainedOn']} rules={[{ required: true, message: t.obtainedOnRequired }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={notFuture} />
        </Form.Item>
      </Col>
    </Row>
  );
}

export function TrainingFields({ path = [] }: { path?: Path }) {
  return (
    <Row gutter={12}>
      <Col {...half}>
        <Form.Item label={t.trainingDate} name={[...path, 'date']} rules={[{ required: true, message: t.trainingDateRequired }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={notFuture} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t.hours} name={[...path, 'hours']} rules={[{ required: true, message: t.hoursRequired }]}>
          <InputNumber min={0.1} max={1000} step={0.5} precision={1} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t.provider} name={[...path, 'provider']}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t.topic} name={[...path, 'topic']}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}
