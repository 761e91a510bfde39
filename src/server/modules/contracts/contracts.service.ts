import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type * as c from '../../../shared/contracts/service-contracts';
import { chinaToday } from '../../../shared/rules/china-date';
import {
  CONTRACT_CONTENT_LABELS,
  CONTRACT_STATUS_LABELS,
  CONTRACT_TRANSITIONS,
  contractTermProblem,
  instalmentProblem,
  missingContractContents,
  onPostDeadline as onPost,
} from '../../../shared/rules/purchase';
import { contracts, contractStations, organizations, procurements, stations } from '../../db/schema';
import { refreshStaffingOfScope } from '../compliance/compliance.service';
import { refreshContractFunding } from '../funding/funding.repo';
import { writeAudit } from '../../platform/audit';
import { actorOf, inTransaction, type Ctx } from '../../platform/context';
import { AppError, invalid, notFound, ruleViolation, versionConflict } from '../../platform/errors';
import { purchaserCounty, stationsOfCounty } from '../regions/county-scope';
import { contractFindings, contractStationCounts, contractStationStates, type ContractStationState } from './contract-findings';
import * as repo from './contracts.repo';
import { workflowEvent } from '../../platform/workflow';

type Editable = z.output<typeof c.contractEditableSchema>;
type Summary = z.input<typeof c.contractSummarySchema>;
type ListItem = z.input<typeof c.contractListItemSchema>;
type Detail = z.input<typeof c.contractDetailSchema>;
type Query = z.output<typeof c.contractListQuery>;

type Money = { paid: number; spent: number };

function summaryOf(r: repo.ContractListRow, stationList: ContractStationState[], money: Money, today: string): Summary {
  return { ...rowOf(r, money, today, contractFindings(r.contract, stationList, today)), stations: stationList };
}

/** A contract's own columns, its money and findings: what a list row and a contract's page share. */
function rowOf(r: repo.ContractListRow, money: Money, today: string, findings: c.ContractFinding[]): Omit<Summary, 'stations'> {
  const k = r.contract;
  return {
    id: k.id,
    countyCode: k.countyCode,
    countyShortName: r.countyShortName,
    number: k.number,
    title: k.title,
    contractor: { id: k.contractorOrgId, name: r.orgName, status: r.orgStatus },
    startsOn: k.startsOn,
    endsOn: k.endsOn,
    priceFen: k.priceFen,
    paidFen: money.paid,
    spentFen: money.spent,
    status: k.status,
    statusReason: k.statusReason,
    signedOn: k.signedOn,
    onPostDeadline: k.signedOn ? onPost(k.signedOn) : null,
    endingYear: k.endingYear,
    endingReason: k.endingReason,
    findings,
    version: k.version,
    updatedAt: k.updatedAt.toISOString(),
  };
}

/** Summaries with stations, money and findings for many contracts in a fixed number of queries. */
export async function summaries(ctx: Ctx, rows: repo.ContractListRow[]): Promise<Summary[]> {
  const today = chinaToday();
  const ids = rows.map((r) => r.contract.id);
  // The stations with their names and states in one statement: the page's own stations only.
  const [money, states] = await Promise.all([repo.moneyOf(ctx.db, ids), contractStationStates(ctx, rows.map((r) => r.contract), today)]);
  return rows.map((r) => summaryOf(r, states.get(r.contract.id) ?? [], money.get(r.contract.id) ?? NO_MONEY, today));
}

const NO_MONEY: Money = { paid: 0, spent: 0 };

/** A page of list rows: each contract's station count and its short stations grouped in one finding. */
async function listItems(ctx: Ctx, rows: repo.ContractListRow[], today: string): Promise<ListItem[]> {
  const ids = rows.map((r) => r.contract.id);
  const [money, counts] = await Promise.all([repo.moneyOf(ctx.db, ids), contractStationCounts(ctx, rows.map((r) => r.contract), today)]);
  return rows.map((r) => {
    const c = counts.get(r.contract.id) ?? { stationCount: 0, short: { count: 0, names: [], firstQualified: 0 } };
    return { ...rowOf(r, money.get(r.contract.id) ?? NO_MONEY, today, contractFindings(r.contract, c.short, today)), stationCount: c.stationCount };
  });
}

export async function list(ctx: Ctx, q: Query) {
  const offset = (q.page - 1) * q.pageSize;
  // One day for the filter, the refresh and the rows' findings (a list across midnight stays one answer).
  const today = chinaToday();
  // Findings are computed, not stored: the 有问题 filter is their test in SQL, paged in the database.
  const f = q.withFindings === 'true' ? { ...q, findingsOn: today } : q;
  // The on-post test reads the stations' kept staffing rows where fresh.
  await refreshStaffingOfScope(ctx, today);
  // The 有问题 count evaluates the findings test per contract: capped like the big lists' counts.
  const [rows, counted] = await Promise.all([
    repo.listContracts(ctx, f, q.pageSize, offset),
    'findingsOn' in f ? repo.countContractsCapped(ctx, f, q) : repo.countContracts(ctx, f).then((total) => ({ total, totalCapped: false })),
  ]);
  return { items: await listItems(ctx, rows, today), ...counted, page: q.page, pageSize: q.pageSize };
}

