import { Alert, App, Form, Typography } from 'antd';
import type { StationFunding } from '../../../shared/contracts/funding';
import {
  FUND_SOURCES,
  FUND_SOURCE_LABELS,
  PURCHASE_RULES,
  STATION_MIN_FUND_FEN,
  formatYuan,
  type FundSource,
} from '../../../shared/rules/purchase';
import { DrawerForm } from '../../components/DrawerForm';
import { RuleTag } from '../../components/RuleTag';
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
    <DrawerForm<Values>
      title={t.budgetTitle(station.name, year)}
      form={form}
      initialValues={initial}
      onFinish={onFinish}
      pending={save.isPending}
      onClose={onClose}
      width={480}
      after={
        <>
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
        </>
      }
    >
      {FUND_SOURCES.map((k) => (
        <Form.Item key={k} label={FUND_SOURCE_LABELS[k]} name={k} rules={yuanRules(FUND_SOURCE_LABELS[k])}>
          <YuanInput />
        </Form.Item>
      ))}
    </DrawerForm>
  );
}
