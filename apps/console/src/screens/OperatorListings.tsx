import { Badge, Group, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { CatalogListingsDocument, type ListingKind, type ListingStatus } from '../generated/graphql';
import { kstDateTime, won } from '../format';
import { useApiQuery } from '../hooks';
import { LISTING_KIND, LISTING_STATUS, LISTING_STATUS_COLOR, optionsOf } from '../labels';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';

const KIND_OPTIONS = [{ value: '', label: '전체' }, ...optionsOf(LISTING_KIND)];
const STATUS_OPTIONS = [{ value: '', label: '전체' }, ...optionsOf(LISTING_STATUS)];

/**
 * Listings across agencies, newest first (operators see every status). The API filters by words and kind;
 * the status is narrowed among the 100 rows shown. Archiving is the agency's own (operators are FORBIDDEN,
 * `archiveListing`), so this screen only reads.
 */
export function OperatorListings() {
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<ListingKind | ''>('');
  const [status, setStatus] = useState<ListingStatus | ''>('');
  const [words] = useDebouncedValue(search.trim(), 300);
  const listings = useApiQuery(CatalogListingsDocument, { search: words || null, kind: kind || null });
  const nodes = (listings.data?.listings.nodes ?? []).filter((listing) => !status || listing.status === status);
  return (
    <Page title="상품·서비스">
      <Group align="end">
        <TextInput label="검색" description="제목, 요약, 기관 이름" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <NativeSelect label="종류" data={KIND_OPTIONS} value={kind} onChange={(e) => setKind(e.currentTarget.value as ListingKind | '')} />
        <NativeSelect label="상태" data={STATUS_OPTIONS} value={status} onChange={(e) => setStatus(e.currentTarget.value as ListingStatus | '')} />
      </Group>
      <Text size="sm">보관(archive)은 기관의 대표·관리자만 할 수 있어 여기서는 조회만 합니다.</Text>
      <ErrorMessage error={listings.error} />
      {listings.isPending && <Loading />}
      {listings.data && (
        <Table striped className="nowrap-heads">
          <Table.Caption>
            검색된 {listings.data.listings.totalCount}개 중 최근 {listings.data.listings.nodes.length}개
            {status && `, ${LISTING_STATUS[status]} ${nodes.length}개`}
          </Table.Caption>
          <ColumnHeads names={['이름', '기관', '종류', '가격', '상태', '수정']} />
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
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Page>
  );
}
