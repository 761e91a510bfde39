import dayjs from 'dayjs';
import { asc, eq, like, type SQL, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { ZodType } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as contracts from '../../shared/contracts';
import type { RouteContract } from '../../shared/contracts/http';
import { ROLE_PERMISSIONS } from '../../shared/permissions';
import { chinaToday } from '../../shared/rules/china-date';
import { creditCodeCheckChar } from '../../shared/rules/credit-code';
import { DEMO_ORG_NAME, DEMO_USERS } from '../db/demo-data';
import { annualPlans, organizations, stations } from '../db/schema';
import { fillWorkbook, idNumberBornOn, multipartFile, XLSX_MIME } from '../testing/factories';
import { createTestApp, type Session, type TestApp } from '../testing/test-app';

/*
 * The scope matrix (issue 9): every GET-by-id and every write route, as each demo role, against
 * rows outside that role's scope made here through the API. Set A lives in 文登区 (another
 * county, another contractor); set B in 竹岛街道 (环翠区, another town than 鲸园) for the town
 * officer and the station worker. No answer may be 2xx, and no write may change a business table.
 */

const all: RouteContract[] = Object.values(contracts).flatMap((mod) =>
  Object.values(mod).filter((v): v is RouteContract => typeof v === 'object' && v !== null && 'method' in v && 'path' in v),
);
const key = (c: RouteContract) => `${c.method} ${c.path}`;
const isWrite = (c: RouteContract) => c.method !== 'GET';
const hasParams = (c: RouteContract) => c.path.includes(':');

/**
 * Routes that address no scoped business row, so there is nothing "outside the scope" to try:
 * city-wide configuration held by the city or an administrator, accounts and the caller's own
 * session. The route guard test covers who may call them at all.
 */
const NOT_SCOPED: Record<string, string> = {
  'GET /api/evaluation/indicators/:year': 'the city’s indicator system of a year: city-wide reference for every evaluator',
  'PUT /api/evaluation/indicators/:year': 'the city’s indicator system: evaluation:configure, city officer only',
  'PATCH /api/service-catalogue/:code': 'the city-wide service catalogue: catalogue:manage, city officer only',
  'POST /api/users': 'accounts are the system administrator’s, whose scope is users and roles, not regions',
  'PATCH /api/users/:id': 'accounts: system administrator only (三员分立)',
  'POST /api/users/:id/status': 'accounts: system administrator only',
  'POST /api/users/:id/reset-password': 'accounts: system administrator only',
  'POST /api/users/:id/unlock': 'accounts: system administrator only',
  'PUT /api/security/policy': 'the security policy: security administrator only',
  'POST /api/audit/verify': 'verifies the audit chain; writes nothing',
  'POST /api/institutional-systems': 'a county officer registers its own county’s system document; the body names no region (institutional-systems.service, create)',
  'POST /api/auth/login': 'the caller’s own session',
  'POST /api/auth/logout': 'the caller’s own session',
  'POST /api/auth/password': 'the caller’s own password',
  'PATCH /api/auth/profile': 'the caller’s own profile',
  'POST /api/auth/reset-notice': 'the caller’s own notice',
  'POST /api/auth/totp': 'the caller’s own second factor',
  'POST /api/auth/totp/enrolment': 'the caller’s own second factor',
  'POST /api/auth/totp/enrolment/confirm': 'the caller’s own second factor',
  'POST /api/clients/import/report': 'returns the check of an uploaded sheet; writes nothing',
  'POST /api/social-workers/import': 'registers workers without a station (postings name the station); no out-of-scope row to name',
  'POST /api/social-workers/import/report': 'returns the check of an uploaded sheet; writes nothing',
};

/**
 * GET-by-id reads that answer outside the reader's data scope by design, with the reason. Keyed
 * by route, then by the roles it holds for (a role not listed must still be refused).
 */
const READABLE_BY_DESIGN: Record<string, { roles: string[]; why: string }> = {
  'GET /api/institutional-systems/:id': {
    roles: ['demo-town', 'demo-worker'],
    why: 'a county’s five systems (R-SYS-FIVE) govern every station of the county: its towns and stations read them (institutional-systems.repo, countyScope)',
  },
  'GET /api/institutional-systems/:id/file': {
    roles: ['demo-town', 'demo-worker'],
    why: 'the text of the county’s system goes with the document',
  },
  'GET /api/organizations/:id': {
    roles: ['demo-district', 'demo-town', 'demo-evaluator'],
    why: 'the organisation register is read city-wide, to check a bidder’s or a partner’s record (issue 9 §3)',
  },
  'GET /api/organizations/:id/files/:fileId': {
    roles: ['demo-district', 'demo-town', 'demo-evaluator'],
    why: 'the register’s own documents (登记证书) go with the register entry',
  },
  'GET /stations-directory/:id': {
    roles: DEMO_USERS.map((u) => u.username),
    why: 'the public station directory (五（五）): every operating station, without login',
  },
  'GET /api/partners/:id': {
    roles: ['demo-org'],
    why: 'a county’s partner directory lists public bodies; organisations see every county’s (partners.routes.ts, partnerScope)',
  },
  'GET /api/organizations/:id/contract-record': {
    roles: ['demo-district', 'demo-town', 'demo-evaluator'],
    why: 'R-EVAL-USE: a purchaser sees a bidder’s contracts and grades in other counties before giving it a contract',
  },
};

/**
 * Write routes without a path parameter whose body names an out-of-scope row, with the fields
 * that name it: refusing the request with a field error on one of them (400, "不在您的管辖范围内")
 * is the scope check answering, not a bad body.
 */
const BODY_NAMED: Record<string, string[]> = {
  'POST /api/annual-plans': ['countyCode', 'stationIds'],
  'POST /api/publicity/posts': ['stationId'],
  'POST /api/station-plans': ['stationId'],
  'POST /api/publicity/brands': ['stationId'],
  'POST /api/applications': ['stationIds'],
  'POST /api/cases': ['clientId'],
  'POST /api/clients': ['stationId', 'villageCode'],
  'POST /api/clients/import': ['stationId'],
  'POST /api/supervisions': ['stationId'],
  'POST /api/evaluations': ['contractId'],
  'POST /api/organizations': ['countyCode'],
  'POST /api/partners': ['countyCode'],
  'POST /api/procurements': ['countyCode', 'stationIds'],
  'POST /api/reports': ['stationId', 'contractId'],
  'POST /api/contracts': ['countyCode', 'stationIds', 'contractorOrgId'],
  'POST /api/groups': ['stationId'],
  'POST /api/referrals': ['clientId', 'partnerId'],
  'POST /api/service-records': ['stationId', 'clientIds'],
  'POST /api/social-workers': ['orgId'],
  'POST /api/postings': ['workerId', 'stationId'],
  'POST /api/stations': ['townCode'],
  'POST /api/resource-needs': ['stationId', 'clientId', 'caseId'],
  'POST /api/resource-offers': ['stationId', 'wishNeedId'],
  'POST /api/resource-matches': ['needId', 'offerId'],
  'POST /api/volunteers': ['stationId'],
  'POST /api/volunteer-teams': ['stationId'],
  'POST /api/venues/rooms': ['stationId'],
  'POST /api/venues/bookings': ['roomId'],
  'POST /api/archives': ['stationId'],
  'POST /api/volunteer-records/from-activity': ['sourceId'],
};

/**
 * Creations where the server files the row under the caller's own unit whatever the body names,
 * so for these roles the body names no out-of-scope row and a 200 writes within scope.
 */
const OWN_UNIT_BY_DESIGN: Record<string, { roles: string[]; why: string }> = {
  'POST /api/applications': {
    roles: ['demo-applicant'],
    why: 'a municipal department applies to the city bureau to use any station of the city (五（三）); the application is filed under its own scope (applications.service, decidingBureau)',
  },
  'POST /api/organizations': {
    roles: ['demo-district'],
    why: 'a county officer registers organisations in its own county; countyCode is the city’s choice (organizations.service, registeringUnit)',
  },
  'POST /api/social-workers': {
    roles: ['demo-org'],
    why: 'an organisation manager’s workers are always its own organisation’s; orgId is ignored (social-workers.service, employerFor)',
  },
};

/** Write routes a role holding the permission could not be given a request that reaches the scope check. */
const KNOWN_GAPS: Record<string, string> = {};

/**
 * demo-city's scope is the whole city, so no row is outside it. demo-applicant's is the city too:
 * its few reads (stations, partners) see every county by scope, and it reads only its own
 * applications whatever their region (applications.routes.test.ts); it is tried on the writes only.
 */
const ROLES = DEMO_USERS.map((u) => u.username).filter((u) => u !== 'demo-city');
const READS_CITY_WIDE = new Set(['demo-applicant']);
const SECOND_SET_ROLES = new Set(['demo-town', 'demo-worker']);

const today = chinaToday();
const year = Number(today.slice(0, 4));
const lastMonth = dayjs(today).subtract(1, 'month').format('YYYY-MM');
const png = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000a49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);

