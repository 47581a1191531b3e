import { instantFromKstInput } from './format';

/** A from–until pair as typed (datetime-local, Seoul clock): both given, the end after the start. */
export function windowProblems(typed: { startsAt: string; endsAt: string }) {
  const startsAt = instantFromKstInput(typed.startsAt);
  const endsAt = instantFromKstInput(typed.endsAt);
  const problems: { startsAt?: string; endsAt?: string } = {};
  if (!startsAt) problems.startsAt = '시작 일시를 입력해 주세요.';
  if (!endsAt) problems.endsAt = '종료 일시를 입력해 주세요.';
  else if (startsAt && endsAt <= startsAt) problems.endsAt = '종료 일시는 시작 일시보다 뒤여야 합니다.';
  return { problems, startsAt, endsAt };
}
