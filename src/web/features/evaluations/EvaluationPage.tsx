import { ArrowLeftOutlined, CheckOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Progress,
  Row,
  Space,
  Statistic,
  Tag,
  Typography,
  type FormInstance,
} from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { AUTO_INDICATOR_LABELS, AUTO_INDICATOR_UNITS, type EvaluationDetail, type ScoredIndicator } from '../../../shared/contracts/evaluations';
import { RULES } from '../../../shared/rules/catalog';
import { EVALUATION_GRADE_LABELS } from '../../../shared/rules/purchase';
import { gradeOf } from '../../../shared/rules/reports';
import { PageHeader } from '../../components/PageHeader';
import { pageData } from '../../components/PageStates';
import { RuleTag } from '../../components/RuleTag';
import { isApiError } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { usePermission } from '../../lib/permissions';
import { useIsMobile } from '../../lib/useIsMobile';
import { m } from '../../i18n';
import { EvaluationStatusTag, GradeTag, points } from './evaluationLabels';
import { EvidenceFiles } from './EvidenceFiles';
import { useEvaluation, useFinishEvaluation, useRefreshPrefill, useScoreEvaluation, type ScoreBody } from './evaluations.api';

const t = m.reports.evaluations;
const c = m.reports.common;

interface ScoreValue {
  score: number | null;
  comment: string;
}
interface Values {
  evaluators: string;
  scores: Record<string, ScoreValue>;
}

const indicatorsOf = (e: EvaluationDetail) => e.dimensions.flatMap((d) => d.indicators);

function valuesOf(e: EvaluationDetail): Values {
  return {
    evaluators: e.evaluators,
    scores: Object.fromEntries(indicatorsOf(e).map((i) => [i.code, { score: i.score, comment: i.comment }])),
  };
}

const scoreOf = (v: ScoreValue | undefined): number | null => (typeof v?.score === 'number' ? v.score : null);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The changes against what the server holds: only those indicators are sent. */
function changesOf(e: EvaluationDetail, v: Partial<Values> | undefined): ScoreBody {
  const scores = indicatorsOf(e)
    .filter((i) => {
      const now = v?.scores?.[i.code];
      return now !== undefined && (scoreOf(now) !== i.score || (now.comment ?? '').trim() !== i.comment.trim());
    })
    .map((i) => {
      const now = v?.scores?.[i.code];
      return { code: i.code, score: scoreOf(now), comment: (now?.comment ?? '').trim() };
    });
  const evaluators = (v?.evaluators ?? e.evaluators).trim();
  return { version: e.version, scores, ...(evaluators !== e.evaluators ? { evaluators } : {}) };
}

const hasChanges = (b: ScoreBody) => (b.scores?.length ?? 0) > 0 || b.evaluators !== undefined;

/**
 * The server names a score by its place in the list sent (`scores.0.comment`, on saving) or by its
 * code (`scores.A1.score`, on finishing): mark the indicator's own field either way.
 */
function markScoreErrors(e: unknown, form: FormInstance<Values>, sent: ScoreBody['scores'] | null): boolean {
  if (!isApiError(e, 'VALIDATION_FAILED')) return false;
  const fields = e.fields
    .map((f) => {
      const hit = /^scores\.([^.]+)\.(score|comment|code)$/.exec(f.path);
      if (!hit?.[1]) return null;
      const code = sent && /^\d+$/.test(hit[1]) ? sent[Number(hit[1])]?.code : hit[1];
      if (!code) return null;
      const name: ['scores', string, 'score' | 'comment'] = ['scores', code, hit[2] === 'comment' ? 'comment' : 'score'];
      return { name, errors: [f.message] };
    })
    .filter((f) => f !== null);
  if (fields.length === 0) return false;
  form.setFields(fields);
  void form.scrollToField(fields[0]?.name ?? []);
  return true;
}

export default function EvaluationPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const goBack = () => void (location.key !== 'default' ? navigate(-1) : navigate('/evaluations'));
  const { data, view, refetch } = pageData(useEvaluation(id), t.notFound);
  if (view) return view;
  return <EvaluationScreen evaluation={data} goBack={goBack} refetch={refetch} />;
}

