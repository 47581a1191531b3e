import { Button, Group, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useFieldProblems } from './field-problems';
import { seoulDateTimeInput, typedInstant } from './format';
import { SaveExhibitionDocument, type ExhibitionSummaryFragment } from './generated/graphql';
import { useApiMutation } from './hooks';
import { ErrorMessage } from './Page';
import { windowProblems } from './time-window';

const SLUG = /^[a-z0-9-]{3,60}$/;
const MAX_TITLE = 200;
const FIELDS = ['title', 'slug', 'startsAt', 'endsAt'] as const;
type Field = (typeof FIELDS)[number];
type Problems = Partial<Record<Field, string>>;

interface Values {
  title: string;
  slug: string;
  summary: string;
  description: string;
  startsAt: string;
  endsAt: string;
}

function valuesOf(exhibition: ExhibitionSummaryFragment | undefined): Values {
  const now = Date.now();
  return {
    title: exhibition?.title ?? '',
    slug: exhibition?.slug ?? '',
    summary: exhibition?.summary ?? '',
    description: exhibition?.description ?? '',
    startsAt: seoulDateTimeInput(exhibition?.startsAt ?? new Date(now).toISOString()),
    endsAt: seoulDateTimeInput(exhibition?.endsAt ?? new Date(now + 14 * 86_400_000).toISOString()),
  };
}

/** The server's checks (docs/RULES.md §19, libs/commerce/src/exhibition.service.ts) in Korean. */
function problemsOf(values: Values): Problems {
  const problems: Problems = {};
  const title = values.title.trim();
  if (!title || title.length > MAX_TITLE) problems.title = `제목은 1~${MAX_TITLE}자로 입력해 주세요.`;
  if (!SLUG.test(values.slug.trim())) problems.slug = '주소 이름은 영문 소문자, 숫자, -로 3~60자입니다.';
  return { ...problems, ...windowProblems(values).problems };
}

/** An exhibition's page: new (DRAFT) or changed; a taken slug is the server's CONFLICT, shown above the button. */
export function ExhibitionForm({ exhibition, onSaved }: { exhibition?: ExhibitionSummaryFragment; onSaved: (saved: ExhibitionSummaryFragment) => void }) {
  const save = useApiMutation(SaveExhibitionDocument);
  const [values, setValues] = useState<Values>(() => valuesOf(exhibition));
  const { problems, show, showRefusal, idOf } = useFieldProblems(FIELDS);
  const set = (key: keyof Values, value: string) => setValues((current) => ({ ...current, [key]: value }));
  const fieldProps = (field: Field) => ({
    id: idOf(field),
    error: problems[field],
    value: values[field],
    onChange: (event: { currentTarget: { value: string } }) => set(field, event.currentTarget.value),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(values);
    show(found);
    if (Object.keys(found).length) return;
    save.mutate(
      {
        input: {
          id: exhibition?.id,
          title: values.title.trim(),
          slug: values.slug.trim(),
          summary: values.summary.trim() || null,
          description: values.description.trim() || null,
          startsAt: typedInstant(values.startsAt, exhibition?.startsAt)!,
          endsAt: typedInstant(values.endsAt, exhibition?.endsAt)!,
        },
      },
      {
        onSuccess: (result) => onSaved(result.saveExhibition),
        onError: showRefusal,
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput {...fieldProps('title')} label="제목" required />
          <TextInput {...fieldProps('slug')} label="주소 이름" description="영문 소문자, 숫자, -로 3~60자 (예: chuseok-2026)" required autoComplete="off" />
        </SimpleGrid>
        <TextInput label="한 줄 소개" value={values.summary} onChange={(e) => set('summary', e.currentTarget.value)} />
        <Textarea label="본문" autosize minRows={2} value={values.description} onChange={(e) => set('description', e.currentTarget.value)} />
        <SimpleGrid cols={2}>
          <TextInput {...fieldProps('startsAt')} label="시작 일시" description="한국 시간" type="datetime-local" required />
          <TextInput {...fieldProps('endsAt')} label="종료 일시" description="한국 시간, 이 시각에 끝납니다" type="datetime-local" required />
        </SimpleGrid>
        <ErrorMessage error={save.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {exhibition ? '기획전 저장' : '기획전 만들기'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
