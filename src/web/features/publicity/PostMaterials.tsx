import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Empty, Image, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useDeferredValue, useState } from 'react';
import type { Post } from '../../../shared/contracts/publicity';
import type { PostPhoto } from '../../../shared/rules/publicity';
import { useReportError } from '../../lib/errors';
import { photoUrl, useClientSearch, useUpdatePost, useUploadPhoto } from './publicity.api';

/**
 * The clients who appear in a story and its photos (R-PUBLICITY-PRIVACY): a photo showing a face
 * names one of the linked clients whose sharing consent is on file. Each change is saved at once.
 */
export function PostMaterials({ post }: { post: Post }) {
  const update = useUpdatePost(post.id);
  const upload = useUploadPhoto(post.id);
  const reportError = useReportError();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const keyword = useDeferredValue(q.trim());
  const found = useClientSearch(post.stationId, keyword, post.canEdit && open);
  const editable = post.canEdit;

  const save = (change: { clientIds?: string[]; photos?: PostPhoto[] }, done?: string) => {
    const clientIds = change.clientIds ?? post.clients.map((c) => c.id);
    // A consent can only come from a client still linked.
    const photos = (change.photos ?? post.photos).map((p) => (p.consentClientId && !clientIds.includes(p.consentClientId) ? { ...p, consentClientId: null } : p));
    update.mutate(
      { version: post.version, post: { kind: post.kind, title: post.title, body: post.body, clientIds, photos } },
      { onSuccess: () => (done ? message.success(done) : undefined), onError: (e) => reportError(e) },
    );
  };
  const setPhoto = (i: number, change: Partial<PostPhoto>) => save({ photos: post.photos.map((p, j) => (j === i ? { ...p, ...change } : p)) });
  const addPhoto = (file: File) =>
    upload.mutate(file, {
      onSuccess: (f) => save({ photos: [...post.photos, { fileId: f.id, caption: '', showsFaces: false, consentClientId: null }] }, '照片已上传'),
      onError: (e) => reportError(e),
    });

  const linkedOptions = post.clients.map((c) => ({ value: c.id, label: c.name }));
  const searchOptions = (found.data?.items ?? []).filter((c) => !post.clients.some((l) => l.id === c.id)).map((c) => ({ value: c.id, label: c.name }));
  const consented = post.clients.filter((c) => c.sharingConsent);
  const fileName = (id: string) => post.files.find((f) => f.id === id)?.name ?? '照片';

  return (
    <Card type="inner" title="照片与出现的服务对象" style={{ marginTop: 16 }} data-testid="post-materials">
      <Typography.Paragraph type="secondary">
        可辨认面部的照片须选择一位已关联、且有共享同意在案的服务对象（R-PUBLICITY-PRIVACY）；没有同意的，请换用不露脸的照片。
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <span>出现的服务对象：</span>
        {editable ? (
          <Select<string[]>
            mode="multiple" style={{ width: '100%' }} aria-label="出现的服务对象" placeholder="输入姓名查找本站服务对象"
            value={post.clients.map((c) => c.id)} options={[...linkedOptions, ...searchOptions]}
            showSearch={{ filterOption: false, onSearch: setQ }} onOpenChange={setOpen} loading={found.isFetching || update.isPending}
            onChange={(ids) => save({ clientIds: ids })}
          />
        ) : null}
        <Space wrap data-testid="linked-clients">
          {post.clients.length === 0 ? <Typography.Text type="secondary">未关联服务对象</Typography.Text> : null}
          {post.clients.map((c) => (
            <Tag key={c.id} color={c.sharingConsent ? 'green' : 'default'}>{c.name}：{c.sharingConsent ? '共享同意在案' : '无共享同意'}</Tag>
          ))}
        </Space>
        {editable ? (
          <span>
            <Button icon={<UploadOutlined aria-hidden />} loading={upload.isPending} onClick={(e) => (e.currentTarget.nextElementSibling as HTMLInputElement | null)?.click()}>上传照片</Button>
            <input type="file" accept="image/jpeg,image/png" aria-label="上传照片" style={{ display: 'none' }}
              onChange={(e) => { const f = e.target.files?.[0]; if (f) addPhoto(f); e.target.value = ''; }} />
          </span>
        ) : null}
        {post.photos.length === 0 ? <Empty description="暂无照片" /> : (
          <Table
            rowKey="fileId" size="small" pagination={false} dataSource={post.photos} scroll={{ x: 700 }} data-testid="post-photos"
            columns={[
              { title: '照片', key: 'img', width: 110, render: (_: unknown, p: PostPhoto) => <Image src={photoUrl(post.id, p.fileId)} alt={p.caption || fileName(p.fileId)} width={88} /> },
              {
                title: '说明', key: 'caption', width: 220,
                render: (_: unknown, p: PostPhoto, i: number) => editable
                  ? <Input defaultValue={p.caption} maxLength={100} aria-label={`照片${i + 1}说明`} onBlur={(e) => { if (e.target.value !== p.caption) setPhoto(i, { caption: e.target.value }); }} />
                  : p.caption || '—',
              },
              {
                title: '可辨认面部', key: 'faces', width: 110,
                render: (_: unknown, p: PostPhoto, i: number) => <Checkbox checked={p.showsFaces} disabled={!editable} aria-label={`照片${i + 1}可辨认面部`} onChange={(e) => setPhoto(i, { showsFaces: e.target.checked })} />,
              },
              {
                title: '同意出自', key: 'consent', width: 220,
                render: (_: unknown, p: PostPhoto, i: number) => !p.showsFaces ? '—' : editable ? (
                  <Select<string> allowClear style={{ width: 200 }} aria-label={`照片${i + 1}同意出自`} placeholder={consented.length ? '选择有同意的服务对象' : '没有已关联且有同意的服务对象'}
                    value={p.consentClientId ?? undefined} options={consented.map((c) => ({ value: c.id, label: c.name }))}
                    onChange={(v?: string) => setPhoto(i, { consentClientId: v ?? null })} />
                ) : (post.clients.find((c) => c.id === p.consentClientId)?.name ?? <Tag color="red">无同意</Tag>),
              },
              ...(editable ? [{ title: '', key: 'remove', width: 70, render: (_: unknown, _p: PostPhoto, i: number) => <Button size="small" danger onClick={() => save({ photos: post.photos.filter((_x, j) => j !== i) })}>移除</Button> }] : []),
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
