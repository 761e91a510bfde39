import { App, Button, Card, Descriptions, Form, Input, Modal, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { POST_KIND_LABELS } from '../../../shared/rules/publicity';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { PostForm, type PostValues } from './PostForm';
import { PostMaterials } from './PostMaterials';
import { PostStatusTag } from './PostsPage';
import { usePost, useReviewPost, useSubmitPost, useUpdatePost } from './publicity.api';

export default function PostPage() {
  const id = useParams().id ?? '';
  const { data: p } = usePost(id);
  const update = useUpdatePost(id);
  const submit = useSubmitPost(id);
  const review = useReviewPost(id);
  const reportError = useReportError();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [form] = Form.useForm<PostValues>();
  if (!p) return <Card loading />;
  const keep = { clientIds: p.clients.map((c) => c.id), photos: p.photos };

  return (
    <Card
      title={<Space>{p.title}<PostStatusTag status={p.status} /></Space>}
      extra={
        <Space wrap>
          {p.canEdit ? <Button onClick={() => setEditing(true)} data-testid="edit-post">修改</Button> : null}
          {p.canEdit ? (
            <Button type="primary" loading={submit.isPending} data-testid="submit-post"
              onClick={() => submit.mutate({ version: p.version }, { onSuccess: () => message.success('已提交审核'), onError: (e) => reportError(e) })}>
              提交审核
            </Button>
          ) : null}
          {p.canReview ? (
            <Button type="primary" loading={review.isPending} data-testid="publish-post"
              onClick={() => review.mutate({ version: p.version, publish: true, reason: '' }, { onSuccess: () => message.success('已发布'), onError: (e) => reportError(e) })}>
              审核发布
            </Button>
          ) : null}
          {p.canReview ? <Button danger onClick={() => setReturning(true)} data-testid="return-post">退回修改</Button> : null}
          {p.status === 'published' ? <a href={`/stories/${p.id}`} target="_blank" rel="noreferrer">公开页面</a> : null}
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label="类别">{POST_KIND_LABELS[p.kind]}</Descriptions.Item>
        <Descriptions.Item label="社工站">{p.stationName}</Descriptions.Item>
        <Descriptions.Item label="撰写人">{p.authorName}</Descriptions.Item>
        <Descriptions.Item label="发布时间">{p.publishedAt ? formatDateTime(p.publishedAt) : '—'}</Descriptions.Item>
        {p.returnReason ? <Descriptions.Item label="退回理由" span={2}><Typography.Text type="warning">{p.returnReason}</Typography.Text></Descriptions.Item> : null}
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 16 }} data-testid="post-body">{p.body}</Typography.Paragraph>
      <PostMaterials post={p} />
      <Timeline style={{ marginTop: 16 }} items={p.history.map((h) => ({ children: `${formatDateTime(h.at)} ${h.by} ${h.event}${h.comment ? `：${h.comment}` : ''}` }))} />
      {editing ? (
        <PostForm
          form={form}
          editing
          initial={{ kind: p.kind, title: p.title, body: p.body }}
          pending={update.isPending}
          onClose={() => setEditing(false)}
          onFinish={(v) =>
            update.mutate({ version: p.version, post: { kind: v.kind, title: v.title, body: v.body, ...keep } }, {
              onSuccess: () => { message.success('已保存'); setEditing(false); },
              onError: (e) => reportError(e, form),
            })
          }
        />
      ) : null}
      {returning ? (
        <Modal open title="退回修改" okText="退回" cancelText="取消" onCancel={() => setReturning(false)} okButtonProps={{ disabled: !reason.trim() }}
          onOk={() => review.mutate({ version: p.version, publish: false, reason }, { onSuccess: () => setReturning(false), onError: (e) => reportError(e) })}>
          <Input.TextArea rows={4} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="写明退回理由" aria-label="退回理由" />
        </Modal>
      ) : null}
    </Card>
  );
}
