import { App, Card, Col, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { BodyOf } from '../../../shared/contracts/http';
import type { ClientDetail, updateClient } from '../../../shared/contracts/clients';
import {
  LEGAL_BASES,
  LEGAL_BASIS_LABELS,
  RISK_LEVELS,
  RISK_LEVEL_LABELS,
  type LegalBasis,
  type RiskLevel,
  type TargetGroup,
} from '../../../shared/rules/clients';
import { DrawerForm } from '../../components/DrawerForm';
import { m } from '../../i18n';
import { RuleAlert, TARGET_GROUP_OPTIONS } from './clientLabels';
import { useStation, useUpdateClient, useVillages } from './clients.api';
import { GuardianFields, HouseholdFields } from './HouseholdFields';
import { useActionError } from './useActionError';

const t = m.daily.clients;

interface EditValues {
  name: string;
  phone?: string;
  villageCode: string;
  address?: string;
  targetGroups: TargetGroup[];
  riskLevel: RiskLevel;
  legalBasis: LegalBasis;
  /** `phoneMasked` is the stored number as shown, for the placeholder; it is never sent. */
  household: { name: string; relation: string; phone?: string; phoneMasked?: string }[];
  guardianName?: string;
  guardianRelation?: string;
  guardianPhone?: string;
}

type Body = BodyOf<typeof updateClient>;

/** A phone only when one was typed: empty keeps the stored number (the server's rule). */
const typed = (phone: string | undefined) => (phone?.trim() ? { phone: phone.trim() } : {});

/** The server speaks of `guardian.*` and of the consents behind the legal basis. */
function formPath(path: string): string {
  if (path === 'guardian' || path === 'guardian.name') return 'guardianName';
  if (path === 'guardian.relation') return 'guardianRelation';
  if (path === 'guardian.phone') return 'guardianPhone';
  if (path === 'consents') return 'legalBasis';
  return path;
}

function bodyOf(v: EditValues, version: number): Body {
  return {
    version,
    name: v.name.trim(),
    ...typed(v.phone),
    villageCode: v.villageCode,
    address: v.address?.trim() ?? '',
    targetGroups: v.targetGroups,
    riskLevel: v.riskLevel,
    legalBasis: v.legalBasis,
    household: (v.household ?? []).map((p) => ({ name: p.name.trim(), relation: p.relation.trim(), ...typed(p.phone) })),
    guardian: v.guardianName?.trim()
      ? { name: v.guardianName.trim(), relation: v.guardianRelation?.trim() ?? '', ...typed(v.guardianPhone) }
      : null,
  };
}

const half = { xs: 24, md: 12 };

/**
 * Edits a client's record: everything but the ID number (and so birth date and sex). Phones are
 * only known masked here, so their fields start empty and an empty field keeps the stored number.
 */
export function EditClientDrawer({ client, onClose, onConflict }: { client: ClientDetail; onClose: () => void; onConflict: () => unknown }) {
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateClient(client.id);
  const { handle, rule, clearRule } = useActionError();
  const { message } = App.useApp();
  const station = useStation(client.stationId);
  const villages = useVillages(station.data?.townCode);
  const minor = client.age < 18;

  const onFinish = (v: EditValues) => {
    clearRule();
    update.mutate(bodyOf(v, client.version), {
      onSuccess: () => {
        message.success(t.edited);
        onClose();
      },
      onError: (e) =>
        handle(e, {
          form,
          mapPath: formPath,
          onConflict: () => {
            onClose();
            return onConflict();
          },
        }),
    });
  };

  return (
    <DrawerForm<EditValues>
      title={t.editTitle}
      form={form}
      width={720}
      pending={update.isPending}
      onClose={onClose}
      onFinish={onFinish}
      intro={<Typography.Paragraph type="secondary">{t.editNote}</Typography.Paragraph>}
      after={
        <div style={{ marginTop: 16 }}>
          <RuleAlert rule={rule?.rule ?? null} message={rule?.message} onClose={clearRule} />
        </div>
      }
      initialValues={{
        name: client.name,
        phone: '',
        villageCode: client.villageCode,
        address: client.address,
        targetGroups: client.targetGroups,
        riskLevel: client.riskLevel,
        legalBasis: client.legalBasis,
        household: client.household.map((p) => ({ name: p.name, relation: p.relation, phone: '', phoneMasked: p.phoneMasked })),
        guardianName: client.guardian?.name ?? '',
        guardianRelation: client.guardian?.relation ?? '',
        guardianPhone: '',
      }}
    >
      <Flex vertical gap={16}>
        <Card size="small" title={t.detailTitle}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item label={t.name} name="name" rules={[{ required: true, whitespace: true, message: t.nameRequired }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item label={t.phone} name="phone">
                <Input maxLength={20} inputMode="tel" placeholder={client.phoneMasked ? t.keepPhone(client.phoneMasked) : undefined} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item label={t.village} name="villageCode" rules={[{ required: true, message: t.villageRequired }]}>
                <Select<string>
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={villages.isFetching || station.isPending}
                  // Until the villages arrive, the stored one is shown by name, not by code.
                  options={
                    villages.data
                      ? villages.data.map((v) => ({ value: v.code, label: v.name }))
                      : [{ value: client.villageCode, label: client.villageName }]
                  }
                />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item label={t.address} name="address">
                <Input maxLength={200} />
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
            <Select<TargetGroup[]> mode="multiple" options={TARGET_GROUP_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item label={t.risk} name="riskLevel">
            <Radio.Group optionType="button" buttonStyle="solid" options={RISK_LEVELS.map((r) => ({ value: r, label: RISK_LEVEL_LABELS[r] }))} />
          </Form.Item>
        </Card>
        <Card size="small" title={t.household}>
          <HouseholdFields />
        </Card>
        <GuardianFields minor={minor} relationWithName phoneMasked={client.guardian?.phoneMasked} />
      <Card size="small" title={t.legalBasis}>
          <Form.Item name="legalBasis" label={t.legalBasis}>
            <Radio.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
              options={LEGAL_BASES.map((b) => ({ value: b, label: LEGAL_BASIS_LABELS[b] }))}
            />
          </Form.Item>
        </Card>
      </Flex>
    </DrawerForm>
  );
}
