import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { chinaToday, isCalendarDate } from '../../../shared/rules/china-date';
import {
  CONSENT_KINDS,
  CONSENT_KIND_LABELS,
  LEGAL_BASES,
  LEGAL_BASIS_LABELS,
  RISK_LEVELS,
  RISK_LEVEL_LABELS,
  type ConsentKind,
  type LegalBasis,
  type RiskLevel,
  type TargetGroup,
} from '../../../shared/rules/clients';
import { normaliseIdNumber } from '../../../shared/rules/id-number';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { ClientCard } from './ClientCards';
import { RuleAlert, TARGET_GROUP_OPTIONS } from './clientLabels';
import { useClientDuplicates, useCreateClient, useOwnStation, useStationOptions, useVillages } from './clients.api';
import { GuardianFields, HouseholdFields } from './HouseholdFields';
import { IdNumberHint, idFacts } from './IdNumberHint';
import { StickyActions } from './StickyActions';
import { useActionError } from './useActionError';

const t = m.daily.clients;

interface Person {
  name: string;
  relation: string;
  phone?: string;
}

interface ConsentValues {
  kind?: ConsentKind;
  givenBy: string;
  relation?: string;
  givenOn?: Dayjs;
  scope?: string;
}

interface ClientValues {
  name: string;
  idNumber: string;
  phone?: string;
  stationId?: string;
  villageCode?: string;
  address?: string;
  household: Person[];
  guardianName?: string;
  guardianRelation?: string;
  guardianPhone?: string;
  targetGroups: TargetGroup[];
  riskLevel: RiskLevel;
  legalBasis: LegalBasis;
  consents: ConsentValues[];
}

/** The server speaks of `guardian.*`; the form keeps the guardian as three flat fields. */
function formPath(path: string): string {
  if (path === 'guardian' || path === 'guardian.name') return 'guardianName';
  if (path === 'guardian.relation') return 'guardianRelation';
  if (path === 'guardian.phone') return 'guardianPhone';
  return path;
}

/** "19480312" or "1948-3-12" → "1948-03-12"; null when it is no real past date. */
export function parseBirthDate(raw: string): string | null {
  const s = raw.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  const dashed = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  const parts = compact ?? dashed;
  if (!parts) return null;
  const date = `${parts[1]}-${(parts[2] ?? '').padStart(2, '0')}-${(parts[3] ?? '').padStart(2, '0')}`;
  return isCalendarDate(date) && date <= chinaToday() ? date : null;
}

const half = { xs: 24, md: 12 };

