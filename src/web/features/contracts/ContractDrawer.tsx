import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import type { Procurement } from '../../../shared/contracts/procurements';
import type { ContractDetail } from '../../../shared/contracts/service-contracts';
import {
  PURCHASE_RULES,
  contractTermProblem,
  instalmentProblem,
  maxContractEnd,
} from '../../../shared/rules/purchase';
import { DrawerForm } from '../../components/DrawerForm';
import { useFormWrite } from '../../components/FormModal';
import { RuleTag } from '../../components/RuleTag';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { fenOf, fenToInput, YuanInput, yuanRules } from '../funding/money';
import { CountySelect } from '../regions/RegionSelects';
import { useProcurements } from '../procurements/procurements.api';
import { ContractorSelect, StationsSelect, useContractorChoices, useCountyScope } from '../procurements/purchaseFields';
import { useContractorRecord, useCreateContract, useUpdateContract } from './contracts.api';

const t = m.purchase.contracts;
const c = m.purchase.common;

interface InstalmentValues {
  label: string;
  dueOn: Dayjs | null;
  amount: string;
}

interface Values {
  countyCode?: string;
  procurementId: string | null;
  title: string;
  number: string;
  contractorOrgId?: string;
  stationIds: string[];
  content: string;
  startsOn: Dayjs | null;
  endsOn: Dayjs | null;
  quantity: string;
  quality: string;
  price: string;
  instalments: InstalmentValues[];
  rightsDuties: string;
  liability: string;
  tripartite: string;
}

function valuesOf(ct: ContractDetail | null, county: string | undefined, from: Procurement | null): Values {
  if (!ct)
    return {
      countyCode: from?.countyCode ?? county,
      procurementId: from?.id ?? null,
      title: from ? from.title : '',
      number: '',
      contractorOrgId: from?.contractor?.id,
      stationIds: from?.stationIds ?? [],
      content: from ? [from.items.map((i) => i.name).join('、'), from.otherItems].filter(Boolean).join('\n') : '',
      startsOn: null,
      endsOn: null,
      quantity: '',
      quality: from?.standards ?? '',
      price: from?.awardFen ? fenToInput(from.awardFen) : '',
      instalments: [],
      rightsDuties: '',
      liability: '',
      tripartite: '',
    };
  return {
    countyCode: ct.countyCode,
    procurementId: ct.procurementId,
    title: ct.title,
    number: ct.number,
    contractorOrgId: ct.contractor.id,
    stationIds: ct.stations.map((s) => s.id),
    content: ct.content,
    startsOn: ct.startsOn ? dayjs(ct.startsOn) : null,
    endsOn: ct.endsOn ? dayjs(ct.endsOn) : null,
    quantity: ct.quantity,
    quality: ct.quality,
    price: ct.priceFen > 0 ? fenToInput(ct.priceFen) : '',
    instalments: ct.instalments.map((i) => ({ label: i.label, dueOn: dayjs(i.dueOn), amount: fenToInput(i.amountFen) })),
    rightsDuties: ct.rightsDuties,
    liability: ct.liability,
    tripartite: ct.tripartite,
  };
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** Server paths → form names: money is typed in 元 under other names. */
function mapPath(p: string): string {
  if (p === 'priceFen') return 'price';
  return p.replace(/^instalments\.(\d+)\.amountFen$/, 'instalments.$1.amount');
}

/** R-EVAL-USE: a warning when the chosen contractor's latest grade failed; a barred one is refused. */
function ContractorNotice({ orgId }: { orgId: string | undefined }) {
  const record = useContractorRecord(orgId);
  const choices = useContractorChoices();
  const org = choices.data?.items.find((o) => o.id === orgId);
  if (!orgId) return null;
  return (
    <>
      {org && org.status === 'barred' ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t.barredChosen} />
      ) : null}
      {record.data?.lastFailed ? (
        <Alert
          type="warning"
          showIcon
          data-testid="contractor-last-failed"
          style={{ marginBottom: 16 }}
          title={
            <span>
              <RuleTag rule={PURCHASE_RULES['R-EVAL-USE']} />
              {t.lastFailed}
            </span>
          }
        />
      ) : null}
      {record.data && record.data.contracts.length > 0 ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: -12, marginBottom: 12 }}>
          {t.recordContracts(record.data.contracts.length)}
        </Typography.Text>
      ) : null}
    </>
  );
}

