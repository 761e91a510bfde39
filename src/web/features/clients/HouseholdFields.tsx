import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Input, Row, Typography, type InputProps } from 'antd';
import { m } from '../../i18n';

const t = m.daily.clients;

/**
 * A household member's phone. In an edit the stored number is only known masked (kept as
 * `phoneMasked` beside the member): the field starts empty, and empty keeps that number.
 */
function MemberPhoneInput({ maskedPath, ...props }: InputProps & { maskedPath: (string | number)[] }) {
  // `preserve`: the masked number is a value of the list item, not a field of its own.
  const masked = Form.useWatch<string | undefined>(maskedPath, { preserve: true });
  return <Input {...props} maxLength={20} inputMode="tel" placeholder={masked ? t.keepPhone(masked) : undefined} />;
}

export function HouseholdFields() {
  return (
    <Form.List name="household">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.length === 0 ? <Typography.Text type="secondary">{t.householdEmpty}</Typography.Text> : null}
          {fields.map((field, i) => (
            <Card key={field.key} size="small" styles={{ body: { paddingBottom: 0 } }} data-testid={`household-${i}`}>
              <Row gutter={12} align="bottom">
                <Col xs={12} md={7}>
                  <Form.Item label={t.personName} name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t.nameRequired }]}>
                    <Input maxLength={50} aria-label={`${t.household}${i + 1}${t.personName}`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item label={t.relation} name={[field.name, 'relation']} rules={[{ required: true, whitespace: true, message: t.relationRequired }]}>
                    <Input maxLength={20} placeholder="如：儿子" aria-label={`${t.household}${i + 1}${t.relation}`} />
                  </Form.Item>
                </Col>
                <Col xs={18} md={8}>
                  <Form.Item label={t.personPhone} name={[field.name, 'phone']}>
                    <MemberPhoneInput maskedPath={['household', field.name, 'phoneMasked']} aria-label={`${t.household}${i + 1}${t.personPhone}`} />
                  </Form.Item>
                </Col>
                <Col xs={6} md={3}>
                  <Form.Item>
                    <Button
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={`${m.daily.common.remove}${t.household}${i + 1}`}
                      onClick={() => remove(field.name)}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '', relation: '', phone: '' })} style={{ alignSelf: 'start' }}>
            {t.householdAdd}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

const third = { xs: 24, md: 8 };

/**
 * 监护人, required for a minor. `relationWithName`: a relation is asked for once a name is typed
 * (an edit), rather than only for a minor. An edit knows the stored phone only masked: empty keeps it.
 */
export function GuardianFields(props: { minor: boolean; relationWithName?: boolean; phoneMasked?: string; testId?: string }) {
  const { minor } = props;
  return (
    <Card size="small" title={t.guardian} data-testid={props.testId}>
      <Typography.Paragraph type={minor ? 'warning' : 'secondary'}>{minor ? t.guardianHintMinor : t.guardianHintAdult}</Typography.Paragraph>
      <Row gutter={12}>
        <Col {...third}>
          <Form.Item label={`${t.guardian}${t.personName}`} name="guardianName" rules={[{ required: minor, whitespace: true, message: t.guardianNameRequired }]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item
            label={`${t.guardian}${t.relation}`}
            name="guardianRelation"
            dependencies={props.relationWithName ? ['guardianName'] : undefined}
            rules={[
              props.relationWithName
                ? ({ getFieldValue }) => ({
                    required: Boolean((getFieldValue('guardianName') as string | undefined)?.trim()),
                    whitespace: true,
                    message: t.relationRequired,
                  })
                : { required: minor, whitespace: true, message: t.relationRequired },
            ]}
          >
            <Input maxLength={20} placeholder="如：母亲" />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item label={`${t.guardian}${t.personPhone}`} name="guardianPhone">
            <Input maxLength={20} inputMode="tel" placeholder={props.phoneMasked ? t.keepPhone(props.phoneMasked) : undefined} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