export async function get(ctx: Ctx, id: string): Promise<Detail> {
  const row = await repo.findContract(ctx, id);
  if (!row) throw notFound('服务合同');
  const [summary] = await summaries(ctx, [row]);
  if (!summary) throw new Error('summary missing');
  const [payments, spending, grades, attached] = await Promise.all([
    repo.paymentsOf(ctx.db, id),
    repo.spendingOf(ctx.db, id),
    repo.gradesOf(ctx.db, id),
    repo.filesOf(ctx.db, id),
  ]);
  const k = row.contract;
  const names = new Map(summary.stations.map((s) => [s.id, s.name]));
  return {
    ...summary,
    procurementId: k.procurementId,
    content: k.content,
    quantity: k.quantity,
    quality: k.quality,
    instalments: k.instalments.map((i, index) => ({
      ...i,
      paidFen: payments.filter((p) => p.instalment === index).reduce((s, p) => s + p.amountFen, 0),
    })),
    rightsDuties: k.rightsDuties,
    liability: k.liability,
    tripartite: k.tripartite,
    missing: missingContractContents({ ...k, stationIds: summary.stations.map((s) => s.id) }).map((key) => CONTRACT_CONTENT_LABELS[key]),
    payments: payments.map((p) => ({
      id: p.id, instalment: p.instalment, paidOn: p.paidOn, amountFen: p.amountFen, voucher: p.voucher, note: p.note,
      createdAt: p.createdAt.toISOString(),
    })),
    spending: spending.map((s) => ({
      id: s.id, stationId: s.stationId, stationName: names.get(s.stationId) ?? '', category: s.category, spentOn: s.spentOn,
      amountFen: s.amountFen, note: s.note, createdAt: s.createdAt.toISOString(),
    })),
    grades: grades.map((g) => ({ year: g.year, grade: g.grade, source: g.source, note: g.note, createdAt: g.createdAt.toISOString() })),
    files: attached.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
    history: k.history,
  };
}

/** R-BUY-ROLES: a barred organisation gets no contract; the refusal says so with the rule. */
async function contractor(ctx: Ctx, orgId: string, forSigning: boolean) {
  const [org] = await ctx.db.select().from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw invalid([{ path: 'contractorOrgId', message: '承接机构不存在' }]);
  if (org.status === 'barred')
    throw ruleViolation('R-BUY-ROLES', `${org.name}已被列入禁入名单，不能承接新的服务合同${org.statusReason ? `（${org.statusReason}）` : ''}`);
  if (forSigning && org.status === 'suspended')
    throw ruleViolation('R-BUY-ROLES', `${org.name}处于暂停状态，不能签订服务合同`);
  return org;
}

/** Checks that can be made on a draft: county, stations, contractor, term, instalments, procurement. */
async function checkDraft(ctx: Ctx, countyCode: string, b: Editable) {
  const county = await purchaserCounty(ctx, countyCode);
  const stationRows = await stationsOfCounty(ctx, county, b.stationIds);
  await contractor(ctx, b.contractorOrgId, false);
  if (b.startsOn && b.endsOn) {
    const term = contractTermProblem(b.startsOn, b.endsOn);
    if (term?.rule) throw ruleViolation(term.rule, term.message);
    if (term) throw invalid([{ path: 'endsOn', message: term.message }]);
  }
  const sum = instalmentProblem(b.priceFen, b.instalments);
  if (sum) throw invalid([{ path: 'instalments', message: sum }]);
  if (b.procurementId) {
    const [p] = await ctx.db.select({ countyCode: procurements.countyCode }).from(procurements).where(eq(procurements.id, b.procurementId));
    if (!p || p.countyCode !== county.code) throw invalid([{ path: 'procurementId', message: '采购项目不存在或不属于该区市' }]);
  }
  return { county, stationRows };
}

const columnsOf = (b: Editable) => ({
  title: b.title,
  number: b.number,
  contractorOrgId: b.contractorOrgId,
  procurementId: b.procurementId,
  content: b.content,
  startsOn: b.startsOn,
  endsOn: b.endsOn,
  quantity: b.quantity,
  quality: b.quality,
  priceFen: b.priceFen,
  instalments: b.instalments,
  rightsDuties: b.rightsDuties,
  liability: b.liability,
  tripartite: b.tripartite,
});

async function replaceStations(ctx: Ctx, contractId: string, rows: { id: string; scopePath: string }[]) {
  const former = await ctx.db.delete(contractStations).where(eq(contractStations.contractId, contractId)).returning({ stationId: contractStations.stationId });
  if (rows.length > 0)
    await ctx.db.insert(contractStations).values(rows.map((r) => ({ contractId, stationId: r.id, stationPath: r.scopePath })));
  // Payments are shared among the contract's stations: the old and new ones' funding roll-ups change.
  await refreshContractFunding(ctx.db, contractId, former.map((f) => f.stationId));
}

