import { Alert, App, Button, Drawer, Flex, Form, Typography } from 'antd';
import type { StationFunding } from '../../../shared/contracts/funding';
import {
  FUND_SOURCES,
  FUND_SOURCE_LABELS,
  PURCHASE_RULES,
  STATION_MIN_FUND_FEN,
  formatYuan,
  type FundSource,
} from '../../../shared/rules/purchase';
import { RuleTag } from '../../components/RuleTag';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { useActionError } from '../clients/useActionError';
import { useSetBudget } from './funding.api';
import { fenOf, fenToInput, YuanInput, yuanRules } from './money';

const t = m.purchase.funding;
type Values = Record<FundSource, string>;

/** 安排资金: a station's budget for the year by its four sources, in 元. */
export function BudgetDrawer({ station, year, onClose }: { station: StationFunding; year: number; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const save = useSetBudget();
  const { handle } = useActionError();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const watched = Form.useWatch((v: Partial<Values>) => v, form) as Partial<Values> | undefined;
  const total = FUND_SOURCES.reduce((s, k) => s + fenOf(watched?.[k]), 0);
  const initial = Object.fromEntries(FUND_SOURCES.map((k) => [k, fenToInput(station.budget[k])])) as Values;

  const onFinish = (v: Values) =>
    save.mutate(
      {
        id: station.stationId,
        year,
        body: Object.fromEntries(FUND_SOURCES.map((k) => [k, fenOf(v[k])])) as Record<FundSource, number>,
      },
      {
        onSuccess: () => {
          message.success(t.budgetSaved);
          onClose();
        },
        onError: (e) => handle(e, { form }),
      },
    );

  return (
    <Drawer
      title={t.budgetTitle(station.name, year)}
      open
      onClose={onClose}
      size={isMobile ? '100%' : 480}
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{m.common.cancel}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {m.common.save}
          </Button>
        </Flex>
      }
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} disabled={save.isPending}>
        {FUND_SOURCES.map((k) => (
          <Form.Item key={k} label={FUND_SOURCE_LABELS[k]} name={k} rules={yuanRules(FUND_SOURCE_LABELS[k])}>
            <YuanInput />
          </Form.Item>
        ))}
      </Form>
      <Typography.Title level={5} data-testid="budget-total">
        {t.budgetTotal(formatYuan(total))}
      </Typography.Title>
      {total < STATION_MIN_FUND_FEN ? (
        <Alert
          type="warning"
          showIcon
          title={
            <span>
              <RuleTag rule={PURCHASE_RULES['R-FUND-STATION']} />
              {t.budgetLow}
            </span>
          }
        />
      ) : null}
    </Drawer>
  );
}
