import { Alert, Col, DatePicker, Divider, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { VolunteerDetail } from '../../../shared/contracts/volunteers';
import { birthDateOf, fullYearsOn, idNumberProblem, normaliseIdNumber } from '../../../shared/rules/id-number';
import { VOLUNTEER_SKILLS, VOLUNTEER_SKILL_LABELS, type VolunteerSkill } from '../../../shared/rules/volunteers';
import { DrawerForm } from '../../components/DrawerForm';
import { Finding } from '../../components/RuleTag';
import { useCurrentUser } from '../../lib/permissions';
import { zhCNVolunteers as t } from '../../i18n/zh-CN.volunteers';
import { useActionError } from '../clients/useActionError';
import { StationSelect } from '../reports/fields';
import { useWorkers } from '../social-workers/social-workers.api';
import { useCreateVolunteer, useTeams, useUpdateVolunteer } from './volunteers.api';

interface Values {
  stationId?: string;
  name: string;
  idNumber?: string;
  phone?: string;
  skills: VolunteerSkill[];
  availability?: string;
  teamId?: string | null;
  leadWorkerId?: string | null;
  consentOn?: Dayjs | null;
  consentScope?: string;
  guardianName?: string;
  guardianRelation?: string;
  guardianConsentOn?: Dayjs | null;
}

const skillOptions = VOLUNTEER_SKILLS.map((s) => ({ value: s, label: VOLUNTEER_SKILL_LABELS[s] }));
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** 登记 / 编辑 a volunteer: consent first (R-VOLUNTEER-CONSENT), a guardian's for a minor (R-VOLUNTEER-MINOR). */
export function VolunteerDrawer({ volunteer, onClose }: { volunteer: VolunteerDetail | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const me = useCurrentUser();
  const create = useCreateVolunteer();
  const update = useUpdateVolunteer();
  const { handle, rule, clearRule } = useActionError();
  const stationId = Form.useWatch('stationId', form) ?? volunteer?.stationId ?? me.scope.stationId ?? undefined;
  const idNumber = Form.useWatch('idNumber', form);
  const teams = useTeams({ stationId, pageSize: 200 });
  // 社工引领志愿者: the station's workers on post.
  const workers = useWorkers({ stationId, onPost: 'yes', pageSize: 100, sort: 'name' });
  const today = dayjs().format('YYYY-MM-DD');
  const typed = idNumber ? normaliseIdNumber(idNumber) : '';
  const minor = volunteer ? volunteer.minor : !!typed && !idNumberProblem(typed, today) && fullYearsOn(birthDateOf(typed), today) < 18;
  const pending = create.isPending || update.isPending;

  const onFinish = (v: Values) => {
    clearRule();
    const fields = {
      name: v.name.trim(),
      phone: v.phone?.trim() ?? '',
      skills: v.skills ?? [],
      availability: v.availability?.trim() ?? '',
      teamId: v.teamId ?? null,
      leadWorkerId: v.leadWorkerId ?? null,
      consentOn: day(v.consentOn),
      consentScope: v.consentScope?.trim() ?? '',
      guardianName: v.guardianName?.trim() ?? '',
      guardianRelation: v.guardianRelation?.trim() ?? '',
      guardianConsentOn: day(v.guardianConsentOn),
    };
    const done = { onSuccess: onClose, onError: (e: unknown) => handle(e, { form }) };
    if (volunteer) update.mutate({ id: volunteer.id, body: { ...fields, version: volunteer.version, status: volunteer.status } }, done);
    else create.mutate({ ...fields, idNumber: v.idNumber?.trim() ?? '', stationId: v.stationId ?? null }, done);
  };

  return (
    <DrawerForm<Values>
      title={volunteer ? t.editTitle : t.createTitle}
      form={form}
      width={600}
      testId="volunteer-form"
      pending={pending}
      onClose={onClose}
      onFinish={onFinish}
      intro={rule ? <Alert type="error" style={{ marginBottom: 16 }} message={<Finding rule={rule.rule} message={rule.message} />} /> : null}
      initialValues={
        volunteer
          ? {
              ...volunteer, phone: '', teamId: volunteer.teamId, consentOn: dayjs(volunteer.consentOn),
              guardianConsentOn: volunteer.guardianConsentOn ? dayjs(volunteer.guardianConsentOn) : null,
            }
          : { skills: [], consentOn: dayjs(), consentScope: t.consentScopeDefault }
      }
    >
      {!volunteer && !me.scope.stationId ? (
        <Form.Item label={t.station} name="stationId" rules={[{ required: true, message: t.stationRequired }]}>
          <StationSelect />
        </Form.Item>
      ) : null}
      <Row gutter={12}>
        <Col xs={24} sm={10}>
          <Form.Item label={t.name} name="name" rules={[{ required: true, whitespace: true, message: t.required(t.name) }]}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          {volunteer ? (
            <Form.Item label={t.idNumber}>
              <Typography.Text code>{volunteer.idNumberMasked}</Typography.Text>
            </Form.Item>
          ) : (
            <Form.Item label={t.idNumber} name="idNumber" extra={t.idNumberHint} rules={[{ required: true, whitespace: true, message: t.required(t.idNumber) }]}>
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
          )}
        </Col>
      </Row>
      <Form.Item label={t.phone} name="phone" extra={volunteer ? `${volunteer.phoneMasked || '—'}，${t.phoneKeep}` : undefined}>
        <Input maxLength={20} inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item label={t.skills} name="skills">
        <Select<VolunteerSkill[]> mode="multiple" options={skillOptions} />
      </Form.Item>
      <Form.Item label={t.availability} name="availability">
        <Input maxLength={200} placeholder={t.availabilityPlaceholder} />
      </Form.Item>
      <Form.Item label={t.team} name="teamId">
        <Select<string>
          allowClear
          placeholder={t.noTeam}
          loading={teams.isFetching}
          options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
      </Form.Item>
      <Form.Item label={t.leadWorker} name="leadWorkerId">
        <Select<string>
          allowClear
          placeholder={t.leadWorkerPlaceholder}
          loading={workers.isFetching}
          options={(workers.data?.items ?? []).map((w) => ({ value: w.id, label: w.name }))}
        />
      </Form.Item>
      <Divider titlePlacement="start" plain>{t.consentSection}</Divider>
      <Row gutter={12}>
        <Col xs={24} sm={10}>
          <Form.Item label={t.consentOn} name="consentOn" rules={[{ required: true, message: t.required(t.consentOn) }]}>
            <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={notFuture} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item label={t.consentScope} name="consentScope" rules={[{ required: true, whitespace: true, message: t.required(t.consentScope) }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      {minor ? (
        <>
          <Divider titlePlacement="start" plain>{t.guardianSection}</Divider>
          <Row gutter={12}>
            <Col xs={12} sm={8}>
              <Form.Item label={t.guardianName} name="guardianName" rules={[{ required: true, whitespace: true, message: t.required(t.guardianName) }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6}>
              <Form.Item label={t.guardianRelation} name="guardianRelation" rules={[{ required: true, whitespace: true, message: t.required(t.guardianRelation) }]}>
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={10}>
              <Form.Item label={t.guardianConsentOn} name="guardianConsentOn" rules={[{ required: true, message: t.required(t.guardianConsentOn) }]}>
                <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={notFuture} />
              </Form.Item>
            </Col>
          </Row>
        </>
      ) : null}
    </DrawerForm>
  );
}
