import { ActionIcon, Alert, Anchor, Badge, Button, Group, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ExhibitionForm } from '../ExhibitionForm';
import {
  ArchiveExhibitionDocument,
  CatalogListingsDocument,
  ExhibitionDocument,
  PublishExhibitionDocument,
  SetExhibitionListingsDocument,
  type ExhibitionPageFragment,
  type ListingChoiceFragment,
} from '../generated/graphql';
import { kstDateTime, won } from '../format';
import { useApiMutation, useApiQuery } from '../hooks';
import { EXHIBITION_STATUS, EXHIBITION_STATUS_COLOR } from '../labels';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';

/** One exhibition: its page, its listings in curated order, publishing and archiving (docs/RULES.md §19). */
export function ExhibitionDetail({ params }: { params: { slug: string } }) {
  const exhibition = useApiQuery(ExhibitionDocument, { slug: params.slug });
  const [, navigate] = useLocation();
  const publish = useApiMutation(PublishExhibitionDocument);
  const archive = useApiMutation(ArchiveExhibitionDocument);
  const page = exhibition.data?.exhibition;
  return (
    <Page title={page ? `기획전: ${page.title}` : '기획전'}>
      <Anchor component={Link} href="/exhibitions">
        기획전 목록으로
      </Anchor>
      <ErrorMessage error={exhibition.error ?? publish.error ?? archive.error} />
      {exhibition.isPending && <Loading />}
      {exhibition.data && !page && <Text>이 주소의 기획전이 없습니다.</Text>}
      {page && (
        <>
          <Group>
            <Badge color={EXHIBITION_STATUS_COLOR[page.status]}>{EXHIBITION_STATUS[page.status]}</Badge>
            <Text role="status">{page.live ? '지금 진행 중입니다.' : '지금은 진행 중이 아닙니다.'}</Text>
            <Text>
              {kstDateTime(page.startsAt)} ~ {kstDateTime(page.endsAt)}
            </Text>
          </Group>
          <Group>
            {page.status === 'DRAFT' && (
              <Button loading={publish.isPending} onClick={() => publish.mutate({ exhibitionId: page.id })}>
                공개하기
              </Button>
            )}
            {page.status !== 'ARCHIVED' && (
              <Button color="red" variant="outline" loading={archive.isPending} onClick={() => archive.mutate({ exhibitionId: page.id })}>
                종료하기
              </Button>
            )}
          </Group>
          <CuratedListings key={page.id} exhibition={page} />
          <Stack gap="xs" component="section" aria-labelledby="page-heading">
            <Title order={2} size="h4" id="page-heading">
              기획전 정보
            </Title>
            <ExhibitionForm
              key={page.id}
              exhibition={page}
              onSaved={(saved) => saved.slug !== params.slug && navigate(`/exhibitions/${saved.slug}`, { replace: true })}
            />
          </Stack>
        </>
      )}
    </Page>
  );
}

type Move = { id: string; direction: 'up' | 'down' };

const arrowId = (listingId: string, direction: Move['direction']) => `move-${direction}-${listingId}`;

/**
 * The listings in curated order, reordered with buttons (keyboard and screen reader: the focus stays on the
 * moved listing's button and the new place is read out) and saved at once with `setExhibitionListings`.
 */
