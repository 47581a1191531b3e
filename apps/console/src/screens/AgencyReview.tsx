import { Badge, Group, Text } from '@mantine/core';
import { ReviewPartnerAgencyDocument, PartnerAgenciesDocument, type AgencySummaryFragment } from '../generated/graphql';
import { kstDateTime, won } from '../format';
import { useApiQuery } from '../hooks';
import { ORGANIZATION_KIND, SERVICE_CATEGORY } from '../labels';
import { Page } from '../Page';
import { QueueState, ReviewCard } from '../ReviewCard';

/** The operator's queue of partner-agency applications waiting for a decision (docs/RULES.md §3). */
export function AgencyReview() {
  const pending = useApiQuery(PartnerAgenciesDocument, { status: 'PENDING_REVIEW' });
  return (
    <Page title="입점 심사">
      <QueueState
        isPending={pending.isPending}
        error={pending.error}
        empty={pending.data?.partnerAgencies.nodes.length === 0}
        emptyText="심사를 기다리는 신청이 없습니다."
      />
      {pending.data?.partnerAgencies.nodes.map((agency) => (
        <Application key={agency.id} agency={agency} />
      ))}
    </Page>
  );
}

function Application({ agency }: { agency: AgencySummaryFragment }) {
  return (
    <ReviewCard
      id={agency.id}
      title={agency.organization.name}
      submitted={kstDateTime(agency.appliedAt)}
      document={ReviewPartnerAgencyDocument}
      decisions={['APPROVE', 'REQUEST_CHANGES', 'REJECT']}
    >
      <Text size="sm">
        {ORGANIZATION_KIND[agency.organization.kind]} · 사업자등록번호 {agency.organization.businessRegistrationNumber} · 대표{' '}
        {agency.organization.representativeName}
      </Text>
      <Text size="sm">
        신청 등급 {agency.tier.name} (회비 {won(agency.tier.duesAmount)})
      </Text>
      <Group gap="xs">
        {agency.serviceCategories.map((category) => (
          <Badge key={category} variant="light" color="dark">
            {SERVICE_CATEGORY[category]}
          </Badge>
        ))}
      </Group>
      <Text>{agency.introduction}</Text>
    </ReviewCard>
  );
}