type Json = Record<string, unknown>;

/** The out-of-scope rows of one set; absent kinds are not tried with that set. */
interface Fixture {
  name: string;
  owner: Session;
  station?: string;
  townCode?: string;
  village?: string;
  countyCode?: string;
  /** A region outside the roles' scope, for routes addressed by region code (dashboards). */
  region?: string;
  client?: string;
  caseId?: string;
  record?: string;
  recordFile?: string;
  group?: string;
  partner?: string;
  referral?: string;
  referralVersion?: number;
  report?: string;
  reportFile?: string;
  procurement?: string;
  supervision?: string;
  evaluation?: string;
  evaluationFile?: string;
  worker?: string;
  certificate?: string;
  training?: string;
  posting?: string;
  contract?: string;
  contractFile?: string;
  plan?: string;
  /** A department's application to use the set's station, submitted (五（三）). */
  application?: string;
  org?: string;
  orgFile?: string;
  /** Charity resources: a need, an offer, a match between them and a proof uploaded to it. */
  need?: string;
  offer?: string;
  match?: string;
  matchFile?: string;
  /** Volunteers: a registered volunteer with a record and a certificate, a team, a session to record from. */
  volunteer?: string;
  volunteerTeam?: string;
  /** Publicity: a story submitted for review with a photo (not published, so not public). */
  post?: string;
  /** A service brand of the set's station. */
  brand?: string;
  postFile?: string;
  volunteerCertificate?: string;
  volunteerSession?: string;
  /** The county's system document (R-SYS-FIVE); a room of the set's station and a booking of it. */
  systemDoc?: string;
  room?: string;
  booking?: string;
  /** 一站一策: the station's plan for the year and its needs survey. */
  stationPlan?: string;
  stationPlanFile?: string;
  /** A finished station-year archive (资料归档). */
  archive?: string;
  /** The client import template filled with one valid row for the set's village. */
  importSheet?: Buffer;
  /** Each row's detail as its owner reads it (for versions and valid PATCH bodies). */
  details: Record<string, Json>;
}

let t: TestApp;
const sessions = new Map<string, Session>();
let A: Fixture;
let B: Fixture;
/** An unposted 环翠区 worker employed by the demo organisation: in scope of demo-district and demo-org. */
let ownWorker = '';

function must<T>(v: T | undefined | null, what: string): T {
  if (v === undefined || v === null) throw new Error(`fixture: no ${what}`);
  return v;
}

async function ok(res: Promise<LightMyRequestResponse> | LightMyRequestResponse, what: string): Promise<Json> {
  const r = await res;
  if (r.statusCode !== 200) throw new Error(`fixture ${what}: ${r.statusCode} ${r.body}`);
  return r.json<Json>();
}

const idOf = async (res: Promise<LightMyRequestResponse>, what: string) => String((await ok(res, what)).id);

async function upload(s: Session, url: string, what: string): Promise<string> {
  const body = multipartFile('材料.png', png, 'image/png');
  return idOf(s.request('POST', url, body.payload, body.headers), what);
}

/** The row kind a route addresses, by its path. */
const DETAIL_PATHS: Record<string, (f: Fixture) => string | undefined> = {
  plan: (f) => f.plan && `/api/annual-plans/${f.plan}`,
  application: (f) => f.application && `/api/applications/${f.application}`,
  caseId: (f) => f.caseId && `/api/cases/${f.caseId}`,
  client: (f) => f.client && `/api/clients/${f.client}`,
  supervision: (f) => f.supervision && `/api/supervisions?pageSize=200`,
  evaluation: (f) => f.evaluation && `/api/evaluations/${f.evaluation}`,
  org: (f) => f.org && `/api/organizations/${f.org}`,
  partner: (f) => f.partner && `/api/partners/${f.partner}`,
  procurement: (f) => f.procurement && `/api/procurements/${f.procurement}`,
  report: (f) => f.report && `/api/reports/${f.report}`,
  contract: (f) => f.contract && `/api/contracts/${f.contract}`,
  group: (f) => f.group && `/api/groups/${f.group}`,
  worker: (f) => f.worker && `/api/social-workers/${f.worker}`,
  station: (f) => f.station && `/api/stations/${f.station}`,
  volunteer: (f) => f.volunteer && `/api/volunteers/${f.volunteer}`,
  volunteerTeam: (f) => f.volunteerTeam && `/api/volunteer-teams/${f.volunteerTeam}`,
  post: (f) => f.post && `/api/publicity/posts/${f.post}`,
  stationPlan: (f) => f.stationPlan && `/api/station-plans/${f.stationPlan}`,
};

async function readDetails(f: Fixture): Promise<void> {
  for (const [kind, path] of Object.entries(DETAIL_PATHS)) {
    const url = path(f);
    if (!url) continue;
    const body = await ok(f.owner.get(url), `read ${kind}`);
    if (kind === 'supervision') {
      const items = (body.items ?? []) as Json[];
      f.details[kind] = must(items.find((x) => x.id === f.supervision), 'supervision in list');
    } else f.details[kind] = body;
  }
}

