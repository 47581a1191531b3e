import { Code, Table, Text } from '@mantine/core';
import { FailedJobsDocument } from '../generated/graphql';
import { kstDateTime } from '../format';
import { useApiQuery } from '../hooks';
import { ColumnHeads, ErrorMessage, Loading, Page } from '../Page';

/** Background jobs that used up their attempts, newest first, with their last error. */
export function FailedJobs() {
  const jobs = useApiQuery(FailedJobsDocument, {});
  return (
    <Page title="실패한 작업">
      <ErrorMessage error={jobs.error} />
      {jobs.isPending && <Loading />}
      {jobs.data?.jobs.totalCount === 0 && <Text>실패한 작업이 없습니다.</Text>}
      {Boolean(jobs.data?.jobs.totalCount) && (
        <Table>
          <Table.Caption>실패한 작업 {jobs.data!.jobs.totalCount}건 (최근 50건)</Table.Caption>
          <ColumnHeads names={['작업', '시도', '마지막 오류', '종료']} />
          <Table.Tbody>
            {jobs.data!.jobs.nodes.map((job) => (
              <Table.Tr key={job.id}>
                <Table.Th scope="row">
                  <Code>{job.name}</Code>
                </Table.Th>
                <Table.Td>
                  {job.attempts}/{job.maxAttempts}
                </Table.Td>
                <Table.Td>{job.lastError ?? '—'}</Table.Td>
                <Table.Td>{kstDateTime(job.finishedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Page>
  );
}