/** 登记 / 修改服务合同 (a draft; signing is a separate step with its own checks). */
export function ContractDrawer({
  contract,
  from = null,
  onClose,
  onConflict,
}: {
  contract: ContractDetail | null;
  from?: Procurement | null;
  onClose: () => void;
  onConflict?: () => unknown;
}) {
  const [form] = Form.useForm<Values>();
  const { county, isCity } = useCountyScope();
  const create = useCreateContract();
  const update = useUpdateContract(contract?.id ?? '');
  const navigate = useNavigate();
  const write = useFormWrite(form, { onClose, onConflict, mapPath });
  const isMobile = useIsMobile();
  const pending = create.isPending || update.isPending;

  const countyCode = (Form.useWatch('countyCode', form) as string | undefined) ?? contract?.countyCode ?? county;
  const contractorOrgId = Form.useWatch('contractorOrgId', form) as string | undefined;
  const startsOn = Form.useWatch('startsOn', form) as Dayjs | null | undefined;
  const endsOn = Form.useWatch('endsOn', form) as Dayjs | null | undefined;
  const price = Form.useWatch('price', form) as string | undefined;
  const instalments = (Form.useWatch('instalments', form) ?? []) as InstalmentValues[];

  const procurements = useProcurements({ countyCode, status: 'awarded', pageSize: 200 }, Boolean(countyCode));
  const procurementOptions = (procurements.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.year} ${p.title}` }));

  const term = startsOn && endsOn ? contractTermProblem(day(startsOn) ?? '', day(endsOn) ?? '') : null;
  const sumProblem = instalmentProblem(
    fenOf(price),
    instalments.filter(Boolean).map((i) => ({ label: i.label, dueOn: day(i.dueOn) ?? '', amountFen: fenOf(i.amount) })),
  );

  const onProcurement = (id: string | null) => {
    const p = procurements.data?.items.find((x) => x.id === id);
    if (!p) return;
    const now = form.getFieldsValue();
    form.setFieldsValue({
      contractorOrgId: now.contractorOrgId ?? p.contractor?.id,
      stationIds: now.stationIds?.length ? now.stationIds : p.stationIds,
      title: now.title?.trim() ? now.title : p.title,
      price: now.price?.trim() ? now.price : p.awardFen ? fenToInput(p.awardFen) : '',
    });
  };

  const onFinish = (v: Values) => {
    write.start();
    const body = {
      title: v.title.trim(),
      number: v.number ?? '',
      contractorOrgId: v.contractorOrgId ?? '',
      procurementId: v.procurementId ?? null,
      stationIds: v.stationIds ?? [],
      content: v.content ?? '',
      startsOn: day(v.startsOn),
      endsOn: day(v.endsOn),
      quantity: v.quantity ?? '',
      quality: v.quality ?? '',
      priceFen: fenOf(v.price),
      instalments: (v.instalments ?? []).map((i) => ({ label: i.label.trim(), dueOn: day(i.dueOn) ?? '', amountFen: fenOf(i.amount) })),
      rightsDuties: v.rightsDuties ?? '',
      liability: v.liability ?? '',
      tripartite: v.tripartite ?? '',
    };
    if (contract) update.mutate({ ...body, version: contract.version }, write.done(t.saved));
    else create.mutate({ ...body, countyCode: v.countyCode ?? '' }, write.done(t.created, (ct) => void navigate(`/contracts/${ct.id}`)));
  };

  const area = (name: keyof Values, label: string, max: number, rows = 2) => (
    <Form.Item label={label} name={name}>
      <Input.TextArea autoSize={{ minRows: rows, maxRows: 10 }} maxLength={max} />
    </Form.Item>
  );

  return (
    <DrawerForm<Values>
      title={contract ? t.editTitle : t.createTitle}
      form={form}
      width={720}
      testId="contract-drawer"
      initialValues={valuesOf(contract, county, from)}
      // The version re-read after someone saved first replaces what the form shows.
      reload={contract ? { version: contract.version, values: valuesOf(contract, county, from) } : undefined}
      onFinish={onFinish}
      pending={pending}
      onClose={onClose}
      intro={write.alert}
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item label={c.county} name="countyCode" rules={[{ required: true, message: c.select(c.county) }]}>
            <CountySelect disabled={Boolean(contract) || !isCity} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t.procurement} name="procurementId">
            <Select<string | null>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={procurements.isFetching}
              options={procurementOptions}
              onChange={(v) => onProcurement(v ?? null)}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={16}>
          <Form.Item label={t.name} name="title" rules={[{ required: true, whitespace: true, message: c.required(t.name) }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t.number} name="number">
            <Input maxLength={50} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t.contractor} name="contractorOrgId" rules={[{ required: true, message: c.select(t.contractor) }]}>
        <ContractorSelect />
      </Form.Item>
      <ContractorNotice orgId={contractorOrgId} />
      <Form.Item label={t.stations} name="stationIds">
        <StationsSelect countyCode={countyCode} />
      </Form.Item>
      {area('content', t.content, 10000, 3)}
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item label={t.startsOn} name="startsOn">
            <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item label={t.endsOn} name="endsOn">
            <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} />
          </Form.Item>
        </Col>
      </Row>
      {startsOn && !term ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: -12, marginBottom: 12 }}>
          {t.maxEnd(maxContractEnd(day(startsOn) ?? ''))}
        </Typography.Text>
      ) : null}
      {term ? (
        <Alert
          type="error"
          showIcon
          data-testid="term-problem"
          style={{ marginBottom: 16 }}
          title={
            <span>
              {term.rule ? <RuleTag rule={PURCHASE_RULES[term.rule]} /> : null}
              {term.message}
            </span>
          }
        />
      ) : null}
      {area('quantity', t.quantity, 5000)}
      {area('quality', t.quality, 5000)}
      <Form.Item label={t.price} name="price" rules={yuanRules(t.price)}>
        <YuanInput />
      </Form.Item>
      <Card size="small" title={t.instalments} style={{ marginBottom: 16 }}>
        <Form.List name="instalments">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, index) => (
                <Row key={field.key} gutter={8} align="top" data-testid={`instalment-${index}`}>
                  <Col xs={24} sm={7}>
                    <Form.Item
                      name={[field.name, 'label']}
                      label={t.instalmentLabel}
                      rules={[{ required: true, whitespace: true, message: c.required(t.instalmentLabel) }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={7}>
                    <Form.Item
                      name={[field.name, 'dueOn']}
                      label={t.instalmentDue}
                      rules={[{ required: true, message: c.dateRequired }]}
                      style={{ marginBottom: 8 }}
                    >
                      <DatePicker style={{ width: '100%' }} inputReadOnly={isMobile} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={8}>
                    <Form.Item
                      name={[field.name, 'amount']}
                      label={t.instalmentAmount}
                      rules={yuanRules(t.instalmentAmount, { required: true })}
                      style={{ marginBottom: 8 }}
                    >
                      <YuanInput />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={2} style={{ paddingTop: isMobile ? 0 : 30 }}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={`${t.removeInstalment} ${index + 1}`}
                      onClick={() => remove(field.name)}
                    />
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({ label: t.instalmentDefault(fields.length + 1), dueOn: null, amount: '' })}
              >
                {t.addInstalment}
              </Button>
              {sumProblem ? (
                <Typography.Text type="warning" data-testid="instalment-sum">
                  {sumProblem}
                </Typography.Text>
              ) : null}
            </Flex>
          )}
        </Form.List>
      </Card>
      {area('rightsDuties', t.rightsDuties, 10000, 3)}
      {area('liability', t.liability, 5000)}
      <Form.Item label={t.tripartite} name="tripartite" extra={t.tripartiteHint}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </DrawerForm>
  );
}
