import { Text } from '@mantine/core';
import { PendingMarketCreatorsDocument, ReviewMarketCreatorDocument } from '../generated/graphql';
import { kstDateTime } from '../format';
import { useApiQuery } from '../hooks';
import { MARKET_CREATOR_KIND } from '../labels';
import { Page } from '../Page';
import { QueueState, ReviewCard } from '../ReviewCard';

/**
 * Market-creator applications waiting for the operator (docs/RULES.md §10): CELEBRITY, CORPORATE and
 * PUBLIC_INTEREST ones (INDIVIDUAL ones are ACTIVE at once). The server takes APPROVE or REJECT with a note,
 * not REQUEST_CHANGES: a rejected applicant applies again.
 */
export function CreatorReview() {
  const pending = useApiQuery(PendingMarketCreatorsDocument, {});
  return (
    <Page title="마켓 크리에이터 심사">
      <QueueState
        isPending={pending.isPending}
        error={pending.error}
        empty={pending.data?.pendingMarketCreators.length === 0}
        emptyText="심사를 기다리는 마켓 크리에이터가 없습니다."
      />
      {pending.data?.pendingMarketCreators.map((creator) => (
        <ReviewCard
          key={creator.id}
          id={creator.id}
          title={creator.displayName}
          submitted={kstDateTime(creator.createdAt)}
          document={ReviewMarketCreatorDocument}
          decisions={['APPROVE', 'REJECT']}
        >
          <Text size="sm">
            {MARKET_CREATOR_KIND[creator.kind]} · 주소 이름 {creator.handle} · 신청자 {creator.user.name} ({creator.user.email})
          </Text>
          {creator.organization && (
            <Text size="sm">
              소속 {creator.organization.name} · 사업자등록번호 {creator.organization.businessRegistrationNumber}
            </Text>
          )}
          {creator.bio && <Text>{creator.bio}</Text>}
        </ReviewCard>
      ))}
    </Page>
  );
}
