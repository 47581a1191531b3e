import { Badge, Button, Group, NativeSelect, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { CatalogListingsDocument, TakeDownListingDocument, type CatalogListingsQuery, type ListingKind, type ListingStatus } from '../generated/graphql';
import { kstDateTime, won } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { LISTING_KIND, LISTING_STATUS, LISTING_STATUS_COLOR, optionsOf } from '../labels';
import { ColumnHeads, Confirmation, ErrorMessage, Loading, Page, RowActionDialog, TextForm, useRowAction } from '../Page';

const KIND_OPTIONS = [{ value: '', label: '전체' }, ...optionsOf(LISTING_KIND)];
const STATUS_OPTIONS = [{ value: '', label: '전체' }, ...optionsOf(LISTING_STATUS)];

type OperatorListing = CatalogListingsQuery['listings']['nodes'][number];

/**
 * Listings across agencies, newest first: operators see every status and filter by it, words and kind on the
 * server. Any listing not archived yet can be taken down (`takeDownListing`: archived, with the reason the
 * agency reads; a published one is hidden first and its subscriptions end, docs/RULES.md §6, §20).
 */
export function OperatorListings() {
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<ListingKind | ''>('');
  const [status, setStatus] = useState<ListingStatus | ''>('');
  const [words] = useDebouncedValue(search.trim(), 300);
  const listings = useApiQuery(CatalogListingsDocument, { search: words || null, kind: kind || null, statuses: status ? [status] : null });
  const takingDown = useRowAction<OperatorListing>();
  const nodes = listings.data?.listings.nodes ?? [];
  return (
    <Page title="상품·서비스">
      <Group align="end">
        <TextInput label="검색" description="제목, 요약, 기관 이름" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <NativeSelect label="종류" data={KIND_OPTIONS} value={kind} onChange={(e) => setKind(e.currentTarget.value as ListingKind | '')} />
        <NativeSelect label="상태" data={STATUS_OPTIONS} value={status} onChange={(e) => setStatus(e.currentTarget.value as ListingStatus | '')} />
      </Group>
      <Confirmation title="보관했습니다" message={takingDown.done} />
      <ErrorMessage error={listings.error} />
      {listings.isPending && <Loading />}
      {listings.data && (
        <Table striped className="nowrap-heads">
          <Table.Caption>
            검색된 {listings.data.listings.totalCount}개 중 최근 {nodes.length}개
          </Table.Caption>
          <ColumnHeads names={['이름', '기관', '종류', '가격', '상태', '수정', '보관 사유', '조치']} />
          <Table.Tbody>
            {nodes.map((listing) => (
              <Table.Tr key={listing.id}>
                <Table.Th scope="row">{listing.title}</Table.Th>
                <Table.Td>{listing.partnerAgency.organization.name}</Table.Td>
                <Table.Td>{LISTING_KIND[listing.kind]}</Table.Td>
                <Table.Td>{won(listing.price)}</Table.Td>
                <Table.Td>
                  <Badge color={LISTING_STATUS_COLOR[listing.status]}>{LISTING_STATUS[listing.status]}</Badge>
                </Table.Td>
                <Table.Td>{kstDateTime(listing.updatedAt)}</Table.Td>
                <Table.Td>{listing.archiveReason}</Table.Td>
                <Table.Td>
                  {listing.status !== 'ARCHIVED' && (
                    <Button size="xs" color="red" variant="outline" onClick={() => takingDown.start(listing)} aria-label={`${listing.title} 보관`}>
                      보관
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <RowActionDialog title={`${takingDown.acting?.title ?? ''} 보관`} action={takingDown}>
        {takingDown.acting && (
          <TakeDownForm
            listing={takingDown.acting}
            onCancel={takingDown.cancel}
            onDone={() => takingDown.finish(`${takingDown.acting!.title}을(를) 보관했습니다.`)}
          />
        )}
      </RowActionDialog>
    </Page>
  );
}

/** The confirmation of a take-down: its reason is required, and what it ends is said before it is sent. */
function TakeDownForm({ listing, onCancel, onDone }: { listing: OperatorListing; onCancel: () => void; onDone: () => void }) {
  const takeDown = useApiMutation(TakeDownListingDocument);
  return (
    <TextForm
      label="보관 사유"
      description={`${listing.partnerAgency.organization.name}에 그대로 보입니다. 보관은 되돌릴 수 없습니다. 게시 중이면 숨긴 뒤 보관하고, 정기 배송이면 구독이 모두 해지됩니다.`}
      missing="보관 사유를 입력해 주세요."
      submitLabel="보관"
      onSubmit={(reason) => takeDown.mutate({ id: listing.id, reason }, { onSuccess: onDone })}
      onCancel={onCancel}
      pending={takeDown.isPending}
      error={takeDown.error}
    />
  );
}
