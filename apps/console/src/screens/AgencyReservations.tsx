import { Badge, Button, Card, Group, List, SimpleGrid, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { AgencyReservationsDocument, type AgencyReservationsQuery } from '../generated/graphql';
import { addDays, calendarDate, calendarDay, instantFromKstInput, kstTime, seoulDate, won } from '../format';
import { useApiAllPages } from '../hooks';
import { RESERVATION_STATUS, RESERVATION_STATUS_COLOR } from '../labels';
import { ErrorMessage, Loading, Page } from '../Page';

type Reservation = AgencyReservationsQuery['partnerAgencyReservations']['nodes'][number];

/** The instant a Seoul calendar date (YYYY-MM-DD) begins. */
const seoulMidnight = (date: string): string => instantFromKstInput(`${date}T00:00`)!;

const WEEK = 7;

/**
 * 예약: the agency's reservations over seven days in Seoul from today, a column a day, each with its time and
 * status; earlier and later weeks a button away. It asks for exactly the reservations starting in those seven
 * Seoul days, in start order, page after page (docs/RULES.md §8, "Reservation lists").
 */
export function AgencyReservations({ partnerAgencyId }: { partnerAgencyId: string }) {
  const today = seoulDate(new Date());
  const [firstDay, setFirstDay] = useState(today);
  const days = Array.from({ length: WEEK }, (_, index) => addDays(firstDay, index));
  const reservations = useApiAllPages(
    AgencyReservationsDocument,
    { partnerAgencyId, startsFrom: seoulMidnight(firstDay), startsBefore: seoulMidnight(addDays(firstDay, WEEK)) },
    (result) => result.partnerAgencyReservations,
  );
  const byDay = new Map<string, Reservation[]>();
  for (const reservation of reservations.data ?? []) {
    const day = seoulDate(reservation.startsAt);
    byDay.set(day, [...(byDay.get(day) ?? []), reservation]);
  }
  return (
    <Page title="예약">
      <ErrorMessage error={reservations.error} />
      <Group justify="space-between">
        <Text aria-live="polite" fw={700}>
          {calendarDate(days[0])} ~ {calendarDate(days[WEEK - 1])}
        </Text>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => setFirstDay(addDays(firstDay, -WEEK))}>
            이전 주
          </Button>
          <Button variant="default" size="xs" onClick={() => setFirstDay(today)} disabled={firstDay === today}>
            오늘부터
          </Button>
          <Button variant="default" size="xs" onClick={() => setFirstDay(addDays(firstDay, WEEK))}>
            다음 주
          </Button>
        </Group>
      </Group>
      {reservations.isPending && <Loading />}
      {reservations.data && (
        <SimpleGrid cols={{ base: 1, sm: 4, lg: WEEK }} spacing="xs">
          {days.map((day) => (
            <DayColumn key={day} day={day} today={day === today} reservations={byDay.get(day) ?? []} />
          ))}
        </SimpleGrid>
      )}
    </Page>
  );
}

/** One day: its heading, then its reservations by start time. */
function DayColumn({ day, today, reservations }: { day: string; today: boolean; reservations: Reservation[] }) {
  const heading = `${calendarDay(day)}${today ? ' 오늘' : ''}`;
  return (
    <Card withBorder padding="xs" component="section" aria-label={heading}>
      <Title order={2} size="h5">
        {heading}
      </Title>
      {reservations.length === 0 ? (
        <Text size="sm">예약 없음</Text>
      ) : (
        <List listStyleType="none" spacing="xs">
          {reservations.map((reservation) => (
            <List.Item key={reservation.id}>
              <Text size="sm" fw={700}>
                {kstTime(reservation.startsAt)}–{kstTime(reservation.endsAt)}
              </Text>
              <Text size="sm">{reservation.listing.title}</Text>
              <Text size="sm">
                {reservation.buyer.name} · {won(reservation.amount)}
              </Text>
              <Text size="xs">{reservation.number}</Text>
              <Badge size="sm" color={RESERVATION_STATUS_COLOR[reservation.status]}>
                {RESERVATION_STATUS[reservation.status]}
              </Badge>
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