/** First path segment(s) → the fixture's row id for `:id`. */
const ID_BY_PREFIX: [string, keyof Fixture][] = [
  ['/api/annual-plans/', 'plan'],
  ['/api/applications/', 'application'],
  ['/api/cases/', 'caseId'],
  ['/api/clients/', 'client'],
  ['/api/compliance/stations/', 'station'],
  ['/api/supervisions/', 'supervision'],
  ['/api/evaluations/', 'evaluation'],
  ['/api/funding/stations/', 'station'],
  ['/api/organizations/', 'org'],
  ['/api/partners/', 'partner'],
  ['/api/procurements/', 'procurement'],
  ['/api/public/procurements/', 'procurement'],
  ['/api/reports/', 'report'],
  ['/api/contracts/', 'contract'],
  ['/api/groups/', 'group'],
  ['/api/service-records/', 'record'],
  ['/api/referrals/', 'referral'],
  ['/api/social-workers/', 'worker'],
  ['/api/postings/', 'posting'],
  ['/api/stations/', 'station'],
  ['/api/resource-needs/', 'need'],
  ['/api/resource-offers/', 'offer'],
  ['/api/resource-matches/', 'match'],
  // A proof nobody chose for the wall: the public photo route answers 404 to everyone.
  ['/api/public/resource-wall/photos/', 'matchFile'],
  ['/api/volunteers/', 'volunteer'],
  ['/api/volunteer-teams/', 'volunteerTeam'],
  ['/api/institutional-systems/', 'systemDoc'],
  ['/api/venues/rooms/', 'room'],
  ['/api/venues/bookings/', 'booking'],
  ['/api/archives/', 'archive'],
  ['/api/volunteer-certificates/', 'volunteerCertificate'],
  ['/api/publicity/posts/', 'post'],
  ['/api/station-plans/', 'stationPlan'],
  ['/api/publicity/brands/', 'brand'],
  // An unpublished story and its photo: the public routes answer 404 to everyone.
  ['/stories/', 'post'],
  ['/stations-directory/', 'station'],
];

const FILE_BY_PREFIX: [string, keyof Fixture][] = [
  ['/api/service-records/', 'recordFile'],
  ['/api/reports/', 'reportFile'],
  ['/api/contracts/', 'contractFile'],
  ['/api/organizations/', 'orgFile'],
  ['/api/evaluations/', 'evaluationFile'],
  ['/api/resource-matches/', 'matchFile'],
  ['/api/publicity/posts/', 'postFile'],
  ['/api/station-plans/', 'stationPlanFile'],
  ['/stories/', 'postFile'],
];

/** The URL of a route for a fixture set, or null when the set has no row of that kind. */
function urlFor(c: RouteContract, f: Fixture): string | null {
  let missing = false;
  const value = (field: keyof Fixture | undefined): string => {
    const v = field ? f[field] : undefined;
    if (typeof v !== 'string') {
      missing = true;
      return '';
    }
    return v;
  };
  const url = c.path.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'id') return value(ID_BY_PREFIX.find(([p]) => c.path.startsWith(p))?.[1]);
    if (name === 'fileId') return value(FILE_BY_PREFIX.find(([p]) => c.path.startsWith(p))?.[1]);
    if (name === 'key') return 'records.total';
    if (name === 'regionCode') return value('region');
    if (name === 'year') return String(year);
    if (name === 'childId') return value(c.path.includes('/certificates/') ? 'certificate' : 'training');
    throw new Error(`no fixture for :${name} in ${key(c)}`);
  });
  return missing ? null : url;
}

/** The editable fields of a row, as its owner reads them, shaped by the route's body schema. */
function pick(c: RouteContract, detail: Json | undefined, over: Json = {}): Json {
  const schema = c.body as unknown as { shape?: Record<string, unknown> } | undefined;
  const out: Json = {};
  for (const k of Object.keys(schema?.shape ?? {})) if (detail && k in detail && detail[k] !== undefined) out[k] = detail[k];
  return { ...out, ...over };
}

const v = (f: Fixture, kind: string) => Number(must(f.details[kind], `${kind} detail`).version);

interface Call {
  body?: unknown;
  multipart?: boolean;
  /** A filled import sheet instead of the PNG. */
  xlsx?: Buffer;
  /** Further bodies that name another out-of-scope row of the set. */
  also?: unknown[];
  query?: string;
}

const applicationBody = (station: string) => ({
  department: '越权申请单位', title: '越权申请', purpose: '越权', itemCodes: ['EL02'], stationIds: [station], periodStart: today, periodEnd: today,
  targetPeople: '越权', fundedBy: '越权', providedBy: '越权',
});

const stationPlanContent = { itemCodes: ['SA01'], duties: '越权职责', targets: { records: 1, homeVisits: 1, groupSessions: 1, casesOpened: 1 } };

