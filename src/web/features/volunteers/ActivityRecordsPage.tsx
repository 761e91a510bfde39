import { ClockCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Input, List, Row, Tag, TimePicker, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { z } from 'zod';
import type { volunteerSourceSchema } from '../../../shared/contracts/volunteers';
import { RECORD_SOURCE_LABELS } from '../../../shared/rules/volunteers';
import { DrawerForm } from '../../components/DrawerForm';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/PageStates';
import { Finding } from '../../components/RuleTag';
import { zhCNVolunteers as t } from '../../i18n/zh-CN.volunteers';
import { useActionError } from '../clients/useActionError';
import { useRecordFromActivity, useSources } from './volunteers.api';

type Source = z.infer<typeof volunteerSourceSchema>;

interface Values {
  start: Dayjs;
  end: Dayjs;
  content?: string;
}

const TIME_FIELDS: Record<string, string> = { startTime: 'start', endTime: 'end' };

/** The activity's listed volunteers become records of the registered ones (matched by name). */
function FromActivityDrawer({ source, onClose }: { source: Source; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const record = useRecordFromActivity();
  const { message } = App.useApp();
  const { handle, rule, clearRule } = useActionError();
  const onFinish = (v: Values) => {
    clearRule();
    record.mutate(
      { source: source.source, sourceId: source.id, startTime: v.start.format('HH:mm'), endTime: v.end.format('HH:mm'), content: v.content?.trim() ?? '' },
      {
        onSuccess: (r) => {
          message.success(t.recordedCount(r.recorded.length, r.unmatched));
          onClose();
        },
        onError: (e: unknown) => handle(e, { form, mapPath: (p) => TIME_FIELDS[p] ?? p }),
      },
    );
  };
  const required = (label: string) => [{ required: true, message: t.required(label) }];
  return (
    <DrawerForm<Values>
      title={t.recordFromTitle(source.title)}
      form={form}
      width={520}
      testId="volunteer-activity-form"
      pending={record.isPending}
      onClose={onClose}
      onFinish={onFinish}
      okText={t.recordThis}
      initialValues={{}}
      intro={
        <>
          {rule ? <Alert type="error" style={{ marginBottom: 16 }} message={<Finding rule={rule.rule} message={rule.message} />} /> : null}
          <Typography.Paragraph type="secondary">
            {source.date} · {t.minutesHint}
          </Typography.Paragraph>
        </>
      }
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label={t.startTime} name="start" rules={required(t.startTime)}>
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} needConfirm={false} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t.endTime} name="end" rules={required(t.endTime)}>
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} needConfirm={false} inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t.content} name="content">
        <Input maxLength={500} placeholder={source.title} />
      </Form.Item>
    </DrawerForm>
  );
}

/** 从活动记录: group and community sessions, service records and charity deliveries of the last year that list volunteers. */
export default function ActivityRecordsPage() {
  const { data, error, isPending, refetch } = useSources({});
  const [chosen, setChosen] = useState<Source | null>(null);
  return (
    <>
      <PageHeader title={t.activitiesTitle} />
      <Typography.Paragraph type="secondary">{t.activitiesIntro}</Typography.Paragraph>
      {error && !data ? <LoadError error={error} onRetry={() => void refetch()} /> : null}
      <List<Source>
        loading={isPending}
        dataSource={data ?? []}
        locale={{ emptyText: <Empty description={t.activitiesEmpty} /> }}
        renderItem={(s) => {
          const open = s.listed.some((l) => l.volunteerId && !l.recorded);
          return (
            <Card size="small" style={{ marginBottom: 12 }} data-testid="volunteer-source">
              <Flex justify="space-between" align="start" gap={8} wrap>
                <div style={{ minWidth: 0 }}>
                  <Tag>{RECORD_SOURCE_LABELS[s.source]}</Tag>
                  <Typography.Text strong>{s.title}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">{s.date}</Typography.Text>
                  </div>
                  <Flex gap={4} wrap style={{ marginTop: 4 }} aria-label={t.listed}>
                    {s.listed.map((l) => (
                      <Tag key={l.name} color={l.recorded ? 'success' : l.volunteerId ? 'blue' : 'default'}>
                        {l.name} {l.hours}h{l.recorded ? ` · ${t.recorded}` : l.volunteerId ? '' : ` · ${t.notRegistered}`}
                      </Tag>
                    ))}
                  </Flex>
                </div>
                {open ? (
                  <Button type="primary" icon={<ClockCircleOutlined aria-hidden />} onClick={() => setChosen(s)}>
                    {t.recordThis}
                  </Button>
                ) : null}
              </Flex>
            </Card>
          );
        }}
      />
      {chosen ? <FromActivityDrawer source={chosen} onClose={() => setChosen(null)} /> : null}
    </>
  );
}
