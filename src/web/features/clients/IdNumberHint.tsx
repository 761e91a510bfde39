import { m } from '../../i18n';
import { Typography } from 'antd';
import { chinaToday } from '../../../shared/rules/china-date';
import { isMinor, needsGuardianConsent } from '../../../shared/rules/clients';
import {
  ID_NUMBER_MESSAGES,
  birthDateOf,
  fullYearsOn,
  idNumberProblem,
  normaliseIdNumber,
  sexOf,
} from '../../../shared/rules/id-number';

const t = m.daily.clients;

export interface IdFacts {
  birthDate: string;
  sex: 'male' | 'female';
  age: number;
  minor: boolean;
  child: boolean;
}

/** What a valid number says about its holder; null while the number is incomplete or wrong. */
export function idFacts(raw: string | undefined): IdFacts | null {
  const today = chinaToday();
  if (!raw || idNumberProblem(raw, today)) return null;
  const id = normaliseIdNumber(raw);
  const birthDate = birthDateOf(id);
  return {
    birthDate,
    sex: sexOf(id),
    age: fullYearsOn(birthDate, today),
    minor: isMinor(birthDate, today),
    child: needsGuardianConsent(birthDate, today),
  };
}

/**
 * The live GB 11643 hint under the ID field: how many characters so far, what is wrong, or,
 * once valid, the birth date, sex and age the number carries (shown, never typed).
 */
export function IdNumberHint({ value, checkedBirthDate }: { value: string | undefined; checkedBirthDate?: string }) {
  const raw = (value ?? '').trim();
  if (!raw) return null;
  const problem = idNumberProblem(raw, chinaToday());
  let text: string;
  let type: 'secondary' | 'danger' | 'success' | 'warning' = 'secondary';
  const facts = idFacts(raw);
  if (facts) {
    text = t.idDerived(facts.birthDate, t.sex[facts.sex], facts.age);
    type = 'success';
  } else if (problem === 'format' && raw.length < 18 && /^\d*$/.test(raw)) {
    text = t.idTyping(raw.length);
  } else {
    text = ID_NUMBER_MESSAGES[problem ?? 'format'];
    type = 'danger';
  }
  return (
    <div data-testid="id-number-hint" aria-live="polite">
      <Typography.Text type={type}>{text}</Typography.Text>
      {facts && checkedBirthDate && checkedBirthDate !== facts.birthDate ? (
        <div>
          <Typography.Text type="warning">{t.idBirthMismatch(checkedBirthDate)}</Typography.Text>
        </div>
      ) : null}
      {facts?.child ? (
        <div>
          <Typography.Text type="warning">{t.idChild}</Typography.Text>
        </div>
      ) : facts?.minor ? (
        <div>
          <Typography.Text type="warning">{t.idMinor}</Typography.Text>
        </div>
      ) : null}
    </div>
  );
}