/** A valid request for each write route, naming the fixture's rows. */
function callFor(c: RouteContract, f: Fixture, role: string): Call | null {
  const K = key(c);
  const clientId = f.client;
  const station = f.station;
  switch (K) {
    // Department applications (五（三）)
    case 'POST /api/applications':
      return station ? { body: applicationBody(station) } : null;
    case 'PATCH /api/applications/:id':
      return station ? { body: { version: v(f, 'application'), application: applicationBody(station) } } : null;
    case 'POST /api/applications/:id/submit':
      return { body: { version: v(f, 'application') } };
    case 'POST /api/applications/:id/decision':
      return { body: { version: v(f, 'application'), decision: 'accepted' } };
    // Annual plans
    case 'POST /api/annual-plans':
      return f.countyCode ? { body: { countyCode: f.countyCode, year: year + 1, goals: '下一年度计划', stationIds: station ? [station] : [] } } : null;
    case 'PATCH /api/annual-plans/:id':
      return { body: pick(c, f.details.plan?.content as Json, { version: v(f, 'plan') }) };
    case 'POST /api/annual-plans/:id/submit':
      return { body: { version: v(f, 'plan') } };
    case 'POST /api/annual-plans/:id/review':
      return { body: { version: v(f, 'plan'), decision: 'filed' } };
    // Cases
    case 'POST /api/cases':
      return clientId ? { body: { clientId, intakeNote: '越权接案' } } : null;
    case 'POST /api/cases/:id/advance':
      return { body: { to: 'assessment', version: v(f, 'caseId'), needs: [{ domain: 'elderly', need: '越权预估' }] } };
    case 'POST /api/cases/:id/decision':
      return { body: { version: v(f, 'caseId'), approve: true } };
    case 'POST /api/cases/:id/follow-up':
      return { body: { version: v(f, 'caseId'), nextFollowUp: today } };
    // Clients
    case 'POST /api/clients':
      return station && f.village
        ? { body: { name: '越权登记', idNumber: idNumberBornOn('1950-05-05', 901 + ROLES.indexOf(role)), villageCode: f.village, targetGroups: ['left_behind_elderly'], stationId: station } }
        : null;
    case 'POST /api/clients/import':
      return station && f.importSheet ? { multipart: true, xlsx: f.importSheet, query: `stationId=${station}` } : null;
    case 'PATCH /api/clients/:id':
      return { body: pick(c, f.details.client, { version: v(f, 'client'), phone: undefined, household: [], guardian: null, address: '越权改址' }) };
    case 'POST /api/clients/:id/status':
      return { body: { version: v(f, 'client'), status: 'paused', reason: '越权暂停' } };
    case 'POST /api/clients/:id/consents':
      return { body: { kind: 'sensitive', givenBy: '越权', givenOn: today } };
    case 'POST /api/clients/:id/reveal':
      return { body: { field: 'idNumber' } };
    // Supervision and evaluation
    case 'POST /api/supervisions':
      return station ? { body: { stationId: station, date: today, supervisor: '越权督导', topic: '越权' } } : null;
    case 'POST /api/supervisions/:id/follow-up':
      return { body: { version: v(f, 'supervision'), doneOn: today } };
    case 'POST /api/evaluations':
      return f.contract ? { body: { contractId: f.contract, year: year - 1 } } : null;
    case 'PATCH /api/evaluations/:id':
      return { body: { version: v(f, 'evaluation'), evaluators: '越权评估' } };
    case 'POST /api/evaluations/:id/prefill':
    case 'POST /api/evaluations/:id/finish':
      return { body: { version: v(f, 'evaluation') } };
    case 'POST /api/evaluations/:id/files':
      return { multipart: true };
    // Funding
    case 'PUT /api/funding/stations/:id/:year':
      return { body: { province: 100, city: 100, county: 100, social: 100 } };
    // Organisations
    case 'POST /api/organizations': {
      const base17 = `52371003MJE9999${ROLES.indexOf(role)}`.padEnd(17, '9');
      return f.countyCode
        ? { body: { name: '越权登记的机构', creditCode: base17 + creditCodeCheckChar(base17), kind: 'social_work_org', countyCode: f.countyCode } }
        : null;
    }
    case 'PATCH /api/organizations/:id':
      return { body: pick(c, f.details.org, { version: v(f, 'org'), address: '越权改址' }) };
    case 'POST /api/organizations/:id/status':
      return { body: { version: v(f, 'org'), status: 'suspended', reason: '越权暂停' } };
    case 'POST /api/organizations/:id/files':
      return { multipart: true };
    // Partners
    case 'POST /api/partners':
      return f.countyCode ? { body: { countyCode: f.countyCode, kind: 'health', name: '越权登记的单位' } } : null;
    case 'PATCH /api/partners/:id':
      return { body: pick(c, f.details.partner, { version: v(f, 'partner'), name: '越权改名' }) };
    // Procurement
    case 'POST /api/procurements':
      return f.countyCode ? { body: { countyCode: f.countyCode, year, title: '越权采购', method: 'public_tender', stationIds: station ? [station] : [] } } : null;
    case 'PATCH /api/procurements/:id':
      return { body: pick(c, f.details.procurement, { version: v(f, 'procurement'), title: '越权改名' }) };
    case 'POST /api/procurements/:id/publish':
      return { body: { version: v(f, 'procurement') } };
    case 'POST /api/procurements/:id/award':
      return { body: { version: v(f, 'procurement'), contractorOrgId: must(f.org, 'org'), awardedOn: today, awardFen: 100 } };
    case 'POST /api/procurements/:id/cancel':
      return { body: { version: v(f, 'procurement'), reason: '越权取消' } };
    // Reports
    case 'POST /api/reports':
      return station ? { body: { kind: 'monthly', month: dayjs(today).subtract(2, 'month').format('YYYY-MM'), stationId: station } } : null;
    case 'PATCH /api/reports/:id':
      return { body: { version: v(f, 'report'), sections: must(f.details.report, 'report').sections } };
    case 'POST /api/reports/:id/submit':
      return { body: { version: v(f, 'report') } };
    case 'POST /api/reports/:id/review':
      return { body: { version: v(f, 'report'), decision: 'returned', comment: '越权退回' } };
    case 'POST /api/reports/:id/files':
      return { multipart: true };
    // Contracts
    case 'POST /api/contracts':
      return f.countyCode && f.org
        ? { body: { countyCode: f.countyCode, title: '越权合同', contractorOrgId: f.org, stationIds: station ? [station] : [] } }
        : null;
    case 'PATCH /api/contracts/:id':
    {
      const d = must(f.details.contract, 'contract');
      return {
        body: pick(c, d, {
          version: v(f, 'contract'), title: '越权改名', contractorOrgId: (d.contractor as Json).id,
          stationIds: ((d.stations ?? []) as Json[]).map((x) => x.id),
          instalments: ((d.instalments ?? []) as Json[]).map((x) => ({ label: x.label, dueOn: x.dueOn, amountFen: x.amountFen })),
        }),
      };
    }
    case 'POST /api/contracts/:id/sign':
      return { body: { version: v(f, 'contract'), signedOn: today } };
    case 'POST /api/contracts/:id/status':
      return { body: { version: v(f, 'contract'), status: 'terminated', reason: '越权终止' } };
    case 'POST /api/contracts/:id/payments':
      return { body: { instalment: 0, paidOn: today, amountFen: 100 } };
    case 'POST /api/contracts/:id/spending':
      return { body: { stationId: must(station, 'station'), category: 'staff', spentOn: today, amountFen: 100 } };
    case 'POST /api/contracts/:id/grades':
      return { body: { year: year - 1, grade: 'excellent' } };
    case 'POST /api/contracts/:id/files':
      return { multipart: true };
    // Groups, records, referrals
    case 'POST /api/groups':
      return station ? { body: { stationId: station, kind: 'community', name: '越权活动' } } : null;
    case 'POST /api/groups/:id/sessions':
      return { body: { date: today, topic: '越权', clientIds: clientId ? [clientId] : [] } };
    case 'POST /api/groups/:id/phase':
      return { body: { version: v(f, 'group'), phase: 'middle' } };
    case 'POST /api/service-records':
      return station && clientId
        ? { body: { stationId: station, date: today, durationMinutes: 30, method: 'case', itemCode: 'EL02', clientIds: [clientId] } }
        : null;
    case 'POST /api/service-records/:id/review':
      return { body: { acceptable: true, note: '越权审核' } };
    case 'POST /api/service-records/:id/attachments':
      return { multipart: true };
    case 'POST /api/referrals':
      return clientId && f.partner ? { body: { clientId, partnerId: f.partner, reason: '越权转介', referredOn: today } } : null;
    case 'POST /api/referrals/:id/status':
      return { body: { version: must(f.referralVersion, 'referral version'), status: 'accepted' } };
    // Social workers and postings
    case 'POST /api/social-workers':
      return f.org ? { body: { name: '越权登记', idNumber: idNumberBornOn('1991-01-01', 921 + ROLES.indexOf(role)), education: 'bachelor', major: '社会工作', orgId: f.org } } : null;
    case 'PATCH /api/social-workers/:id':
      return { body: pick(c, f.details.worker, { version: v(f, 'worker'), phone: undefined, school: '越权改' }) };
    case 'POST /api/social-workers/:id/certificates':
      return { body: { level: 'assistant', number: 'X-1', obtainedOn: '2020-01-01' } };
    case 'POST /api/social-workers/:id/trainings':
      return { body: { date: '2020-01-01', hours: 2 } };
    case 'DELETE /api/social-workers/:id/certificates/:childId':
    case 'DELETE /api/social-workers/:id/trainings/:childId':
      return {};
    case 'POST /api/social-workers/:id/reveal':
      return { body: { field: 'idNumber' } };
    case 'POST /api/social-workers/:id/account':
      return { body: { username: `x${role.replace(/\W/g, '')}`, initialPassword: 'Init#Pass2026' } };
    case 'POST /api/postings':
      return f.worker && station
        ? {
            body: { workerId: f.worker, stationId: station, startDate: today, source: 'purchased' },
            // The caller's own, unposted worker sent to the set's station.
            also: ownWorker ? [{ workerId: ownWorker, stationId: station, startDate: today, source: 'purchased' }] : [],
          }
        : null;
    case 'POST /api/postings/:id/end':
      return { body: { endDate: today, reason: '越权离岗' } };
    // Stations
    case 'POST /api/stations':
      return f.townCode ? { body: { townCode: f.townCode, venueType: must(f.details.station, 'station').venueType, address: '越权新建' } } : null;
    case 'PATCH /api/stations/:id':
      return { body: pick(c, f.details.station, { version: v(f, 'station'), address: '越权改址' }) };
    case 'POST /api/stations/:id/status':
      return { body: { version: v(f, 'station'), status: 'suspended', reason: '越权暂停' } };
    // Charity resources (rows made at version 1; every write here must be refused)
    case 'POST /api/resource-needs':
      return station
        ? {
            body: { source: 'community', stationId: station, domain: 'elderly', kind: 'goods', quantity: 1, title: '越权需求' },
            also: [
              ...(clientId ? [{ source: 'client', clientId, domain: 'elderly', kind: 'goods', quantity: 1, title: '越权需求' }] : []),
              ...(f.caseId ? [{ source: 'case', caseId: f.caseId, domain: 'elderly', kind: 'goods', quantity: 1, title: '越权需求' }] : []),
            ],
          }
        : null;
    case 'POST /api/resource-needs/:id/close':
      return { body: { version: 1, outcome: 'cancelled' } };
    case 'POST /api/resource-needs/:id/public':
      return { body: { version: 1, publicText: '越权公示' } };
    case 'POST /api/resource-needs/:id/publish':
      return { body: { version: 1, decision: 'withdraw' } };
    case 'POST /api/resource-offers':
      return station ? { body: { stationId: station, donorKind: 'individual', donorName: '越权登记', kind: 'goods', itemName: '越权', quantity: 1 } } : null;
    case 'POST /api/resource-matches':
      return f.need && f.offer ? { body: { needId: f.need, offerId: f.offer, quantity: 1 } } : null;
    // Volunteers
    case 'POST /api/volunteers':
      return station
        ? { body: { stationId: station, name: '越权志愿者', idNumber: idNumberBornOn('1993-03-03', 931 + ROLES.indexOf(role)), consentOn: today, consentScope: '越权' } }
        : null;
    case 'PATCH /api/volunteers/:id':
      return { body: pick(c, f.details.volunteer, { version: v(f, 'volunteer'), name: '越权改名' }) };
    case 'POST /api/volunteers/:id/reveal':
      return { body: { field: 'idNumber' } };
    case 'POST /api/volunteers/:id/records':
      return { body: { date: today, startTime: '20:00', endTime: '21:00', minutes: 60, content: '越权记录' } };
    case 'POST /api/volunteers/:id/certificates':
      return { body: { periodFrom: today, periodTo: today } };
    case 'POST /api/volunteer-records/from-activity':
      return f.volunteerSession && f.volunteer
        ? { body: { source: 'group_session', sourceId: f.volunteerSession, startTime: '20:00', endTime: '21:00', entries: [{ volunteerId: f.volunteer, minutes: 60 }] } }
        : null;
    case 'POST /api/volunteer-teams':
      return station ? { body: { stationId: station, kind: 'volunteer_team', name: '越权队伍', incubatedOn: today } } : null;
    case 'PATCH /api/volunteer-teams/:id':
      return { body: pick(c, f.details.volunteerTeam, { version: v(f, 'volunteerTeam'), name: '越权改名' }) };
    case 'POST /api/resource-matches/:id/decision':
      return { body: { version: 1, approve: true } };
    case 'POST /api/resource-matches/:id/proofs':
      return { multipart: true };
    case 'POST /api/resource-matches/:id/deliveries':
      return { body: { quantity: 1, deliveredOn: today, proofFileIds: f.matchFile ? [f.matchFile] : [] } };
    case 'POST /api/publicity/posts':
      return station ? { body: { kind: 'story', stationId: station, title: '越权稿件', body: '越权' } } : null;
    case 'PATCH /api/publicity/posts/:id':
      return { body: { version: v(f, 'post'), post: { kind: 'story', title: '越权改名', body: '越权' } } };
    case 'POST /api/publicity/posts/:id/photos':
      return { multipart: true };
    case 'POST /api/publicity/posts/:id/submit':
      return { body: { version: v(f, 'post') } };
    case 'POST /api/publicity/posts/:id/review':
      return { body: { version: v(f, 'post'), publish: true } };
    case 'POST /api/publicity/brands':
      return station ? { body: { stationId: station, name: '越权品牌' } } : null;
    case 'PATCH /api/publicity/brands/:id':
      return { body: { version: 1, name: '越权改名', description: '' } };
    // Five systems and venues
    case 'POST /api/institutional-systems/:id/file':
      return { multipart: true };
    case 'POST /api/venues/rooms':
      return station ? { body: { stationId: station, name: '越权场所', opensAt: '08:00', closesAt: '18:00', openDays: [1, 2, 3, 4, 5, 6, 7] } } : null;
    case 'POST /api/venues/bookings':
      return f.room ? { body: { roomId: f.room, bookerKind: 'station', bookerName: '越权', purpose: '越权', startsAt: `${today}T20:00:00+08:00`, endsAt: `${today}T21:00:00+08:00` } } : null;
    case 'POST /api/venues/bookings/:id/cancel':
      return { body: {} };
    // 一站一策
    case 'POST /api/station-plans':
      return station ? { body: { stationId: station, year, ...stationPlanContent } } : null;
    case 'PATCH /api/station-plans/:id':
      return { body: { version: v(f, 'stationPlan'), ...stationPlanContent } };
    case 'POST /api/station-plans/:id/submit':
      return { body: { version: v(f, 'stationPlan') } };
    case 'POST /api/station-plans/:id/review':
      return { body: { version: v(f, 'stationPlan'), decision: 'approved' } };
    case 'POST /api/station-plans/:id/files':
      return { multipart: true, query: 'kind=needs_survey' };
    case 'POST /api/archives':
      return station ? { body: { stationId: station, year } } : null;
    default:
      throw new Error(`no request for ${K}`);
  }
}

