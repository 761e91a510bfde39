import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Space, Table, Tag, Typography } from 'antd';
import { Form } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { POST_KIND_LABELS, POST_STATUS_LABELS, type PostStatus } from '../../../shared/rules/publicity';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { toPage, useUrlState } from '../../lib/useUrlState';
import { PostForm, type PostValues } from './PostForm';
import { BrandsCard } from './BrandsCard';
import { useCreatePost, usePosts } from './publicity.api';

const STATUS_COLORS: Record<PostStatus, string> = { draft: 'default', submitted: 'processing', published: 'success', returned: 'warning' };
// The page and the filter live in the URL: a reload, the back button or a shared link keep them
// (the workbench's 社工故事待审核 links here with ?toReview=true).
const URL_KEYS = ['page', 'toReview'] as const;

export const PostStatusTag = ({ status }: { status: PostStatus }) => <Tag color={STATUS_COLORS[status]}>{POST_STATUS_LABELS[status]}</Tag>;

export default function PostsPage() {
  const canWrite = usePermission('publicity:write');
  const canReview = usePermission('publicity:review');
  const [url, setUrl] = useUrlState(URL_KEYS);
  const page = toPage(url.page, 1);
  const toReview = url.toReview === 'true';
  const result = usePosts({ page, pageSize: 20, toReview: toReview ? 'true' : undefined });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<PostValues>();
  const create = useCreatePost();
  const reportError = useReportError();
  const { message } = App.useApp();
  const navigate = useNavigate();

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title="社工故事与工作动态"
        extra={
          <Space>
            <a href="/stations-directory" target="_blank" rel="noreferrer">公开名录</a>
            {canWrite ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)} data-testid="create-post">撰写</Button> : null}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">稿件经社工站所在区市民政部门审核后在公开名录发布（五（五））；撰写人不审核本人的稿件。</Typography.Paragraph>
        {canReview ? <Checkbox checked={toReview} onChange={(e) => setUrl({ toReview: e.target.checked ? 'true' : null, page: null })}>只看待我审核的</Checkbox> : null}
        <Table
          rowKey="id"
          loading={result.isFetching}
          dataSource={result.data?.items ?? []}
          scroll={{ x: 800 }}
          pagination={{ current: page, pageSize: 20, total: result.data?.total ?? 0, onChange: (p) => setUrl({ page: p > 1 ? p : null }), showSizeChanger: false }}
          columns={[
            { title: '标题', dataIndex: 'title', key: 'title', render: (v: string, r) => <Link to={`/publicity/${r.id}`}>{v}</Link> },
            { title: '类别', dataIndex: 'kind', key: 'kind', width: 100, render: (k: keyof typeof POST_KIND_LABELS) => POST_KIND_LABELS[k] },
            { title: '社工站', dataIndex: 'stationName', key: 'station', width: 220 },
            { title: '状态', dataIndex: 'status', key: 'status', width: 100, render: (s: PostStatus) => <PostStatusTag status={s} /> },
            { title: '撰写人', dataIndex: 'authorName', key: 'author', width: 140 },
            { title: '发布时间', dataIndex: 'publishedAt', key: 'publishedAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          ]}
        />
      </Card>
      <BrandsCard />
      {creating ? (
        <PostForm
          form={form}
          editing={false}
          pending={create.isPending}
          onClose={() => setCreating(false)}
          onFinish={(v) =>
            create.mutate({ ...v, clientIds: [], photos: [] }, {
              onSuccess: (p) => {
                message.success('已保存草稿');
                setCreating(false);
                void navigate(`/publicity/${p.id}`);
              },
              onError: (e) => reportError(e, form),
            })
          }
        />
      ) : null}
    </Space>
  );
}
