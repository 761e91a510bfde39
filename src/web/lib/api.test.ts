import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { uploadStationPlanFile } from '../../shared/contracts/station-plans';
import { m } from '../i18n';
import { ApiError, onCsrfRefresh, setCsrfToken, upload } from './api';

// upload(): every page's file upload goes through it, so it must carry the session's CSRF token,
// send the file as multipart, answer with the contract's JSON and refuse as api() does.

const ID = '00000000-0000-4000-8000-000000000001';
const meta = { id: 'f1', name: '需求调研报告.pdf', mime: 'application/pdf', size: 9, createdAt: '2026-01-01T00:00:00Z' };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const pdf = () => new File(['%PDF-1.4\n'], '需求调研报告.pdf', { type: 'application/pdf' });

let calls: { url: string; init: RequestInit }[];
function answer(...responses: (Response | Error)[]) {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next || next instanceof Error) throw next ?? new Error('no more answers');
    return next;
  });
}

beforeEach(() => {
  calls = [];
  setCsrfToken('token-1');
  onCsrfRefresh(async () => 'token-2');
});
afterEach(() => vi.unstubAllGlobals());

describe('upload()', () => {
  it('posts the file as multipart to the contract path with the CSRF token and answers with the JSON', async () => {
    answer(json(200, meta));
    const got = await upload(uploadStationPlanFile, { params: { id: ID }, query: { kind: 'needs_survey' } }, pdf());
    expect(got).toEqual(meta);
    expect(calls).toHaveLength(1);
    const [{ url, init }] = calls as [{ url: string; init: RequestInit }];
    expect(url).toBe(`/api/station-plans/${ID}/files?kind=needs_survey`);
    expect(init.method).toBe('POST');
    const headers = init.headers as Record<string, string>;
    expect(headers['X-CSRF-Token']).toBe('token-1');
    // The browser sets multipart's Content-Type with its boundary; a JSON one would break the upload.
    expect(headers['Content-Type']).toBeUndefined();
    const form = init.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    const file = form.get('file') as File;
    expect(file.name).toBe('需求调研报告.pdf');
    expect(await file.text()).toBe('%PDF-1.4\n');
    expect([...form.keys()]).toEqual(['file']);
  });

  it('turns a refusal into ApiError with the server code, Chinese message and rule', async () => {
    const rule = { id: 'R-START-WORK', clause: '四（四）', title: '需求调研' };
    answer(json(422, { error: { code: 'RULE_VIOLATION', message: '文件内容不是 PDF', details: { rule } } }));
    const e = await upload(uploadStationPlanFile, { params: { id: ID }, query: { kind: 'service_plan' } }, pdf()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 422, code: 'RULE_VIOLATION', message: '文件内容不是 PDF' });
    expect((e as ApiError).rule).toEqual(rule);
  });

  it('renews a stale CSRF token once and sends the same file again', async () => {
    answer(json(403, { error: { code: 'CSRF_FAILED', message: '请刷新页面' } }), json(200, meta));
    const got = await upload(uploadStationPlanFile, { params: { id: ID }, query: { kind: 'needs_survey' } }, pdf());
    expect(got).toEqual(meta);
    expect(calls.map((c) => (c.init.headers as Record<string, string>)['X-CSRF-Token'])).toEqual(['token-1', 'token-2']);
    expect(((calls[1]?.init.body as FormData).get('file') as File).name).toBe('需求调研报告.pdf');
  });

  it("says the upload failed, with the status, when a proxy answers with its own page (not the server's JSON)", async () => {
    answer(new Response('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    await expect(upload(uploadStationPlanFile, { params: { id: ID }, query: { kind: 'needs_survey' } }, pdf())).rejects.toMatchObject({
      status: 502,
      code: 'INTERNAL',
      message: '上传失败（502）',
    });
  });

  it('says the server cannot be reached when the request fails', async () => {
    answer(new TypeError('Failed to fetch'));
    await expect(upload(uploadStationPlanFile, { params: { id: ID }, query: { kind: 'needs_survey' } }, pdf())).rejects.toMatchObject({
      code: 'NETWORK',
      message: m.app.offline,
    });
  });
});