const holds = (username: string, c: RouteContract) => {
  const u = DEMO_USERS.find((x) => x.username === username);
  return !!u && u.roles.some((r) => ROLE_PERMISSIONS[r].some((p) => p === c.permission));
};

/** A 400 whose field errors all point at the fields naming the out-of-scope row. */
function refusedOnNamingField(c: RouteContract, res: LightMyRequestResponse): boolean {
  const named = BODY_NAMED[key(c)];
  if (!named) return false;
  const fields = (res.json<{ error?: { details?: { fields?: { path: string }[] } } }>().error?.details?.fields ?? []).map((x) => x.path.split('.')[0] ?? '');
  return fields.length > 0 && fields.every((x) => named.includes(x));
}

/** A station-year archive, waited for: its builder writes in the background and must be done before the fingerprints. */
async function archiveOf(owner: Session, station: string): Promise<string> {
  const id = await idOf(owner.post('/api/archives', { stationId: station, year }), 'archive');
  for (let i = 0; i < 600; i++) {
    if ((await ok(owner.get(`/api/archives/${id}`), 'archive job')).status === 'done') return id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('archive not built');
}

const is2xx = (res: LightMyRequestResponse) => res.statusCode >= 200 && res.statusCode < 300;

/** Per business table: row count and an md5 of the rows (sessions, throttles, logs and last-login columns aside). */
const VOLATILE_TABLES = new Set(['audit_log', 'audit_checkpoint', 'sessions', 'login_challenges', 'login_throttle', 'client_access_log']);
const VOLATILE_COLUMNS: Record<string, string[]> = { users: ['last_login_at', 'totp_last_step'] };

async function rows<T>(query: SQL): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function fingerprint(): Promise<Record<string, string>> {
  const tables = await rows<{ table_name: string }>(sql`
    SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`);
  const out: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    if (VOLATILE_TABLES.has(table)) continue;
    const cols = await rows<{ column_name: string }>(sql`
      SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`);
    const kept = cols.map((x) => x.column_name).filter((x) => !(VOLATILE_COLUMNS[table] ?? []).includes(x));
    const row = `ROW(${kept.map((x) => `t."${x}"`).join(', ')})::text`;
    const [r] = await rows<{ n: number; h: string }>(
      sql.raw(`SELECT count(*)::int AS n, md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS h FROM "${table}" t`),
    );
    out[table] = `${r?.n}:${r?.h}`;
  }
  return out;
}

