import { Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { ErrorMessage } from './Page';

/** Hands `csv` (the API's text: UTF-8 with BOM, CRLF) to the browser as a file to save. */
function saveFile(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Later rather than at once: the browser reads the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A button that asks the API for a CSV only when pressed (it is built per request) and saves it as `fileName`. */
export function CsvDownload({ label, fileName, load }: { label: string; fileName: string; load: () => Promise<string> }) {
  const download = useMutation({ mutationFn: load, onSuccess: (csv) => saveFile(fileName, csv) });
  return (
    <Stack gap="xs" align="flex-start">
      <Button variant="default" loading={download.isPending} onClick={() => download.mutate()}>
        {label}
      </Button>
      <ErrorMessage error={download.error} />
    </Stack>
  );
}
