import { Button, Group, NumberInput, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { NonBusinessDaysDocument, SetNonBusinessDaysDocument, type NonBusinessDayInput } from '../generated/graphql';
import { calendarDate, seoulYear } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';

/** A year's non-business days besides weekends and public holidays (docs/RULES.md §9): edited here, saved as a whole. */
export function NonBusinessDays() {
  const [year, setYear] = useState(seoulYear());
  const saved = useApiQuery(NonBusinessDaysDocument, { year });
  // Here rather than in the editor, which starts afresh from the list saved: its answer stays on screen.
  const save = useSaveDays();
  return (
    <Page title="휴무일">
      <Text>주말과 공휴일 외에 두레가 쉬는 날입니다. 저장한 뒤 계산되는 발송·처리 기한부터 반영됩니다.</Text>
      <NumberInput label="연도" value={year} min={2000} max={2100} onChange={(value) => typeof value === 'number' && setYear(value)} w={140} />
      <ErrorMessage error={saved.error} />
      {saved.isPending && <Loading />}
      {saved.data && <YearEditor key={`${year}:${saved.dataUpdatedAt}`} year={year} saved={saved.data.nonBusinessDays} save={save} />}
    </Page>
  );
}

const useSaveDays = () => useApiMutation(SetNonBusinessDaysDocument);

/** The year's list as saved, edited locally until saved as a whole (a fresh copy whenever the saved list changes). */
function YearEditor({ year, saved, save }: { year: number; saved: NonBusinessDayInput[]; save: ReturnType<typeof useSaveDays> }) {
  const [days, setDays] = useState(() => saved.map(({ date, name }) => ({ date, name })));
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const add = () => {
    if (!date || !name.trim()) return;
    setDays([...days.filter((day) => day.date !== date), { date, name: name.trim() }].sort((a, b) => a.date.localeCompare(b.date)));
    setDate('');
    setName('');
  };
  return (
    <>
      <Table>
        <Table.Caption>
          {year}년 휴무일 {days.length}일
        </Table.Caption>
        <ColumnHeads names={['날짜', '이름', '삭제']} />
        <Table.Tbody>
          {days.map((day) => (
            <Table.Tr key={day.date}>
              <Table.Td>{calendarDate(day.date)}</Table.Td>
              <Table.Td>{day.name}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={`${calendarDate(day.date)} ${day.name} 삭제`}
                  onClick={() => setDays(days.filter((d) => d.date !== day.date))}
                >
                  삭제
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <Group align="end">
          <TextInput
            label="날짜"
            type="date"
            required
            value={date}
            min={`${year}-01-01`}
            max={`${year}-12-31`}
            onChange={(e) => setDate(e.currentTarget.value)}
          />
          <TextInput label="이름" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Button type="submit" variant="light">
            목록에 추가
          </Button>
        </Group>
      </form>
      <ErrorMessage error={save.error} />
      <Group>
        <Button loading={save.isPending} onClick={() => save.mutate({ year, days })}>
          {year}년 휴무일 저장
        </Button>
        {save.isSuccess && (
          <Text role="status" c="dure.9">
            저장했습니다.
          </Text>
        )}
      </Group>
    </>
  );
}
