import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import type { BodyOf } from '../../../shared/contracts/http';
import type { createWorker } from '../../../shared/contracts/social-workers';
import { chinaToday } from '../../../shared/rules/china-date';
import { ID_NUMBER_MESSAGES, birthDateOf, fullYearsOn, idNumberProblem, sexOf } from '../../../shared/rules/id-number';
import { EDUCATION_LABELS, EDUCATION_LEVELS, type EducationLevel } from '../../../shared/rules/staffing';
import { m } from '../../i18n';

const t = m.staffing.workers;

/** The worker's own fields as the form holds them (the date as a Dayjs for the picker). */
export interface WorkerFieldValues {
  name: string;
  phone: string;
  education?: EducationLevel;
  major: string;
  school: string;
  graduatedOn: Dayjs | null;
}

export const EMPTY_WORKER_FIELDS: WorkerFieldValues = {
  name: '',
  phone: '',
  education: undefined,
  major: '',
  school: '',
  graduatedOn: null,
};

type WorkerEditable = Pick<
  BodyOf<typeof createWorker>,
  'name' | 'phone' | 'education' | 'major' | 'school' | 'graduatedOn'
>;

export function workerEditableBody(v: WorkerFieldValues & { education: EducationLevel }): WorkerEditable {
  return {
    name: v.name,
    phone: v.phone ?? '',
    education: v.education,
    major: v.major ?? '',
    school: v.school ?? '',
    graduatedOn: v.graduatedOn ? v.graduatedOn.format('YYYY-MM-DD') : null,
  };
}

/** Days after today (China time) cannot be picked: the contracts refuse future dates. */
export const notFuture = (d: Dayjs) => d.format('YYYY-MM-DD') > chinaToday();

/**
 * Live GB 11643 check while the number is typed: a count until 18 characters, then the derived
 * birth date, sex and age (read-only, never typed), or the reason the number is wrong.
 */
export function IdNumberHint({ value }: { value: string | undefined }) {
  const id = (value ?? '').trim().toUpperCase();
  if (!id) return null;
  const today = chinaToday();
  const typing = id.length < 18 && /^\d*$/.test(id);
  if (typing)
    return (
      <Typography.Text type="secondary" data-testid="id-number-hint">
        {t.idNumberTyping(id.length)}
      </Typography.Text>
    );
  const problem = idNumberProblem(id, today);
  if (problem)
    return (
      <Typography.Text type="danger" data-testid="id-number-hint">
        <CloseCircleOutlined aria-hidden /> {ID_NUMBER_MESSAGES[problem]}
      </Typography.Text>
    );
  const birth = birthDateOf(id);
  return (
    <span data-testid="id-number-hint">
      <Typography.Text type="success">
        <CheckCircleOutlined aria-hidden /> {t.idNumberOk}
      </Typography.Text>
      <br />
      <Typography.Text type="secondary">
        {t.derived}：{t.birthDate} <span data-testid="derived-birth-date">{birth}</span>　{t.sex}{' '}
        <span data-testid="derived-sex">{t.sexes[sexOf(id)]}</span>　{t.age} {t.ageValue(fullYearsOn(birth, today))}
      </Typography.Text>
    </span>
  );
}

export function IdNumberField() {
  const value = Form.useWatch<string | undefined>('idNumber');
  return (
    <Form.Item
      label={t.idNumber}
      name="idNumber"
      validateTrigger="onBlur"
      extra={<IdNumberHint value={value} />}
      rules={[
        { required: true, whitespace: true, message: t.idNumberRequired },
        {
          validator: async (_, v: string | undefined) => {
            const problem = v ? idNumberProblem(v, chinaToday()) : null;
            if (problem) throw new Error(ID_NUMBER_MESSAGES[problem]);
          },
        },
      ]}
    >
      <Input maxLength={18} autoComplete="off" style={{ textTransform: 'uppercase' }} />
    </Form.Item>
  );
}

const educationOptions = EDUCATION_LEVELS.map((e) => ({ value: e, label: EDUCATION_LABELS[e] }));
const half = { xs: 24, sm: 12 };

/** Name, (the ID number when registering,) phone, education, major, school, graduation: names match the API so server errors land on them. */
export function WorkerFields({ idField }: { idField?: ReactNode }) {
  return (
    <Row gutter={16}>
      <Col {...half}>
        <Form.Item label={t.name} name="name" rules={[{ required: true, whitespace: true, message: t.nameRequired }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      {idField ? <Col {...half}>{idField}</Col> : null}
      <Col {...half}>
        <Form.Item label={t.phone} name="phone">
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t.education} name="education" rules={[{ required: true, message: t.educationRequired }]}>
          <Select options={educationOptions} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t.major} name="major">
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t.school} name="school">
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t.graduatedOn} name="graduatedOn">
          <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={notFuture} />
        </Form.Item>
      </Col>
    </Row>
  );
}
