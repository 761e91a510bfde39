import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { BodyOf } from '../../../shared/contracts/http';
import type { updateOrganization } from '../../../shared/contracts/organizations';
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from '../../../shared/rules/credit-code';
import {
  ORG_KINDS,
  ORG_KIND_LABELS,
  SERVICE_DOMAINS,
  SERVICE_DOMAIN_LABELS,
  type OrgKind,
  type ServiceDomain,
} from '../../../shared/rules/organizations';
import type { OrgDetail } from './organizations.api';
import { m } from '../../i18n';

const t = m.staffing.orgs;

/** The editable fields as the form holds them (the date as a Dayjs for the picker). */
export interface OrgFieldValues {
  name: string;
  kind?: OrgKind;
  registeringAuthority: string;
  registeredOn: Dayjs | null;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
  address: string;
  serviceDomains: ServiceDomain[];
}

export const EMPTY_ORG_FIELDS: OrgFieldValues = {
  name: '',
  kind: undefined,
  registeringAuthority: '',
  registeredOn: null,
  legalRepresentative: '',
  contactName: '',
  contactPhone: '',
  address: '',
  serviceDomains: [],
};

export function orgFieldValues(o: OrgDetail): OrgFieldValues {
  return {
    name: o.name,
    kind: o.kind,
    registeringAuthority: o.registeringAuthority,
    registeredOn: o.registeredOn ? dayjs(o.registeredOn) : null,
    legalRepresentative: o.legalRepresentative,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    address: o.address,
    serviceDomains: o.serviceDomains,
  };
}

type OrgEditable = Omit<BodyOf<typeof updateOrganization>, 'version'>;

/** The request body part; kind is required by the form rules, so it is present here. */
export function orgEditableBody(v: OrgFieldValues & { kind: OrgKind }): OrgEditable {
  return {
    name: v.name,
    kind: v.kind,
    registeringAuthority: v.registeringAuthority ?? '',
    registeredOn: v.registeredOn ? v.registeredOn.format('YYYY-MM-DD') : null,
    legalRepresentative: v.legalRepresentative ?? '',
    contactName: v.contactName ?? '',
    contactPhone: v.contactPhone ?? '',
    address: v.address ?? '',
    serviceDomains: v.serviceDomains ?? [],
  };
}

/**
 * Live GB 32100 check while the code is typed: a count until 18 characters, then pass or the
 * reason. A character outside the alphabet is named at once (padding keeps the length rule quiet).
 */
export function CreditCodeHint({ value }: { value: string | undefined }) {
  const code = (value ?? '').trim().toUpperCase();
  if (!code) return null;
  const problem = creditCodeProblem(code);
  if (!problem)
    return (
      <Typography.Text type="success" data-testid="credit-code-hint">
        <CheckCircleOutlined aria-hidden /> {t.creditCodeOk}
      </Typography.Text>
    );
  const badChar = code.length < 18 && creditCodeProblem(code.padEnd(18, '0')) === 'alphabet';
  if (code.length < 18 && !badChar)
    return (
      <Typography.Text type="secondary" data-testid="credit-code-hint">
        {t.creditCodeTyping(code.length)}
      </Typography.Text>
    );
  return (
    <Typography.Text type="danger" data-testid="credit-code-hint">
      <CloseCircleOutlined aria-hidden /> {CREDIT_CODE_MESSAGES[badChar ? 'alphabet' : problem]}
    </Typography.Text>
  );
}

/** The credit code (create only): checked live, and again by the form and the server. */
export function CreditCodeField() {
  const value = Form.useWatch<string | undefined>('creditCode');
  return (
    <Form.Item
      label={t.creditCode}
      name="creditCode"
      validateTrigger="onBlur"
      extra={<CreditCodeHint value={value} />}
      rules={[
        { required: true, whitespace: true, message: t.creditCodeRequired },
        {
          validator: async (_, v: string | undefined) => {
            const problem = v ? creditCodeProblem(v) : null;
            if (problem) throw new Error(CREDIT_CODE_MESSAGES[problem]);
          },
        },
      ]}
    >
      <Input maxLength={18} autoComplete="off" style={{ textTransform: 'uppercase' }} />
    </Form.Item>
  );
}

const kindOptions = ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }));
const domainOptions = SERVICE_DOMAINS.map((d) => ({ value: d, label: SERVICE_DOMAIN_LABELS[d] }));
const half = { xs: 24, sm: 12 };

/** The fields of an organisation; names match the API so server errors land on them. */
export function OrgFields() {
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Form.Item label={t.name} name="name" rules={[{ required: true, whitespace: true, message: t.nameRequired }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t.kind} name="kind" rules={[{ required: true, message: t.kindRequired }]}>
          <Select options={kindOptions} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t.registeredOn} name="registeredOn">
          <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t.registeringAuthority} name="registeringAuthority">
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t.legalRepresentative} name="legalRepresentative">
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t.contactName} name="contactName">
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t.contactPhone} name="contactPhone">
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label={t.address} name="address">
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item
          label={t.serviceDomains}
          name="serviceDomains"
          rules={[{ type: 'array', max: 5, message: t.serviceDomainsMax }]}
        >
          <Select mode="multiple" options={domainOptions} allowClear />
        </Form.Item>
      </Col>
    </Row>
  );
}