async function send(s: Session, c: RouteContract, url: string, call: Call): Promise<LightMyRequestResponse> {
  const full = call.query ? `${url}?${call.query}` : url;
  if (call.multipart) {
    const body = call.xlsx ? multipartFile('对象.xlsx', call.xlsx, XLSX_MIME) : multipartFile('材料.png', png, 'image/png');
    return s.request(c.method, full, body.payload, body.headers);
  }
  return s.request(c.method, full, call.body);
}

const getRoutes = all.filter((c) => c.method === 'GET' && hasParams(c) && !NOT_SCOPED[key(c)]);
const writeRoutes = all.filter((c) => isWrite(c) && !NOT_SCOPED[key(c)] && (hasParams(c) || BODY_NAMED[key(c)]));

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ROLES) sessions.set(u, await t.login(u));
  const district = must(sessions.get('demo-district'), 'demo-district');
  const demoOrg = must(sessions.get('demo-org'), 'demo-org');
  const db = t.database.db;

  // ---- Set A: 文登区, made by 文登 users ----
  const [wdOrg] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, '威海市文登区同心社会工作服务中心'));
  const wdStations = await db
    .select({ id: stations.id, townCode: stations.townCode })
    .from(stations)
    .where(like(stations.scopePath, '/371000/371003/%'))
    .orderBy(asc(stations.townCode));
  const wdStation = must(wdStations[0], '文登 station');
  const wd = await t.userWith('wd.district', ['district_officer'], { kind: 'county', regionCode: '371003' });
  const wdManager = await t.userWith('wd.manager', ['org_manager'], { kind: 'org', orgId: must(wdOrg, '文登 org').id });
  const wdWorker = await t.userWith('wd.worker', ['station_worker'], { kind: 'station', regionCode: wdStation.townCode });
  A = { name: '文登区', owner: wd, station: wdStation.id, townCode: wdStation.townCode, countyCode: '371003', region: '371003', org: must(wdOrg, '文登 org').id, details: {} };
  const wdVillage = must(((await wdWorker.get(`/api/regions?level=village&parentCode=${wdStation.townCode}`)).json() as Json[])[0], '文登 village');
  A.village = String(wdVillage.code);
  const template = (await district.get('/api/clients/import/template')).rawPayload;
  A.importSheet = await fillWorkbook(template, { 服务对象: [['越权导入', idNumberBornOn('1952-02-02', 905), '', String(wdVillage.name), '', '留守老人', '', '', '', '', '']] });
  A.client = await idOf(
    wdWorker.post('/api/clients', {
      name: '文登对象', idNumber: idNumberBornOn('1945-04-04', 801), villageCode: A.village, targetGroups: ['left_behind_elderly'],
      consents: [{ kind: 'sensitive', givenBy: '文登对象', givenOn: today }],
    }),
    'wd client',
  );
  A.caseId = await idOf(wdWorker.post('/api/cases', { clientId: A.client, intakeNote: '文登个案' }), 'wd case');
  A.record = await idOf(
    wdWorker.post('/api/service-records', { date: today, durationMinutes: 40, method: 'case', itemCode: 'EL02', clientIds: [A.client], notes: '文登记录' }),
    'wd record',
  );
  A.recordFile = await upload(wdWorker, `/api/service-records/${A.record}/attachments`, 'wd attachment');
  A.group = await idOf(wdWorker.post('/api/groups', { kind: 'group', name: '文登小组' }), 'wd group');
  await ok(wdWorker.post(`/api/groups/${A.group}/sessions`, { date: today, topic: '文登活动', clientIds: [A.client] }), 'wd session');
  A.partner = await idOf(wd.post('/api/partners', { countyCode: '371003', kind: 'health', name: '文登区卫健局' }), 'wd partner');
  const referral = await ok(wdWorker.post('/api/referrals', { clientId: A.client, partnerId: A.partner, reason: '文登转介', referredOn: today }), 'wd referral');
  A.referral = String(referral.id);
  A.referralVersion = Number(referral.version);
  A.procurement = await idOf(
    wd.post('/api/procurements', { countyCode: '371003', year, title: '文登区采购项目', method: 'public_tender', stationIds: [wdStation.id] }),
    'wd procurement',
  );
  A.supervision = await idOf(wd.post('/api/supervisions', { stationId: wdStation.id, date: today, supervisor: '文登督导', topic: '文登督导主题' }), 'wd supervision');
  const wdContracts = (await wd.get('/api/contracts?pageSize=50')).json() as { items: Json[] };
  A.contract = String(must(wdContracts.items.find((x) => x.status === 'signed' || x.status === 'performing'), '文登 demo contract').id);
  A.contractFile = await upload(wd, `/api/contracts/${A.contract}/files`, 'wd contract file');
  A.orgFile = await upload(wdManager, `/api/organizations/${A.org}/files`, 'wd org file');
  // The demo's plan of 文登区 (the year the demo set chose).
  const [wdPlan] = await db.select({ id: annualPlans.id }).from(annualPlans).where(eq(annualPlans.countyCode, '371003'));
  A.plan = must(wdPlan, '文登 annual plan').id;
  const wdApplicant = await t.userWith('wd.dept', ['dept_applicant'], { kind: 'county', regionCode: '371003' });
  const wdApplication = await ok(wdApplicant.post('/api/applications', applicationBody(wdStation.id)), 'wd application');
  A.application = String(wdApplication.id);
  await ok(wdApplicant.post(`/api/applications/${A.application}/submit`, { version: wdApplication.version }), 'wd application submit');
  A.evaluation = await idOf(wd.post('/api/evaluations', { contractId: A.contract, year }), 'wd evaluation');
  A.evaluationFile = await upload(wd, `/api/evaluations/${A.evaluation}/files`, 'wd evaluation file');
  A.report = await idOf(wdManager.post('/api/reports', { kind: 'monthly', month: lastMonth, stationId: wdStation.id }), 'wd report');
  A.reportFile = await upload(wdManager, `/api/reports/${A.report}/files`, 'wd report file');
  const wdWorkerRow = await ok(
    wd.post('/api/social-workers', {
      name: '文登社工', idNumber: idNumberBornOn('1990-02-02', 803), education: 'bachelor', major: '社会工作', orgId: A.org,
      certificates: [{ level: 'assistant', number: 'WD-1', obtainedOn: '2019-06-01' }], trainings: [{ date: '2020-03-01', hours: 8 }],
    }),
    'wd social worker',
  );
  A.worker = String(wdWorkerRow.id);
  A.certificate = String(must((wdWorkerRow.certificates as Json[])[0], 'certificate').id);
  A.training = String(must((wdWorkerRow.trainings as Json[])[0], 'training').id);
  const posted = await ok(wd.post('/api/postings', { workerId: A.worker, stationId: wdStation.id, startDate: today, source: 'purchased' }), 'wd posting');
  A.posting = String(must((posted.postings as Json[])[0], 'posting').id);
  A.need = await idOf(wdWorker.post('/api/resource-needs', { source: 'client', clientId: A.client, domain: 'elderly', kind: 'goods', quantity: 5, title: '文登需求' }), 'wd need');
  A.offer = await idOf(wdWorker.post('/api/resource-offers', { stationId: wdStation.id, donorKind: 'enterprise', donorName: '文登企业', kind: 'goods', itemName: '大米', quantity: 5 }), 'wd offer');
  A.match = await idOf(wdWorker.post('/api/resource-matches', { needId: A.need, offerId: A.offer, quantity: 5 }), 'wd match');
  A.matchFile = await upload(wdWorker, `/api/resource-matches/${A.match}/proofs`, 'wd match proof');
  A.volunteerTeam = await idOf(wdWorker.post('/api/volunteer-teams', { kind: 'volunteer_team', name: '文登志愿服务队', incubatedOn: today }), 'wd team');
  A.volunteer = await idOf(
    wdWorker.post('/api/volunteers', { name: '文登志愿者', idNumber: idNumberBornOn('1994-04-04', 941), teamId: A.volunteerTeam, consentOn: today, consentScope: '登记和记录志愿服务' }),
    'wd volunteer',
  );
  await ok(wdWorker.post(`/api/volunteers/${A.volunteer}/records`, { date: today, startTime: '07:00', endTime: '08:00', minutes: 60, content: '文登志愿服务' }), 'wd volunteer record');
  A.post = await idOf(wdWorker.post('/api/publicity/posts', { kind: 'story', title: '文登故事', body: '文登社工站的一天' }), 'wd post');
  A.brand = await idOf(wdWorker.post('/api/publicity/brands', { name: '文登暖心驿站' }), 'wd brand');
  A.postFile = await upload(wdWorker, `/api/publicity/posts/${A.post}/photos`, 'wd post photo');
  await ok(wdWorker.post(`/api/publicity/posts/${A.post}/submit`, { version: 1 }), 'wd post submit');
  A.volunteerCertificate = await idOf(wdWorker.post(`/api/volunteers/${A.volunteer}/certificates`, { periodFrom: today, periodTo: today }), 'wd certificate');
  A.volunteerSession = String(must(((await ok(wdWorker.get(`/api/groups/${A.group}`), 'wd group')).sessions as Json[])[0], 'wd session').id);
  A.systemDoc = await idOf(wd.post('/api/institutional-systems', { kind: 'personnel', title: '文登区人员管理制度', version: 'v1', effectiveOn: today, approvedBy: '文登区民政局', approvedOn: today }), 'wd system');
  await upload(wd, `/api/institutional-systems/${A.systemDoc}/file`, 'wd system text');
  A.room = await idOf(wdWorker.post('/api/venues/rooms', { name: '文登活动室', opensAt: '08:00', closesAt: '18:00', openDays: [1, 2, 3, 4, 5, 6, 7] }), 'wd room');
  A.booking = await idOf(wdWorker.post('/api/venues/bookings', { roomId: A.room, bookerKind: 'station', bookerName: '文登社工站', purpose: '小组活动', startsAt: `${today}T09:00:00+08:00`, endsAt: `${today}T10:00:00+08:00` }), 'wd booking');
  A.archive = await archiveOf(wd, wdStation.id);
  A.stationPlan = await idOf(wdManager.post('/api/station-plans', { stationId: wdStation.id, year, ...stationPlanContent, duties: '文登职责' }), 'wd station plan');
  A.stationPlanFile = await upload(wdManager, `/api/station-plans/${A.stationPlan}/files?kind=needs_survey`, 'wd station plan file');
  await readDetails(A);

  // ---- Set B: 竹岛街道 (环翠区), for the 鲸园 town officer and station worker ----
  const [zd] = await db.select({ id: stations.id }).from(stations).where(eq(stations.townCode, '371002003'));
  B = { name: '竹岛街道', owner: district, station: must(zd, '竹岛 station').id, region: '371002003', details: {} };
  const zdVillage = must(((await district.get('/api/regions?level=village&parentCode=371002003')).json() as Json[])[0], '竹岛 village');
  B.village = String(zdVillage.code);
  B.importSheet = await fillWorkbook(template, { 服务对象: [['越权导入', idNumberBornOn('1952-03-03', 906), '', String(zdVillage.name), '', '留守老人', '', '', '', '', '']] });
  B.client = await idOf(
    district.post('/api/clients', { name: '竹岛对象', idNumber: idNumberBornOn('1947-07-07', 811), villageCode: B.village, targetGroups: ['left_behind_elderly'], stationId: B.station }),
    'zd client',
  );
  B.caseId = await idOf(district.post('/api/cases', { clientId: B.client, intakeNote: '竹岛个案' }), 'zd case');
  B.record = await idOf(
    district.post('/api/service-records', { stationId: B.station, date: today, durationMinutes: 40, method: 'case', itemCode: 'EL02', clientIds: [B.client] }),
    'zd record',
  );
  B.recordFile = await upload(district, `/api/service-records/${B.record}/attachments`, 'zd attachment');
  B.group = await idOf(district.post('/api/groups', { stationId: B.station, kind: 'group', name: '竹岛小组' }), 'zd group');
  await ok(district.post(`/api/groups/${B.group}/sessions`, { date: today, topic: '竹岛活动', clientIds: [B.client] }), 'zd session');
  const hcPartner = await idOf(district.post('/api/partners', { countyCode: '371002', kind: 'health', name: '环翠区卫健局' }), 'hc partner');
  const zdReferral = await ok(district.post('/api/referrals', { clientId: B.client, partnerId: hcPartner, reason: '竹岛转介', referredOn: today }), 'zd referral');
  B.referral = String(zdReferral.id);
  B.referralVersion = Number(zdReferral.version);
  B.need = await idOf(district.post('/api/resource-needs', { source: 'client', clientId: B.client, domain: 'elderly', kind: 'goods', quantity: 5, title: '竹岛需求' }), 'zd need');
  B.offer = await idOf(district.post('/api/resource-offers', { stationId: B.station, donorKind: 'enterprise', donorName: '竹岛企业', kind: 'goods', itemName: '大米', quantity: 5 }), 'zd offer');
  B.match = await idOf(district.post('/api/resource-matches', { needId: B.need, offerId: B.offer, quantity: 5 }), 'zd match');
  B.matchFile = await upload(district, `/api/resource-matches/${B.match}/proofs`, 'zd match proof');
  B.systemDoc = await idOf(district.post('/api/institutional-systems', { kind: 'personnel', title: '环翠区人员管理制度', version: 'v1', effectiveOn: today, approvedBy: '环翠区民政局', approvedOn: today }), 'hc system');
  await upload(district, `/api/institutional-systems/${B.systemDoc}/file`, 'hc system text');
  B.room = await idOf(district.post('/api/venues/rooms', { stationId: B.station, name: '竹岛活动室', opensAt: '08:00', closesAt: '18:00', openDays: [1, 2, 3, 4, 5, 6, 7] }), 'zd room');
  B.booking = await idOf(district.post('/api/venues/bookings', { roomId: B.room, bookerKind: 'station', bookerName: '竹岛社工站', purpose: '小组活动', startsAt: `${today}T09:00:00+08:00`, endsAt: `${today}T10:00:00+08:00` }), 'zd booking');
  B.volunteerTeam = await idOf(district.post('/api/volunteer-teams', { stationId: B.station, kind: 'volunteer_team', name: '竹岛志愿服务队', incubatedOn: today }), 'zd team');
  B.volunteer = await idOf(
    district.post('/api/volunteers', { stationId: B.station, name: '竹岛志愿者', idNumber: idNumberBornOn('1994-04-04', 943), teamId: B.volunteerTeam, consentOn: today, consentScope: '登记和记录志愿服务' }),
    'zd volunteer',
  );
  await ok(district.post(`/api/volunteers/${B.volunteer}/records`, { date: today, startTime: '07:00', endTime: '08:00', minutes: 60, content: '竹岛志愿服务' }), 'zd volunteer record');
  B.post = await idOf(district.post('/api/publicity/posts', { kind: 'news', stationId: B.station, title: '竹岛动态', body: '竹岛社工站的一天' }), 'zd post');
  B.brand = await idOf(district.post('/api/publicity/brands', { stationId: B.station, name: '竹岛邻里汇' }), 'zd brand');
  B.postFile = await upload(district, `/api/publicity/posts/${B.post}/photos`, 'zd post photo');
  await ok(district.post(`/api/publicity/posts/${B.post}/submit`, { version: 1 }), 'zd post submit');
  B.volunteerCertificate = await idOf(district.post(`/api/volunteers/${B.volunteer}/certificates`, { periodFrom: today, periodTo: today }), 'zd certificate');
  B.volunteerSession = String(must(((await ok(district.get(`/api/groups/${B.group}`), 'zd group')).sessions as Json[])[0], 'zd session').id);
  B.supervision = await idOf(district.post('/api/supervisions', { stationId: B.station, date: today, supervisor: '竹岛督导', topic: '竹岛督导主题' }), 'zd supervision');
  B.report = await idOf(demoOrg.post('/api/reports', { kind: 'monthly', month: lastMonth, stationId: B.station }), 'zd report');
  B.reportFile = await upload(demoOrg, `/api/reports/${B.report}/files`, 'zd report file');
  const zdWorker = await ok(
    district.post('/api/social-workers', {
      name: '竹岛社工', idNumber: idNumberBornOn('1991-03-03', 813), education: 'bachelor', major: '社会工作',
      certificates: [{ level: 'assistant', number: 'ZD-1', obtainedOn: '2019-06-01' }], trainings: [{ date: '2020-03-01', hours: 8 }],
    }),
    'zd social worker',
  );
  B.worker = String(zdWorker.id);
  B.certificate = String(must((zdWorker.certificates as Json[])[0], 'certificate').id);
  B.training = String(must((zdWorker.trainings as Json[])[0], 'training').id);
  const zdPosted = await ok(district.post('/api/postings', { workerId: B.worker, stationId: B.station, startDate: today, source: 'dedicated_post' }), 'zd posting');
  B.posting = String(must((zdPosted.postings as Json[])[0], 'posting').id);
  B.archive = await archiveOf(district, must(B.station, '竹岛 station'));
  B.stationPlan = await idOf(demoOrg.post('/api/station-plans', { stationId: B.station, year, ...stationPlanContent, duties: '竹岛职责' }), 'zd station plan');
  B.stationPlanFile = await upload(demoOrg, `/api/station-plans/${B.stationPlan}/files?kind=needs_survey`, 'zd station plan file');
  await readDetails(B);

  const [sunshine] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
  ownWorker = await idOf(
    district.post('/api/social-workers', { name: '待上岗社工', idNumber: idNumberBornOn('1992-05-05', 815), education: 'bachelor', major: '社会工作', orgId: must(sunshine, 'demo org').id }),
    'own unposted worker',
  );
}, 120_000);
afterAll(() => t.close());

