import { Form, Input, Modal, Select } from 'antd';
import type { FormInstance } from 'antd';
import { POST_KINDS, POST_KIND_LABELS, type PostKind } from '../../../shared/rules/publicity';
import { useMe } from '../../lib/session';
import { StationPicker } from '../stations/StationPicker';

export interface PostValues {
  kind: PostKind;
  stationId?: string;
  title: string;
  body: string;
}

/** Writing or editing a story or news item; station workers write for their own station. */
export function PostForm({ form, initial, editing, pending, onClose, onFinish }: {
  form: FormInstance<PostValues>;
  initial?: PostValues;
  editing: boolean;
  pending: boolean;
  onClose: () => void;
  onFinish: (v: PostValues) => void;
}) {
  const { data: me } = useMe();
  const ownStation = me?.scope.kind === 'station';
  return (
    <Modal open title={editing ? '修改稿件' : '撰写社工故事或工作动态'} okText="保存" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={pending} width={720} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial ?? { kind: 'story' }} onFinish={onFinish}>
        <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
          <Select options={POST_KINDS.map((k) => ({ value: k, label: POST_KIND_LABELS[k] }))} aria-label="类别" />
        </Form.Item>
        {!editing && !ownStation ? (
          <Form.Item name="stationId" label="社工站" rules={[{ required: true, message: '请选择社工站' }]}>
            <StationPicker aria-label="社工站" style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={100} aria-label="标题" />
        </Form.Item>
        <Form.Item name="body" label="正文" rules={[{ required: true, message: '请填写正文' }]} extra="公开发布前会检查：不得出现服务对象姓名、身份证号、电话；露脸照片须有服务对象的同意在案（R-PUBLICITY-PRIVACY）。">
          <Input.TextArea rows={10} maxLength={10000} aria-label="正文" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