export async function create(ctx: Ctx, body: Editable & { countyCode: string }): Promise<Detail> {
  const { county, stationRows } = await checkDraft(ctx, body.countyCode, body);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(contracts)
      .values({ ...columnsOf(body), countyCode: county.code, scopePath: county.path, history: [workflowEvent(tx, '登记合同草稿')] })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await replaceStations(tx, row.id, stationRows);
    await writeAudit(tx, { action: 'contract.create', objectType: 'contract', objectId: row.id, after: { ...columnsOf(body), stationIds: body.stationIds } });
    return get(tx, row.id);
  });
}

/** Only the purchaser's unit writes contracts; towns and contractors read them. */
async function writable(ctx: Ctx, id: string) {
  const row = await repo.findContract(ctx, id);
  if (!row) throw notFound('服务合同');
  await purchaserCounty(ctx, row.contract.countyCode);
  return row;
}

export async function update(ctx: Ctx, id: string, body: Editable & { version: number }): Promise<Detail> {
  const { contract } = await writable(ctx, id);
  if (contract.status !== 'draft') throw new AppError('CONFLICT', `合同${CONTRACT_STATUS_LABELS[contract.status]}，不能修改内容`);
  const { stationRows } = await checkDraft(ctx, contract.countyCode, body);
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(contracts)
      .set({ ...columnsOf(body), version: sql`${contracts.version} + 1`, updatedAt: new Date() })
      .where(and(eq(contracts.id, id), eq(contracts.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await replaceStations(tx, id, stationRows);
    await writeAudit(tx, { action: 'contract.update', objectType: 'contract', objectId: id, before: columnsOf({ ...contract, stationIds: [] }), after: { ...columnsOf(body), stationIds: body.stationIds } });
    return get(tx, id);
  });
}

export async function sign(ctx: Ctx, id: string, body: { version: number; signedOn: string }): Promise<Detail> {
  const { contract: k } = await writable(ctx, id);
  if (k.status !== 'draft') throw new AppError('CONFLICT', `合同${CONTRACT_STATUS_LABELS[k.status]}，不能再次签订`);
  if (body.signedOn > chinaToday()) throw invalid([{ path: 'signedOn', message: '签订日期不能晚于今天' }]);
  const stationIds = (await repo.stationIdsOf(ctx.db, [id])).get(id) ?? [];
  const missing = missingContractContents({ ...k, stationIds });
  if (missing.length > 0)
    throw ruleViolation('R-CONTRACT-CONTENT', `合同缺少必备内容：${missing.map((m) => CONTRACT_CONTENT_LABELS[m]).join('、')}`);
  if (!k.startsOn || !k.endsOn) throw new Error('term checked above');
  const term = contractTermProblem(k.startsOn, k.endsOn);
  if (term) throw term.rule ? ruleViolation(term.rule, term.message) : invalid([{ path: 'endsOn', message: term.message }]);
  const org = await contractor(ctx, k.contractorOrgId, true);
  const clash = await repo.contractsInForceAt(ctx.db, stationIds, k.startsOn, k.endsOn, id);
  if (clash.length > 0) {
    const first = clash[0];
    throw invalid(
      [{ path: 'stationIds', message: `${new Set(clash.map((x) => x.stationId)).size} 个社工站在合同期内已有${first?.orgName ?? ''}的合同（${first?.contract.title ?? ''}）` }],
      '社工站在合同期内已有其他合同',
    );
  }
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(contracts)
      .set({
        status: 'signed',
        signedOn: body.signedOn,
        history: [...k.history, workflowEvent(tx, '签订合同', `签订日期 ${body.signedOn}`)],
        version: sql`${contracts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(contracts.id, id), eq(contracts.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, {
      action: 'contract.sign', objectType: 'contract', objectId: id,
      detail: `与${org.name}签订，${stationIds.length} 个社工站，到岗期限 ${onPost(body.signedOn)}（R-ONPOST-1M）`,
    });
    return get(tx, id);
  });
}

export async function changeStatus(
  ctx: Ctx,
  id: string,
  body: { version: number; status: 'performing' | 'terminated' | 'expired'; reason: string },
): Promise<Detail> {
  const { contract: k } = await writable(ctx, id);
  if (!CONTRACT_TRANSITIONS[k.status].includes(body.status))
    throw new AppError('CONFLICT', `合同${CONTRACT_STATUS_LABELS[k.status]}，不能变更为${CONTRACT_STATUS_LABELS[body.status]}`);
  // Ending it ends the contractor's access: scope asks which contract is in force each day.
  return inTransaction(ctx, async (tx) => {
    const [after] = await tx.db
      .update(contracts)
      .set({
        status: body.status,
        statusReason: body.reason,
        history: [...k.history, workflowEvent(tx, CONTRACT_STATUS_LABELS[body.status], body.reason)],
        version: sql`${contracts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(contracts.id, id), eq(contracts.version, body.version)))
      .returning();
    if (!after) throw versionConflict();
    await writeAudit(tx, {
      action: 'contract.status', objectType: 'contract', objectId: id,
      detail: `${CONTRACT_STATUS_LABELS[k.status]} → ${CONTRACT_STATUS_LABELS[body.status]}：${body.reason}`,
    });
    return get(tx, id);
  });
}
