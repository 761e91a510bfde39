import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Form, Input, Modal, Pagination, Row, Select, Switch, Table, Tag, Typography, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Partner } from '../../../shared/contracts/partners';
import { PARTNER_KINDS, PARTNER_KIND_LABELS, type PartnerKind } from '../../../shared/rules/partners';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { formatDateTime, orDash } from '../../lib/format';
import { PermissionGate, usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { m } from '../../i18n';
import { useActionError } from '../clients/useActionError';
import { CountySelect } from '../regions/RegionSelects';
import { useCreatePartner, usePartners, useUpdatePartner, type PartnerListQuery } from './partners.api';

const t = m.daily.partners;
const FILTER_KEYS = ['q', 'kind', 'countyCode', 'page', 'pageSize'] as const;
const isKind = (v: string | undefined): v is PartnerKind => (PARTNER_KINDS as readonly string[]).includes(v ?? '');
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
  const [url, setUrl] = useUrlState(FILTER_KEYS);
  const isMobile = useIsMobile();
  const canManage = usePermission('partner:manage');
  const [keyword, setKeyword] = useState(url.q ?? '');
  useEffect(() => setKeyword(url.q ?? ''), [url.q]);
  const [editing, setEditing] = useState<Partner | 'new' | null>(null);
  const page = toPage(url.page, 1);
  const pageSize = toPage(url.pageSize, 20);
  const kind = isKind(url.kind) ? url.kind : undefined;
  const query: PartnerListQuery = useMemo(
    () => ({ q: url.q, kind, countyCode: url.countyCode, page, pageSize }),
    [url.q, kind, url.countyCode, page, pageSize],
  );
  const { data, isPending, isFetching, error, refetch } = usePartners(query);

  const columns: TableProps<Partner>['columns'] = [
    { title: t.name, dataIndex: 'name', key: 'name', width: 220 },
    { title: t.kind, dataIndex: 'kind', key: 'kind', width: 110, render: (k: PartnerKind) => PARTNER_KIND_LABELS[k] },
    { title: t.county, dataIndex: 'countyShortName', key: 'county', width: 80 },
    { title: t.services, dataIndex: 'services', key: 'services', ellipsis: true, render: (s: string) => orDash(s) },
    { title: t.contactName, key: 'contact', width: 180, render: (_, p) => `${orDash(p.contactName)} ${p.contactPhone}` },
    { title: t.active, dataIndex: 'active', key: 'active', width: 70, render: (a: boolean) => <ActiveTag active={a} /> },
    { title: t.updatedAt, dataIndex: 'updatedAt', key: 'updatedAt', width: 170, render: (d: string) => formatDateTime(d) },
    ...(canManage
      ? [{
          title: m.common.actions, key: 'actions', width: 80,
          render: (_: unknown, p: Partner) => (
            <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(p)} aria-label={`${t.edit}：${p.name}`}>
              {t.edit}
            </Button>
          ),
        }]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t.listTitle}
        extra={
          <PermissionGate permission="partner:manage">
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
              {t.create}
            </Button>
          </PermissionGate>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={10}>
          <Input.Search
            aria-label={t.keyword}
            placeholder={t.keyword}
            allowClear
            enterButton={m.common.search}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(v) => setUrl({ q: v.trim(), page: undefined })}
          />
        </Col>
        <Col xs={12} md={7}>
          <Select<PartnerKind>
            aria-label={t.kind}
            placeholder={t.kind}
            allowClear
            style={{ width: '100%' }}
            options={kindOptions}
            value={kind}
            onChange={(v) => setUrl({ kind: v, page: undefined })}
          />
        </Col>
        <Col xs={12} md={7}>
          <CountySelect
            aria-label={t.county}
            placeholder={t.county}
            allowClear
            style={{ width: '100%' }}
            value={url.countyCode}
            onChange={(v) => setUrl({ countyCode: v, page: undefined })}
          />
        </Col>
      </Row>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : isMobile ? (
        !isPending && (data?.items.length ?? 0) === 0 ? (
          <Empty description={t.empty} />
        ) : (
          <Flex vertical gap={12} data-testid="partner-cards">
            {(data?.items ?? []).map((p) => (
              <Card key={p.id} size="small">
                <Flex justify="space-between" gap={8} align="start">
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {p.name}
                  </Typography.Text>
                  <Flex gap={4}>
                    <Tag>{PARTNER_KIND_LABELS[p.kind]}</Tag>
                    {!p.active ? <ActiveTag active={false} /> : null}
                  </Flex>
                </Flex>
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {p.countyShortName}
                  {p.contactName ? ` · ${p.contactName}` : ''}
                  {p.contactPhone ? (
                    <>
                      {' · '}
                      <a href={`tel:${p.contactPhone}`}>{p.contactPhone}</a>
                    </>
                  ) : null}
                </Typography.Text>
                {p.services ? <div style={{ marginTop: 4 }}>{p.services}</div> : null}
                {p.address ? <Typography.Text type="secondary">{p.address}</Typography.Text> : null}
                {canManage ? (
                  <div style={{ marginTop: 8 }}>
                    <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(p)} aria-label={`${t.edit}：${p.name}`}>
                      {t.edit}
                    </Button>
                  </div>
                ) : null}
              </Card>
            ))}
            <Pagination simple align="center" current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={(p) => setUrl({ page: p })} />
            <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
              {m.common.total(data?.total ?? 0)}
            </Typography.Text>
          </Flex>
        )
      ) : (
        <Table<Partner>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isPending || isFetching}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty description={t.empty} /> }}
          onChange={(p) => setUrl({ page: p.current, pageSize: p.pageSize })}
          pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (n) => m.common.total(n) }}
        />
      )}
      {editing ? <PartnerModal partner={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