function CuratedListings({ exhibition }: { exhibition: ExhibitionPageFragment }) {
  const [order, setOrder] = useState<ListingChoiceFragment[]>(exhibition.listings.nodes);
  const [announcement, setAnnouncement] = useState('');
  const [moved, setMoved] = useState<Move | null>(null);
  const save = useApiMutation(SetExhibitionListingsDocument);
  const changed = order.map((listing) => listing.id).join() !== exhibition.listings.nodes.map((listing) => listing.id).join();

  useEffect(() => {
    if (!moved) return;
    const same = document.getElementById(arrowId(moved.id, moved.direction)) as HTMLButtonElement | null;
    const other = document.getElementById(arrowId(moved.id, moved.direction === 'up' ? 'down' : 'up'));
    (same && !same.disabled ? same : other)?.focus();
  }, [moved, order]);

  const move = (index: number, direction: Move['direction']) => {
    const target = direction === 'up' ? index - 1 : index + 1;
    const next = [...order];
    [next[index], next[target]] = [next[target], next[index]];
    setOrder(next);
    setMoved({ id: next[target].id, direction });
    setAnnouncement(`${next[target].title}: ${target + 1}번째로 옮겼습니다.`);
  };
  const remove = (listing: ListingChoiceFragment) => {
    setOrder(order.filter((other) => other.id !== listing.id));
    setAnnouncement(`${listing.title}을(를) 뺐습니다.`);
  };
  const add = (listing: ListingChoiceFragment) => {
    setOrder([...order, listing]);
    setAnnouncement(`${listing.title}을(를) ${order.length + 1}번째로 넣었습니다.`);
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby="listings-heading">
      <Title order={2} size="h4" id="listings-heading">
        상품 {order.length}개 (보이는 순서)
      </Title>
      <Text size="sm">게시 중인 상품만, 활동 중인 기관의 것만 넣을 수 있습니다 (최대 500개).</Text>
      <VisuallyHidden role="status">{announcement}</VisuallyHidden>
      {order.length > 0 && (
        <Table>
          <ColumnHeads names={['순서', '상품', '기관', '가격', '옮기기']} />
          <Table.Tbody>
            {order.map((listing, index) => (
              <Table.Tr key={listing.id}>
                <Table.Td>{index + 1}</Table.Td>
                <Table.Th scope="row">{listing.title}</Table.Th>
                <Table.Td>{listing.partnerAgency.organization.name}</Table.Td>
                <Table.Td>{won(listing.price)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      id={arrowId(listing.id, 'up')}
                      variant="default"
                      disabled={index === 0}
                      onClick={() => move(index, 'up')}
                      aria-label={`${listing.title} 위로`}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      id={arrowId(listing.id, 'down')}
                      variant="default"
                      disabled={index === order.length - 1}
                      onClick={() => move(index, 'down')}
                      aria-label={`${listing.title} 아래로`}
                    >
                      ↓
                    </ActionIcon>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(listing)} aria-label={`${listing.title} 빼기`}>
                      빼기
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ErrorMessage error={save.error} />
      {save.isSuccess && !changed && (
        <Alert color="dure" role="status" title="순서를 저장했습니다">
          상품 {order.length}개를 이 순서로 보여 줍니다.
        </Alert>
      )}
      <Group>
        <Button
          disabled={!changed}
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { exhibitionId: exhibition.id, listingIds: order.map((listing) => listing.id) },
              { onSuccess: (saved) => setOrder(saved.setExhibitionListings.listings.nodes) },
            )
          }
        >
          상품 순서 저장
        </Button>
      </Group>
      <ListingSearch chosen={order} onAdd={add} />
    </Stack>
  );
}

/** Published listings found by words, each added at the end of the order. */
function ListingSearch({ chosen, onAdd }: { chosen: ListingChoiceFragment[]; onAdd: (listing: ListingChoiceFragment) => void }) {
  const [search, setSearch] = useState('');
  const [words] = useDebouncedValue(search.trim(), 300);
  const found = useApiQuery(CatalogListingsDocument, { search: words, partnerAgencyId: null, kind: null }, { enabled: words.length > 0 });
  const candidates = (found.data?.listings.nodes ?? []).filter((listing) => listing.status === 'PUBLISHED' && !chosen.some((other) => other.id === listing.id));
  return (
    <Stack gap="xs">
      <TextInput label="넣을 상품 검색" description="제목, 요약, 기관 이름" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
      <ErrorMessage error={found.error} />
      {found.data && candidates.length === 0 && <Text>더 넣을 게시 중인 상품이 없습니다.</Text>}
      {candidates.length > 0 && (
        <Table>
          <ColumnHeads names={['상품', '기관', '가격', '넣기']} />
          <Table.Tbody>
            {candidates.map((listing) => (
              <Table.Tr key={listing.id}>
                <Table.Th scope="row">{listing.title}</Table.Th>
                <Table.Td>{listing.partnerAgency.organization.name}</Table.Td>
                <Table.Td>{won(listing.price)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" onClick={() => onAdd(listing)} aria-label={`${listing.title} 넣기`}>
                    넣기
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
