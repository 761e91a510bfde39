import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import type { Brand } from '../../../shared/contracts/publicity';
import { useReportError } from '../../lib/errors';
import { serverPagination } from '../../lib/paging';
import { useCurrentUser, usePermission } from '../../lib/permissions';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { StationPicker } from '../stations/StationPicker';
import { useBrands, useSaveBrand, type BrandBody } from './publicity.api';

const BRAND_URL_KEYS = ['brandPage', 'brandPageSize'] as const;

/** 服务品牌: each station's brands, shown on its public page; the station's writers and its district keep them. */
export function BrandsCard() {
  const canWrite = usePermission('publicity:write');
  // Its own keys in the URL, beside the posts list's page and filter.
  const [url, setUrl] = useUrlState(BRAND_URL_KEYS);
  const page = toPage(url.brandPage, 1);
  const pageSize = toPage(url.brandPageSize, 10);
  const brands = useBrands({ page, pageSize });
  const [editing, setEditing] = useState<Brand | 'new' | null>(null);
  return (
    <Card
      title="服务品牌"
      extra={canWrite ? <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')} data-testid="create-brand">登记服务品牌</Button> : null}
    >
      <Typography.Paragraph type="secondary">服务品牌保存后即显示在社工站的公开页面上，名称和介绍中不能出现服务对象的姓名、身份证号或电话（R-PUBLICITY-PRIVACY）。</Typography.Paragraph>
      <Table<Brand>
        rowKey="id" size="small" loading={brands.isFetching} dataSource={brands.data?.items ?? []} scroll={{ x: 700 }} data-testid="brands"
        locale={{ emptyText: '暂无服务品牌' }}
        pagination={{ ...serverPagination(page, pageSize, brands.data?.total), hideOnSinglePage: true }}
        onChange={(p) => setUrl({ brandPage: p.current && p.current > 1 ? p.current : null, brandPageSize: p.pageSize && p.pageSize !== 10 ? p.pageSize : null })}
        columns={[
          { title: '品牌', dataIndex: 'name', key: 'name', width: 180 },
          { title: '社工站', dataIndex: 'stationName', key: 'station', width: 240 },
          { title: '介绍', dataIndex: 'description', key: 'description', render: (v: string) => v || '—' },
          ...(canWrite ? [{ title: '', key: 'edit', width: 80, render: (_: unknown, b: Brand) => <Button size="small" onClick={() => setEditing(b)}>修改</Button> }] : []),
        ]}
      />
      {editing ? <BrandModal brand={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

function BrandModal({ brand, onClose }: { brand: Brand | null; onClose: () => void }) {
  const [form] = Form.useForm<BrandBody>();
  const save = useSaveBrand();
  const reportError = useReportError();
  const { message } = App.useApp();
  const ownStation = useCurrentUser().scope.kind === 'station';
  const submit = (v: BrandBody) =>
    save.mutate(
      { id: brand?.id, version: brand?.version, body: { ...v, description: v.description ?? '' } },
      { onSuccess: () => { message.success(brand ? '服务品牌已修改' : '服务品牌已登记'); onClose(); }, onError: (e) => reportError(e, form) },
    );
  return (
    <Modal open title={brand ? '修改服务品牌' : '登记服务品牌'} okText="保存" cancelText="取消" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden>
      <Form<BrandBody> form={form} layout="vertical" initialValues={brand ? { name: brand.name, description: brand.description } : {}} onFinish={submit}>
        {!brand && !ownStation ? (
          <Form.Item name="stationId" label="社工站" rules={[{ required: true, message: '请选择社工站' }]}>
            <StationPicker aria-label="品牌所属社工站" style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label="品牌名称" rules={[{ required: true, message: '请填写品牌名称' }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="description" label="品牌介绍"><Input.TextArea maxLength={500} rows={4} /></Form.Item>
      </Form>
    </Modal>
  );
}
