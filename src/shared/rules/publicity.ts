import type { RuleRef } from '../errors';
import { personalDataIn } from './personal-data';

// 宣传引导 (五（五）): 生动讲述社工故事 — stories and news reach the public only through the
// district's review, and never identify a client without their consent.

export const PUBLICITY_RULES = {
  'R-PUBLICITY-PRIVACY': {
    id: 'R-PUBLICITY-PRIVACY',
    clause: '五（五）；个人信息保护法第二十五条',
    title: '公开发布的社工故事和动态不含服务对象姓名、身份证号、电话；可辨认面部的照片须有服务对象的同意在案',
  },
  'R-PUBLICITY-REVIEW': {
    id: 'R-PUBLICITY-REVIEW',
    clause: '五（五）',
    title: '社工故事和工作动态经社工站所在区市民政部门审核后发布',
  },
} as const satisfies Record<string, RuleRef>;

export const POST_KINDS = ['story', 'news'] as const;
export type PostKind = (typeof POST_KINDS)[number];
export const POST_KIND_LABELS: Record<PostKind, string> = { story: '社工故事', news: '工作动态' };

export const POST_STATUSES = ['draft', 'submitted', 'published', 'returned'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];
export const POST_STATUS_LABELS: Record<PostStatus, string> = { draft: '草稿', submitted: '待审核', published: '已发布', returned: '已退回' };

export interface PostPhoto {
  fileId: string;
  caption: string;
  /** Shows a face someone could recognise. */
  showsFaces: boolean;
  /** The client whose consent to share (a recorded 'sharing' consent) covers the photo. */
  consentClientId: string | null;
}

export interface PrivacyFacts {
  /** Names of the station's clients found in the text (the database searched them). */
  namesFound: readonly string[];
  /** The linked clients: name and address, and whether a sharing consent is on file. */
  linked: readonly { id: string; name: string; address: string; sharingConsent: boolean }[];
}

/**
 * Why a story may not go public (R-PUBLICITY-PRIVACY), as plain sentences; empty when it may.
 * Names are never repeated back in full: the sentence says what kind of data was found.
 */
export function privacyProblems(text: string, photos: readonly PostPhoto[], facts: PrivacyFacts): string[] {
  const kinds = new Set<string>();
  if (facts.namesFound.length > 0) kinds.add('服务对象姓名');
  for (const p of facts.linked) for (const k of personalDataIn(text, { name: p.name, address: p.address })) kinds.add(k);
  if (facts.linked.length === 0) for (const k of personalDataIn(text, { name: null, address: null })) kinds.add(k);
  const problems = kinds.size > 0 ? [`正文或标题含有${[...kinds].join('、')}，公开发布前请删去`] : [];
  const consented = new Set(facts.linked.filter((l) => l.sharingConsent).map((l) => l.id));
  const faces = photos.filter((p) => p.showsFaces && !(p.consentClientId && consented.has(p.consentClientId)));
  if (faces.length > 0) problems.push(`${faces.length}张照片可辨认面部，但没有关联服务对象的共享同意在案；请取得同意或换用不露脸的照片`);
  return problems;
}
