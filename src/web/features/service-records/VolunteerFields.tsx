import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber } from 'antd';
import { m } from '../../i18n';

const t = m.daily.records;

/** 志愿者: name and hours (one decimal), added and removed in place. Form name: `volunteers`. */
export function VolunteerFields({ size = 'large' }: { size?: 'large' | 'middle' }) {
  return (
    <Form.List name="volunteers">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8} data-testid="volunteers">
          {fields.map((field, i) => (
            <Flex key={field.key} gap={8} align="start">
              <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t.volunteerNameRequired }]} style={{ flex: 2, marginBottom: 0 }}>
                <Input size={size} maxLength={50} placeholder={t.volunteerName} aria-label={`${t.volunteerName}${i + 1}`} />
              </Form.Item>
              <Form.Item name={[field.name, 'hours']} rules={[{ required: true, message: t.volunteerHoursRequired }]} style={{ flex: 1, marginBottom: 0 }}>
                <InputNumber<number>
                  size={size}
                  min={0.1}
                  max={24}
                  step={0.5}
                  precision={1}
                  inputMode="decimal"
                  placeholder={t.volunteerHours}
                  aria-label={`${t.volunteerHours}${i + 1}`}
                  style={{ width: '100%' }}
                />
              </Form.Item>
              <Button
                size={size}
                danger
                icon={<DeleteOutlined aria-hidden />}
                aria-label={`${m.daily.common.remove}${t.volunteers}${i + 1}`}
                onClick={() => remove(field.name)}
              />
            </Flex>
          ))}
          <Button size={size} icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '', hours: 2 })} style={{ alignSelf: 'start' }}>
            {t.addVolunteer}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
