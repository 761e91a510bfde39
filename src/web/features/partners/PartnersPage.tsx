import { EditOutlined } from '@ant-design/icons';
import { App, Button, Col, Flex, Form, Input, Modal, Row, Select, Switch, Tag, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import type { Partner } from '../../../shared/contracts/partners';
import { PARTNER_KINDS, PARTNER_KIND_LABELS, type PartnerKind } from '../../../shared/rules/partners';
import { ListCard, ListPage, oneOf, useListState } from '../../components/ListPage';
import { CreateButton } from '../../components/CreateButton';
import { formatDateTime, orDash } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { m } from '../../i18n';
import { useActionError } from '../clients/useActionError';
import { countyFilter, CountySelect } from '../regions/RegionSelects';
import { useCreatePartner, usePartners, useUpdatePartner, type PartnerListQuery } from './partners.api';

const t = m.daily.partners;
const FILTER_KEYS = ['q', 'kind', 'countyCode'] as const;
const kindOptions = PARTNER_KINDS.map((k) => ({ value: k, label: PARTNER_KIND_LABELS[k] }));

interface PartnerValues {
  countyCode?: string;
  kind?: PartnerKind;
  name: string;
  contactName?: string;
  contactPhone?: string;
  address?: string;
  services?: string;
  active: boolean;
}

/** 登记 / 编辑 a partner body; the county is fixed once registered. */
function PartnerModal({ partner, onClose }: { partner: Partner | null; onClose: () => void }) {
  const [form] = Form.useForm<PartnerValues>();
  const create = useCreatePartner();
  const update = useUpdatePartner();
  const { handle } = useActionError();
  const { message } = App.useApp();
  const pending = create.isPending || update.isPending;
  const onFinish = (v: PartnerValues) => {
    const fields = {
      kind: v.kind ?? 'other',
      name: v.name.trim(),
      contactName: v.contactName?.trim() ?? '',
      contactPhone: v.contactPhone?.trim() ?? '',
      address: v.address?.trim() ?? '',
      services: v.services?.trim() ?? '',
      active: v.active,
    };
    const done = {
      onSuccess: () => {
        message.success(partner ? t.updated : t.created);
        onClose();
      },
      onError: (e: unknown) => handle(e, { form }),
    };
    if (partner) update.mutate({ id: partner.id, body: { ...fields, version: partner.version } }, done);
    else create.mutate({ ...fields, countyCode: v.countyCode ?? '' }, done);
  };
  return (
    <Modal
      open
      title={partner ? t.editTitle : t.createTitle}
      okText={m.common.save}
      cancelText={m.common.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form<PartnerValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={pending}
        initialValues={
          partner
            ? { ...partner }
            : { active: true, name: '', contactName: '', contactPhone: '', address: '', services: '' }
        }
      >
        {partner ? (
          <Form.Item label={t.county}>
            <Typography.Text>{partner.countyShortName}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item label={t.county} name="countyCode" rules={[{ required: true, message: t.countyRequired }]}>
            <CountySelect />
          </Form.Item>
        )}
        <Form.Item label={t.kind} name="kind" rules={[{ required: true, message: t.kindRequired }]}>
          <Select<PartnerKind> options={kindOptions} />
        </Form.Item>
        <Form.Item label={t.name} name="name" rules={[{ required: true, whitespace: true, message: t.nameRequired }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label={t.contactName} name="contactName">
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t.contactPhone} name="contactPhone">
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t.address} name="address">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t.services} name="services">
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item label={t.activeSwitch} name="active" valuePropName="checked">
          <Switch aria-label={t.activeSwitch} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ActiveTag({ active }: { active: boolean }) {
  return <Tag color={active ? 'success' : 'default'}>{active ? t.activeLabel.true : t.activeLabel.false}</Tag>;
}

/** 资源链接单位: each county's directory of departments and mass organisations stations refer to. */
export default function PartnersPage() {
  const list = useListState(FILTER_KEYS);
  const { url, page, pageSize } = list;
  const canManage = usePermission('partner:manage');
  const [editing, setEditing] = useState<Partner | 'new' | null>(null);
  const kind = oneOf(PARTNER_KINDS, url.kind);
  const query: PartnerListQuery = useMemo(
    () => ({ q: url.q, kind, countyCode: url.countyCode, page, pageSize }),
    [url.q, kind, url.countyCode, page, pageSize],
  );
  const result = usePartners(query);
  const editButton = (p: Partner) => (
    <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(p)} aria-label={`${t.edit}：${p.name}`}>
      {t.edit}
    </Button>
  );

  const columns: TableProps<Partner>['columns'] = [
    { title: t.name, dataIndex: 'name', key: 'name', width: 220, fixed: 'start' },
    { title: t.kind, dataIndex: 'kind', key: 'kind', width: 110, render: (k: PartnerKind) => PARTNER_KIND_LABELS[k] },
    { title: t.county, dataIndex: 'countyShortName', key: 'county', width: 80 },
    { title: t.services, dataIndex: 'services', key: 'services', ellipsis: true, render: (s: string) => orDash(s) },
    { title: t.contactName, key: 'contact', width: 180, render: (_, p) => `${orDash(p.contactName)} ${p.contactPhone}` },
    { title: t.active, dataIndex: 'active', key: 'active', width: 70, render: (a: boolean) => <ActiveTag active={a} /> },
    { title: t.updatedAt, dataIndex: 'updatedAt', key: 'updatedAt', width: 170, render: (d: string) => formatDateTime(d) },
    ...(canManage
      ? [{
          title: m.common.actions, key: 'actions', width: 80,
          render: (_: unknown, p: Partner) => editButton(p),
        }]
      : []),
  ];

  return (
    <>
      <ListPage<Partner>
        title={t.listTitle}
        extra={
          <CreateButton permission="partner:manage" label={t.create} onClick={() => setEditing('new')} />
        }
        list={list}
        filters={[
          { type: 'search', key: 'q', label: t.keyword, span: { xs: 24, md: 10 } },
          { type: 'select', key: 'kind', label: t.kind, options: kindOptions, span: { xs: 12, md: 7 } },
          { ...countyFilter(t.county), span: { xs: 12, md: 7 } },
        ]}
        result={result}
        columns={columns}
        scrollX={1100}
        empty={t.empty}
        cardsTestId="partner-cards"
        card={(p) => (
          <ListCard
            title={p.name}
            tag={
              <Flex gap={4}>
                <Tag>{PARTNER_KIND_LABELS[p.kind]}</Tag>
                {!p.active ? <ActiveTag active={false} /> : null}
              </Flex>
            }
            meta={
              <>
                {p.countyShortName}
                {p.contactName ? ` · ${p.contactName}` : ''}
                {p.contactPhone ? (
                  <>
                    {' · '}
                    <a href={`tel:${p.contactPhone}`}>{p.contactPhone}</a>
                  </>
                ) : null}
              </>
            }
          >
            {p.services ? <div>{p.services}</div> : null}
            {p.address ? <Typography.Text type="secondary">{p.address}</Typography.Text> : null}
            {canManage ? <div style={{ marginTop: 8 }}>{editButton(p)}</div> : null}
          </ListCard>
        )}
      />
      {editing ? <PartnerModal partner={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