/** Step 1: name and birth date, then the likely duplicates with links, before a record is made. */
function DuplicateCheck({ onContinue }: { onContinue: (check: { name: string; birthDate: string }) => void }) {
  const [form] = Form.useForm<{ name: string; birthDate: string }>();
  const [check, setCheck] = useState<{ name: string; birthDate: string } | null>(null);
  const dups = useClientDuplicates(check);
  const onFinish = (v: { name: string; birthDate: string }) => {
    const birthDate = parseBirthDate(v.birthDate);
    if (birthDate) setCheck({ name: v.name.trim(), birthDate });
  };
  return (
    <Card title={t.checkTitle} size="small" data-testid="duplicate-check">
      <Typography.Paragraph type="secondary">{t.checkHint}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish} onValuesChange={() => setCheck(null)}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item label={t.name} name="name" rules={[{ required: true, whitespace: true, message: t.nameRequired }]}>
              <Input maxLength={50} autoComplete="off" size="large" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t.birthDate}
              name="birthDate"
              rules={[
                { required: true, message: t.birthDateRequired },
                { validator: (_, v: string) => (!v || parseBirthDate(v) ? Promise.resolve() : Promise.reject(new Error(t.birthDateInvalid))) },
              ]}
            >
              <Input placeholder={t.birthDatePlaceholder} maxLength={10} inputMode="numeric" autoComplete="off" size="large" />
            </Form.Item>
          </Col>
        </Row>
        <Button htmlType="submit" icon={<SearchOutlined aria-hidden />} loading={dups.isFetching} size="large">
          {t.check}
        </Button>
      </Form>
      {check && dups.data ? (
        <div style={{ marginTop: 16 }} data-testid="duplicate-result">
          {dups.data.length > 0 ? (
            <>
              <Alert type="warning" showIcon title={t.duplicatesFound(dups.data.length)} style={{ marginBottom: 12 }} />
              <Flex vertical gap={8}>
                {dups.data.map((c) => (
                  <ClientCard key={c.id} client={c} showStation />
                ))}
              </Flex>
            </>
          ) : (
            <Alert type="success" showIcon title={t.duplicatesNone} />
          )}
          <Button type="primary" size="large" style={{ marginTop: 12 }} onClick={() => onContinue(check)} block>
            {dups.data.length > 0 ? t.notDuplicate : t.continue}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}

function ConsentFields({ child, onAddGuardianConsent }: { child: boolean; onAddGuardianConsent: () => void }) {
  const isMobile = useIsMobile();
  const consents = Form.useWatch<ConsentValues[] | undefined>('consents') ?? [];
  const hasGuardianConsent = consents.some((c) => c?.kind === 'guardian');
  return (
    <>
      <Alert type={child ? 'warning' : 'info'} showIcon title={t.consentsHint} style={{ marginBottom: 12 }} data-testid="consent-hint" />
      {child && !hasGuardianConsent ? (
        <Alert
          type="error"
          showIcon
          data-testid="consent-missing"
          title={t.consentMissingChild}
          style={{ marginBottom: 12 }}
          action={
            <Button size="small" onClick={onAddGuardianConsent}>
              {t.consentAdd}
            </Button>
          }
        />
      ) : null}
      <Form.List name="consents">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field, i) => (
              <Card key={field.key} size="small" styles={{ body: { paddingBottom: 0 } }}>
                <Row gutter={12}>
                  <Col xs={24} md={8}>
                    <Form.Item label={t.consentKind} name={[field.name, 'kind']} rules={[{ required: true, message: t.consentKindRequired }]}>
                      <Select<ConsentKind>
                        aria-label={`${t.consentKind}${i + 1}`}
                        options={CONSENT_KINDS.map((k) => ({ value: k, label: CONSENT_KIND_LABELS[k] }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item label={t.givenBy} name={[field.name, 'givenBy']} rules={[{ required: true, whitespace: true, message: t.givenByRequired }]}>
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item label={t.relation} name={[field.name, 'relation']}>
                      <Input maxLength={20} placeholder="如：母亲" />
                    </Form.Item>
                  </Col>
                  <Col xs={18} md={5}>
                    <Form.Item label={t.givenOn} name={[field.name, 'givenOn']} rules={[{ required: true, message: t.givenOnRequired }]}>
                      <DatePicker
                        style={{ width: '100%' }}
                        inputReadOnly={isMobile}
                        disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={6} md={2}>
                    <Form.Item label=" ">
                      <Button danger icon={<DeleteOutlined aria-hidden />} aria-label={`${m.daily.common.remove}${t.consents}${i + 1}`} onClick={() => remove(field.name)} />
                    </Form.Item>
                  </Col>
                  <Col span={24}>
                    <Form.Item label={t.consentScope} name={[field.name, 'scope']}>
                      <Input maxLength={200} placeholder={t.consentScopePlaceholder} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Button
              icon={<PlusOutlined aria-hidden />}
              style={{ alignSelf: 'start' }}
              onClick={() => add({ kind: 'sensitive', givenBy: '', relation: '', givenOn: dayjs(), scope: '' })}
            >
              {t.consentAdd}
            </Button>
          </Flex>
        )}
      </Form.List>
    </>
  );
}

/** Step 2: the record itself. */
function ClientForm({ check, onBack }: { check: { name: string; birthDate: string }; onBack: () => void }) {
  const [form] = Form.useForm<ClientValues>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreateClient();
  const { handle, rule, clearRule } = useActionError();
  const own = useOwnStation();
  const stations = useStationOptions(!own.isStationWorker);
  const stationId = Form.useWatch<string | undefined>('stationId', form);
  const idNumber = Form.useWatch<string | undefined>('idNumber', form);
  const facts = useMemo(() => idFacts(idNumber), [idNumber]);
  const townCode = own.isStationWorker ? own.station?.townCode : stations.data?.items.find((s) => s.id === stationId)?.townCode;
  const villages = useVillages(townCode);

  const addGuardianConsent = () => {
    const list = (form.getFieldValue('consents') as ConsentValues[] | undefined) ?? [];
    form.setFieldValue('consents', [
      ...list,
      {
        kind: 'guardian',
        givenBy: form.getFieldValue('guardianName') ?? '',
        relation: form.getFieldValue('guardianRelation') ?? '',
        givenOn: dayjs(),
        scope: '',
      },
    ]);
  };

  const onFinish = (v: ClientValues) => {
    clearRule();
    const guardian = v.guardianName?.trim()
      ? { name: v.guardianName.trim(), relation: v.guardianRelation?.trim() ?? '', phone: v.guardianPhone?.trim() ?? '' }
      : null;
    create.mutate(
      {
        name: v.name.trim(),
        idNumber: normaliseIdNumber(v.idNumber),
        phone: v.phone?.trim() ?? '',
        stationId: own.isStationWorker ? null : (v.stationId ?? null),
        villageCode: v.villageCode ?? '',
        address: v.address?.trim() ?? '',
        household: (v.household ?? []).map((p) => ({ name: p.name.trim(), relation: p.relation.trim(), phone: p.phone?.trim() ?? '' })),
        guardian,
        targetGroups: v.targetGroups ?? [],
        riskLevel: v.riskLevel,
        legalBasis: v.legalBasis,
        consents: (v.consents ?? []).map((c) => ({
          kind: c.kind ?? 'sensitive',
          givenBy: c.givenBy.trim(),
          relation: c.relation?.trim() ?? '',
          givenOn: c.givenOn ? c.givenOn.format('YYYY-MM-DD') : chinaToday(),
          scope: c.scope?.trim() ?? '',
        })),
      },
      {
        onSuccess: (c) => {
          message.success(t.created);
          void navigate(`/clients/${c.id}`, { replace: true });
        },
        onError: (e) => handle(e, { form, mapPath: formPath }),
      },
    );
  };

  return (
    <Form<ClientValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={create.isPending}
      scrollToFirstError
      initialValues={{
        name: check.name,
        household: [],
        targetGroups: [],
        riskLevel: 'low',
        legalBasis: 'statutory',
        consents: [],
      }}
    >
      <Flex vertical gap={16}>
        <Card
          size="small"
          title={t.formTitle}
          extra={
            <Button type="link" size="small" onClick={onBack} style={{ paddingInline: 0 }}>
              {t.changeCheck}
            </Button>
          }
        >
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item label={t.name} name="name" rules={[{ required: true, whitespace: true, message: t.nameRequired }]}>
                <Input maxLength={50} size="large" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                label={t.idNumber}
                name="idNumber"
                rules={[{ required: true, whitespace: true, message: t.idNumberRequired }]}
                extra={<IdNumberHint value={idNumber} checkedBirthDate={check.birthDate} />}
              >
                <Input maxLength={18} size="large" autoComplete="off" style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item label={t.phone} name="phone">
                <Input maxLength={20} inputMode="tel" size="large" />
              </Form.Item>
            </Col>
            {own.isStationWorker ? (
              <Col {...half}>
                <Form.Item label={t.station}>
                  <Typography.Text data-testid="own-station">{own.station ? t.stationOwn(own.station.name) : m.app.loading}</Typography.Text>
                </Form.Item>
              </Col>
            ) : (
              <Col {...half}>
                <Form.Item label={t.station} name="stationId" rules={[{ required: true, message: t.stationRequired }]}>
                  <Select<string>
                    showSearch={{ optionFilterProp: 'label' }}
                    size="large"
                    loading={stations.isPending}
                    options={(stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
                    onChange={() => form.setFieldValue('villageCode', undefined)}
                  />
                </Form.Item>
              </Col>
            )}
            <Col {...half}>
              <Form.Item label={t.village} name="villageCode" rules={[{ required: true, message: t.villageRequired }]}>
                <Select<string>
                  showSearch={{ optionFilterProp: 'label' }}
                  size="large"
                  disabled={!townCode}
                  placeholder={townCode ? undefined : t.villageNeedsStation}
                  loading={villages.isFetching}
                  options={(villages.data ?? []).map((v) => ({ value: v.code, label: v.name }))}
                />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item label={t.address} name="address">
                <Input maxLength={200} size="large" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t.targetGroups}>
          <Form.Item
            label={t.targetGroups}
            name="targetGroups"
            rules={[{ required: true, type: 'array', min: 1, message: t.targetGroupsRequired }]}
          >
            <Select<TargetGroup[]> mode="multiple" size="large" options={TARGET_GROUP_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item label={t.risk} name="riskLevel">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="large"
              options={RISK_LEVELS.map((r) => ({ value: r, label: RISK_LEVEL_LABELS[r] }))}
            />
          </Form.Item>
        </Card>

        <Card size="small" title={t.household}>
          <HouseholdFields />
        </Card>

        <GuardianFields minor={Boolean(facts?.minor)} testId="guardian-section" />

        <Card size="small" title={t.legalBasis}>
          <Form.Item name="legalBasis" label={t.legalBasis}>
            <Radio.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
              options={LEGAL_BASES.map((b) => ({ value: b, label: LEGAL_BASIS_LABELS[b] }))}
            />
          </Form.Item>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t.consents}
          </Typography.Title>
          <ConsentFields child={Boolean(facts?.child)} onAddGuardianConsent={addGuardianConsent} />
        </Card>
      </Flex>
      <div style={{ marginTop: 16 }}>
        <RuleAlert rule={rule?.rule ?? null} message={rule?.message} onClose={clearRule} />
      </div>
      <StickyActions>
        <Button type="primary" size="large" htmlType="submit" loading={create.isPending} style={{ flex: 1, maxWidth: 360 }}>
          {t.save}
        </Button>
      </StickyActions>
    </Form>
  );
}

export default function NewClientPage() {
  const navigate = useNavigate();
  const [check, setCheck] = useState<{ name: string; birthDate: string } | null>(null);
  return (
    <div style={{ maxWidth: 960 }}>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={() => void navigate('/clients')} style={{ paddingInline: 0 }}>
        {t.backToList}
      </Button>
      <PageHeader title={t.newTitle} />
      {check ? <ClientForm check={check} onBack={() => setCheck(null)} /> : <DuplicateCheck onContinue={setCheck} />}
    </div>
  );
}