describe('the matrix covers every route', () => {
  it('classifies every write route: in the matrix or not addressing a scoped row', () => {
    const unclassified = all.filter((c) => isWrite(c) && !NOT_SCOPED[key(c)] && !hasParams(c) && !BODY_NAMED[key(c)]);
    expect(unclassified.map(key)).toEqual([]);
    expect(getRoutes.length).toBeGreaterThan(20);
    expect(writeRoutes.length).toBeGreaterThan(60);
    // Set A has a row of every kind: no route is skipped for want of one.
    const skipped = [...getRoutes, ...writeRoutes].filter((c) => (hasParams(c) ? urlFor(c, A) === null : callFor(c, A, 'demo-district') === null));
    expect(skipped.map(key)).toEqual([]);
  });

  it('sends a body each route accepts, so the request reaches the scope check', () => {
    const invalid: string[] = [];
    for (const f of [A, B])
      for (const c of writeRoutes) {
        const url = urlFor(c, f);
        if (!url && hasParams(c)) continue;
        const call = callFor(c, f, 'demo-district');
        if (!call || call.multipart || !c.body) continue;
        for (const body of [call.body, ...(call.also ?? [])]) {
          const parsed = (c.body as ZodType).safeParse(body);
          if (!parsed.success) invalid.push(`${f.name} ${key(c)}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
        }
      }
    expect(invalid).toEqual([]);
  });
});

describe.each(ROLES)('%s against rows outside its scope', (role) => {
  let before: Record<string, string>;
  const sets = () => (SECOND_SET_ROLES.has(role) ? [A, B] : [A]);
  const session = () => must(sessions.get(role), role);

  beforeAll(async () => {
    before = await fingerprint();
  });

  it.each(getRoutes.map((c) => [key(c), c] as const))('GET %s leaks nothing', async (_k, c) => {
    const design = READABLE_BY_DESIGN[key(c)];
    if (design?.roles.includes(role) || READS_CITY_WIDE.has(role)) return;
    const leaks: string[] = [];
    for (const f of sets()) {
      const url = urlFor(c, f);
      if (!url) continue;
      const res = await session().get(url);
      if (is2xx(res)) leaks.push(`${f.name}: ${url} → ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
    expect(leaks).toEqual([]);
  });

  it.each(writeRoutes.map((c) => [key(c), c] as const))('%s lands nothing', async (_k, c) => {
    const landed: string[] = [];
    const invalid: string[] = [];
    for (const f of sets()) {
      const url = hasParams(c) ? urlFor(c, f) : c.path;
      if (!url) continue;
      const call = callFor(c, f, role);
      if (!call || OWN_UNIT_BY_DESIGN[key(c)]?.roles.includes(role)) continue;
      for (const one of [call, ...(call.also ?? []).map((body) => ({ body }))]) {
        const res = await send(session(), c, url, one);
        if (is2xx(res)) landed.push(`${f.name}: ${url} → ${res.statusCode} ${res.body.slice(0, 160)}`);
        // A role holding the permission must be stopped by the scope check itself (404/403, or a
        // field error on the row its body names), not by a bad body or a later business rule.
        const scoped = res.statusCode === 404 || res.statusCode === 403 || (res.statusCode === 400 && refusedOnNamingField(c, res));
        if (!is2xx(res) && !scoped && holds(role, c) && !KNOWN_GAPS[key(c)])
          invalid.push(`${f.name}: ${url} → ${res.statusCode} ${res.body.slice(0, 240)}`);
      }
    }
    expect(landed).toEqual([]);
    expect(invalid).toEqual([]);
  });

  it('changes no business table', async () => {
    const after = await fingerprint();
    const changed = Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
    expect(changed).toEqual([]);
  });
});