function EvaluationScreen({ evaluation: e, goBack, refetch }: { evaluation: EvaluationDetail; goBack: () => void; refetch: () => Promise<unknown> }) {
  const isMobile = useIsMobile();
  const open = e.status === 'draft';
  const canScore = usePermission('evaluation:score') && open;
  const canFinish = usePermission('contract:grade') && open;
  const [form] = Form.useForm<Values>();
  const watched = Form.useWatch((v: Partial<Values>) => v, form) as Partial<Values> | undefined;
  const save = useScoreEvaluation(e.id);
  const refresh = useRefreshPrefill(e.id);
  const finish = useFinishEvaluation(e.id);
  const reportError = useReportError();
  const { message, modal } = App.useApp();

  // A save or someone else's change brings a new version: show what the server holds.
  const shownVersion = useRef(e.version);
  useEffect(() => {
    if (shownVersion.current === e.version) return;
    shownVersion.current = e.version;
    form.setFieldsValue(valuesOf(e));
  }, [e, form]);

  const indicators = useMemo(() => indicatorsOf(e), [e]);
  const liveScores = canScore && watched?.scores ? watched.scores : Object.fromEntries(indicators.map((i) => [i.code, { score: i.score, comment: i.comment }]));
  const scoreOfCode = (code: string) => scoreOf(liveScores[code]);
  const total = round2(indicators.reduce((s, i) => s + (scoreOfCode(i.code) ?? 0), 0));
  const scored = indicators.filter((i) => scoreOfCode(i.code) !== null).length;
  const allScored = scored === indicators.length;
  const grade = e.grade ?? gradeOf(total, e.thresholds);
  const changes = canScore ? changesOf(e, watched) : null;
  const dirty = changes !== null && hasChanges(changes);

  const onError = (err: unknown, sent: ScoreBody['scores'] | null) => {
    if (isApiError(err, 'VERSION_CONFLICT')) {
      message.warning(m.common.versionConflict, 6);
      void refetch();
      return;
    }
    if (markScoreErrors(err, form, sent)) {
      message.error(isApiError(err) ? err.message : t.checkScores);
      return;
    }
    reportError(err, form);
  };

  const saveNow = async (): Promise<EvaluationDetail> => {
    await form.validateFields();
    const body = changesOf(e, form.getFieldsValue(true) as Values);
    if (!hasChanges(body)) return e;
    try {
      return await save.mutateAsync(body);
    } catch (err) {
      onError(err, body.scores ?? []);
      throw Object.assign(new Error('handled'), { handled: true });
    }
  };
  const handled = (err: unknown) => Boolean(err && typeof err === 'object' && ('errorFields' in err || 'handled' in err));

  const onSave = () =>
    saveNow()
      .then(() => message.success(t.saved))
      .catch((err: unknown) => {
        if (handled(err)) return;
        onError(err, null);
      });

  const onRefresh = () =>
    modal.confirm({
      title: t.refresh,
      content: t.refreshConfirm,
      okText: m.common.confirm,
      cancelText: m.common.cancel,
      onOk: async () => {
        try {
          await refresh.mutateAsync({ version: e.version });
          message.success(t.refreshed);
        } catch (err) {
          onError(err, null);
        }
      },
    });

  const onFinish = () => {
    if (!allScored) {
      message.error(t.finishBlocked(indicators.length - scored));
      return;
    }
    const failing = grade === 'fail';
    modal.confirm({
      title: t.finishTitle,
      okText: t.finish,
      okButtonProps: { danger: failing },
      cancelText: m.common.cancel,
      width: 520,
      content: (
        <Flex vertical gap={8}>
          <span>{t.finishConfirm(points(total), EVALUATION_GRADE_LABELS[grade])}</span>
          {failing ? (
            <Alert
              type="error"
              showIcon
              data-testid="finish-fail-warning"
              title={t.finishFail(e.year + 1)}
              description={<RuleTag rule={RULES['R-CONTRACT-FAIL']} />}
            />
          ) : null}
        </Flex>
      ),
      onOk: async () => {
        try {
          const saved = dirty ? await saveNow() : e;
          await finish.mutateAsync({ version: saved.version });
          message.success(t.finished);
        } catch (err) {
          if (handled(err)) return;
          onError(err, null);
        }
      },
    });
  };

  const busy = save.isPending || refresh.isPending || finish.isPending;
  const subtotal = (d: EvaluationDetail['dimensions'][number]) => round2(d.indicators.reduce((s, i) => s + (scoreOfCode(i.code) ?? 0), 0));

  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} onClick={goBack} style={{ paddingInline: 0 }}>
        {t.backToList}
      </Button>
      <PageHeader
        docTitle={`绩效评估 ${e.contractNumber || e.contractTitle}`}
        title={
          <Space size={8} wrap>
            <span data-testid="evaluation-title" style={{ wordBreak: 'break-word' }}>
              {e.contractTitle} · {c.yearOption(e.year)}
              {t.title}
            </span>
            <EvaluationStatusTag status={e.status} />
          </Space>
        }
        extra={
          <>
            {canScore ? (
              <>
                <Button icon={<SaveOutlined aria-hidden />} onClick={onSave} loading={save.isPending} disabled={busy || !dirty}>
                  {t.save}
                </Button>
                <Button icon={<ReloadOutlined aria-hidden />} onClick={onRefresh} disabled={busy}>
                  {t.refresh}
                </Button>
              </>
            ) : null}
            {canFinish ? (
              <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={onFinish} disabled={busy}>
                {t.finish}
              </Button>
            ) : null}
          </>
        }
      />
      <Form<Values> form={form} layout="vertical" initialValues={valuesOf(e)} component={false}>
        <Flex vertical gap={16}>
          {e.contractEnding ? (
            <Alert
              type="error"
              showIcon
              data-testid="contract-ending"
              title={e.contractEnding.message}
              description={
                <Space wrap>
                  <RuleTag rule={e.contractEnding.rule} />
                  <Link to={`/contracts/${e.contractId}`}>{t.viewContract}</Link>
                </Space>
              }
            />
          ) : null}
          {e.status === 'finished' && !e.contractEnding ? <Alert type="success" showIcon title={t.finishedNotice} /> : null}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={16}>
              <Card size="small" style={{ height: '100%' }}>
                <Descriptions
                  size="small"
                  column={isMobile ? 1 : 2}
                  items={[
                    { key: 'contract', label: t.contract, children: <Link to={`/contracts/${e.contractId}`}>{e.contractNumber || e.contractTitle}</Link> },
                    { key: 'org', label: t.org, children: e.orgName },
                    { key: 'county', label: c.county, children: e.countyShortName },
                    { key: 'year', label: c.year, children: c.yearOption(e.year) },
                    ...(e.finishedAt
                      ? [{ key: 'finished', label: t.finishedAt, children: `${formatDateTime(e.finishedAt)}${e.finishedBy ? ` · ${e.finishedBy}` : ''}` }]
                      : []),
                    {
                      key: 'evaluators',
                      label: t.evaluators,
                      span: isMobile ? 1 : 2,
                      children: canScore ? (
                        <Form.Item name="evaluators" noStyle>
                          <Input aria-label={t.evaluators} placeholder={t.evaluatorsPlaceholder} maxLength={500} />
                        </Form.Item>
                      ) : (
                        e.evaluators || c.none
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" data-testid="evaluation-summary">
                <Flex justify="space-around" align="center" gap={16} wrap>
                  <Statistic title={t.total} value={points(total)} suffix="/ 100" styles={{ content: { fontSize: 28 } }} data-testid="evaluation-total" />
                  <div style={{ textAlign: 'center' }}>
                    <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
                      {e.grade ? t.finalGrade : t.livePreview}
                    </Typography.Text>
                    <span data-testid="evaluation-grade">
                      <GradeTag grade={grade} />
                    </span>
                  </div>
                </Flex>
                <Progress
                  percent={indicators.length ? Math.round((scored / indicators.length) * 100) : 0}
                  format={() => t.progressText(scored, indicators.length)}
                  size="small"
                  style={{ marginTop: 8, marginBottom: 0 }}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t.thresholds(e.thresholds.excellent, e.thresholds.good, e.thresholds.pass)}
                </Typography.Text>
              </Card>
            </Col>
          </Row>
          {e.dimensions.map((d) => (
            <Card
              key={d.name}
              size="small"
              data-testid="evaluation-dimension"
              title={
                <Space wrap size={8}>
                  <span>{d.name}</span>
                  <Tag style={{ marginInlineEnd: 0 }}>{t.dimensionPoints(d.points)}</Tag>
                </Space>
              }
              extra={
                <Typography.Text strong>
                  {points(subtotal(d))} / {points(d.points)}
                </Typography.Text>
              }
            >
              {d.indicators.map((i, n) => (
                <div key={i.code}>
                  {n > 0 ? <Divider style={{ margin: '12px 0' }} /> : null}
                  <IndicatorRow evaluation={e} indicator={i} canScore={canScore} liveScore={scoreOfCode(i.code)} />
                </div>
              ))}
            </Card>
          ))}
          <Card size="small" title={t.generalFiles}>
            <EvidenceFiles evaluationId={e.id} files={e.files} canUpload={canScore} label={t.files} />
            {!canScore && e.files.length === 0 ? <Typography.Text type="secondary">{t.noFiles}</Typography.Text> : null}
          </Card>
        </Flex>
      </Form>
    </>
  );
}

function IndicatorRow({
  evaluation,
  indicator: i,
  canScore,
  liveScore,
}: {
  evaluation: EvaluationDetail;
  indicator: ScoredIndicator;
  canScore: boolean;
  liveScore: number | null;
}) {
  const p = i.prefill;
  const unit = i.auto ? AUTO_INDICATOR_UNITS[i.auto] : '';
  return (
    <Flex vertical gap={8} data-testid={`indicator-${i.code}`}>
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Space size={6} wrap>
          <Tag style={{ marginInlineEnd: 0 }}>{i.code}</Tag>
          <Typography.Text strong>{i.name}</Typography.Text>
          {i.auto ? (
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {t.auto}
            </Tag>
          ) : null}
        </Space>
        <Typography.Text type="secondary">{t.points(i.points)}</Typography.Text>
      </Flex>
      {i.guidance ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 13 }} ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (open) => (open ? '收起' : '展开') }}>
          {t.guidance}：{i.guidance}
        </Typography.Paragraph>
      ) : null}
      {p && i.auto ? (
        <div style={{ background: '#f6f9fc', border: '1px solid #e6eef7', borderRadius: 6, padding: '8px 12px' }} data-testid={`prefill-${i.code}`}>
          <Space size={8} wrap>
            <Typography.Text>{t.autoTitle(AUTO_INDICATOR_LABELS[i.auto])}</Typography.Text>
            <Typography.Text strong>{t.prefill(points(p.value), unit)}</Typography.Text>
            <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
              {t.suggested(p.suggested)}
            </Tag>
          </Space>
          {p.evidence ? (
            <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 13 }}>
              {t.evidence}：{p.evidence}
            </Typography.Paragraph>
          ) : null}
        </div>
      ) : null}
      {canScore ? (
        <Row gutter={[12, 0]}>
          <Col xs={24} sm={8} md={6}>
            <Form.Item
              label={t.score}
              name={['scores', i.code, 'score']}
              extra={t.scoreRange(i.points)}
              rules={[
                {
                  validator: async (_, v: number | null | undefined) => {
                    if (typeof v !== 'number') return;
                    if (v > i.points) throw new Error(t.scoreMax(i.points));
                    if (Math.abs(v * 100 - Math.round(v * 100)) > 1e-6) throw new Error(t.scoreDecimals);
                  },
                },
              ]}
              style={{ marginBottom: 8 }}
            >
              <InputNumber
                aria-label={t.scoreOf(i.name)}
                min={0}
                max={i.points}
                step={0.5}
                inputMode="decimal"
                placeholder={t.notScored}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16} md={18}>
            <Form.Item
              label={t.comment}
              name={['scores', i.code, 'comment']}
              dependencies={[['scores', i.code, 'score']]}
              rules={[
                {
                  validator: async (_, v: string | undefined) => {
                    if (p && liveScore !== null && liveScore !== p.suggested && !(v ?? '').trim()) throw new Error(t.commentRequired(p.suggested));
                  },
                },
              ]}
              style={{ marginBottom: 8 }}
            >
              <Input.TextArea aria-label={t.commentOf(i.name)} autoSize={{ minRows: 1, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      ) : (
        <Flex gap={12} align="baseline" wrap>
          <Typography.Text>
            {t.score}：
            <Typography.Text strong data-testid={`score-${i.code}`}>
              {i.score === null ? t.notScored : `${points(i.score)} / ${points(i.points)}`}
            </Typography.Text>
          </Typography.Text>
          {i.comment ? (
            <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {i.comment}
            </Typography.Text>
          ) : null}
        </Flex>
      )}
      <EvidenceFiles evaluationId={evaluation.id} code={i.code} files={i.files} canUpload={canScore} />
    </Flex>
  );
}
